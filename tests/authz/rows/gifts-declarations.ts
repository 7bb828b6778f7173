import { randomUUID } from 'node:crypto';
import { ContractAuditEntity } from '../../../backend/src/audits/entities/contract-audit.entity';
import { newContract } from '../../../backend/src/contracts/contract-rules';
import { generateOrganisationNumber } from '../../../backend/src/contracts/domain/organisation-number';
import { ContractEntity } from '../../../backend/src/contracts/entities/contract.entity';
import { DEFAULT_GIFT_GUIDE_RULES } from '../../../backend/src/guidance/domain/gift-guide.rules';
import { DeclarationInterestEntity } from '../../../backend/src/guidance/declarations/entities/declaration-interest.entity';
import { DeclarationEntity } from '../../../backend/src/guidance/declarations/entities/declaration.entity';
import { GiftEntryEntity } from '../../../backend/src/guidance/gifts/entities/gift-entry.entity';
import { SupplierEntity } from '../../../backend/src/suppliers/entities/supplier.entity';
import { newSupplier } from '../../../backend/src/suppliers/new-supplier';
import {
  type Actor,
  asObject,
  type Expectation,
  everyone,
  items,
  type Json,
  MIXED,
  type MatrixRow,
  only,
  type Scope,
  sameRow,
  type Shape,
  sql,
  str,
  type World,
} from '../matrix';

/**
 * Gift register entries and jäv declarations belong to a person and their unit: the person
 * reads their own, a chef reads and decides in their subtree (never their own), an auditor reads
 * the scope, and nobody else — controllers and administrators included — sees any of it. The
 * fixtures belong to a bystander of the scope's unit, so for everyone but the chef and auditor of
 * department A (and the mixed actor, chef of B) the rows are hidden: 404, and absent from lists.
 * The guide itself is everyone's; only administrators save new rules.
 */
const readsIn = (actor: Actor, scope: Scope): boolean =>
  actor === MIXED
    ? scope === 'other'
    : ['chef', 'internrevisor'].includes(actor) && scope === 'own';
const reads = (actor: Actor, scope: Scope): Expectation =>
  readsIn(actor, scope) ? 'allow' : 'deny';
const decides = (actor: Actor, scope: Scope): Expectation =>
  (actor === 'chef' && scope === 'own') || (actor === MIXED && scope === 'other')
    ? 'allow'
    : 'deny';
/**
 * The decision routes let managers through (the rest have no update rule at all: 403); a chef's
 * row outside the subtree is hidden (404), a readable one not theirs to decide is 403.
 */
const decideDenied = (actor: Actor, scope: Scope): 403 | 404 =>
  actor === 'chef' || actor === MIXED ? (readsIn(actor, scope) ? 403 : 404) : 403;

async function visibleRow(w: World, actor: Actor, row: Json): Promise<boolean> {
  if (row['userId'] === w.actorId(actor)) return true;
  const unitId = str(row['unitId']);
  if (actor === MIXED) return w.inSubtree(unitId, w.b);
  return ['chef', 'internrevisor'].includes(actor) && w.inSubtree(unitId, w.a);
}

