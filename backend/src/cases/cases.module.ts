import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { RiskMatrixModule } from '../risks/risk-matrix.module';
import { CaseUnitUsage } from './case-unit-usage';
import { CaseVault } from './case-vault';
import { CasesRepository } from './cases.repository';
import { CasesService } from './handling/cases.service';
import { HANDLING_CONTROLLERS, HANDLING_PROVIDERS } from './handling/handling.providers';
import { CUSTODY_CONTROLLERS, CUSTODY_PROVIDERS } from './identity/custody.providers';
import { IdentityRequestsService } from './identity/identity-requests.service';
import { LIFECYCLE_PROVIDERS } from './lifecycle/lifecycle.providers';
import { PurgeService } from './lifecycle/purge.service';
import { REPORTS_CONTROLLERS, REPORTS_PROVIDERS } from './reports/reports.providers';
import { ReportsService } from './reports/reports.service';

/**
 * Reports and case handling (issue 6): intake (signed-in and anonymous), the handler's inbox and
 * case work, identity custody, deadlines, retention and the de-identified facts.
 */
@Module({
  imports: [OrgModule, RiskMatrixModule],
  controllers: [...HANDLING_CONTROLLERS, ...CUSTODY_CONTROLLERS, ...REPORTS_CONTROLLERS],
  providers: [
    CaseVault,
    CasesRepository,
    CaseUnitUsage,
    ...HANDLING_PROVIDERS,
    ...LIFECYCLE_PROVIDERS,
    ...CUSTODY_PROVIDERS,
    ...REPORTS_PROVIDERS,
  ],
  exports: [
    CaseVault,
    CasesRepository,
    PurgeService,
    // the demo seeder creates its cases through the real services
    ReportsService,
    CasesService,
    IdentityRequestsService,
  ],
})
export class CasesModule {}
