import { Module } from '@nestjs/common';
import { AuditFindingsModule } from '../findings/audit-findings.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** Evidence files on audit answers and influence-report records (issue 8). */
@Module({
  imports: [AuditFindingsModule],
  controllers: [EvidenceController],
  providers: [EvidenceService],
})
export class AuditEvidenceModule {}
