import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import type { Role } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import type { UserEntity } from '../../users/entities/user.entity';
import { newUser, searchTextOf } from '../../users/new-user';
import { UsersRepository } from '../../users/users.repository';
import { claimValues, mapClaims, resolveUnit, usernameFor } from './claim-mapping';
import type { OidcResult } from './oidc-client';
import type { OidcLoginErrorCode } from './oidc-login-error';
import { OidcRepository } from './oidc.repository';

export type Provisioned =
  { ok: true; user: UserEntity } | { ok: false; code: OidcLoginErrorCode; userId: string | null };

/**
 * Just-in-time provisioning (ADR 0016): the IdP's answer becomes a Värn user. The first sign-in
 * creates the user and links them by issuer + subject; every sign-in replaces the SSO-managed
 * roles by what OIDC_ROLE_MAP gives the groups of that moment, so a change at the IdP counts at
 * the next sign-in. Roles an administrator granted in Värn are left alone. Must run inside the
 * caller's transaction; every change is audited with `source: "oidc"`.
 *
 * A refusal is returned, not thrown, so that what it changed (the roles it removed from a person
 * who lost their groups) commits with its audit entries before the caller refuses the sign-in.
 */
@Injectable()
export class OidcProvisioning {
  private readonly logger = new Logger('OidcProvisioning');

