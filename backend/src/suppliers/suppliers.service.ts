import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { parseOrganisationNumber } from '../contracts/domain/organisation-number';
import { isRedFlagCode, type RedFlagCode } from '../contracts/domain/red-flags';
import { AuditService } from '../core/audit/audit.service';
import type { AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import type { AuthUser } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import {
  CreateSupplierDto,
  ListSuppliersQuery,
  SupplierDetailDto,
  SupplierFlagDto,
  SupplierPageDto,
  SupplierSummaryDto,
  UpdateSupplierDto,
} from './dto/supplier.dto';
import { SupplierEntity } from './entities/supplier.entity';
import { newSupplier } from './new-supplier';
import { flagInfo, indepthCheckOf, supplierSearchText } from './supplier-rules';
import { FlagRow, SUPPLIER_COLUMNS, SuppliersRepository } from './suppliers.repository';
import { ADVISORY_LOCKS } from '../core/database/advisory-locks';

/** Serialises organisation-number uniqueness checks and flag ticks (PostgreSQL advisory lock). */
const SUPPLIER_REGISTER_LOCK = ADVISORY_LOCKS.supplierRegister;

/** The optional text fields, in the order the audit entry names them. */
const TEXT_FIELDS = [
  'name',
  'address',
  'contactName',
  'contactEmail',
  'contactPhone',
  'beneficialOwner',
  'notes',
] as const;

@Injectable()
export class SuppliersService {
  constructor(
    private readonly suppliers: SuppliersRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(query: ListSuppliersQuery, ability: AppAbility): Promise<SupplierPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const { rows, total } = await this.suppliers.search({
      access: accessibleWhere(ability, 'read', 'Supplier', SUPPLIER_COLUMNS),
      q: query.q || undefined,
      indepthCheck: query.indepthCheck,
      flagged: query.flagged,
      flag: query.flag,
      sort: query.sort ?? 'name',
      order: query.order ?? 'asc',
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const flags = await this.suppliers.flagsOf(rows.map((r) => r.id));
    return {
      items: rows.map((r) =>
        this.summary(
          r,
          flags.filter((f) => f.supplierId === r.id),
        ),
      ),
      total,
      page,
      pageSize,
    };
  }

  async get(id: string, ability: AppAbility): Promise<SupplierDetailDto> {
    const s = await this.load(id, ability);
    return this.detail(s);
  }

  async create(
    dto: CreateSupplierDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    const organisationNumber = this.organisationNumber(dto.organisationNumber);
    const id = await this.db.transaction(async () => {
      await this.db.lock(SUPPLIER_REGISTER_LOCK);
      await this.assertUnique(organisationNumber);
      const s = newSupplier(
        {
          name: dto.name,
          organisationNumber,
          address: dto.address ?? null,
          contactName: dto.contactName ?? null,
          contactEmail: dto.contactEmail ?? null,
          contactPhone: dto.contactPhone ?? null,
          beneficialOwner: dto.beneficialOwner ?? null,
          notes: dto.notes ?? null,
          createdBy: actor.id,
        },
        this.clock.now(),
      );
      await this.suppliers.insert(s);
      await this.audit.record({
        action: 'supplier.created',
        actor,
        objectType: 'Supplier',
        objectId: s.id,
        details: { organisationNumber },
      });
      return s.id;
    });
    return this.get(id, ability);
  }

  async update(
    id: string,
    dto: UpdateSupplierDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    const organisationNumber =
      dto.organisationNumber !== undefined
        ? this.organisationNumber(dto.organisationNumber)
        : undefined;
    await this.db.transaction(async () => {
      const s = await this.load(id, ability);
      const patch: Partial<SupplierEntity> = {};
      const changed: string[] = [];
      for (const field of TEXT_FIELDS) {
        const value = dto[field];
        if (value === undefined || value === s[field]) continue;
        if (field === 'name') {
          if (value === null) continue; // refused by the DTO; never clears the name
          patch.name = value;
        } else {
          patch[field] = value;
        }
        changed.push(field);
      }
      const details: Record<string, unknown> = { changed };
      if (organisationNumber !== undefined && organisationNumber !== s.organisationNumber) {
        await this.db.lock(SUPPLIER_REGISTER_LOCK);
        await this.assertUnique(organisationNumber, s.id);
        patch.organisationNumber = organisationNumber;
        changed.push('organisationNumber');
        details['organisationNumber'] = { from: s.organisationNumber, to: organisationNumber };
      }
      if (!changed.length) return;
      patch.searchText = supplierSearchText({ ...s, ...patch });
      patch.updatedAt = this.clock.now();
      await this.suppliers.update(s.id, patch);
      await this.audit.record({
        action: 'supplier.updated',
        actor,
        objectType: 'Supplier',
        objectId: s.id,
        details,
      });
    });
    return this.get(id, ability);
  }

  /** Ticks a red flag with its evidence (or replaces the evidence of a ticked one). */
  async tickFlag(
    id: string,
    code: string,
    evidence: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    const flag = this.flagCode(code);
    await this.db.transaction(async () => {
      await this.db.lock(SUPPLIER_REGISTER_LOCK);
      const s = await this.load(id, ability);
      const existing = await this.suppliers.findFlag(s.id, flag);
      const now = this.clock.now();
      if (existing) {
        if (existing.evidence === evidence) return;
        await this.suppliers.updateFlag(existing.id, {
          evidence,
          tickedAt: now,
          tickedBy: actor.id,
        });
      } else {
        await this.suppliers.insertFlag({
          id: randomUUID(),
          supplierId: s.id,
          code: flag,
          evidence,
          tickedAt: now,
          tickedBy: actor.id,
        });
      }
      const verdict = await this.reassess(s, now);
      await this.audit.record({
        action: existing ? 'supplier.flag_evidence_changed' : 'supplier.flag_ticked',
        actor,
        objectType: 'Supplier',
        objectId: s.id,
        details: { flag, indepthCheckRequired: verdict },
      });
    });
    return this.get(id, ability);
  }

  async untickFlag(
    id: string,
    code: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    const flag = this.flagCode(code);
    await this.db.transaction(async () => {
      await this.db.lock(SUPPLIER_REGISTER_LOCK);
      const s = await this.load(id, ability);
      const existing = await this.suppliers.findFlag(s.id, flag);
      if (!existing) return; // idempotent: unticking an unticked flag changes nothing
      await this.suppliers.deleteFlag(existing.id);
      const verdict = await this.reassess(s, this.clock.now());
      await this.audit.record({
        action: 'supplier.flag_unticked',
        actor,
        objectType: 'Supplier',
        objectId: s.id,
        details: { flag, indepthCheckRequired: verdict },
      });
    });
    return this.get(id, ability);
  }

  /** Stores the flag count and the fördjupad-kontroll verdict the list filters on. */
  private async reassess(s: SupplierEntity, now: Date): Promise<boolean> {
    const codes = await this.suppliers.flagCodesOf(s.id);
    const verdict = indepthCheckOf(codes);
    await this.suppliers.update(s.id, {
      flagCount: codes.length,
      indepthCheckRequired: verdict.required,
      updatedAt: now,
    });
    return verdict.required;
  }

  private organisationNumber(input: string): string {
    const parsed = parseOrganisationNumber(input);
    if (!parsed.ok) {
      throw Problem.badRequest(
        parsed.reason === 'checksum'
          ? 'Organisationsnumret är inte giltigt: kontrollsiffran stämmer inte.'
          : 'Organisationsnumret ska ha tio siffror, t.ex. 556677-8899.',
        'invalid_organisation_number',
        [{ field: 'organisationNumber', messages: [parsed.reason] }],
      );
    }
    return parsed.value;
  }

  private async assertUnique(organisationNumber: string, exceptId?: string): Promise<void> {
    if (await this.suppliers.organisationNumberTaken(organisationNumber, exceptId)) {
      throw Problem.conflict(
        `Det finns redan en leverantör med organisationsnummer ${organisationNumber}.`,
        'organisation_number_taken',
      );
    }
  }

  private flagCode(code: string): RedFlagCode {
    if (!isRedFlagCode(code)) {
      throw Problem.badRequest('Okänd varningssignal.', 'validation_failed', [
        { field: 'code', messages: ['unknown_flag'] },
      ]);
    }
    return code;
  }

  /** The register is not scoped by unit: a caller who may read suppliers may read each one. */
  private async load(id: string, ability: AppAbility): Promise<SupplierEntity> {
    const s = await this.suppliers.findById(id);
    if (!s || !ability.can('read', 'Supplier')) throw Problem.notFound('Leverantören');
    return s;
  }

  private async detail(s: SupplierEntity): Promise<SupplierDetailDto> {
    const flags = await this.suppliers.flagsOf([s.id]);
    return {
      ...this.summary(s, flags),
      address: s.address,
      contactName: s.contactName,
      contactEmail: s.contactEmail,
      contactPhone: s.contactPhone,
      beneficialOwner: s.beneficialOwner,
      notes: s.notes,
      flags: flags.map((f) => this.flag(f)),
      createdAt: s.createdAt.toISOString(),
    };
  }

  private summary(s: SupplierEntity, flags: FlagRow[]): SupplierSummaryDto {
    return {
      id: s.id,
      name: s.name,
      organisationNumber: s.organisationNumber,
      flagCount: s.flagCount,
      indepthCheck: indepthCheckOf(flags.map((f) => f.code)),
      updatedAt: s.updatedAt.toISOString(),
    };
  }

  private flag(f: FlagRow): SupplierFlagDto {
    const info = flagInfo(f.code);
    return {
      code: f.code as RedFlagCode,
      group: info.group,
      heavy: info.heavy,
      evidence: f.evidence,
      tickedAt: f.tickedAt.toISOString(),
      tickedBy: f.tickedBy,
      tickedByName: f.tickedByName,
    };
  }
}
