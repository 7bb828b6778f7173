import { createHash } from 'node:crypto';
import type { Role } from '../../core/authz/roles';
import type { OidcRoleMapping } from '../../core/config/config';

/** A role over a unit as OIDC_ROLE_MAP names it (the unit still to be resolved to an id). */
export interface MappedRole {
  readonly role: Role;
  readonly unit: string;
}

/**
 * The string values of a claim: an array of strings, one string, or (Keycloak's
 * `realm_access.roles`) a dotted path into nested objects. Anything else counts as no value, so a
 * strangely shaped token grants nothing rather than something.
 */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  let v: unknown = Object.hasOwn(claims, name) ? claims[name] : undefined;
  if (v === undefined && name.includes('.')) {
    v = name
      .split('.')
      .reduce<unknown>(
        (o, k) =>
          o && typeof o === 'object' && Object.hasOwn(o, k)
            ? (o as Record<string, unknown>)[k]
            : undefined,
        claims,
      );
  }
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * The roles the mapping gives these claims, in the mapping's order, without duplicates. Group
 * names are matched exactly (case and all): "varn-admin" and "Varn-Admin" are different groups
 * at most IdPs, and a near miss must not grant an administrator role.
 */
export function mapClaims(
  claims: Record<string, unknown>,
  groupsClaim: string,
  roleMap: readonly OidcRoleMapping[],
): MappedRole[] {
  const out: MappedRole[] = [];
  const seen = new Set<string>();
  for (const m of roleMap) {
    if (!claimValues(claims, m.claim ?? groupsClaim).includes(m.group)) continue;
    const key = `${m.role}\u0000${m.unit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: m.role, unit: m.unit });
  }
  return out;
}

/** Methods of RFC 8176 that are a factor beyond a password (possession, inherence, or "mfa"). */
const SECOND_FACTOR_AMR = new Set([
  'mfa',
  'otp',
  'hwk',
  'swk',
  'sc',
  'pop',
  'sms',
  'tel',
  'fpt',
  'face',
  'iris',
  'retina',
  'vbm',
]);

/** Whether the IdP says (in `amr`) that the person gave a second factor. */
export function amrHasSecondFactor(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((m) => typeof m === 'string' && SECOND_FACTOR_AMR.has(m));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UnitNode {
  id: string;
  name: string;
  parentId: string | null;
}

/**
 * The id of the unit a mapping names: its id, or its path of names from the root separated by
 * "/" ("Trafikförvaltningen/Stab/HR"; spaces around "/" and case do not matter). Null when no
 * unit, or more than one, fits: a mapping that is ambiguous grants nothing.
 */
export function resolveUnit(ref: string, units: readonly UnitNode[]): string | null {
  if (UUID.test(ref)) return units.find((u) => u.id === ref.toLowerCase())?.id ?? null;
  const names = ref
    .split('/')
    .map((s) => norm(s))
    .filter(Boolean);
  if (!names.length) return null;
  let level = units.filter((u) => u.parentId === null && norm(u.name) === names[0]);
  for (const name of names.slice(1)) {
    const parents = new Set(level.map((u) => u.id));
    level = units.filter(
      (u) => u.parentId !== null && parents.has(u.parentId) && norm(u.name) === name,
    );
  }
  return level.length === 1 ? level[0].id : null;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

/** Usernames in Värn: 2–64 of a–z, 0–9, . _ - (users/dto USERNAME). */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/**
 * The Värn username for a new SSO user: the IdP's username claim, lower-cased; for an address
 * like "anna.persson@kommun.se" (Entra ID's UPN) the part before "@". When that does not make a
 * valid username, a stable one from the issuer and subject ("sso-" and 12 hex digits).
 */
export function usernameFor(raw: unknown, issuer: string, subject: string): string {
  if (typeof raw === 'string') {
    const v = raw.trim().toLowerCase();
    if (USERNAME.test(v)) return v;
    const local = v.split('@')[0];
    if (USERNAME.test(local)) return local;
  }
  return `sso-${createHash('sha256').update(`${issuer}\u0000${subject}`).digest('hex').slice(0, 12)}`;
}

/**
 * Where to go after signing in: a path inside Värn only ("/ärenden?x=1"), never another origin
 * ("//evil.example", "/\\evil.example", "https://…") — an open redirect would make the sign-in
 * page a phishing tool.
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 500) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  // control characters, and a backslash anywhere, which some browsers read as "/"
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return '/';
  return raw;
}
