/**
 * Password policy in the spirit of NIST SP 800-63B: length counts, composition rules do not.
 * At least 12 characters, at most 128; not one of ~49 000 common passwords (bundled list from
 * @zxcvbn-ts/language-common); not guessable from the user's own names (zxcvbn score ≥ 3).
 */
import { HttpStatus } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { Problem } from '../core/errors/problem';

export type PolicyViolation =
  'too_short' | 'too_long' | 'common' | 'weak' | 'contains_username' | 'same_as_current';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

let zxcvbn: ZxcvbnFactory | null = null;
let common: Set<string> | null = null;

function load(): { z: ZxcvbnFactory; common: Set<string> } {
  if (!zxcvbn || !common) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lang = require('@zxcvbn-ts/language-common') as {
      dictionary: Record<string, string[]>;
      adjacencyGraphs: Record<string, unknown>;
    };
    common = new Set(lang.dictionary['passwords-common'].map((p) => p.toLowerCase()));
    zxcvbn = new ZxcvbnFactory({
      dictionary: { ...lang.dictionary },
      graphs: lang.adjacencyGraphs as never,
    });
  }
  return { z: zxcvbn, common };
}

export interface PolicyContext {
  username?: string;
  displayName?: string;
  currentPassword?: string;
}

export function checkPassword(password: string, ctx: PolicyContext = {}): PolicyViolation[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return ['too_short'];
  if (length > PASSWORD_MAX) return ['too_long'];
  if (ctx.currentPassword !== undefined && password === ctx.currentPassword)
    return ['same_as_current'];
  const lower = password.toLowerCase();
  if (ctx.username && ctx.username.length >= 3 && lower.includes(ctx.username.toLowerCase()))
    return ['contains_username'];
  const { z, common: list } = load();
  if (list.has(lower)) return ['common'];
  const inputs = ['varn', 'värn', ctx.username, ...(ctx.displayName?.split(/\s+/) ?? [])].filter(
    (s): s is string => !!s && s.length >= 3,
  );
  if (z.check(password, inputs).score < 3) return ['weak'];
  return [];
}

export const VIOLATION_TEXT: Record<PolicyViolation, string> = {
  too_short: `Lösenordet måste ha minst ${PASSWORD_MIN} tecken.`,
  too_long: `Lösenordet får ha högst ${PASSWORD_MAX} tecken.`,
  common: 'Lösenordet är för vanligt. Välj en längre fras som inte är lätt att gissa.',
  weak: 'Lösenordet är för lätt att gissa. Använd till exempel flera ord som inte hör ihop.',
  contains_username: 'Lösenordet får inte innehålla användarnamnet.',
  same_as_current: 'Det nya lösenordet måste skilja sig från det nuvarande.',
};

/**
 * The one mapping from policy to answer: 400 `password_policy`, the Swedish texts in `detail`
 * and the violation codes as the field's messages (the UI translates the codes).
 */
export function assertPasswordPolicy(field: string, password: string, ctx: PolicyContext): void {
  const violations = checkPassword(password, ctx);
  if (!violations.length) return;
  throw new Problem(
    HttpStatus.BAD_REQUEST,
    'password_policy',
    violations.map((v) => VIOLATION_TEXT[v]).join(' '),
    { errors: [{ field, messages: violations }] },
  );
}
