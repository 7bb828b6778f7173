import { SecondFactorEntity } from '../../../backend/src/auth/second-factor/entities/second-factor.entity';
import {
  type Actor,
  asObject,
  everyone,
  hiddenFrom,
  inScope,
  MIXED,
  type MatrixRow,
  sql,
  str,
} from '../matrix';

/**
 * The second factor's routes. The matrix runs with SECOND_FACTOR_ROLES=none (the test harness
 * default), so every actor is "not required": the own-factor routes let everyone through and then
 * refuse the input with the documented 409 — the point here is who gets past authorization. The
 * gate itself (a session owing its code reaches no other route) is proven in
 * backend/src/auth/second-factor/second-factor.int-spec.ts.
 */
/** Administrators (a function: `MIXED` exists only once matrix.ts has run). */
const admins = (): Actor[] => ['administrator', MIXED];

export function secondFactorRows(): MatrixRow[] {
  return [
    {
      route: 'POST /api/auth/second-factor/enrol',
      prepare: () => ({ path: '/api/auth/second-factor/enrol' }),
      expect: everyone,
      ok: 200,
      expectRejectedInput: { status: 409, code: 'second_factor_not_required' },
    },
    {
      route: 'POST /api/auth/second-factor/enrol/confirm',
      prepare: () => ({ path: '/api/auth/second-factor/enrol/confirm', body: { code: '123456' } }),
      expect: everyone,
      ok: 200,
      expectRejectedInput: { status: 409, code: 'second_factor_not_required' },
    },
    {
      route: 'POST /api/auth/second-factor/verify',
      prepare: () => ({ path: '/api/auth/second-factor/verify', body: { code: '123456' } }),
      expect: everyone,
      ok: 200,
      expectRejectedInput: { status: 409, code: 'second_factor_not_required' },
    },
    {
      route: 'GET /api/me/second-factor',
      prepare: () => ({ path: '/api/me/second-factor' }),
      expect: everyone,
      ok: 200,
      shape: { keys: ['state', 'enrolled', 'enrolledAt', 'recoveryCodesLeft'] },
      check: (body) => {
        if (asObject(body)['state'] !== 'not_required')
          throw new Error(`expected not_required, got ${str(asObject(body)['state'])}`);
      },
    },
    {
      route: 'POST /api/me/second-factor/recovery-codes',
      prepare: () => ({ path: '/api/me/second-factor/recovery-codes', body: { code: '123456' } }),
      expect: everyone,
      ok: 200,
      expectRejectedInput: { status: 409, code: 'second_factor_not_enrolled' },
    },
    {
      // a fresh user with an (enrolled) second factor in the cell's unit
      route: 'DELETE /api/users/:id/second-factor',
      prepare: async (w, scope) => {
        const user = await w.t.user(w.unique('tsv'), w.unit(scope));
        const now = w.t.clock.now();
        await w.t.db.transaction(() =>
          w.t.db.repo(SecondFactorEntity).insert({
            userId: user.id,
            wrappedKey: 'v2.00000000.never-unwrapped',
            secretSealed: 'v1.never-opened',
            confirmedAt: now,
            lastUsedStep: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
        return { path: `/api/users/${user.id}/second-factor` };
      },
      expect: (actor, scope) => inScope(...admins())(actor, scope),
      ok: 204,
      denied: hiddenFrom('administrator'),
      check: async (_body, r, w) => {
        const id = r.path.split('/')[3];
        const left = await sql<{ n: number }>(
          w,
          'SELECT COUNT(1) AS n FROM second_factors WHERE "userId" = $1',
          [id],
        );
        if (Number(left[0]?.n) !== 0) throw new Error('the second factor is still there');
      },
    },
  ];
}
