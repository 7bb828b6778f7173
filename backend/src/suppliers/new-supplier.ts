import { randomUUID } from 'node:crypto';
import type { RedFlagCode } from '../contracts/domain/red-flags';
import type { SupplierFlagEntity } from './entities/supplier-flag.entity';
import type { SupplierEntity } from './entities/supplier.entity';
import { indepthCheckOf, supplierSearchText } from './supplier-rules';

type SupplierFields = Pick<SupplierEntity, 'name' | 'organisationNumber' | 'createdBy'> &
  Partial<
    Pick<
      SupplierEntity,
      'address' | 'contactName' | 'contactEmail' | 'contactPhone' | 'beneficialOwner' | 'notes'
    >
  >;

/** A new supplier without flags, every derived field (search text, verdict) at its start value. */
export function newSupplier(fields: SupplierFields, now: Date): SupplierEntity {
  return {
    id: randomUUID(),
    address: null,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    beneficialOwner: null,
    notes: null,
    ...fields,
    searchText: supplierSearchText(fields),
    flagCount: 0,
    indepthCheckRequired: false,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Ticks flags on a new supplier (demo data, imports): the flag rows, and the supplier with the
 * count and fördjupad-kontroll verdict the list filters on.
 */
export function withFlags(
  supplier: SupplierEntity,
  ticks: ReadonlyArray<{ code: RedFlagCode; evidence: string }>,
  tickedBy: string,
  tickedAt: Date,
): { supplier: SupplierEntity; flags: SupplierFlagEntity[] } {
  const flags = ticks.map((t) => ({
    id: randomUUID(),
    supplierId: supplier.id,
    code: t.code,
    evidence: t.evidence,
    tickedAt,
    tickedBy,
  }));
  const codes = [...new Set(ticks.map((t) => t.code))];
  return {
    supplier: {
      ...supplier,
      flagCount: codes.length,
      indepthCheckRequired: indepthCheckOf(codes).required,
      updatedAt: flags.length ? tickedAt : supplier.updatedAt,
    },
    flags,
  };
}
