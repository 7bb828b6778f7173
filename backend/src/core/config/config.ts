import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROLES, type Role } from '../authz/roles';
import { MASTER_KEY_ID, masterKeyId } from '../crypto/master-key-id';

/** Everything Värn reads from its environment, validated once at boot and frozen. */
export interface AppConfig {
  readonly env: 'production' | 'development' | 'test';
  /** Demo mode: demo data and demo accounts may be created. Never in production. */
  readonly demo: boolean;
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  /** 32-byte master key that wraps per-record data keys (AES-256-GCM). */
  readonly masterKey: Buffer;
  /**
   * Previous master keys, still able to unwrap data keys until `varn rotate-master-key` has
   * re-wrapped them under `masterKey` (VARN_MASTER_KEYS_OLD, VARN_MASTER_KEYS_OLD_FILE).
   */
  readonly oldMasterKeys: ReadonlyArray<{ readonly id: string; readonly key: Buffer }>;
  /** Encrypted attachments: where their content lives, and the upload size limit in bytes. */
  readonly files: { readonly dir: string; readonly uploadMaxBytes: number };
  readonly session: {
    readonly idleMinutes: number;
    readonly absoluteHours: number;
    readonly cookieName: string;
    readonly cookieSecure: 'auto' | 'always' | 'never';
  };
  readonly login: {
    readonly maxFailures: number;
    readonly lockoutMinutes: number;
    /** Sign-in attempts per client address per minute, per instance (password-spraying brake). */
    readonly ratePerMinute: number;
  };
  readonly http: {
    readonly bodyLimit: string;
    readonly trustProxy: boolean | number | string;
    /** Serve /api/docs and /api/openapi.json: opt-in (VARN_API_DOCS=true) in production. */
    readonly apiDocs: boolean;
  };
  readonly log: { readonly level: 'error' | 'warn' | 'log' | 'debug'; readonly json: boolean };
  /** Directory with the built Angular app; null when the API runs without a UI. */
  readonly staticDir: string | null;
  /** Scheduled jobs run in this instance (JOBS_ENABLED; default on, off in tests). */
  readonly jobs: { readonly enabled: boolean };
  /** E-mail notifications; null when SMTP_URL is not set (then only in-app notifications). */
  readonly mail: MailConfig | null;
  /** Where people reach Värn (PUBLIC_URL, no trailing slash), for links in e-mails. */
  readonly publicUrl: string | null;
  /** Reporting (issue 6): the security contact shown first on the form, and the public throttle. */
  readonly reporting: ReportingConfig;
  /** Incident statistics: counts under `minCell` are suppressed (STATS_MIN_CELL, default 5). */
  readonly statistics: { readonly minCell: number };
  /**
   * Audit-log checkpoints outside the database (AUDIT_CHECKPOINT_TARGET: a file path, appended
   * to, or an http(s) URL, POSTed to; AUDIT_CHECKPOINT_MINUTES, default 15). Null target: none.
   */
  readonly auditCheckpoint: { readonly target: string | null; readonly everyMinutes: number };
  /**
   * The second factor (TOTP): the roles whose holders must give one after the password
   * (SECOND_FACTOR_ROLES, comma list; default handläggare, identitetsansvarig, avtalscontroller,
   * administratör; `none` turns it off) and the issuer name shown in authenticator apps
   * (SECOND_FACTOR_ISSUER, default "Värn").
   */
  readonly secondFactor: { readonly roles: readonly Role[]; readonly issuer: string };
  /** Single sign-on with OpenID Connect (issue 10, ADR 0016); null when OIDC_ISSUER is not set. */
  readonly oidc: OidcConfig | null;
  /** Username and password sign-in (LOCAL_LOGIN=on|off, default on; off only with OIDC). */
  readonly localLogin: boolean;
}

