import { randomUUID } from 'node:crypto';
import type { FindingDecision, FindingSeverity } from '../audits/domain/findings';
import { findingCloseBlockers } from '../audits/domain/findings';
import { AuditFindingEntity } from '../audits/entities/audit-finding.entity';
import { CorrectiveActionEntity } from '../audits/entities/corrective-action.entity';
import type { AuditService } from '../core/audit/audit.service';
import type { Db } from '../core/database/db';
import { addDays, localDateOf, type LocalDate } from '../core/domain/local-date';
import { UserEntity } from '../users/entities/user.entity';
import type { DemoAuditSeed } from './demo-audits';

const HOUR = 3_600_000;

interface DemoAction {
  title: string;
  /** Username of the owner (the demo medarbetare, so "Mina åtgärder" has something). */
  owner: string;
  /** Due in this many days from today (negative: in the past). */
  dueInDays: number;
  status: 'oppen' | 'atgardad' | 'verifierad';
  supplierResponse?: string;
  decision?: { decision: FindingDecision; by: string; daysAgo: number };
}

interface DemoFinding {
  audit: string;
  itemId: string;
  severity: FindingSeverity;
  description: string;
  evidence: string | null;
  actions: DemoAction[];
}

/**
 * Findings and corrective actions in every state, on H4's demo audits' deviations: an open
 * finding with no action yet, one with an overdue open action (and a decision: anmälan till
 * Skatteverket), one with an action reported done (åtgärdad, waiting for verification) next to a
 * verified one, and one closed after every action was verified. Written like the API writes
 * them (same entities, same audit-log actions, no free text in the details).
 */
const FINDINGS: DemoFinding[] = [
  {
    audit: 'ongoingA',
    itemId: 'D15',
    severity: 'vasentlig',
    description:
      'Två av nio personer på arbetsplatsen saknade ID06-kort och fanns inte i personalliggaren.',
    evidence: 'Foto av personalliggaren och anteckningar från stickprovet.',
    actions: [
      {
        title: 'Leverantören redovisar personalliggaren för januari och februari',
        owner: 'medarbetare',
        dueInDays: -3,
        status: 'verifierad',
        supplierResponse: 'Personalliggaren skickad i sin helhet.',
      },
      {
        title: 'Leverantören inför daglig ID06-kontroll vid arbetsstart',
        owner: 'medarbetare',
        dueInDays: 10,
        status: 'atgardad',
        supplierResponse: 'Arbetsledaren kontrollerar ID06 varje morgon och signerar en lista.',
        decision: { decision: 'vite', by: 'Avdelningschef Upphandling och avtal', daysAgo: 4 },
      },
    ],
  },
  {
    audit: 'ongoingA',
    itemId: 'B9',
    severity: 'allvarlig',
    description: 'Arbetsgivaravgifterna för december är inte betalda enligt skattekontot.',
    evidence: 'Utdrag ur skattekontot.',
    actions: [
      {
        title: 'Leverantören visar att arbetsgivaravgifterna för december är betalda',
        owner: 'medarbetare',
        dueInDays: -2,
        status: 'oppen',
        decision: { decision: 'anmalan_skatteverket', by: 'Förvaltningsdirektör', daysAgo: 3 },
      },
    ],
  },
  {
    audit: 'ongoingB',
    itemId: 'F23',
    severity: 'vasentlig',
    description: 'Ändrat bankgironummer togs emot via e-post och registrerades utan kontroll.',
    evidence: null,
    actions: [
      {
        title: 'Kontrollera bankgirot mot leverantörens kända kontaktperson per telefon',
        owner: 'medarbetare',
        dueInDays: -6,
        status: 'verifierad',
        supplierResponse: 'Bankgirot bekräftat av leverantörens ekonomichef.',
        decision: { decision: 'varning', by: 'Enhetschef Avtalsuppföljning', daysAgo: 9 },
      },
    ],
  },
  {
    audit: 'adhocC',
    itemId: 'A2',
    severity: 'mindre',
    description: 'Verklig huvudman saknas i registret; leverantören har ombetts komplettera.',
    evidence: null,
    actions: [],
  },
];

