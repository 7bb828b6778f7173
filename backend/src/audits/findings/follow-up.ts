import { Controller, Get, Injectable, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility } from '../../core/authz/decorators';
import { Db } from '../../core/database/db';
import { ApiProblems } from '../../core/errors/api-problems';
import { Problem } from '../../core/errors/problem';
import { ContractEntity } from '../../contracts/entities/contract.entity';
import { AuditPlanService } from '../audit-plan.service';
import { AuditsService } from '../audits.service';
import type { AuditDueReason } from '../domain/audit-plan';
import { AUDIT_DUE_REASONS, AuditSummaryDto } from '../dto/audit.dto';
import { FindingDto } from './dto/finding.dto';
import { FindingsService } from './findings.service';

export class FollowUpNextDueDto {
  @ApiProperty({ description: 'YYYY-MM-DD' }) dueDate: string;
  @ApiProperty({ enum: AUDIT_DUE_REASONS }) reason: AuditDueReason;
  @ApiProperty({ enum: ['overdue', 'due_soon', 'planned'] }) status: string;
}

export class ContractFollowUpDto {
  @ApiProperty({ type: AuditSummaryDto, nullable: true, description: 'The newest signed audit' })
  lastAudit: AuditSummaryDto | null;
  @ApiProperty({ type: FollowUpNextDueDto, nullable: true }) nextDue: FollowUpNextDueDto | null;
  @ApiProperty({ type: [FindingDto], description: 'Open findings (without their actions)' })
  openFindings: FindingDto[];
  @ApiProperty({ type: AuditSummaryDto, nullable: true, description: 'The newest unsigned audit' })
  ongoingAudit: AuditSummaryDto | null;
}

/** The contract page's follow-up panel: last and ongoing audit, next due date, open findings. */
@Injectable()
export class ContractFollowUpService {
  constructor(
    private readonly audits: AuditsService,
    private readonly plan: AuditPlanService,
    private readonly findings: FindingsService,
    private readonly db: Db,
  ) {}

  async get(contractId: string, ability: AppAbility): Promise<ContractFollowUpDto> {
    const c = await this.db
      .repo(ContractEntity)
      .createQueryBuilder('c')
      .innerJoin('org_units', 'ou', 'ou.id = c."unitId"')
      .select('c.id', 'id')
      .addSelect('c."unitId"', 'unitId')
      .addSelect('ou.path', 'unitPath')
      .where('c.id = :id', { id: contractId })
      .getRawOne<{ id: string; unitId: string; unitPath: string }>();
    if (!c || !ability.can('read', asSubject('Contract', c))) throw Problem.notFound('Avtalet');
    const [summaries, next, openFindings] = await Promise.all([
      this.audits.summaries(ability, { contractId }),
      this.plan.forContract(ability, contractId),
      this.findings.openOfContract(contractId, ability),
    ]);
    return {
      lastAudit: summaries.find((a) => a.status === 'signerad') ?? null,
      nextDue: next ? { dueDate: next.dueDate, reason: next.reason, status: next.status } : null,
      openFindings,
      ongoingAudit: summaries.find((a) => a.status !== 'signerad') ?? null,
    };
  }
}

@ApiTags('audits')
@Controller('contracts')
export class ContractFollowUpController {
  constructor(private readonly followUp: ContractFollowUpService) {}

  @Get(':id/follow-up')
  @CheckPolicy('read', 'ContractAudit')
  @ApiOkResponse({ type: ContractFollowUpDto })
  @ApiOperation({
    summary:
      "A contract's follow-up: the last signed audit, the ongoing one, the next due date and open findings",
  })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ContractFollowUpDto> {
    return this.followUp.get(id, ability);
  }
}
