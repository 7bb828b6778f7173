import { Module } from '@nestjs/common';
import { OrgController } from './org.controller';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';
import { UnitAuditLabels } from './unit-audit-labels';
import { UnitUsageRegistry } from './unit-usage.registry';

@Module({
  controllers: [OrgController],
  providers: [OrgService, OrgRepository, UnitUsageRegistry, UnitAuditLabels],
  exports: [OrgService, UnitUsageRegistry],
})
export class OrgModule {}
