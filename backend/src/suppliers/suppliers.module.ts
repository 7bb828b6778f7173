import { Module } from '@nestjs/common';
import { SupplierAuditLabels } from './supplier-audit-labels';
import { SuppliersController } from './suppliers.controller';
import { SuppliersRepository } from './suppliers.repository';
import { SuppliersService } from './suppliers.service';

@Module({
  controllers: [SuppliersController],
  providers: [SuppliersService, SuppliersRepository, SupplierAuditLabels],
  exports: [SuppliersService],
})
export class SuppliersModule {}
