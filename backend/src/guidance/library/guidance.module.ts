import { Module } from '@nestjs/common';
import { GuidanceAttachmentsService } from './guidance-attachments.service';
import { GuidanceAuditLabels } from './guidance-audit-labels';
import { GuidanceContentSeeder } from './guidance-content.seeder';
import { GuidanceCoverageService } from './guidance-coverage.service';
import { GuidanceEditorService } from './guidance-editor.service';
import { GuidanceController } from './guidance.controller';
import { GuidanceRepository } from './guidance.repository';
import { GuidanceService } from './guidance.service';

/** The guidance library (stödmaterial) with "läst och förstått" (issue 9). */
@Module({
  controllers: [GuidanceController],
  providers: [
    GuidanceRepository,
    GuidanceService,
    GuidanceEditorService,
    GuidanceCoverageService,
    GuidanceAttachmentsService,
    GuidanceContentSeeder,
    GuidanceAuditLabels,
  ],
  exports: [GuidanceService, GuidanceEditorService, GuidanceContentSeeder],
})
export class GuidanceModule {}
