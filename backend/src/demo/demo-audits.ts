import { randomUUID } from 'node:crypto';
import { newAudit } from '../audits/audit-factory';
import { templateOf } from '../audits/checklists.service';
import type { AuditAnswer } from '../audits/domain/audit-answers';
import { checklistItems, DEFAULT_CHECKLIST_TEMPLATE } from '../audits/domain/checklist-template';
import type { AuditKind } from '../audits/dto/audit.dto';
import { AuditAnswerEntity } from '../audits/entities/audit-answer.entity';
import { AuditSignOffEntity } from '../audits/entities/audit-sign-off.entity';
import { ChecklistTemplateEntity } from '../audits/entities/checklist-template.entity';
import { ContractAuditEntity } from '../audits/entities/contract-audit.entity';
import { ContractEntity } from '../contracts/entities/contract.entity';
import type { AuditService } from '../core/audit/audit.service';
import type { Db } from '../core/database/db';
import { insertChunks } from '../core/database/sql';
import { localDateOf } from '../core/domain/local-date';
import { RoleAssignmentEntity } from '../users/entities/role-assignment.entity';
import { UserEntity } from '../users/entities/user.entity';

const DAY = 86_400_000;

/** What one demo audit became: H5's findings/actions demo builds on these (demo-findings). */
export interface DemoAuditSeed {
  /** A stable name for the case, e.g. `ongoingA`. */
  name: string;
  auditId: string;
  contractId: string;
  followUpClass: string;
  status: 'pagaende' | 'klar' | 'signerad';
  startedAt: Date;
  signedAt: Date | null;
  /** Items answered `avvikelse` (ongoing audits only: a signed audit has a finding for each). */
  deviationItems: string[];
}

interface Plan {
  name: string;
  followUpClass: 'A' | 'B' | 'C';
  kind: AuditKind;
  startedDaysAgo: number;
  /** How many items (in order) are answered; 'all' for every one. */
  answered: number | 'all';
  deviations: string[];
  notApplicable: string[];
  /** Days ago the controller and (class A) the chef signed; null: not signed. */
  signedDaysAgo: number | null;
}

/**
 * Completed (signed) and ongoing audits on class A, B and C contracts of the demo controller's
 * scope (Upphandling och avtal), one of them long enough ago that its contract is overdue in the
 * plan. Class A sign-offs need a manager over the unit, so the head of Upphandling (a colleague
 * without a password) is given the chef role there. Written with the audits' own factory and
 * audit-log entries like the API writes (no free text in the details).
 */
/** How long ago the history audits were signed, per class: a third of the cadence or less. */
const HISTORY_DAYS_AGO = { A: 20, B: 60, C: 120 } as const;

const PLANS: Plan[] = [
  {
    name: 'signedA',
    followUpClass: 'A',
    kind: 'planerad',
    startedDaysAgo: 75,
    answered: 'all',
    deviations: [],
    notApplicable: ['D18'],
    signedDaysAgo: 68,
  },
  {
    name: 'overdueA',
    followUpClass: 'A',
    kind: 'planerad',
    startedDaysAgo: 215,
    answered: 'all',
    deviations: [],
    notApplicable: ['D18', 'C12'],
    signedDaysAgo: 205,
  },
  {
    name: 'ongoingA',
    followUpClass: 'A',
    kind: 'planerad',
    startedDaysAgo: 6,
    answered: 16,
    deviations: ['B9', 'D15'],
    notApplicable: [],
    signedDaysAgo: null,
  },
  {
    name: 'signedB',
    followUpClass: 'B',
    kind: 'planerad',
    startedDaysAgo: 190,
    answered: 'all',
    deviations: [],
    notApplicable: ['D18', 'C12', 'C13'],
    signedDaysAgo: 184,
  },
  {
    name: 'ongoingB',
    followUpClass: 'B',
    kind: 'planerad',
    startedDaysAgo: 12,
    answered: 24,
    deviations: ['F23'],
    notApplicable: ['D18'],
    signedDaysAgo: null,
  },
  {
    name: 'signedC',
    followUpClass: 'C',
    kind: 'planerad',
    startedDaysAgo: 320,
    answered: 'all',
    deviations: [],
    notApplicable: ['C11', 'C12', 'C13', 'D18'],
    signedDaysAgo: 310,
  },
  {
    name: 'adhocC',
    followUpClass: 'C',
    kind: 'adhoc',
    startedDaysAgo: 2,
    answered: 5,
    deviations: ['A2'],
    notApplicable: [],
    signedDaysAgo: null,
  },
];

const NOTES: Record<string, string> = {
  A1: 'Registreringsbevis hämtat från Bolagsverket.',
  A2: 'Verklig huvudman saknas i registret; begärt komplettering.',
  B7: 'Kontrollsvar från Skatteverket: F-skatt och arbetsgivarregistrering finns.',
  B9: 'Arbetsgivaravgifter för december saknas på skattekontot.',
  D15: 'Stickprov på arbetsplatsen: två av nio personer saknade ID06-kort.',
  F23: 'Bankgiro ändrat via e-post utan verifiering i annan kanal.',
};

