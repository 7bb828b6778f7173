import { Module } from '@nestjs/common';
import { AuditObjectLabels } from './audit-object-labels';
import { AuditPlanService } from './audit-plan.service';
import { AuditPlanController, AuditsController, ChecklistsController } from './audits.controller';
import { AuditsRepository } from './audits.repository';
import { AuditsService } from './audits.service';
import { ChecklistsService } from './checklists.service';

/**
 * Contract follow-up (issue 8), the core: versioned checklists, the audit plan, audits with
 * per-item answers and sign-off. Findings, evidence and the report are modules of their own in
 * this folder that import this one (it must not import them).
 */
@Module({
  controllers: [ChecklistsController, AuditPlanController, AuditsController],
  providers: [
    AuditsRepository,
    AuditsService,
    ChecklistsService,
    AuditPlanService,
    AuditObjectLabels,
  ],
  exports: [AuditsService, AuditPlanService, ChecklistsService, AuditsRepository],
})
export class AuditsModule {}
