import {
  AbilityBuilder,
  createMongoAbility,
  ForcedSubject,
  MongoAbility,
  MongoQuery,
  subject,
} from '@casl/ability';
import { AuthUser, scopeOf } from './roles';

export const ACTIONS = ['manage', 'create', 'read', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Subject types. `Case` and `ReporterIdentity` are the confidential subjects of the case
 * feature: they are named now so that the separation-of-duties rules below exist before the
 * feature does.
 */
export const SUBJECTS = [
  'Me',
  'OrgUnit',
  'User',
  'RoleAssignment',
  'AuditLog',
  'Case',
  'ReporterIdentity',
] as const;
export type SubjectType = (typeof SUBJECTS)[number];
export type AppSubject = SubjectType | 'all';

/** Fields that rules may put conditions on, per subject. Each is a column of its table. */
interface SubjectFields {
  Me: { id: string };
  OrgUnit: { id: string; parentId: string | null };
  User: { id: string; unitId: string };
  RoleAssignment: { userId: string; unitId: string };
  AuditLog: { seq: number };
  Case: { id: string; unitId: string };
  ReporterIdentity: { caseId: string };
}
type Tagged = { [K in SubjectType]: ForcedSubject<K> & SubjectFields[K] }[SubjectType];
export type SubjectRecord = Tagged;
export type AppAbility = MongoAbility<[Action, AppSubject | Tagged], MongoQuery>;

/** Tags a loaded row (as a plain object) with its subject type, for instance checks. */
export function asSubject(type: SubjectType, row: object): SubjectRecord {
  return subject(type, { ...(row as Record<string, unknown>) }) as unknown as SubjectRecord;
}

/**
 * The one place where roles become permissions. Pure: same user → same rules.
 * Conditions only use fields that exist as columns, so the same rules filter lists in SQL
 * (see casl-sql.ts) and check loaded rows.
 */
export function defineAbilityFor(user: AuthUser): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const done = () => build();

  can('read', 'Me');
  can('update', 'Me');

  // Until a user has replaced a password set by an administrator, they can only do that.
  if (user.mustChangePassword) return done();

  // The organisation tree is not secret: everyone needs it to pick units in forms.
  can('read', 'OrgUnit');

  const adminScope = scopeOf(user, 'administrator');
  if (adminScope.length) {
    can('create', 'OrgUnit', { parentId: { $in: adminScope } });
    can(['update', 'delete'], 'OrgUnit', { id: { $in: adminScope } });
    can(['create', 'read', 'update'], 'User', { unitId: { $in: adminScope } });
    can(['create', 'read', 'delete'], 'RoleAssignment', { unitId: { $in: adminScope } });
    can('read', 'AuditLog');
  }

  const auditorScope = scopeOf(user, 'internrevisor');
  if (auditorScope.length) {
    can('read', 'User', { unitId: { $in: auditorScope } });
    can('read', 'RoleAssignment', { unitId: { $in: auditorScope } });
    can('read', 'AuditLog');
  }

  const managerScope = scopeOf(user, 'chef');
  if (managerScope.length) {
    can('read', 'User', { unitId: { $in: managerScope } });
  }

  // Separation of duties (domain.md §1): administrators and auditors manage and control the
  // system but never read incident content or reporter identities — whatever else they hold.
  if (adminScope.length || auditorScope.length) {
    cannot('read', 'Case', ['content', 'reporter']);
    cannot('read', 'ReporterIdentity');
  }
  // Nobody administers their own account through the admin routes (no self-escalation).
  cannot(['update'], 'User', { id: user.id });
  cannot(['create', 'delete'], 'RoleAssignment', { userId: user.id });

  return done();
}
