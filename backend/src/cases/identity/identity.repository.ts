import { Injectable } from '@nestjs/common';
import { pathOfUnit, type SqlCondition } from '../../core/authz/casl-sql';
import { Db } from '../../core/database/db';
import type { CaseCategory, Confidentiality, Track } from '../domain/taxonomy';
import {
  IdentityRequestEntity,
  type IdentityRequestStatus,
} from '../entities/identity-request.entity';
import { ADVISORY_LOCKS } from '../../core/database/advisory-locks';

/** Column expressions for CASL conditions on IdentityRequest (see core/authz/casl-sql.ts). */
export const IDENTITY_REQUEST_COLUMNS = {
  id: 'r.id',
  caseId: 'r."caseId"',
  unitPath: pathOfUnit('c."unitId"', 'org_units'),
  requestedBy: 'r."requestedBy"',
  routedAwayFrom: 'c."routedAwayFrom"',
};

/** A request with what its CASL subject, its listing and its sealing need from the case. */
export interface IdentityRequestRow extends IdentityRequestEntity {
  requestedByName: string | null;
  decidedByName: string | null;
  caseReference: string;
  track: Track;
  category: CaseCategory;
  confidentiality: Confidentiality;
  unitPath: string;
  unitName: string;
  routedAwayFrom: string | null;
  /** Never sent: the wrapped case key, to open the sealed fields. */
  wrappedKey: string | null;
  identitySealed: string | null;
}

export interface IdentityRequestSearch {
  access: SqlCondition;
  /** The caller: requests on a case routed away from them are left out. */
  userId: string;
  status?: 'pending' | 'decided';
  caseId?: string;
  limit: number;
}

/** Roles that may never see a reporter identity, whatever else they hold (ability.ts). */
const SEPARATED_ROLES = ['administrator', 'internrevisor', 'chef', 'avtalscontroller'];

/** Serialises "one pending request per handler and case" and decisions (PostgreSQL lock). */
export const IDENTITY_REQUEST_LOCK = ADVISORY_LOCKS.identityRequest;

/** Data access of identity custody: requests joined with their case's scope and names. */
@Injectable()
export class IdentityRepository {
  constructor(private readonly db: Db) {}

  private get requests() {
    return this.db.repo(IdentityRequestEntity);
  }

  private base() {
    return this.requests
      .createQueryBuilder('r')
      .innerJoin('cases', 'c', 'c.id = r."caseId"')
      .innerJoin('org_units', 'unit', 'unit.id = c."unitId"')
      .leftJoin('users', 'req', 'req.id = r."requestedBy"')
      .leftJoin('users', 'dec', 'dec.id = r."decidedBy"')
      .addSelect('req."displayName"', 'requestedByName')
      .addSelect('dec."displayName"', 'decidedByName')
      .addSelect('c.reference', 'caseReference')
      .addSelect('c.track', 'track')
      .addSelect('c.category', 'category')
      .addSelect('c.confidentiality', 'confidentiality')
      .addSelect('unit.path', 'unitPath')
      .addSelect('unit.name', 'unitName')
      .addSelect('c."routedAwayFrom"', 'routedAwayFrom')
      .addSelect('c."wrappedKey"', 'wrappedKey')
      .addSelect('c."identitySealed"', 'identitySealed');
  }

  /** Entities (times as Dates on both engines) with the joined columns beside them. */
  private async rows(qb: ReturnType<IdentityRepository['base']>): Promise<IdentityRequestRow[]> {
    const { entities, raw } = await qb.getRawAndEntities();
    return entities.map((e, i) => {
      const r = raw[i] as Omit<IdentityRequestRow, keyof IdentityRequestEntity>;
      return {
        ...e,
        requestedByName: r.requestedByName ?? null,
        decidedByName: r.decidedByName ?? null,
        caseReference: r.caseReference,
        track: r.track,
        category: r.category,
        confidentiality: r.confidentiality,
        unitPath: r.unitPath,
        unitName: r.unitName,
        routedAwayFrom: r.routedAwayFrom ?? null,
        wrappedKey: r.wrappedKey ?? null,
        identitySealed: r.identitySealed ?? null,
      };
    });
  }

  async findById(id: string): Promise<IdentityRequestRow | null> {
    const [row] = await this.rows(this.base().where('r.id = :id', { id }));
    return row ?? null;
  }

  /**
   * The requests the condition lets through (the caller's CASL rules, in SQL), of cases not
   * purged and not routed away from the caller. Pending ones oldest first (a queue), decided ones latest decision first.
   */
  async search(s: IdentityRequestSearch): Promise<IdentityRequestRow[]> {
    const qb = this.base()
      .where(`(${s.access.sql})`, s.access.params)
      .andWhere('c."purgedAt" IS NULL')
      .andWhere('(c."routedAwayFrom" IS NULL OR c."routedAwayFrom" <> :me)', { me: s.userId });
    if (s.status === 'pending') qb.andWhere("r.status = 'pending'");
    if (s.status === 'decided') qb.andWhere("r.status IN ('approved', 'refused')");
    if (s.caseId) qb.andWhere('r."caseId" = :caseId', { caseId: s.caseId });
    if (s.status === 'pending') qb.orderBy('r."createdAt"', 'ASC');
    else if (s.status === 'decided') qb.orderBy('r."decidedAt"', 'DESC');
    else qb.orderBy('r."createdAt"', 'DESC');
    qb.addOrderBy('r.id', 'ASC').limit(s.limit);
    return this.rows(qb);
  }

  /** The caller's requests on a case in these statuses (for the one-pending rule and access). */
  async ofRequester(
    caseId: string,
    requestedBy: string,
    statuses: IdentityRequestStatus[],
  ): Promise<IdentityRequestEntity[]> {
    return this.requests
      .createQueryBuilder('r')
      .where('r."caseId" = :caseId AND r."requestedBy" = :requestedBy', { caseId, requestedBy })
      .andWhere('r.status IN (:...statuses)', { statuses })
      .orderBy('r."decidedAt"', 'DESC')
      .getMany();
  }

  async insert(row: IdentityRequestEntity): Promise<void> {
    await this.requests.insert(row);
  }

  /** Records a decision only if the request is still pending; false when it was decided already. */
  async decide(
    id: string,
    patch: Pick<IdentityRequestEntity, 'status' | 'decidedBy' | 'decidedAt' | 'decisionSealed'>,
  ): Promise<boolean> {
    const res = await this.requests
      .createQueryBuilder()
      .update(IdentityRequestEntity)
      .set(patch)
      .where("id = :id AND status = 'pending'", { id })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /**
   * Of these users, those who hold a role that is barred from identities (administrator,
   * internrevisor, chef, avtalscontroller): they must not be sent work they cannot open.
   */
  async separatedAmong(userIds: readonly string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await this.requests.manager
      .createQueryBuilder()
      .select('DISTINCT ra."userId"', 'userId')
      .from('role_assignments', 'ra')
      .where('ra."userId" IN (:...ids)', { ids: [...userIds] })
      .andWhere('ra.role IN (:...roles)', { roles: SEPARATED_ROLES })
      .getRawMany<{ userId: string }>();
    return new Set(rows.map((r) => r.userId));
  }
}