/** One line of OIDC_ROLE_MAP: who (an IdP group, or a claim with a value) gets which role where. */
export interface OidcRoleMapping {
  /** A value of the groups claim (OIDC_GROUPS_CLAIM), or of `claim` when that is given. */
  readonly group: string;
  /** Another claim to match instead of the groups claim (e.g. "department"). */
  readonly claim?: string;
  readonly role: Role;
  /** The unit: its id, or its path of names from the root ("Trafikförvaltningen/Stab/HR"). */
  readonly unit: string;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  /** Null: a public client (PKCE only, token_endpoint_auth_method none). */
  readonly clientSecret: string | null;
  /** Must be registered at the IdP; default PUBLIC_URL + /api/auth/oidc/callback. */
  readonly redirectUri: string;
  readonly scopes: string;
  readonly groupsClaim: string;
  readonly usernameClaim: string;
  readonly roleMap: readonly OidcRoleMapping[];
  /** Accept the IdP's `amr` (e.g. otp, mfa, hwk) as the second factor (OIDC_TRUST_AMR). */
  readonly trustAmr: boolean;
  /** Plain-http issuer allowed: only a loopback issuer outside production (the dev provider). */
  readonly allowInsecure: boolean;
}

export interface ReportingConfig {
  /** Shown with 112 when the reporter is in acute danger (SECURITY_CONTACT_NAME/PHONE/EMAIL). */
  readonly securityContact: {
    readonly name: string;
    readonly phone: string;
    readonly email: string;
  };
  /**
   * Per client address per minute, in the memory of each instance: anonymous report submissions
   * (PUBLIC_REPORT_RATE_PER_MINUTE), receipt-code sign-ins (PUBLIC_SESSION_RATE_PER_MINUTE) and
   * the other public report routes (PUBLIC_RATE_PER_MINUTE).
   */
  readonly submitPerMinute: number;
  readonly sessionPerMinute: number;
  readonly publicPerMinute: number;
}