const PERSON: Shape = { keys: ['id', 'name'] };
const STEP_SHAPE: Shape = { keys: ['flags'], optional: ['next', 'outcome', 'reason'] };
const QUESTION: Shape = {
  keys: ['id', 'number', 'text', 'help', 'yes', 'no'],
  nested: { yes: STEP_SHAPE, no: STEP_SHAPE },
};
const OUTCOME_TEXT: Shape = { keys: ['title', 'text'] };
const RULES: Shape = {
  keys: ['version', 'createdAt', 'start', 'questions', 'outcomes'],
  nested: {
    questions: QUESTION,
    outcomes: {
      keys: ['A', 'B', 'C', 'D'],
      nested: { A: OUTCOME_TEXT, B: OUTCOME_TEXT, C: OUTCOME_TEXT, D: OUTCOME_TEXT },
    },
  },
};
const GIFT: Shape = {
  keys: [
    'id',
    'userId',
    'userName',
    'unitId',
    'unitName',
    'giverName',
    'giverOrganisationNumber',
    'supplierId',
    'supplierName',
    'relation',
    'description',
    'estimatedValue',
    'receivedOn',
    'outcome',
    'guideVersion',
    'path',
    'flags',
    'status',
    'decision',
    'decisionMotivation',
    'decidedBy',
    'decidedAt',
    'createdAt',
    'canDecide',
  ],
  nested: { path: { keys: ['question', 'answer'] }, decidedBy: PERSON },
};
const DECLARATION: Shape = {
  keys: [
    'id',
    'seriesId',
    'version',
    'userId',
    'userName',
    'unitId',
    'unitName',
    'type',
    'signedOn',
    'signedAt',
    'roleTitle',
    'caseReference',
    'caseDescription',
    'partyName',
    'partyOrganisationNumber',
    'interests',
    'claimedGround',
    'ownAssessment',
    'proposedHandling',
    'status',
    'current',
    'supersededBy',
    'validity',
    'decision',
    'canDecide',
  ],
  nested: {
    interests: { keys: ['kind', 'description', 'organisationNumber', 'organisationName'] },
    validity: { keys: ['state', 'validThrough', 'daysLeft'] },
    decision: {
      keys: ['handling', 'motivation', 'decidedBy', 'decidedAt'],
      nested: { decidedBy: PERSON },
    },
  },
};

/** A B entry (waiting for a decision) of a bystander of the scope's unit. */
async function freshGift(w: World, scope: Scope): Promise<GiftEntryEntity> {
  const owner = await w.t.user(w.unique('givare-mottagare'), w.unit(scope));
  const g: GiftEntryEntity = {
    id: randomUUID(),
    userId: owner.id,
    unitId: w.unit(scope).id,
    giverName: 'Konferensbolaget AB',
    giverOrganisationNumber: null,
    supplierId: null,
    relation: 'ingen',
    description: 'Två biljetter till en konsert',
    estimatedValue: 1200,
    receivedOn: '2026-01-15',
    outcome: 'B',
    guideVersion: 1,
    guidePath: JSON.stringify([
      { question: 'pengar', answer: 'no' },
      { question: 'givaren_har_intresse', answer: 'no' },
      { question: 'mer_an_obetydligt_varde', answer: 'no' },
      { question: 'resa_noje_evenemang', answer: 'yes' },
    ]),
    guideFlags: '',
    status: 'vantar_beslut',
    decision: null,
    decisionMotivation: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: new Date(),
  };
  await w.t.dataSource.getRepository(GiftEntryEntity).insert(g);
  return g;
}

/** A current annual declaration of a bystander of the scope's unit, naming a company. */
async function freshDeclaration(w: World, scope: Scope): Promise<DeclarationEntity> {
  const owner = await w.t.user(w.unique('deklarant'), w.unit(scope));
  const id = randomUUID();
  const d: DeclarationEntity = {
    id,
    seriesId: id,
    version: 1,
    userId: owner.id,
    unitId: w.unit(scope).id,
    type: 'arlig',
    signedOn: '2026-01-10',
    signedAt: new Date(),
    validThrough: '2027-01-09',
    roleTitle: 'Handläggare',
    caseReference: null,
    caseDescription: null,
    partyName: null,
    partyOrganisationNumber: null,
    claimedGround: 'slaktskapsjav',
    ownAssessment: null,
    proposedHandling: 'avsta',
    status: 'inlamnad',
    supersededBy: null,
    supersededAt: null,
    decisionHandling: null,
    decisionMotivation: null,
    decidedBy: null,
    decidedAt: null,
    reminderStep: null,
  };
  await w.t.dataSource.getRepository(DeclarationEntity).insert(d);
  const interest: DeclarationInterestEntity = {
    id: randomUUID(),
    declarationId: id,
    position: 0,
    kind: 'narstaendes_intressen',
    description: 'Min bror äger ett städbolag.',
    organisationNumber: generateOrganisationNumber(Math.random),
    organisationName: 'Broderns Städ AB',
  };
  await w.t.dataSource.getRepository(DeclarationInterestEntity).insert(interest);
  return d;
}

