import { ForcedSubject, MongoAbility, createMongoAbility, subject } from '@casl/ability';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete';
export type SubjectType =
  'Me' | 'OrgUnit' | 'User' | 'RoleAssignment' | 'AuditLog' | 'Case' | 'ReporterIdentity';

export type TaggedSubject = ForcedSubject<SubjectType> & object;
export type AppAbility = MongoAbility<[Action, SubjectType | 'all' | TaggedSubject]>;

/** A fresh ability without rules: nothing is allowed until `/api/me/abilities` answers. */
export function createAppAbility(): AppAbility {
  return createMongoAbility<AppAbility>();
}

/** Tags a copy of a row with its subject type, for instance checks (`can('update', as(...))`). */
export function as(type: SubjectType, row: object): TaggedSubject {
  return subject(type, { ...row });
}

/** The `can` function the UI uses; reading it inside a computed tracks rule updates. */
export type CanFn = (
  action: Action,
  target: SubjectType | TaggedSubject,
  field?: string,
) => boolean;