export interface MailConfig {
  /** smtp://[user:pass@]host[:port] or smtps://… (nodemailer connection URL). */
  readonly smtpUrl: string;
  /** Sender, e.g. "Värn <varn@kommun.se>". */
  readonly from: string;
}

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string; readonly url: string }
  | {
      readonly type: 'postgres';
      readonly url: string;
      readonly poolSize: number;
      /** A query without an answer for this long fails (→ 503): the backstop for dead connections. */
      readonly queryTimeoutMs?: number;
    };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(
  env: Env = process.env,
  opts: { requireMasterKey?: boolean } = {},
): AppConfig {
  const requireKey = opts.requireMasterKey ?? true;
  const problems: string[] = [];
  const str = (name: string, fallback: string): string => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const v = str(name, fallback);
    if (!(allowed as readonly string[]).includes(v)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
      return fallback;
    }
    return v as T;
  };

  const nodeEnv = oneOf('NODE_ENV', 'development', ['production', 'development', 'test'] as const);
  const demo = bool('VARN_DEMO', false);
  if (demo && nodeEnv === 'production') {
    problems.push(
      'VARN_DEMO=true is not allowed with NODE_ENV=production (demo accounts never exist in production)',
    );
  }

  const parsedDatabase = parseDatabaseUrl(
    str('DATABASE_URL', 'sqlite:./data/varn.db'),
    int('DB_POOL_SIZE', 10, 1, 200),
    problems,
  );
  const database: DatabaseConfig =
    parsedDatabase.type === 'postgres'
      ? { ...parsedDatabase, queryTimeoutMs: int('DB_QUERY_TIMEOUT_SECONDS', 30, 1, 3600) * 1000 }
      : parsedDatabase;

  let masterKey: Buffer = Buffer.alloc(0);
  const keyRaw = env['VARN_MASTER_KEY']?.trim();
  const keyFile = env['VARN_MASTER_KEY_FILE']?.trim();
  if (keyRaw) {
    masterKey = decodeKey('VARN_MASTER_KEY', keyRaw, problems);
  } else if (keyFile) {
    if (!existsSync(keyFile))
      problems.push(`VARN_MASTER_KEY_FILE points to a missing file: ${keyFile}`);
    else
      masterKey = decodeKey('VARN_MASTER_KEY_FILE', readFileSync(keyFile, 'utf8').trim(), problems);
  } else if (requireKey && nodeEnv !== 'test') {
    problems.push(
      'VARN_MASTER_KEY (or VARN_MASTER_KEY_FILE) is required: 32 random bytes, base64 — create one with `openssl rand -base64 32` (npm run demo makes one for you under ./data)',
    );
  }

  const oldMasterKeys = parseOldMasterKeys(env, masterKey, problems);

  const trustProxyRaw = str('TRUST_PROXY', 'false');
  let trustProxy: boolean | number | string = false;
  if (/^(true|false)$/i.test(trustProxyRaw)) trustProxy = /^true$/i.test(trustProxyRaw);
  else if (/^\d+$/.test(trustProxyRaw)) trustProxy = Number(trustProxyRaw);
  else trustProxy = trustProxyRaw; // e.g. "loopback, 10.0.0.0/8" – passed to Express as is

  const bodyLimit = str('BODY_LIMIT', '100kb');
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit))
    problems.push(`BODY_LIMIT must look like 100kb or 1mb (got "${bodyLimit}")`);

  if (env['API_DOCS'] !== undefined)
    problems.push(
      'API_DOCS was renamed to VARN_API_DOCS (off by default in production, on in development and demo)',
    );
  const apiDocs = bool('VARN_API_DOCS', nodeEnv !== 'production');

  const staticRaw = str('STATIC_DIR', 'dist/frontend/browser');
  const staticDir = staticRaw === 'none' ? null : resolve(staticRaw);

  const publicUrl = parsePublicUrl(env['PUBLIC_URL'], problems);
  const mail = parseMail(env, publicUrl, problems);

  const cfg: AppConfig = {
    env: nodeEnv,
    demo,
    host: str('HOST', '0.0.0.0'),
    port: int('PORT', 3000, 1, 65535),
    database,
    masterKey,
    oldMasterKeys,
    files: {
      dir: resolve(str('FILES_DIR', './data/files')),
      uploadMaxBytes: int('UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    session: {
      idleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      absoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
      cookieName: 'varn_session',
      cookieSecure: oneOf('COOKIE_SECURE', 'auto', ['auto', 'always', 'never'] as const),
    },
    login: {
      maxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 100),
      lockoutMinutes: int('LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
      ratePerMinute: int('LOGIN_RATE_PER_MINUTE', 20, 1, 100000),
    },
    http: { bodyLimit, trustProxy, apiDocs },
    log: {
      level: oneOf('LOG_LEVEL', 'log', ['error', 'warn', 'log', 'debug'] as const),
      json: bool('LOG_JSON', nodeEnv === 'production'),
    },
    staticDir,
    jobs: { enabled: bool('JOBS_ENABLED', nodeEnv !== 'test') },
    mail,
    publicUrl,
    reporting: {
      securityContact: {
        name: str('SECURITY_CONTACT_NAME', 'Kommunens säkerhetsfunktion'),
        phone: str('SECURITY_CONTACT_PHONE', '010-123 45 00'),
        email: str('SECURITY_CONTACT_EMAIL', 'sakerhet@kommun.example'),
      },
      submitPerMinute: int('PUBLIC_REPORT_RATE_PER_MINUTE', 5, 1, 100000),
      sessionPerMinute: int('PUBLIC_SESSION_RATE_PER_MINUTE', 10, 1, 100000),
      publicPerMinute: int('PUBLIC_RATE_PER_MINUTE', 60, 1, 100000),
    },
    statistics: { minCell: int('STATS_MIN_CELL', 5, 2, 100) },
    auditCheckpoint: {
      target: env['AUDIT_CHECKPOINT_TARGET']?.trim() || null,
      everyMinutes: int('AUDIT_CHECKPOINT_MINUTES', 15, 1, 24 * 60),
    },
    secondFactor: {
      roles: parseSecondFactorRoles(env['SECOND_FACTOR_ROLES'], problems),
      issuer: str('SECOND_FACTOR_ISSUER', 'Värn').slice(0, 60),
    },
    oidc: parseOidc(env, nodeEnv, publicUrl, problems),
    localLogin: bool('LOCAL_LOGIN', true),
  };
  if (!cfg.localLogin && !cfg.oidc)
    problems.push(
      'LOCAL_LOGIN=off needs single sign-on (OIDC_ISSUER …): otherwise nobody can sign in',
    );
  if (problems.length) throw new ConfigError(problems);
  return deepFreeze(cfg);
}

