import { randomUUID } from 'node:crypto';
import { checkSubcontractorChain, type ChainWarning } from './domain/subcontractor-chain';
import type {
  ApprovalStatus,
  ContractSubcontractorEntity,
} from './entities/contract-subcontractor.entity';
import type { ContractEntity } from './entities/contract.entity';

/** Lower-cased title and diarienummer for `q`. */
export function contractSearchText(c: Pick<ContractEntity, 'title' | 'diarienummer'>): string {
  return `${c.title} ${c.diarienummer}`.toLocaleLowerCase('sv').slice(0, 300);
}

/** A subcontractor as written by a form, an import or the demo. */
export interface SubcontractorInput {
  name: string;
  organisationNumber: string;
  tier: number;
  approvalStatus: ApprovalStatus;
}

/** The domain rule's warnings for a stored chain (only `godkand` counts as approved). */
export function chainWarningsOf(
  subs: ReadonlyArray<Pick<ContractSubcontractorEntity, 'id' | 'tier' | 'approvalStatus'>>,
  maxTiers: number,
): ChainWarning[] {
  return checkSubcontractorChain(
    subs.map((s) => ({ id: s.id, tier: s.tier, approved: s.approvalStatus === 'godkand' })),
    maxTiers,
  );
}

export type ContractFields = Pick<
  ContractEntity,
  | 'title'
  | 'diarienummer'
  | 'supplierId'
  | 'sector'
  | 'annualValue'
  | 'startDate'
  | 'endDate'
  | 'unitId'
  | 'followUpClass'
  | 'maxSubcontractorTiers'
  | 'createdBy'
> &
  Partial<Pick<ContractEntity, 'ownerId' | 'notes'>>;

/**
 * A new contract with its subcontractor rows, every derived field (search text, chain warnings)
 * computed: the one factory for the service, the import and the demo data.
 */
export function newContract(
  fields: ContractFields,
  subcontractors: readonly SubcontractorInput[],
  now: Date,
): { contract: ContractEntity; subcontractors: ContractSubcontractorEntity[] } {
  const id = randomUUID();
  const subs = subcontractorRows(id, subcontractors);
  return {
    contract: {
      id,
      ownerId: null,
      notes: null,
      ...fields,
      searchText: contractSearchText(fields),
      chainWarningCount: chainWarningsOf(subs, fields.maxSubcontractorTiers).length,
      createdAt: now,
      updatedAt: now,
    },
    subcontractors: subs,
  };
}

export function subcontractorRows(
  contractId: string,
  subcontractors: readonly SubcontractorInput[],
): ContractSubcontractorEntity[] {
  return subcontractors.map((s, position) => ({
    id: randomUUID(),
    contractId,
    position,
    name: s.name,
    organisationNumber: s.organisationNumber,
    tier: s.tier,
    approvalStatus: s.approvalStatus,
  }));
}
