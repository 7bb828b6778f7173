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
  /** Every unit in the subtree, root included (resolved at sign-in/request time). */
  readonly unitIds: readonly string[];
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
}

/** Union of the subtrees in which the user holds any of the given roles. */
export function scopeOf(user: Pick<AuthUser, 'roles'>, ...roles: Role[]): string[] {
  const ids = new Set<string>();
  for (const r of user.roles) if (roles.includes(r.role)) r.unitIds.forEach((id) => ids.add(id));
  return [...ids];
}
