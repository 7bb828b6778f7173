import { Injectable } from '@nestjs/common';
import { auditPlanStatus, nextAuditDue } from '../audits/domain/audit-plan';
import type { AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import type { AuthUser } from '../core/authz/roles';
import { localDateOf, type LocalDate } from '../core/domain/local-date';
import { CONTRACT_COLUMNS } from '../contracts/contracts.repository';
import type { FollowUpClass } from '../contracts/domain/contract-classes';
import type { StoredBand } from '../risks/domain/risk-scoring';
import { DashboardsRepository } from './dashboards.repository';
import type { DashboardContractDueListDto } from './dto/dashboard.dto';

export type ContractsDue = DashboardContractDueListDto;

/**
 * "Contracts due for follow-up": the readable running contracts of the subtree whose next audit
 * (audits/domain/audit-plan.ts) is overdue or due within 30 days, earliest first.
 */
@Injectable()
export class ContractsDueSource {
  constructor(private readonly repo: DashboardsRepository) {}

  async due(
    _user: AuthUser,
    ability: AppAbility,
    q: { unitPath: string; today: LocalDate; limit: number },
  ): Promise<ContractsDue> {
    const rows = await this.repo.contractsForPlan(
      accessibleWhere(ability, 'read', 'Contract', CONTRACT_COLUMNS),
      q.unitPath,
      q.today,
    );
    const due = rows
      .map((c) => {
        const next = nextAuditDue({
          followUpClass: c.followUpClass as FollowUpClass,
          contractStartOn: c.startDate as LocalDate,
          lastAuditOn: null,
          residual:
            c.band && c.assessedAt
              ? { band: c.band as StoredBand, assessedOn: localDateOf(c.assessedAt) }
              : null,
        });
        return {
          contractId: c.id,
          contractTitle: c.title,
          supplierName: c.supplierName,
          followUpClass: c.followUpClass,
          dueDate: next.dueOn,
          reason: next.reason,
          status: auditPlanStatus(next.dueOn, q.today),
        };
      })
      .filter((c): c is typeof c & { status: 'overdue' | 'due_soon' } => c.status !== 'planned')
      .sort((a, b) =>
        a.dueDate < b.dueDate
          ? -1
          : a.dueDate > b.dueDate
            ? 1
            : a.contractTitle.localeCompare(b.contractTitle, 'sv'),
      );
    return { total: due.length, items: due.slice(0, q.limit) };
  }
}
