import { translations } from '../../../testing/transloco';
import { ROLES, UNIT_KINDS } from '../api/models';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`),
  );
}

/** The backend's stable error codes (backend/src/core/errors/problem.ts) plus the UI's own. */
const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'account_disabled',
  'password_policy',
  'wrong_password',
  'forbidden',
  'not_found',
  'conflict',
  'unit_in_use',
  'unit_cycle',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'service_unavailable',
  'internal_error',
  'network_error',
  'unexpected',
];

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
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...PASSWORD_REASONS.map((r) => `errors.fields.${r}`),
    ];
    expect(needed.filter((k) => !sv.includes(k))).toEqual([]);
  });

  it('uses the agreed Swedish words', () => {
    const sv = translations.sv;
    expect(sv.login.submit).toBe('Logga in');
    expect(sv.layout.skipLink).toBe('Hoppa till innehållet');
    expect(sv.roles.handlaggare).toBe('Handläggare/samordnare');
    expect(sv.status.notFound.heading).toBe('Sidan finns inte');
  });
});