function parseDatabaseUrl(url: string, poolSize: number, problems: string[]): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path)
      problems.push('DATABASE_URL=sqlite:<path> needs a file path, e.g. sqlite:./data/varn.db');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path), url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      problems.push('DATABASE_URL is not a valid postgres:// URL');
    }
    return { type: 'postgres', url, poolSize };
  }
  problems.push('DATABASE_URL must start with sqlite: or postgres:// (got an unsupported value)');
  return { type: 'sqlite', path: resolve('./data/varn.db'), url: 'sqlite:./data/varn.db' };
}

function parsePublicUrl(raw: string | undefined, problems: string[]): string | null {
  const v = raw?.trim();
  if (!v) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    problems.push(
      `PUBLIC_URL must be an absolute http(s) URL such as https://varn.kommun.se (got "${v}")`,
    );
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    problems.push(
      `PUBLIC_URL must be an http(s) URL without query, fragment or credentials (got "${v}")`,
    );
    return null;
  }
  return url.toString().replace(/\/+$/, '');
}

function parseMail(env: Env, publicUrl: string | null, problems: string[]): MailConfig | null {
  const smtpUrl = env['SMTP_URL']?.trim();
  if (!smtpUrl) return null;
  try {
    if (!/^smtps?:$/.test(new URL(smtpUrl).protocol)) throw new Error('protocol');
  } catch {
    // never echo the value: it may hold the SMTP password
    problems.push('SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465');
  }
  const from = env['MAIL_FROM']?.trim() ?? '';
  if (!from || from.length > 200 || /[\r\n]/.test(from))
    problems.push('MAIL_FROM is required with SMTP_URL, e.g. "Värn <varn@kommun.se>"');
  if (!publicUrl)
    problems.push(
      'PUBLIC_URL is required with SMTP_URL: e-mails link to it (e.g. https://varn.kommun.se)',
    );
  return { smtpUrl, from };
}

/** The roles that must give a second factor unless SECOND_FACTOR_ROLES says otherwise. */
export const DEFAULT_SECOND_FACTOR_ROLES: readonly Role[] = [
  'handlaggare',
  'identitetsansvarig',
  'avtalscontroller',
  'administrator',
];

/**
 * SECOND_FACTOR_ROLES: unset or blank → the default (production must enforce without anyone
 * remembering to); `none` → nobody is asked (explicit, so it cannot happen by a typo); otherwise
 * a comma list of role ids, each of which must exist (a misspelt role would silently drop it).
 */
function parseSecondFactorRoles(raw: string | undefined, problems: string[]): Role[] {
  const v = raw?.trim();
  if (!v) return [...DEFAULT_SECOND_FACTOR_ROLES];
  if (v.toLowerCase() === 'none') return [];
  const roles: Role[] = [];
  for (const name of v
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)) {
    if (!(ROLES as readonly string[]).includes(name))
      problems.push(
        `SECOND_FACTOR_ROLES: unknown role "${name}" (roles: ${ROLES.join(', ')}, or "none")`,
      );
    else if (!roles.includes(name as Role)) roles.push(name as Role);
  }
  return roles;
}

