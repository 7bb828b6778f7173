import { Module } from '@nestjs/common';
import { RisksModule } from '../../risks/risks.module';
import { AuditsModule } from '../audits.module';
import { AuditRefs } from './audit-refs';
import { FindingRiskService } from './finding-risk.service';
import { CorrectiveActionsController, FindingsController } from './findings.controller';
import { FindingsRepository } from './findings.repository';
import { FindingsService } from './findings.service';
import { ContractFollowUpController, ContractFollowUpService } from './follow-up';

/**
 * Findings of contract follow-up audits, their corrective actions and decisions, verification,
 * and feeding the contract's risk (issue 8). Registered in AppModule beside AuditsModule.
 */
@Module({
  imports: [AuditsModule, RisksModule],
  controllers: [FindingsController, CorrectiveActionsController, ContractFollowUpController],
  providers: [
    AuditRefs,
    FindingsRepository,
    FindingsService,
    FindingRiskService,
    ContractFollowUpService,
  ],
  exports: [AuditRefs, FindingsRepository, FindingsService],
})
export class AuditFindingsModule {}
