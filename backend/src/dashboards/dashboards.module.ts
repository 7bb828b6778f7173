import { Module } from '@nestjs/common';
import { AuditsModule } from '../audits/audits.module';
import { RisksModule } from '../risks/risks.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { ContractsDueSource } from './contracts-due';
import { DashboardsController } from './dashboards.controller';
import { DashboardsRepository } from './dashboards.repository';
import { DashboardsService } from './dashboards.service';

/** The manager dashboard and the committee report (issue 7): reads only, over other modules. */
@Module({
  imports: [RisksModule, StatisticsModule, AuditsModule],
  controllers: [DashboardsController],
  providers: [DashboardsService, DashboardsRepository, ContractsDueSource],
})
export class DashboardsModule {}