/** OIDC_* variables (ADR 0016); null when OIDC_ISSUER is not set. */
function parseOidc(
  env: Env,
  nodeEnv: AppConfig['env'],
  publicUrl: string | null,
  problems: string[],
): OidcConfig | null {
  const issuer = env['OIDC_ISSUER']?.trim();
  if (!issuer) return null;
  let issuerUrl: URL | null = null;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    problems.push(`OIDC_ISSUER must be an absolute URL (got "${issuer}")`);
  }
  const loopback = !!issuerUrl && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(issuerUrl.hostname);
  const allowInsecure = issuerUrl?.protocol === 'http:' && loopback && nodeEnv !== 'production';
  if (issuerUrl && issuerUrl.protocol !== 'https:' && !allowInsecure)
    problems.push(
      'OIDC_ISSUER must be https:// (plain http only for a loopback issuer outside production)',
    );
  const clientId = env['OIDC_CLIENT_ID']?.trim() ?? '';
  if (!clientId) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  let clientSecret = env['OIDC_CLIENT_SECRET']?.trim() || null;
  const secretFile = env['OIDC_CLIENT_SECRET_FILE']?.trim();
  if (!clientSecret && secretFile) {
    if (!existsSync(secretFile))
      problems.push(`OIDC_CLIENT_SECRET_FILE points to a missing file: ${secretFile}`);
    else clientSecret = readFileSync(secretFile, 'utf8').trim() || null;
  }
  const redirectRaw =
    env['OIDC_REDIRECT_URI']?.trim() || (publicUrl ? `${publicUrl}/api/auth/oidc/callback` : '');
  if (!redirectRaw) problems.push('OIDC_REDIRECT_URI (or PUBLIC_URL) is required with OIDC_ISSUER');
  else if (
    !/^https?:$/.test(safeUrl(redirectRaw)?.protocol ?? '') ||
    !redirectRaw.endsWith('/api/auth/oidc/callback')
  )
    problems.push(
      `OIDC_REDIRECT_URI must be an http(s) URL ending in /api/auth/oidc/callback (got "${redirectRaw}")`,
    );
  const scopes = (env['OIDC_SCOPES']?.trim() || 'openid profile email').replace(/\s+/g, ' ');
  if (!scopes.split(' ').includes('openid')) problems.push('OIDC_SCOPES must include openid');
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    redirectUri: redirectRaw,
    scopes,
    groupsClaim: env['OIDC_GROUPS_CLAIM']?.trim() || 'groups',
    usernameClaim: env['OIDC_USERNAME_CLAIM']?.trim() || 'preferred_username',
    roleMap: parseRoleMap(env, problems),
    trustAmr: /^(1|true|yes|on)$/i.test(env['OIDC_TRUST_AMR']?.trim() ?? ''),
    allowInsecure,
  };
}

function safeUrl(v: string): URL | null {
  try {
    return new URL(v);
  } catch {
    return null;
  }
}

/** OIDC_ROLE_MAP (JSON) or OIDC_ROLE_MAP_FILE: [{"group","role","unit"[,"claim"]}, …]. */
function parseRoleMap(env: Env, problems: string[]): OidcRoleMapping[] {
  let raw = env['OIDC_ROLE_MAP']?.trim();
  const file = env['OIDC_ROLE_MAP_FILE']?.trim();
  if (!raw && file) {
    if (!existsSync(file)) {
      problems.push(`OIDC_ROLE_MAP_FILE points to a missing file: ${file}`);
      return [];
    }
    raw = readFileSync(file, 'utf8');
  }
  const example =
    '[{"group":"varn-handlaggare","role":"handlaggare","unit":"Trafikförvaltningen"}]';
  if (!raw) {
    problems.push(`OIDC_ROLE_MAP is required with OIDC_ISSUER, e.g. ${example}`);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`OIDC_ROLE_MAP is not valid JSON; expected e.g. ${example}`);
    return [];
  }
  if (!Array.isArray(parsed) || !parsed.length) {
    problems.push(`OIDC_ROLE_MAP must be a non-empty JSON array, e.g. ${example}`);
    return [];
  }
  const out: OidcRoleMapping[] = [];
  parsed.forEach((e: unknown, i) => {
    const o = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
    const text = (k: string) => (typeof o[k] === 'string' ? o[k].trim() : '');
    const [group, role, unit, claim] = [text('group'), text('role'), text('unit'), text('claim')];
    const bad = Object.keys(o).filter((k) => !['group', 'role', 'unit', 'claim'].includes(k));
    if (!group || !unit || !(ROLES as readonly string[]).includes(role) || bad.length) {
      problems.push(
        `OIDC_ROLE_MAP entry ${i + 1}: needs "group", "unit" and "role" (one of ${ROLES.join(', ')})${bad.length ? `; unknown keys: ${bad.join(', ')}` : ''}`,
      );
      return;
    }
    out.push({ group, role: role as Role, unit, ...(claim ? { claim } : {}) });
  });
  return out;
}