export async function seedDemoAudits(
  db: Db,
  audit: AuditService,
  unitId: (key: string) => string,
  now: Date,
): Promise<DemoAuditSeed[]> {
  const controller = await db.repo(UserEntity).findOneByOrFail({ username: 'controller' });
  const head = await db.repo(UserEntity).findOneByOrFail({ username: 'amira.haddad' });
  await db.repo(RoleAssignmentEntity).insert({
    id: randomUUID(),
    userId: head.id,
    role: 'chef',
    unitId: unitId('upphandling'),
    createdAt: now,
    createdBy: null,
  });
  const templateRow = await db.repo(ChecklistTemplateEntity).findOneByOrFail({
    key: DEFAULT_CHECKLIST_TEMPLATE.key,
    version: 1,
  });
  const template = templateOf(templateRow);
  const items = checklistItems(template).map((i) => i.id);
  const scope = new Set(['upphandling', 'upph', 'avtalsuppfoljning'].map(unitId));
  const today = localDateOf(now);
  const contracts = (await db.repo(ContractEntity).find({ order: { diarienummer: 'ASC' } })).filter(
    (c) => scope.has(c.unitId) && c.endDate >= today,
  );
  const used = new Set<string>();
  const seeds: DemoAuditSeed[] = [];
  // Every other running contract of the scope has its last audit signed well inside its cadence,
  // so the plan shows the follow-up as it would be in a register kept up to date — with the one
  // overdue audit above — rather than every contract overdue for want of history.
  const history: Plan[] = contracts.slice(PLANS.length).map((c, i) => {
    const signedDaysAgo = HISTORY_DAYS_AGO[c.followUpClass as 'A' | 'B' | 'C'] + (i % 9) * 3;
    return {
      name: `history-${i}`,
      followUpClass: c.followUpClass as 'A' | 'B' | 'C',
      kind: 'planerad',
      startedDaysAgo: signedDaysAgo + 4,
      answered: 'all',
      deviations: [],
      notApplicable: ['D18'],
      signedDaysAgo,
    };
  });
  for (const p of [...PLANS, ...history]) {
    const startedAt = new Date(now.getTime() - p.startedDaysAgo * DAY);
    const contract = contracts.find(
      (c) =>
        c.followUpClass === p.followUpClass &&
        !used.has(c.id) &&
        c.startDate <= localDateOf(startedAt),
    );
    if (!contract && p.name.startsWith('history-')) continue;
    if (!contract) throw new Error(`No demo contract of class ${p.followUpClass} for ${p.name}`);
    used.add(contract.id);
    const { audit: row, answers } = newAudit(
      {
        contractId: contract.id,
        templateId: templateRow.id,
        kind: p.kind,
        startedBy: controller.id,
      },
      template,
      startedAt,
    );
    const count = p.answered === 'all' ? items.length : p.answered;
    const answeredItems = new Set(items.slice(0, count));
    for (const d of p.deviations) answeredItems.add(d);
    answers.forEach((a, i) => {
      if (!answeredItems.has(a.itemId)) return;
      const answer: AuditAnswer = p.deviations.includes(a.itemId)
        ? 'avvikelse'
        : p.notApplicable.includes(a.itemId)
          ? 'ej_tillampligt'
          : 'uppfyllt';
      const at = new Date(startedAt.getTime() + (1 + (i % 4)) * 3_600_000);
      Object.assign(a, {
        answer,
        note: NOTES[a.itemId] ?? '',
        checkedOn: localDateOf(at),
        version: 1,
        updatedAt: at,
        updatedBy: controller.id,
      } satisfies Partial<AuditAnswerEntity>);
    });
    const signOffs: AuditSignOffEntity[] = [];
    if (p.signedDaysAgo !== null) {
      const signedAt = new Date(now.getTime() - p.signedDaysAgo * DAY);
      signOffs.push({
        id: randomUUID(),
        auditId: row.id,
        role: 'avtalscontroller',
        userId: controller.id,
        signedAt,
      });
      if (p.followUpClass === 'A')
        signOffs.push({
          id: randomUUID(),
          auditId: row.id,
          role: 'chef',
          userId: head.id,
          signedAt: new Date(signedAt.getTime() + 2 * 3_600_000),
        });
      const last = signOffs[signOffs.length - 1].signedAt;
      Object.assign(row, {
        status: 'signerad',
        completedOn: localDateOf(last),
        signedAt: last,
        version: signOffs.length,
        updatedAt: last,
      } satisfies Partial<ContractAuditEntity>);
    }
    await db.repo(ContractAuditEntity).insert(row);
    for (const chunk of insertChunks(answers, 9)) await db.repo(AuditAnswerEntity).insert(chunk);
    if (signOffs.length) await db.repo(AuditSignOffEntity).insert(signOffs);
    await audit.record({
      action: 'contract_audit.started',
      actor: controller,
      objectType: 'ContractAudit',
      objectId: row.id,
      details: {
        source: 'demo',
        contractId: contract.id,
        unitId: contract.unitId,
        templateId: templateRow.id,
        templateVersion: templateRow.version,
        kind: row.kind,
      },
    });
    for (const a of answers.filter((x) => x.version > 0))
      await audit.record({
        action: 'contract_audit.answer_saved',
        actor: controller,
        objectType: 'ContractAudit',
        objectId: row.id,
        details: {
          source: 'demo',
          itemId: a.itemId,
          answer: a.answer,
          noted: a.note !== '',
          checkedOn: a.checkedOn,
          version: 1,
        },
      });
    for (const s of signOffs)
      await audit.record({
        action: 'contract_audit.signed_off',
        actor: s.userId === head.id ? head : controller,
        objectType: 'ContractAudit',
        objectId: row.id,
        details: {
          source: 'demo',
          role: s.role,
          status: s === signOffs[signOffs.length - 1] ? 'signerad' : 'klar',
          contractId: contract.id,
        },
      });
    if (p.name.startsWith('history-')) continue;
    seeds.push({
      name: p.name,
      auditId: row.id,
      contractId: contract.id,
      followUpClass: contract.followUpClass,
      status: row.status as DemoAuditSeed['status'],
      startedAt,
      signedAt: row.signedAt,
      deviationItems: p.signedDaysAgo === null ? [...p.deviations] : [],
    });
  }
  return seeds;
}
