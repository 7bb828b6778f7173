import { Module } from '@nestjs/common';
import { DeclarationsModule } from '../guidance/declarations/declarations.module';
import { OrgModule } from '../org/org.module';
import { ContractAuditLabels } from './contract-audit-labels';
import { ContractsController } from './contracts.controller';
import { ContractsRepository } from './contracts.repository';
import { ContractsService } from './contracts.service';
import { SpreadsheetController } from './spreadsheet/spreadsheet.controller';
import { SpreadsheetExportService } from './spreadsheet/spreadsheet-export.service';
import { SpreadsheetImportService } from './spreadsheet/spreadsheet-import.service';

@Module({
  imports: [OrgModule, DeclarationsModule],
  controllers: [ContractsController, SpreadsheetController],
  providers: [
    ContractsService,
    ContractsRepository,
    ContractAuditLabels,
    SpreadsheetImportService,
    SpreadsheetExportService,
  ],
  exports: [ContractsService],
})
export class ContractsModule {}