function decodeKey(name: string, value: string, problems: string[]): Buffer {
  const buf = Buffer.from(value, 'base64');
  if (buf.length !== 32) {
    problems.push(`${name} must be 32 bytes encoded as base64 (decoded ${buf.length} bytes)`);
  }
  return buf;
}

/**
 * Previous master keys: VARN_MASTER_KEYS_OLD (entries separated by commas or white space) and
 * VARN_MASTER_KEYS_OLD_FILE (one entry per line, `#` starts a comment). An entry is a base64
 * key, optionally preceded by its id (`<kid>:<base64>` or `<kid> <base64>`); a stated id must
 * match the key, so a file cannot label a key wrongly.
 */
function parseOldMasterKeys(
  env: Env,
  current: Buffer,
  problems: string[],
): Array<{ id: string; key: Buffer }> {
  const entries: Array<{ source: string; text: string }> = [];
  const inline = env['VARN_MASTER_KEYS_OLD']?.trim();
  if (inline) {
    for (const text of inline.split(/[\s,]+/).filter(Boolean))
      entries.push({ source: 'VARN_MASTER_KEYS_OLD', text });
  }
  const file = env['VARN_MASTER_KEYS_OLD_FILE']?.trim();
  if (file) {
    if (!existsSync(file)) {
      problems.push(`VARN_MASTER_KEYS_OLD_FILE points to a missing file: ${file}`);
    } else {
      readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .forEach((line, i) => {
          const text = line.replace(/#.*$/, '').trim().replace(/\s+/, ':');
          if (text) entries.push({ source: `VARN_MASTER_KEYS_OLD_FILE line ${i + 1}`, text });
        });
    }
  }
  const keys: Array<{ id: string; key: Buffer }> = [];
  const currentId = current.length === 32 ? masterKeyId(current) : null;
  for (const { source, text } of entries) {
    const [a, b, ...more] = text.split(':');
    const stated = b === undefined ? null : a.toLowerCase();
    const encoded = b === undefined ? a : b;
    if (more.length || (stated !== null && !MASTER_KEY_ID.test(stated))) {
      problems.push(`${source}: expected "<base64 key>" or "<8 hex id>:<base64 key>"`);
      continue;
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32 || key.toString('base64') !== encoded) {
      problems.push(`${source}: a master key must be 32 bytes encoded as base64`);
      continue;
    }
    const id = masterKeyId(key);
    if (stated !== null && stated !== id) {
      problems.push(`${source}: the id ${stated} does not belong to this key (its id is ${id})`);
      continue;
    }
    if (id === currentId) {
      problems.push(`${source}: this is the current master key (${id}); list only previous keys`);
      continue;
    }
    if (!keys.some((k) => k.id === id)) keys.push({ id, key });
  }
  return keys;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Buffer.isBuffer(o)) {
    Object.values(o as object).forEach((v: unknown) => {
      deepFreeze(v);
    });
    Object.freeze(o);
  }
  return o;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
