import { Module } from '@nestjs/common';
import { OrgController } from './org.controller';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';
import { UnitUsageRegistry } from './unit-usage.registry';

@Module({
  controllers: [OrgController],
  providers: [OrgService, OrgRepository, UnitUsageRegistry],
  exports: [OrgService, UnitUsageRegistry],
})
export class OrgModule {}
