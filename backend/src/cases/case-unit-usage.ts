import { Injectable, OnModuleInit } from '@nestjs/common';
import { UnitUsageRegistry } from '../org/unit-usage.registry';
import { CasesRepository } from './cases.repository';

/**
 * A unit with cases (purged or not: the tombstone keeps its unit) cannot be deleted. Whether it
 * has cases is named only to readers who may read cases; others get the bare 409.
 */
@Injectable()
export class CaseUnitUsage implements OnModuleInit {
  constructor(
    private readonly usage: UnitUsageRegistry,
    private readonly cases: CasesRepository,
  ) {}

  onModuleInit(): void {
    this.usage.register({
      kind: 'cases',
      label: 'ärenden',
      visibleTo: ['read', 'Case'],
      inUse: async (unitId) =>
        (await this.cases.cases.findOne({ where: { unitId }, select: { id: true } })) !== null,
    });
  }
}
