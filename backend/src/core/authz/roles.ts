/** The roles of domain.md §1. The string is stored in the database; labels live in the UI. */
export const ROLES = [
  'medarbetare',
  'handlaggare',
  'identitetsansvarig',
  'avtalscontroller',
  'chef',
  'internrevisor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleScope {
  readonly assignmentId: string;
  readonly role: Role;
  /** Root unit of the scope. */
  readonly unitId: string;
  /**
   * Materialised path of the root unit (`/rootId/…/unitId/`), read with the assignment on every
   * request. The scope is every unit whose path starts with it — a condition whose size does not
   * depend on the size of the subtree (ADR 0010).
   */
  readonly unitPath: string;
}

/**
 * Where the session stands with the second factor: `enrol` (required, none enrolled yet),
 * `pending` (required, enrolled, no code given in this session), `done` (a code was given, or
 * the identity provider vouched for one), `not_required` (no role of the user needs one).
 */
export const SECOND_FACTOR_STATES = ['enrol', 'pending', 'done', 'not_required'] as const;
export type SecondFactorState = (typeof SECOND_FACTOR_STATES)[number];

/** True while the session must not do anything but finish the second factor (or sign out). */
export function secondFactorOutstanding(user: Pick<AuthUser, 'secondFactor'>): boolean {
  return user.secondFactor === 'enrol' || user.secondFactor === 'pending';
}

/** The authenticated person as the rest of the backend sees them. */
export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unitId: string;
  readonly mustChangePassword: boolean;
  readonly roles: readonly RoleScope[];
  readonly sessionId: string;
  /** When the current session ends at the latest (its absolute expiry). */
  readonly sessionExpiresAt: Date;
  /**
   * The session's second-factor state, set by the session authenticator on every request.
   * Absent for actors that are not a signed-in session (the demo seeder, unit-test users).
   */
  readonly secondFactor?: SecondFactorState;
}

/**
 * The path prefixes of the subtrees in which the user holds any of the given roles, without
 * prefixes that another one already covers (a scope inside a wider scope adds nothing).
 * Sorted, so that the same scopes always give the same rules.
 */
export function scopeOf(user: Pick<AuthUser, 'roles'>, ...roles: Role[]): string[] {
  const paths = [
    ...new Set(user.roles.filter((r) => roles.includes(r.role)).map((r) => r.unitPath)),
  ]
    .filter(isUnitPath)
    .sort();
  return paths.filter((p, i) => !paths.some((q, j) => j !== i && q !== p && p.startsWith(q)));
}

/** A well-formed materialised path: `/`, then one or more `segment/`. Anything else is ignored. */
export function isUnitPath(path: string): boolean {
  return /^\/(?:[^/]+\/)+$/.test(path);
}
