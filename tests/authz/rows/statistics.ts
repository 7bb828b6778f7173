import { randomUUID } from 'node:crypto';
import { IncidentFactEntity } from '../../../backend/src/cases/entities/incident-fact.entity';
import { asObject, MIXED, type Actor, type MatrixRow, type Scope, type Shape } from '../matrix';

const PUBLISHED = ['count', 'suppressed', 'belowK'];
const HEATMAP: Shape = {
  keys: ['k', 'by', 'from', 'to', 'rows', 'columns', 'cells', 'rowTotals', 'columnTotals', 'total'],
  nested: {
    columns: { keys: ['id', 'label'] },
    cells: { keys: ['category', 'column'], optional: PUBLISHED },
    rowTotals: { keys: ['category'], optional: PUBLISHED },
    columnTotals: { keys: ['column'], optional: PUBLISHED },
    total: { keys: [], optional: PUBLISHED },
  },
};

/** Who reads incident statistics (a function: `MIXED` exists only once matrix.ts has run). */
const readers = (): Actor[] => ['chef', 'internrevisor', 'handlaggare', MIXED];
/** Whether the actor sees department A ("own") or B ("other"). */
const seesDepartment = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED ? scope === 'other' : readers().includes(actor) && scope === 'own';

/** The cell's facts: in a quarter of its own, so cells never see each other's. */
const cells = new Map<string, { departmentId: string; scope: Scope }>();

export function statisticsRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/heatmaps/incidents',
      prepare: async (w, scope) => {
        const n = Number(w.unique('q').split('-').pop());
        const quarter = `${2200 + n}-Q2`;
        const dept = w.dept(scope);
        await w.t.db.transaction(async () => {
          for (let i = 0; i < 6; i++)
            await w.t.db.repo(IncidentFactEntity).insert({
              id: randomUUID(),
              track: 'paverkan',
              category: 'hot',
              severityBand: null,
              departmentId: dept.id,
              quarter,
            });
        });
        const path = `/api/heatmaps/incidents?from=${quarter}&to=${quarter}`;
        cells.set(path, { departmentId: dept.id, scope });
        return { path };
      },
      expect: (actor) => (readers().includes(actor) ? 'allow' : 'deny'),
      ok: 200,
      shape: HEATMAP,
      check: (body, r, _w, actor) => {
        const { departmentId, scope } = cells.get(r.path)!;
        const b = asObject(body) as {
          columns: Array<{ id: string }>;
          cells: Array<{ category: string; column: string; count?: number }>;
        };
        const column = b.columns.some((c) => c.id === departmentId);
        const hot = b.cells.find((c) => c.category === 'hot' && c.column === departmentId);
        if (seesDepartment(actor, scope)) {
          if (!column || hot?.count !== 6)
            throw new Error(
              `${actor} should see the 6 facts of its department, got ${JSON.stringify(hot)}`,
            );
        } else if (column || hot) {
          throw new Error(`${actor} sees a department outside its scope`);
        }
      },
    },
  ];
}
