import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { PackedRule } from '../app/core/api/models';

/** The backend's subtree condition (backend/src/core/authz/subtree.ts `within`). */
const within = (path: string) => ({ $regex: `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` });

/**
 * Packed rules as the backend sends them for a user with the given roles, built the way the
 * backend's `defineAbilityFor` builds them (see backend/src/core/authz/ability.ts). Scopes are
 * the materialised paths of the scope roots (`/root/dept/`).
 */
export function packedRulesFor(opts: {
  userId: string;
  admin?: string[];
  auditor?: string[];
  manager?: string[];
  mustChangePassword?: boolean;
}): PackedRule[] {
  const { can, cannot, build } = new AbilityBuilder<MongoAbility>(createMongoAbility);
  can('read', 'Me');
  can('update', 'Me');
  if (!opts.mustChangePassword) {
    can('read', 'OrgUnit');
    for (const p of opts.admin ?? []) {
      can('create', 'OrgUnit', { parentPath: within(p) });
      can(['update', 'delete'], 'OrgUnit', { path: within(p) });
      can(['create', 'read', 'update'], 'User', { unitPath: within(p) });
      can(['create', 'read', 'delete'], 'RoleAssignment', { unitPath: within(p) });
    }
    if (opts.admin?.length) can('read', 'AuditLog');
    for (const p of opts.auditor ?? []) {
      can('read', 'User', { unitPath: within(p) });
      can('read', 'RoleAssignment', { unitPath: within(p) });
    }
    if (opts.auditor?.length) can('read', 'AuditLog');
    for (const p of opts.manager ?? []) can('read', 'User', { unitPath: within(p) });
    if (opts.admin?.length || opts.auditor?.length) {
      cannot('read', 'Case');
      cannot('read', 'ReporterIdentity');
    }
    cannot('update', 'User', { id: opts.userId });
    cannot(['create', 'delete'], 'RoleAssignment', { userId: opts.userId });
  }
  return packRules(build().rules);
}
