import { Injectable } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { Db } from '../../core/database/db';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import type { UnitNode } from './claim-mapping';
import { OidcIdentityEntity } from './entities/oidc-identity.entity';
import { OidcLoginStateEntity } from './entities/oidc-login-state.entity';
import { OidcRoleGrantEntity } from './entities/oidc-role-grant.entity';

/** The queries of single sign-on: IdP links, SSO-managed role assignments, sign-ins in progress. */
@Injectable()
export class OidcRepository {
  constructor(private readonly db: Db) {}

  private get identities() {
    return this.db.repo(OidcIdentityEntity);
  }
  private get grants() {
    return this.db.repo(OidcRoleGrantEntity);
  }
  private get states() {
    return this.db.repo(OidcLoginStateEntity);
  }

  // ---- sign-ins in progress ----

  async insertState(s: OidcLoginStateEntity): Promise<void> {
    await this.states.insert(s);
  }

  /**
   * Takes the state out: reads and deletes it, so a state is used at most once. The delete's
   * row count decides, so two callbacks racing with the same state cannot both succeed.
   */
  async takeState(stateHash: string): Promise<OidcLoginStateEntity | null> {
    const row = await this.states.findOneBy({ stateHash });
    if (!row) return null;
    const res = await this.states.delete({ stateHash });
    return res.affected === 0 ? null : row;
  }

  async deleteExpiredStates(now: Date): Promise<void> {
    await this.states.delete({ expiresAt: LessThanOrEqual(now) });
  }

  // ---- identities ----

  findIdentity(issuer: string, subject: string): Promise<OidcIdentityEntity | null> {
    return this.identities.findOneBy({ issuer, subject });
  }

  async insertIdentity(i: OidcIdentityEntity): Promise<void> {
    await this.identities.insert(i);
  }

  async touchIdentity(id: string, now: Date): Promise<void> {
    await this.identities.update({ id }, { lastLoginAt: now });
  }

  // ---- SSO-managed role assignments ----

  async managedAssignmentIds(userId: string): Promise<Set<string>> {
    const rows = await this.grants.findBy({ userId });
    return new Set(rows.map((r) => r.assignmentId));
  }

  async markManaged(assignmentId: string, userId: string): Promise<void> {
    await this.grants.insert({ assignmentId, userId });
  }

  /**
   * Every unit's id, name, parent and status, to resolve the unit names of OIDC_ROLE_MAP. Read
   * at each SSO sign-in (a few hundred rows at most), so a renamed or moved unit counts at once.
   */
  async unitTree(): Promise<Array<UnitNode & { active: boolean }>> {
    return this.db.repo(OrgUnitEntity).find({
      select: { id: true, name: true, parentId: true, active: true },
    });
  }
}
