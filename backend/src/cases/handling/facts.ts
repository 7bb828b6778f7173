/**
 * The de-identified fact written when a handler first classifies a case (triage): what the
 * managers' statistics and heatmaps read, and what survives the purge. It holds only codes, the
 * unit at department level and the quarter — no case id, no person, no date finer than a quarter
 * — under a random id, so nothing in it joins back to a case. The case keeps the fact's id only
 * inside its sealed content (to update the fact on reclassification), and loses it with the purge.
 */
import { DEFAULT_TIME_ZONE, localDateOf, partsOf } from '../../core/domain/local-date';
import type { UnitKind } from '../../org/entities/org-unit.entity';
import type { IncidentFactEntity } from '../entities/incident-fact.entity';

/** `2026-Q1`: the calendar quarter of an instant in Europe/Stockholm. */
export function quarterOf(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const { year, month } = partsOf(localDateOf(at, timeZone));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * The department a unit belongs to: the nearest unit of kind `avdelning` on its path (the unit
 * itself included), or the root (the förvaltning) when there is none. `units` are the units on
 * the path, root first.
 */
export function departmentOf(units: ReadonlyArray<{ id: string; kind: UnitKind }>): string {
  if (!units.length) throw new Error('departmentOf: empty path');
  for (let i = units.length - 1; i >= 0; i--) if (units[i].kind === 'avdelning') return units[i].id;
  return units[0].id;
}

/** The fact's fields for a case (no id: the caller draws a random one). */
export function factFields(input: {
  track: string;
  category: string;
  severityBand: string | null;
  departmentId: string;
  receivedAt: Date;
}): Omit<IncidentFactEntity, 'id'> {
  return {
    track: input.track,
    category: input.category,
    severityBand: input.severityBand,
    departmentId: input.departmentId,
    quarter: quarterOf(input.receivedAt),
  };
}