/** An audit of a contract of the scope's unit, started by the controller of department A. */
async function freshAudit(w: World, scope: Scope): Promise<string> {
  const s = newSupplier(
    {
      name: w.unique('Granskad lev'),
      organisationNumber: generateOrganisationNumber(Math.random),
      createdBy: w.actorId('avtalscontroller'),
    },
    new Date(),
  );
  await w.t.dataSource.getRepository(SupplierEntity).insert(s);
  const { contract } = newContract(
    {
      title: w.unique('Granskat avtal'),
      diarienummer: w.unique('DNR-G'),
      supplierId: s.id,
      sector: 'stad',
      annualValue: 300_000,
      startDate: '2025-01-01',
      endDate: '2030-12-31',
      unitId: w.unit(scope).id,
      followUpClass: 'B',
      maxSubcontractorTiers: 0,
      createdBy: w.actorId('avtalscontroller'),
    },
    [],
    new Date(),
  );
  await w.t.dataSource.getRepository(ContractEntity).insert(contract);
  const [tpl] = await sql<{ id: string }>(
    w,
    'SELECT id FROM checklist_templates ORDER BY version LIMIT 1',
  );
  const audit: ContractAuditEntity = {
    id: randomUUID(),
    contractId: contract.id,
    templateId: tpl.id,
    kind: 'planerad',
    status: 'pagaende',
    startedAt: new Date(),
    startedBy: w.actorId('avtalscontroller'),
    completedOn: null,
    signedAt: null,
    version: 1,
    updatedAt: new Date(),
  };
  await w.t.dataSource.getRepository(ContractAuditEntity).insert(audit);
  return audit.id;
}

const B_ANSWERS = {
  pengar: 'no',
  givaren_har_intresse: 'no',
  mer_an_obetydligt_varde: 'no',
  resa_noje_evenemang: 'yes',
};

