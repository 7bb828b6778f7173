import { Injectable } from '@nestjs/common';
import { AuditPlanService } from '../audits/audit-plan.service';
import type { AppAbility } from '../core/authz/ability';
import type { AuthUser } from '../core/authz/roles';
import { addDays, type LocalDate } from '../core/domain/local-date';
import type { DashboardContractDueListDto } from './dto/dashboard.dto';

/** "Due soon": within this many days (the audit plan's own threshold). */
const DUE_SOON_DAYS = 30;

/**
 * "Contracts due for follow-up": the audit plan of issue 8 (AuditPlanService — the readable
 * running contracts of the subtree, each with its next audit from its class, last signed audit
 * and highest current residual band), narrowed to the overdue ones and those due within 30 days,
 * earliest first.
 */
@Injectable()
export class ContractsDueSource {
  constructor(private readonly plan: AuditPlanService) {}

  async due(
    user: AuthUser,
    ability: AppAbility,
    q: { unitPath: string; today: LocalDate; limit: number },
  ): Promise<DashboardContractDueListDto> {
    const items = await this.plan.plan(user, ability, {
      from: q.today,
      to: addDays(q.today, DUE_SOON_DAYS),
      unitPath: q.unitPath,
    });
    const due = items.flatMap((i) =>
      i.status === 'overdue' || i.status === 'due_soon'
        ? [
            {
              contractId: i.contractId,
              contractTitle: i.contractTitle,
              supplierName: i.supplierName,
              followUpClass: i.followUpClass,
              dueDate: i.dueDate,
              reason: i.reason,
              status: i.status,
            },
          ]
        : [],
    );
    return { total: due.length, items: due.slice(0, q.limit) };
  }
}
