import { Injectable } from '@nestjs/common';
import type { AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import {
  addMonths,
  asLocalDate,
  compareLocalDates,
  daysBetween,
  localDateOf,
  parseLocalDate,
  type LocalDate,
} from '../core/domain/local-date';
import { Problem } from '../core/errors/problem';
import type { FollowUpClass } from '../contracts/domain/contract-classes';
import type { StoredBand } from '../risks/domain/risk-scoring';
import {
  AuditsRepository,
  PLAN_CONTRACT_COLUMNS,
  PLAN_CONTRACT_READ_COLUMNS,
  type PlanContractRow,
} from './audits.repository';
import { auditPlanStatus, nextAuditDue } from './domain/audit-plan';
import type { AuditPlanDto, AuditPlanItemDto, AuditPlanQuery } from './dto/audit.dto';

export type AuditPlanItem = AuditPlanItemDto;

const BAND_BY_RANK: Record<number, StoredBand> = {
  0: 'ej_bedomd',
  1: 'lag',
  2: 'medel',
  3: 'hog',
  4: 'mycket_hog',
};

/** The widest window one plan request may ask for. */
const MAX_WINDOW_DAYS = 3 * 366;

/**
 * The follow-up plan: for each contract the reader may see (not ended), the next audit's due day
 * from its class and its highest current residual band (domain/audit-plan.ts), read with one
 * query. Items due in [from, to] are listed, and every overdue one whatever the window.
 */
@Injectable()
export class AuditPlanService {
  constructor(
    private readonly repo: AuditsRepository,
    private readonly clock: Clock,
  ) {}

  today(): LocalDate {
    return localDateOf(this.clock.now());
  }

  /** The HTTP route: parses and checks the window, then `plan`. */
  async forQuery(
    query: AuditPlanQuery,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<AuditPlanDto> {
    const today = this.today();
    const from = query.from ? parseLocalDate(query.from) : today;
    const to = query.to ? parseLocalDate(query.to) : from && addMonths(from, 3);
    const errors = [
      ...(from ? [] : [{ field: 'from', messages: ['invalid_date'] }]),
      ...(to || (!query.to && !from) ? [] : [{ field: 'to', messages: ['invalid_date'] }]),
    ];
    if (from && to && compareLocalDates(to, from) < 0)
      errors.push({ field: 'to', messages: ['end_before_start'] });
    if (from && to && daysBetween(from, to) > MAX_WINDOW_DAYS)
      errors.push({ field: 'to', messages: ['window_too_long'] });
    if (errors.length)
      throw Problem.badRequest('Kontrollera planens datum.', 'validation_failed', errors);
    let unitPath: string | undefined;
    if (query.unitId) {
      const path = await this.repo.unitPath(query.unitId);
      if (!path)
        throw Problem.badRequest('Enheten finns inte.', 'validation_failed', [
          { field: 'unitId', messages: ['unknown_unit'] },
        ]);
      unitPath = path;
    }
    const items = await this.plan(user, ability, { from: from!, to: to!, unitPath });
    return { items, today, from: from!, to: to! };
  }

  /**
   * The plan items of the reader's scope due in [from, to], and the overdue ones, by due day.
   * `unitPath` narrows to a subtree. (Exported for the manager dashboard.)
   */
  async plan(
    _user: AuthUser,
    ability: AppAbility,
    window: { from: string; to: string; unitPath?: string },
  ): Promise<AuditPlanItem[]> {
    const today = this.today();
    const rows = await this.repo.planContracts({
      access: accessibleWhere(ability, 'read', 'ContractAudit', PLAN_CONTRACT_COLUMNS),
      contractAccess: accessibleWhere(ability, 'read', 'Contract', PLAN_CONTRACT_READ_COLUMNS),
      today,
      unitPath: window.unitPath,
    });
    return rows
      .map((r) => ({ item: itemOf(r, today), endDate: r.endDate }))
      .filter(
        ({ item: i, endDate }) =>
          i.status === 'overdue' ||
          (i.dueDate >= window.from && i.dueDate <= window.to && i.dueDate <= endDate),
      )
      .map(({ item }) => item)
      .sort(
        (a, b) =>
          a.dueDate.localeCompare(b.dueDate) ||
          a.contractTitle.localeCompare(b.contractTitle, 'sv') ||
          a.contractId.localeCompare(b.contractId),
      );
  }

  /** The next audit of one contract (null when not readable or ended). For the contract page. */
  async forContract(ability: AppAbility, contractId: string): Promise<AuditPlanItem | null> {
    const today = this.today();
    const [row] = await this.repo.planContracts({
      access: accessibleWhere(ability, 'read', 'ContractAudit', PLAN_CONTRACT_COLUMNS),
      contractAccess: accessibleWhere(ability, 'read', 'Contract', PLAN_CONTRACT_READ_COLUMNS),
      today,
      contractId,
    });
    if (!row) return null;
    return itemOf(row, today);
  }
}

function itemOf(r: PlanContractRow, today: LocalDate): AuditPlanItem {
  const lastAuditOn = r.lastAuditOn ? asLocalDate(r.lastAuditOn) : null;
  const band = r.bandRank === null ? null : (BAND_BY_RANK[r.bandRank] ?? 'ej_bedomd');
  let assessedOn: LocalDate = today;
  if (band === 'mycket_hog' && r.veryHighFirstAt && r.veryHighLastAt) {
    // The mycket hög assessment the rule counts from: the earliest one after the last audit when
    // the earliest is (no audit since any of them); otherwise the newest, which the last audit
    // may already have covered (then the rule adds nothing).
    const first = localDateOf(r.veryHighFirstAt);
    assessedOn =
      !lastAuditOn || compareLocalDates(first, lastAuditOn) > 0
        ? first
        : localDateOf(r.veryHighLastAt);
  }
  const due = nextAuditDue({
    followUpClass: r.followUpClass as FollowUpClass,
    contractStartOn: asLocalDate(r.startDate),
    lastAuditOn,
    residual: band === null ? null : { band, assessedOn },
  });
  return {
    contractId: r.contractId,
    contractTitle: r.contractTitle,
    diarienummer: r.diarienummer,
    supplierName: r.supplierName,
    unitId: r.unitId,
    unitName: r.unitName,
    followUpClass: r.followUpClass as FollowUpClass,
    dueDate: due.dueOn,
    reason: due.reason,
    from: due.from,
    status: auditPlanStatus(due.dueOn, today),
    lastAuditOn,
    openAuditId: r.openAuditId,
    residualBand: band,
  };
}