  constructor(
    private readonly users: UsersRepository,
    private readonly oidc: OidcRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async provision(result: OidcResult): Promise<Provisioned> {
    const o = this.config.oidc;
    if (!o) return { ok: false, code: 'oidc_disabled', userId: null };
    const { claims, issuer, subject } = result;
    const now = this.clock.now();
    const wanted = await this.wantedRoles(claims);

    const identity = await this.oidc.findIdentity(issuer, subject);
    let user: UserEntity | null = identity ? await this.users.findById(identity.userId) : null;
    const displayName = text(claims['name'], 200) ?? text(claims[o.usernameClaim], 200);
    const email = text(claims['email'], 254);

    if (!user) {
      if (!wanted.length) return { ok: false, code: 'oidc_no_role', userId: null };
      const username = usernameFor(claimValues(claims, o.usernameClaim)[0], issuer, subject);
      if (await this.users.usernameTaken(username)) {
        // never take over a local account by its name: an IdP may let people choose theirs
        return { ok: false, code: 'oidc_account_conflict', userId: null };
      }
      user = newUser(
        {
          username,
          displayName: displayName ?? username,
          email,
          // the home unit: the unit of the first mapping that applies
          unitId: wanted[0].unitId,
          passwordHash: null,
        },
        now,
      );
      await this.users.insert(user);
      await this.oidc.insertIdentity({
        id: randomUUID(),
        issuer,
        subject,
        userId: user.id,
        createdAt: now,
        lastLoginAt: now,
      });
      await this.audit.record({
        action: 'user.created',
        actor: user,
        objectType: 'User',
        objectId: user.id,
        details: { unitId: user.unitId, source: 'oidc', issuer },
      });
    } else {
      if (!user.active) return { ok: false, code: 'account_disabled', userId: user.id };
      await this.oidc.touchIdentity(identity!.id, now);
      await this.refreshProfile(user, displayName, email, now);
    }

    await this.syncRoles(user, wanted, now);
    if (!wanted.length) return { ok: false, code: 'oidc_no_role', userId: user.id };
    return { ok: true, user };
  }

  /** The mapped roles with their units resolved; a mapping to a missing or inactive unit is skipped. */
  private async wantedRoles(
    claims: Record<string, unknown>,
  ): Promise<Array<{ role: Role; unitId: string }>> {
    const o = this.config.oidc!;
    const mapped = mapClaims(claims, o.groupsClaim, o.roleMap);
    if (!mapped.length) return [];
    const tree = await this.oidc.unitTree();
    const out: Array<{ role: Role; unitId: string }> = [];
    for (const m of mapped) {
      const unitId = resolveUnit(m.unit, tree);
      const unit = tree.find((u) => u.id === unitId);
      if (!unit?.active) {
        this.logger.warn(
          `OIDC_ROLE_MAP: the unit "${m.unit}" (role ${m.role}) is missing, ambiguous or inactive; the mapping is skipped`,
        );
        continue;
      }
      if (!out.some((w) => w.role === m.role && w.unitId === unit.id))
        out.push({ role: m.role, unitId: unit.id });
    }
    return out;
  }

  /** Name and e-mail follow the IdP (the IdP is where people are kept up to date). */
  private async refreshProfile(
    user: UserEntity,
    displayName: string | null,
    email: string | null,
    now: Date,
  ): Promise<void> {
    const patch: Partial<UserEntity> = {};
    const changes: Record<string, unknown> = {};
    if (displayName && displayName !== user.displayName) {
      patch.displayName = displayName;
      changes['displayName'] = true;
    }
    // only when the IdP sends one: a provider without the email scope does not erase it
    if (email && email !== user.email) {
      patch.email = email;
      changes['email'] = true;
    }
    if (!Object.keys(patch).length) return;
    Object.assign(user, patch);
    await this.users.update(user.id, {
      ...patch,
      searchText: searchTextOf(user),
      updatedAt: now,
    });
    await this.audit.record({
      action: 'user.updated',
      actor: user,
      objectType: 'User',
      objectId: user.id,
      details: { ...changes, source: 'oidc' },
    });
  }

  /**
   * Replaces the SSO-managed role assignments by `wanted`: revokes the managed ones no longer
   * wanted, grants the wanted ones the user does not hold in any way. A role an administrator
   * granted by hand is neither revoked nor duplicated.
   */
  private async syncRoles(
    user: UserEntity,
    wanted: Array<{ role: Role; unitId: string }>,
    now: Date,
  ): Promise<void> {
    const managed = await this.oidc.managedAssignmentIds(user.id);
    const current = await this.users.assignmentsOf([user.id]);
    const isWanted = (a: { role: Role; unitId: string }) =>
      wanted.some((w) => w.role === a.role && w.unitId === a.unitId);
    for (const a of current) {
      if (!managed.has(a.id) || isWanted(a)) continue;
      if (a.role === 'administrator' && (await this.isLastAdministrator(user.id, a.id))) {
        // the rule of user administration holds here too: Värn keeps at least one active
        // administrator, whatever the IdP says (else nobody could fix the mapping)
        this.logger.warn(
          `single sign-on would remove the last active administrator role (user ${user.username}); kept`,
        );
        continue;
      }
      await this.users.deleteAssignment(a.id);
      await this.audit.record({
        action: 'role.revoked',
        actor: user,
        objectType: 'User',
        objectId: user.id,
        details: { role: a.role, unitId: a.unitId, assignmentId: a.id, source: 'oidc' },
      });
    }
    for (const w of wanted) {
      if (current.some((a) => a.role === w.role && a.unitId === w.unitId)) continue;
      const a = await this.users.insertAssignment({
        id: randomUUID(),
        userId: user.id,
        role: w.role,
        unitId: w.unitId,
        createdAt: now,
        createdBy: null,
      });
      await this.oidc.markManaged(a.id, user.id);
      await this.audit.record({
        action: 'role.granted',
        actor: user,
        objectType: 'User',
        objectId: user.id,
        details: { role: w.role, unitId: w.unitId, assignmentId: a.id, source: 'oidc' },
      });
    }
  }

  /** Whether `assignmentId` is the only administrator role of the only active administrator. */
  private async isLastAdministrator(userId: string, assignmentId: string): Promise<boolean> {
    await this.users.lockAdministrators();
    const ownOther = (await this.users.assignmentsOf([userId])).some(
      (o) => o.role === 'administrator' && o.id !== assignmentId,
    );
    return !ownOther && (await this.users.countOtherActiveAdmins(userId)) === 0;
  }
}

/** A claim as a trimmed, bounded string, or null. */
function text(v: unknown, max: number): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim().slice(0, max);
  return t || null;
}
