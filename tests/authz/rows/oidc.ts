import { asObject, everyone, type MatrixRow } from '../matrix';

/**
 * Sign-in methods and the OIDC flow. The matrix app runs without OIDC, so start and callback
 * redirect to the sign-in page with fel=oidc_disabled for everyone; the real flow is proven in
 * backend/src/auth/oidc/oidc.int-spec.ts against a provider on loopback.
 */
export function oidcRows(): MatrixRow[] {
  const toLoginPage = (location: unknown) => {
    if (location !== '/logga-in?fel=oidc_disabled')
      throw new Error(`expected a redirect to the sign-in page, got ${String(location)}`);
  };
  return [
    {
      route: 'GET /api/auth/methods',
      public: true,
      prepare: () => ({ path: '/api/auth/methods' }),
      expect: everyone,
      ok: 200,
      shape: { keys: ['local', 'oidc'] },
      check: (body) => {
        const b = asObject(body);
        if (b['local'] !== true || b['oidc'] !== false)
          throw new Error(`methods: ${JSON.stringify(b)}`);
      },
    },
    {
      route: 'GET /api/auth/oidc/start',
      public: true,
      prepare: () => ({ path: '/api/auth/oidc/start' }),
      expect: everyone,
      ok: 302,
      check: toLoginPage,
    },
    {
      route: 'GET /api/auth/oidc/callback',
      public: true,
      prepare: () => ({ path: '/api/auth/oidc/callback?code=x&state=y' }),
      expect: everyone,
      ok: 302,
      check: toLoginPage,
    },
  ];
}