/** Seeds the demo findings; returns how many findings were created. */
export async function seedDemoAuditFindings(
  db: Db,
  audit: AuditService,
  audits: readonly DemoAuditSeed[],
  now: Date,
): Promise<number> {
  const controller = await db.repo(UserEntity).findOneByOrFail({ username: 'controller' });
  const owners = new Map<string, UserEntity>();
  const owner = async (username: string) => {
    const known = owners.get(username);
    if (known) return known;
    const u = await db.repo(UserEntity).findOneByOrFail({ username });
    owners.set(username, u);
    return u;
  };
  const today = localDateOf(now);
  const daysAgo = (n: number): LocalDate => addDays(today, -n);
  let count = 0;
  for (const [i, d] of FINDINGS.entries()) {
    const seed = audits.find((a) => a.name === d.audit);
    if (!seed) throw new Error(`No demo audit ${d.audit}`);
    if (!seed.deviationItems.includes(d.itemId))
      throw new Error(`Demo audit ${d.audit} has no deviation on ${d.itemId}`);
    const createdAt = new Date(seed.startedAt.getTime() + (i + 1) * HOUR);
    const finding: AuditFindingEntity = {
      id: randomUUID(),
      auditId: seed.auditId,
      itemId: d.itemId,
      severity: d.severity,
      description: d.description,
      evidence: d.evidence,
      status: 'oppen',
      riskId: null,
      createdAt,
      createdBy: controller.id,
      closedAt: null,
      updatedAt: createdAt,
      version: 1,
    };
    await db.repo(AuditFindingEntity).insert(finding);
    await audit.record({
      action: 'contract_audit.finding_created',
      actor: controller,
      objectType: 'ContractAudit',
      objectId: seed.auditId,
      details: { source: 'demo', findingId: finding.id, itemId: d.itemId, severity: d.severity },
    });
    const rows: CorrectiveActionEntity[] = [];
    for (const [j, a] of d.actions.entries()) {
      const who = await owner(a.owner);
      const created = new Date(createdAt.getTime() + (j + 1) * HOUR);
      const verifiedAt =
        a.status === 'verifierad' ? new Date(now.getTime() - (2 + j) * 24 * HOUR) : null;
      const row: CorrectiveActionEntity = {
        id: randomUUID(),
        findingId: finding.id,
        title: a.title,
        ownerId: who.id,
        dueDate: addDays(today, a.dueInDays),
        status: a.status,
        supplierResponse: a.supplierResponse ?? null,
        decision: a.decision?.decision ?? null,
        decisionBy: a.decision?.by ?? null,
        decidedOn: a.decision ? daysAgo(a.decision.daysAgo) : null,
        verifiedAt,
        verifiedBy: verifiedAt ? controller.id : null,
        createdAt: created,
        createdBy: controller.id,
        updatedAt: verifiedAt ?? created,
        version: a.status === 'oppen' ? 1 : a.status === 'atgardad' ? 2 : 3,
      };
      rows.push(row);
      await db.repo(CorrectiveActionEntity).insert(row);
      await audit.record({
        action: 'contract_audit.action_created',
        actor: controller,
        objectType: 'ContractAudit',
        objectId: seed.auditId,
        details: {
          source: 'demo',
          findingId: finding.id,
          actionId: row.id,
          ownerId: row.ownerId,
          dueDate: row.dueDate,
          ...(row.decision ? { decision: row.decision } : {}),
        },
      });
      if (a.status !== 'oppen')
        await audit.record({
          action: 'contract_audit.action_updated',
          actor: who,
          objectType: 'ContractAudit',
          objectId: seed.auditId,
          details: {
            source: 'demo',
            findingId: finding.id,
            actionId: row.id,
            changed: ['status', 'supplierResponse'],
            status: 'atgardad',
          },
        });
      if (a.status === 'verifierad')
        await audit.record({
          action: 'contract_audit.action_verified',
          actor: controller,
          objectType: 'ContractAudit',
          objectId: seed.auditId,
          details: { source: 'demo', findingId: finding.id, actionId: row.id },
        });
    }
    // closed exactly when the domain rule says so
    if (
      rows.length &&
      findingCloseBlockers(rows.map((r) => ({ id: r.id, status: r.status as 'verifierad' })))
        .length === 0
    ) {
      const closedAt = rows.reduce<Date>(
        (latest, r) => (r.verifiedAt && r.verifiedAt > latest ? r.verifiedAt : latest),
        createdAt,
      );
      await db
        .repo(AuditFindingEntity)
        .update(
          { id: finding.id },
          { status: 'stangd', closedAt, updatedAt: closedAt, version: 2 },
        );
      await audit.record({
        action: 'contract_audit.finding_closed',
        actor: controller,
        objectType: 'ContractAudit',
        objectId: seed.auditId,
        details: { source: 'demo', findingId: finding.id, actions: rows.length },
      });
    }
    count++;
  }
  return count;
}
