import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { PackedRule } from '../app/core/api/models';

/**
 * Packed rules as the backend sends them for a user with the given roles, built the way the
 * backend's `defineAbilityFor` builds them (see backend/src/core/authz/ability.ts).
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
    if (opts.admin?.length) {
      can('create', 'OrgUnit', { parentId: { $in: opts.admin } });
      can(['update', 'delete'], 'OrgUnit', { id: { $in: opts.admin } });
      can(['create', 'read', 'update'], 'User', { unitId: { $in: opts.admin } });
      can(['create', 'read', 'delete'], 'RoleAssignment', { unitId: { $in: opts.admin } });
      can('read', 'AuditLog');
    }
    if (opts.auditor?.length) {
      can('read', 'User', { unitId: { $in: opts.auditor } });
      can('read', 'RoleAssignment', { unitId: { $in: opts.auditor } });
      can('read', 'AuditLog');
    }
    if (opts.manager?.length) can('read', 'User', { unitId: { $in: opts.manager } });
    cannot('update', 'User', { id: opts.userId });
    cannot(['create', 'delete'], 'RoleAssignment', { userId: opts.userId });
  }
  return packRules(build().rules);
}
