import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  AuditLabelRegistry,
  type AuditObjectLabel,
  type AuditObjectRef,
} from '../core/audit/audit-labels.registry';
import type { AppAbility } from '../core/authz/ability';
import { accessibleWhere } from '../core/authz/casl-sql';
import { USER_COLUMNS, UsersRepository } from './users.repository';

/**
 * Names users in the audit log — and sessions, by the person whose session it was: an id of a
 * session means nothing to a reader, and the session row is deleted at sign-out or expiry, long
 * before its entries are read. Every Session entry is written by the session's own user
 * (auth.login, auth.logout, session.revoked of an own session), so its actor is that person.
 * Only users the reader may read (the same rules as the users list, in SQL) are named.
 */
@Injectable()
export class UserAuditLabels implements OnModuleInit {
  constructor(
    private readonly registry: AuditLabelRegistry,
    private readonly users: UsersRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('User', (refs, ability) =>
      this.byId(
        refs.map((r) => r.objectId),
        ability,
      ).then((names) => labelsFor(refs, names, (r) => r.objectId)),
    );
    this.registry.register('Session', (refs, ability) =>
      this.byId(
        refs.flatMap((r) => (r.actorId ? [r.actorId] : [])),
        ability,
      ).then((names) => labelsFor(refs, names, (r) => r.actorId)),
    );
  }

  /** Display names of the readable users among `ids` (one query). */
  private async byId(ids: string[], ability: AppAbility): Promise<Map<string, string>> {
    const rows = await this.users.namesVisible(
      [...new Set(ids)],
      accessibleWhere(ability, 'read', 'User', USER_COLUMNS),
    );
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }
}

function labelsFor(
  refs: readonly AuditObjectRef[],
  names: Map<string, string>,
  userIdOf: (ref: AuditObjectRef) => string | null,
): Map<string, AuditObjectLabel> {
  const labels = new Map<string, AuditObjectLabel>();
  for (const ref of refs) {
    const userId = userIdOf(ref);
    const name = userId ? names.get(userId) : undefined;
    if (userId && name !== undefined)
      labels.set(ref.objectId, { label: name, link: { kind: 'user', id: userId } });
  }
  return labels;
}
