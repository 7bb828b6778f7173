import { ForcedSubject, MongoAbility, createMongoAbility, subject } from '@casl/ability';
import { ACTIONS, SUBJECTS } from './authz-model.generated';

/** Generated from the backend's abilities (tools/gen-authz-fixtures.mjs), drift-checked. */
export type Action = (typeof ACTIONS)[number];
export type SubjectType = (typeof SUBJECTS)[number];

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
