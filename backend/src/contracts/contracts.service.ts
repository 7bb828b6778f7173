import { ForbiddenError } from '@casl/ability';
import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { asSubject, type AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import { localDateOf, parseLocalDate } from '../core/domain/local-date';
import { Problem } from '../core/errors/problem';
import { DeclaredInterests } from '../guidance/declarations/declared-interests.service';
import { UnitUsageRegistry } from '../org/unit-usage.registry';
import {
  chainWarningsOf,
  contractSearchText,
  newContract,
  subcontractorRows,
  type SubcontractorInput,
} from './contract-rules';
import {
  FOLLOW_UP_INTERVAL_MONTHS,
  followUpsPerYear,
  type FollowUpClass,
  type Sector,
} from './domain/contract-classes';
import { parseOrganisationNumber } from './domain/organisation-number';
import {
  ContractDetailDto,
  ContractFilterQuery,
  ContractPageDto,
  ContractStatus,
  ContractSummaryDto,
  CreateContractDto,
  ListContractsQuery,
  SubcontractorInputDto,
  UpdateContractDto,
} from './dto/contract.dto';
import type { ApprovalStatus } from './entities/contract-subcontractor.entity';
import type { ContractEntity } from './entities/contract.entity';
import {
  CONTRACT_COLUMNS,
  ContractRow,
  ContractSearch,
  ContractsRepository,
  Keyset,
} from './contracts.repository';
import { ADVISORY_LOCKS } from '../core/database/advisory-locks';

/** Serialises diarienummer uniqueness checks (PostgreSQL advisory lock). */
export const CONTRACT_REGISTER_LOCK = ADVISORY_LOCKS.contractRegister;

/** Fields whose change is named (not valued) in the audit entry. */
const PLAIN_FIELDS = [
  'title',
  'diarienummer',
  'supplierId',
  'sector',
  'annualValue',
  'startDate',
  'endDate',
  'followUpClass',
  'maxSubcontractorTiers',
  'ownerId',
  'notes',
] as const;

@Injectable()
export class ContractsService implements OnModuleInit {
  constructor(
    private readonly contracts: ContractsRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly usage: UnitUsageRegistry,
    private readonly declaredInterests: DeclaredInterests,
  ) {}

  onModuleInit(): void {
    this.usage.register({
      kind: 'contracts',
      label: 'avtal',
      visibleTo: ['read', 'Contract'],
      inUse: async (unitId) => (await this.contracts.countInUnit(unitId)) > 0,
    });
  }

  today(): string {
    return localDateOf(this.clock.now());
  }

  async list(query: ListContractsQuery, ability: AppAbility): Promise<ContractPageDto> {
    const limit = query.limit ?? 25;
    const search = await this.searchOf(query, ability);
    const after = query.cursor ? decodeCursor(query.cursor, search) : undefined;
    const { rows, total } = await this.contracts.search(
      { ...search, after, limit: limit + 1 },
      true,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const interest = await this.declaredInterests.among(
      page.map((r) => r.supplierOrganisationNumber),
    );
    return {
      items: page.map((r) =>
        this.summary(r, search.today, interest.has(r.supplierOrganisationNumber)),
      ),
      total: total ?? page.length,
      nextCursor: rows.length > limit && last ? encodeCursor(search, last) : null,
    };
  }

  /** The search a list or an export runs: the caller's scope and the filters, without paging. */
  async searchOf(
    query: ContractFilterQuery,
    ability: AppAbility,
  ): Promise<Omit<ContractSearch, 'limit' | 'after'>> {
    let unitPath: string | undefined;
    if (query.unitId) {
      const path = await this.contracts.unitPath(query.unitId);
      if (!path)
        throw Problem.badRequest('Enheten finns inte.', 'validation_failed', [
          { field: 'unitId', messages: ['unknown_unit'] },
        ]);
      unitPath = path;
    }
    return {
      access: accessibleWhere(ability, 'read', 'Contract', CONTRACT_COLUMNS),
      q: query.q || undefined,
      sector: query.sector,
      followUpClass: query.followUpClass,
      unitPath,
      supplierId: query.supplierId,
      status: query.status,
      chainWarning: query.chainWarning,
      today: this.today(),
      sort: query.sort ?? 'title',
      order: query.order ?? 'asc',
    };
  }

  async get(id: string, ability: AppAbility): Promise<ContractDetailDto> {
    return this.detail(await this.load(id, ability, 'read'));
  }

  async create(
    dto: CreateContractDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<ContractDetailDto> {
    const subcontractors = this.subcontractors(dto.subcontractors ?? []);
    const dates = this.dates(dto.startDate, dto.endDate);
    const id = await this.db.transaction(async () => {
      await this.assertUnitAllowed(dto.unitId, ability, 'create');
      await this.assertSupplier(dto.supplierId);
      if (dto.ownerId) await this.assertOwner(dto.ownerId);
      await this.db.lock(CONTRACT_REGISTER_LOCK);
      await this.assertDiarienummerFree(dto.diarienummer);
      const { contract, subcontractors: subs } = newContract(
        {
          title: dto.title,
          diarienummer: dto.diarienummer,
          supplierId: dto.supplierId,
          sector: dto.sector,
          annualValue: dto.annualValue,
          startDate: dates.start,
          endDate: dates.end,
          unitId: dto.unitId,
          followUpClass: dto.followUpClass,
          maxSubcontractorTiers: dto.maxSubcontractorTiers ?? 1,
          ownerId: dto.ownerId ?? null,
          notes: dto.notes ?? null,
          createdBy: actor.id,
        },
        subcontractors,
        this.clock.now(),
      );
      await this.contracts.insert(contract, subs);
      await this.audit.record({
        action: 'contract.created',
        actor,
        objectType: 'Contract',
        objectId: contract.id,
        details: {
          unitId: contract.unitId,
          supplierId: contract.supplierId,
          followUpClass: contract.followUpClass,
          subcontractors: subs.length,
          chainWarnings: contract.chainWarningCount,
        },
      });
      return contract.id;
    });
    return this.get(id, ability);
  }

  async update(
    id: string,
    dto: UpdateContractDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<ContractDetailDto> {
    const subcontractors =
      dto.subcontractors !== undefined ? this.subcontractors(dto.subcontractors) : undefined;
    await this.db.transaction(async () => {
      const c = await this.load(id, ability, 'update');
      const patch: Partial<ContractEntity> = {};
      const changed: string[] = [];
      for (const field of PLAIN_FIELDS) {
        const value = dto[field];
        if (value === undefined || value === c[field]) continue;
        (patch as Record<string, unknown>)[field] = value;
        changed.push(field);
      }
      const details: Record<string, unknown> = { changed };
      if (patch.startDate !== undefined || patch.endDate !== undefined) {
        this.dates(patch.startDate ?? c.startDate, patch.endDate ?? c.endDate);
      }
      if (patch.supplierId !== undefined) await this.assertSupplier(patch.supplierId);
      if (patch.ownerId) await this.assertOwner(patch.ownerId);
      if (dto.unitId !== undefined && dto.unitId !== c.unitId) {
        await this.assertUnitAllowed(dto.unitId, ability, 'update');
        patch.unitId = dto.unitId;
        changed.push('unitId');
        details['unitId'] = { from: c.unitId, to: dto.unitId };
      }
      if (patch.diarienummer !== undefined) {
        await this.db.lock(CONTRACT_REGISTER_LOCK);
        await this.assertDiarienummerFree(patch.diarienummer, c.id);
      }
      let subs = await this.contracts.subcontractorsOf(c.id);
      if (subcontractors !== undefined && !sameChain(subs, subcontractors)) {
        subs = subcontractorRows(c.id, subcontractors);
        await this.contracts.replaceSubcontractors(c.id, subs);
        changed.push('subcontractors');
        details['subcontractors'] = subs.length;
      }
      if (!changed.length) return;
      const maxTiers = patch.maxSubcontractorTiers ?? c.maxSubcontractorTiers;
      patch.chainWarningCount = chainWarningsOf(subs, maxTiers).length;
      if (patch.chainWarningCount !== c.chainWarningCount)
        details['chainWarnings'] = patch.chainWarningCount;
      patch.searchText = contractSearchText({ ...c, ...patch });
      patch.updatedAt = this.clock.now();
      await this.contracts.update(c.id, patch);
      await this.audit.record({
        action: 'contract.updated',
        actor,
        objectType: 'Contract',
        objectId: c.id,
        details,
      });
    });
    return this.get(id, ability);
  }

  /** Validated, normalised subcontractors (400 naming the row on a bad organisation number). */
  subcontractors(input: readonly SubcontractorInputDto[]): SubcontractorInput[] {
    return input.map((s, i) => {
      const parsed = parseOrganisationNumber(s.organisationNumber);
      if (!parsed.ok) {
        throw Problem.badRequest(
          'Underleverantörens organisationsnummer är inte giltigt.',
          'invalid_organisation_number',
          [{ field: `subcontractors.${i}.organisationNumber`, messages: [parsed.reason] }],
        );
      }
      return {
        name: s.name,
        organisationNumber: parsed.value,
        tier: s.tier,
        approvalStatus: s.approvalStatus,
      };
    });
  }

  private dates(start: string, end: string): { start: string; end: string } {
    const s = parseLocalDate(start);
    const e = parseLocalDate(end);
    const errors = [
      ...(s ? [] : [{ field: 'startDate', messages: ['invalid_date'] }]),
      ...(e ? [] : [{ field: 'endDate', messages: ['invalid_date'] }]),
    ];
    if (s && e && e < s) errors.push({ field: 'endDate', messages: ['end_before_start'] });
    if (errors.length)
      throw Problem.badRequest(
        'Kontrollera avtalets start- och slutdatum.',
        'validation_failed',
        errors,
      );
    return { start: s as string, end: e as string };
  }

  /** The unit exists and the caller may keep contracts there (403 otherwise). */
  private async assertUnitAllowed(
    unitId: string,
    ability: AppAbility,
    action: 'create' | 'update',
  ): Promise<void> {
    const unitPath = await this.contracts.unitPath(unitId);
    if (!unitPath)
      throw Problem.badRequest('Enheten finns inte.', 'validation_failed', [
        { field: 'unitId', messages: ['unknown_unit'] },
      ]);
    ForbiddenError.from(ability)
      .setMessage('Du får inte registrera avtal för den enheten.')
      .throwUnlessCan(action, asSubject('Contract', { id: '', unitId, unitPath }));
  }

  private async assertSupplier(supplierId: string): Promise<void> {
    if (!(await this.contracts.supplierExists(supplierId)))
      throw Problem.badRequest(
        'Leverantören finns inte i leverantörsregistret.',
        'validation_failed',
        [{ field: 'supplierId', messages: ['unknown_supplier'] }],
      );
  }

  private async assertOwner(ownerId: string): Promise<void> {
    if (!(await this.contracts.activeUserExists(ownerId)))
      throw Problem.badRequest('Avtalsägaren finns inte.', 'validation_failed', [
        { field: 'ownerId', messages: ['unknown_user'] },
      ]);
  }

  private async assertDiarienummerFree(diarienummer: string, exceptId?: string): Promise<void> {
    if ((await this.contracts.diarienummerTaken([diarienummer], exceptId)).size) {
      throw new Problem(
        HttpStatus.CONFLICT,
        'conflict',
        `Det finns redan ett avtal med diarienummer ${diarienummer}.`,
        {
          errors: [{ field: 'diarienummer', messages: ['taken'] }],
        },
      );
    }
  }

  /** The contract if the caller may read it (404 otherwise) and do `action` on it (403). */
  private async load(
    id: string,
    ability: AppAbility,
    action: 'read' | 'update',
  ): Promise<ContractRow & { unitPath: string }> {
    const c = await this.contracts.findById(id);
    const subject =
      c && asSubject('Contract', { id: c.id, unitId: c.unitId, unitPath: c.unitPath });
    if (!c || !subject || !ability.can('read', subject)) throw Problem.notFound('Avtalet');
    ForbiddenError.from(ability).throwUnlessCan(action, subject);
    return c;
  }

  private async detail(c: ContractRow): Promise<ContractDetailDto> {
    const subs = await this.contracts.subcontractorsOf(c.id);
    const interest = await this.declaredInterests.among([c.supplierOrganisationNumber]);
    return {
      ...this.summary(c, this.today(), interest.has(c.supplierOrganisationNumber)),
      ownerId: c.ownerId,
      ownerName: c.ownerName,
      followUpsPerYear: followUpsPerYear(c.followUpClass as FollowUpClass),
      maxSubcontractorTiers: c.maxSubcontractorTiers,
      notes: c.notes,
      subcontractors: subs.map((s) => ({
        id: s.id,
        name: s.name,
        organisationNumber: s.organisationNumber,
        tier: s.tier,
        approvalStatus: s.approvalStatus as ApprovalStatus,
      })),
      chainWarnings: chainWarningsOf(subs, c.maxSubcontractorTiers).map((w) => ({ ...w })),
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** `declaredInterest`: a current jäv declaration names the supplier (no who or what). */
  summary(c: ContractRow, today: string, declaredInterest = false): ContractSummaryDto {
    return {
      id: c.id,
      title: c.title,
      diarienummer: c.diarienummer,
      supplierId: c.supplierId,
      supplierName: c.supplierName,
      supplierOrganisationNumber: c.supplierOrganisationNumber,
      sector: c.sector as Sector,
      annualValue: c.annualValue,
      startDate: c.startDate,
      endDate: c.endDate,
      status: statusOf(c, today),
      unitId: c.unitId,
      unitName: c.unitName,
      followUpClass: c.followUpClass as FollowUpClass,
      followUpIntervalMonths: FOLLOW_UP_INTERVAL_MONTHS[c.followUpClass as FollowUpClass],
      chainWarningCount: c.chainWarningCount,
      declaredInterest,
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

export function statusOf(
  c: Pick<ContractEntity, 'startDate' | 'endDate'>,
  today: string,
): ContractStatus {
  if (c.startDate > today) return 'upcoming';
  if (c.endDate < today) return 'ended';
  return 'active';
}

function sameChain(
  stored: ReadonlyArray<Omit<SubcontractorInput, 'approvalStatus'> & { approvalStatus: string }>,
  given: ReadonlyArray<SubcontractorInput>,
): boolean {
  return (
    stored.length === given.length &&
    stored.every(
      (s, i) =>
        s.name === given[i].name &&
        s.organisationNumber === given[i].organisationNumber &&
        s.tier === given[i].tier &&
        s.approvalStatus === given[i].approvalStatus,
    )
  );
}

/** A cursor names the sort it belongs to, so a cursor of another sort is refused, not misread. */
function encodeCursor(s: Pick<ContractSearch, 'sort' | 'order'>, last: ContractRow): string {
  const value = last[s.sort];
  return Buffer.from(JSON.stringify([s.sort, s.order, value, last.id])).toString('base64url');
}

function decodeCursor(cursor: string, s: Pick<ContractSearch, 'sort' | 'order'>): Keyset {
  const bad = () =>
    Problem.badRequest('Ogiltig sidmarkör: börja om från första sidan.', 'validation_failed', [
      { field: 'cursor', messages: ['invalid_cursor'] },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [sort, order, value, id] = parsed as unknown[];
  const numeric = s.sort === 'annualValue';
  if (
    sort !== s.sort ||
    order !== s.order ||
    typeof id !== 'string' ||
    id.length > 36 ||
    (numeric ? !Number.isInteger(value) : typeof value !== 'string' || value.length > 200)
  )
    throw bad();
  return { value: value as string | number, id };
}
