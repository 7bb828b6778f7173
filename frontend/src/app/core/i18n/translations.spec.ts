/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { translations } from '../../../testing/transloco';
import { ROLES, UNIT_KINDS } from '../api/models';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`),
  );
}

/**
 * The backend's stable error codes: the `ProblemCode` union in backend/src/core/errors/problem.ts,
 * read from the source so that a code added there without a translation fails this test.
 */
function backendProblemCodes(): string[] {
  let dir = process.cwd();
  for (;;) {
    const file = join(dir, 'backend', 'src', 'core', 'errors', 'problem.ts');
    if (existsSync(file)) {
      const union = /export type ProblemCode\s*=([^;]+);/.exec(readFileSync(file, 'utf8'));
      if (!union) throw new Error(`No ProblemCode union in ${file}`);
      return [...union[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('backend/src/core/errors/problem.ts not found');
    dir = parent;
  }
}

/** Codes the UI makes up itself (see core/errors/problem.ts). */
const UI_ERROR_CODES = ['network_error', 'unexpected'];

const PASSWORD_REASONS = [
  'too_short',
  'too_long',
  'common',
  'weak',
  'contains_username',
  'same_as_current',
];

describe('translations', () => {
  const sv = keys(translations.sv);
  const en = keys(translations.en);

  it('has the same keys in Swedish and English', () => {
    expect(en.filter((k) => !sv.includes(k))).toEqual([]);
    expect(sv.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('labels every role, unit kind, error code and password reason', () => {
    const needed = [
      ...ROLES.map((r) => `roles.${r}`),
      ...UNIT_KINDS.map((k) => `unitKinds.${k}`),
      ...UI_ERROR_CODES.map((c) => `errors.${c}`),
      ...PASSWORD_REASONS.map((r) => `errors.fields.${r}`),
    ];
    expect(needed.filter((k) => !sv.includes(k))).toEqual([]);
  });

  it('translates every problem code the backend can send, in both languages', () => {
    const codes = backendProblemCodes();
    expect(codes).toContain('root_unit');
    expect(codes.length).toBeGreaterThan(15);
    const needed = codes.map((c) => `errors.${c}`);
    expect(needed.filter((k) => !sv.includes(k))).toEqual([]);
    expect(needed.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('uses the agreed Swedish words', () => {
    const sv = translations.sv;
    expect(sv.login.submit).toBe('Logga in');
    expect(sv.layout.skipLink).toBe('Hoppa till innehållet');
    expect(sv.roles.handlaggare).toBe('Handläggare/samordnare');
    expect(sv.status.notFound.heading).toBe('Sidan finns inte');
  });
});
