import { Module } from '@nestjs/common';
import { AuditFindingsModule } from '../findings/audit-findings.module';
import { AuditReportController } from './audit-report.controller';
import { AuditReportRepository } from './audit-report.repository';
import { AuditReportService } from './audit-report.service';

/** The Swedish PDF report of a contract follow-up audit (issue 8). */
@Module({
  imports: [AuditFindingsModule],
  controllers: [AuditReportController],
  providers: [AuditReportRepository, AuditReportService],
})
export class AuditReportModule {}