export function giftsDeclarationsRows(): MatrixRow[] {
  return [
    {
      route: 'GET /api/gift-guide',
      prepare: () => ({ path: '/api/gift-guide' }),
      expect: everyone,
      ok: 200,
      shape: RULES,
    },
    {
      route: 'GET /api/gift-guide/versions/:version',
      prepare: () => ({ path: '/api/gift-guide/versions/1' }),
      expect: everyone,
      ok: 200,
      shape: RULES,
      check: (body) => {
        const b = asObject(body) as { version: number; questions: unknown[] };
        if (b.version !== 1 || b.questions.length !== DEFAULT_GIFT_GUIDE_RULES.questions.length)
          throw new Error('not version 1');
      },
    },
    {
      route: 'POST /api/gift-guide/evaluate',
      prepare: () => ({ path: '/api/gift-guide/evaluate', body: { answers: B_ANSWERS } }),
      expect: everyone,
      ok: 200,
      shape: {
        keys: [
          'version',
          'complete',
          'outcome',
          'outcomeText',
          'reasons',
          'path',
          'flags',
          'followUps',
          'next',
        ],
        nested: {
          outcomeText: OUTCOME_TEXT,
          reasons: { keys: ['question', 'number', 'answer', 'text'] },
          path: { keys: ['question', 'number', 'text', 'answer'] },
          followUps: { keys: ['giftRegister', 'influenceReport'] },
        },
      },
      check: (body) => {
        if (asObject(body)['outcome'] !== 'B') throw new Error('not outcome B');
      },
    },
    {
      route: 'PUT /api/gift-guide/rules',
      // the current rules saved again unchanged, as the next version
      prepare: async (w) => {
        const [row] = await sql<{ version: number; definition: string }>(
          w,
          'SELECT version, definition FROM gift_guide_versions ORDER BY version DESC LIMIT 1',
        );
        const rules = JSON.parse(row.definition) as typeof DEFAULT_GIFT_GUIDE_RULES;
        return {
          path: '/api/gift-guide/rules',
          body: {
            baseVersion: Number(row.version),
            start: rules.start,
            questions: rules.questions,
            outcomes: rules.outcomes,
          },
        };
      },
      expect: only('administrator', MIXED),
      ok: 200,
      shape: RULES,
      check: (body, r) => {
        if (asObject(body)['version'] !== Number(r.body?.['baseVersion']) + 1)
          throw new Error('not the next version');
      },
    },
    {
      route: 'GET /api/gifts',
      prepare: async (w, scope) => ({
        path: '/api/gifts?limit=100&status=vantar_beslut',
        marker: (await freshGift(w, scope)).id,
      }),
      expect: everyone,
      ok: 200,
      shape: { keys: ['items', 'nextCursor'], nested: { items: GIFT } },
      list: { rows: items, visible: visibleRow, markerVisible: readsIn },
    },
    {
      route: 'GET /api/gifts/givers',
      prepare: async (w) => {
        const name = w.unique('Givarlev');
        const s = newSupplier(
          {
            name,
            organisationNumber: generateOrganisationNumber(Math.random),
            createdBy: w.actorId('avtalscontroller'),
          },
          new Date(),
        );
        await w.t.dataSource.getRepository(SupplierEntity).insert(s);
        return { path: `/api/gifts/givers?q=${encodeURIComponent(name)}`, marker: s.id };
      },
      expect: everyone,
      ok: 200,
      shape: PERSON,
      check: (body, r) => {
        const rows = body as Json[];
        if (rows.length !== 1 || rows[0]['id'] !== r.marker) throw new Error('not the supplier');
      },
    },
    {
      route: 'GET /api/gifts/:id',
      prepare: async (w, scope) => ({ path: `/api/gifts/${(await freshGift(w, scope)).id}` }),
      expect: reads,
      denied: () => 404,
      ok: 200,
      shape: GIFT,
      check: (body, r, _w, actor) => {
        sameRow(body, r);
        if (asObject(body)['canDecide'] !== (actor === 'chef' || actor === MIXED))
          throw new Error(`canDecide for ${actor}`);
      },
    },
    {
      route: 'POST /api/gifts',
      prepare: (w) => ({
        path: '/api/gifts',
        body: {
          giverName: w.unique('Givare'),
          relation: 'ingen',
          description: 'En flaska vin',
          estimatedValue: 300,
          receivedOn: '2026-01-20',
          answers: B_ANSWERS,
        },
      }),
      expect: everyone,
      ok: 201,
      shape: GIFT,
      check: (body, _r, w, actor) => {
        const b = asObject(body);
        if (
          b['userId'] !== w.actorId(actor) ||
          b['outcome'] !== 'B' ||
          b['status'] !== 'vantar_beslut'
        )
          throw new Error('not an own B entry');
      },
    },
    {
      route: 'POST /api/gifts/:id/decision',
      prepare: async (w, scope) => ({
        path: `/api/gifts/${(await freshGift(w, scope)).id}/decision`,
        body: { decision: 'avbojd', motivation: 'Vi tackar nej till evenemang.' },
      }),
      expect: decides,
      denied: decideDenied,
      ok: 200,
      shape: GIFT,
      check: (body, r, w, actor) => {
        sameRow(body, { path: r.path.replace('/decision', '') });
        const b = asObject(body) as { status: string; decidedBy: { id: string } };
        if (b.status !== 'beslutad' || b.decidedBy.id !== w.actorId(actor))
          throw new Error('not decided by the actor');
      },
    },
    {
      route: 'GET /api/declarations',
      prepare: async (w, scope) => ({
        path: '/api/declarations?limit=100&status=inlamnad&current=true',
        marker: (await freshDeclaration(w, scope)).id,
      }),
      expect: everyone,
      ok: 200,
      shape: { keys: ['items', 'nextCursor'], nested: { items: DECLARATION } },
      list: { rows: items, visible: visibleRow, markerVisible: readsIn },
    },
    {
      route: 'GET /api/declarations/coverage',
      // a unit of its own with one person in it: listed exactly for those who read there
      prepare: async (w, scope) => {
        const unit = await w.t.unit(w.unique('Täckning'), w.dept(scope));
        const person = await w.t.user(w.unique('tackt'), unit);
        return { path: `/api/declarations/coverage?unitId=${unit.id}`, marker: person.id };
      },
      expect: everyone,
      ok: 200,
      shape: {
        keys: ['today', 'counts', 'items', 'nextCursor'],
        nested: {
          counts: { keys: ['current', 'due_soon', 'expired', 'missing', 'total'] },
          items: {
            keys: [
              'userId',
              'name',
              'unitId',
              'unitName',
              'state',
              'validThrough',
              'declarationId',
              'awaitingDecision',
            ],
          },
        },
      },
      list: {
        rows: (body) => items(body).map((x) => ({ ...x, id: x['userId'] })),
        visible: visibleRow,
        markerVisible: readsIn,
      },
      check: (body) => {
        const b = asObject(body) as { counts: { total: number }; items: unknown[] };
        if (b.counts.total !== b.items.length) throw new Error('counts count hidden people');
      },
    },
    {
      route: 'GET /api/declarations/:id',
      prepare: async (w, scope) => ({
        path: `/api/declarations/${(await freshDeclaration(w, scope)).id}`,
      }),
      expect: reads,
      denied: () => 404,
      ok: 200,
      shape: DECLARATION,
      check: (body, r) => sameRow(body, r),
    },
    {
      route: 'POST /api/declarations',
      prepare: () => ({
        path: '/api/declarations',
        body: {
          type: 'nytt_uppdrag',
          caseDescription: 'Utvärdering av anbud för städtjänster',
          interests: [],
          claimedGround: 'inget',
          proposedHandling: 'ingen_atgard',
          affirmed: true,
        },
      }),
      expect: everyone,
      ok: 201,
      shape: DECLARATION,
      check: (body, _r, w, actor) => {
        const b = asObject(body);
        if (b['userId'] !== w.actorId(actor) || b['status'] !== 'inlamnad')
          throw new Error('not an own declaration');
      },
    },
    {
      route: 'POST /api/declarations/:id/decision',
      prepare: async (w, scope) => ({
        path: `/api/declarations/${(await freshDeclaration(w, scope)).id}/decision`,
        body: { handling: 'omfordela', motivation: 'Ärendet lämnas till en kollega.' },
      }),
      expect: decides,
      denied: decideDenied,
      ok: 200,
      shape: DECLARATION,
      check: (body, r, w, actor) => {
        sameRow(body, { path: r.path.replace('/decision', '') });
        const b = asObject(body) as { status: string; decision: { decidedBy: { id: string } } };
        if (b.status !== 'beslutad' || b.decision.decidedBy.id !== w.actorId(actor))
          throw new Error('not decided by the actor');
      },
    },
    {
      route: 'GET /api/audits/:id/declarations',
      prepare: async (w, scope) => ({
        path: `/api/audits/${await freshAudit(w, scope)}/declarations`,
      }),
      expect: (actor, scope) =>
        actor === MIXED
          ? scope === 'other'
            ? 'allow'
            : 'deny'
          : ['avtalscontroller', 'chef', 'internrevisor'].includes(actor) && scope === 'own'
            ? 'allow'
            : 'deny',
      denied: (actor) =>
        ['avtalscontroller', 'chef', 'internrevisor', MIXED].includes(actor) ? 404 : 403,
      ok: 200,
      shape: {
        keys: ['items'],
        nested: {
          items: {
            keys: [
              'userId',
              'name',
              'role',
              'declarationValidUntil',
              'declarationState',
              'declaredInterestInSupplier',
            ],
          },
        },
      },
      check: (body, _r, w) => {
        const rows = items(body);
        if (rows.length !== 1 || rows[0]['userId'] !== w.actorId('avtalscontroller'))
          throw new Error('not the one participant');
      },
    },
  ];
}
