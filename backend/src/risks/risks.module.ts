import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { RiskAuditLabels } from './risk-audit-labels';
import { RiskMatrixModule } from './risk-matrix.module';
import { RiskReminders } from './risk-reminders.job';
import { RiskHeatmapController, RisksController } from './risks.controller';
import { RisksRepository } from './risks.repository';
import { RiskRegisterVersion } from './risk-register-version';
import { RisksService } from './risks.service';

/** The risk register: risks with their assessment history, acceptances, actions, reminders and the heatmap. */
@Module({
  imports: [OrgModule, RiskMatrixModule],
  controllers: [RisksController, RiskHeatmapController],
  providers: [RisksService, RisksRepository, RiskAuditLabels, RiskReminders, RiskRegisterVersion],
  exports: [RisksService, RisksRepository],
})
export class RisksModule {}
