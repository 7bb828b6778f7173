import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { CaseUnitUsage } from './case-unit-usage';
import { CaseVault } from './case-vault';
import { CasesRepository } from './cases.repository';

/**
 * Reports and case handling (issue 6): intake (signed-in and anonymous), the handler's inbox and
 * case work, identity custody, deadlines, retention and the de-identified facts.
 */
@Module({
  imports: [OrgModule],
  controllers: [],
  providers: [CaseVault, CasesRepository, CaseUnitUsage],
  exports: [CaseVault, CasesRepository],
})
export class CasesModule {}
