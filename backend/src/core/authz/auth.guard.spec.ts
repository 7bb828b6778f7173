import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { loadConfig } from '../config/config';
import { Problem } from '../errors/problem';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { CheckPolicy, Public } from './decorators';
import type { AuthUser, Role } from './roles';

function person(username: string, roles: Array<[Role, string]>): AuthUser {
  return {
    id: `id-${username}`,
    username,
    displayName: username,
    unitId: 'root',
    mustChangePassword: false,
    sessionId: `s-${username}`,
    sessionExpiresAt: new Date('2026-12-01T00:00:00Z'),
    roles: roles.map(([role, unitPath], i) => ({
      assignmentId: `${username}-${i}`,
      role,
      unitId: unitPath.split('/').at(-2)!,
      unitPath,
    })),
  };
}

/** Session token → user, as the session service would resolve it. */
const PEOPLE: Record<string, AuthUser> = {
  good: person('admin', [['administrator', '/root/']]),
  handler: person('handler', [['handlaggare', '/root/social/']]),
  'handler+admin': person('handler-admin', [
    ['handlaggare', '/root/social/'],
    ['administrator', '/root/teknik/'],
  ]),
  'handler+auditor': person('handler-auditor', [
    ['handlaggare', '/root/social/'],
    ['internrevisor', '/root/'],
  ]),
};

class FakeAuth extends Authenticator {
  authenticate(token: string): Promise<AuthUser | null> {
    return Promise.resolve(PEOPLE[token] ?? null);
  }
}

class Routes {
  noMetadata(): void {}
  @Public() open(): void {}
  @CheckPolicy('read', 'AuditLog') audit(): void {}
  @CheckPolicy('read', 'ReporterIdentity') identity(): void {}
  @CheckPolicy('read', 'Case') cases(): void {}
}

function ctx(
  handler: keyof Routes,
  cookie?: string,
): { ctx: ExecutionContext; req: Record<string, unknown> } {
  const req: Record<string, unknown> = { cookies: cookie ? { varn_session: cookie } : {} };
  const c = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx: c, req };
}

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Reflector(), new FakeAuth(), loadConfig({ NODE_ENV: 'test' }));

  async function status(handler: keyof Routes, cookie?: string): Promise<number> {
    try {
      await guard.canActivate(ctx(handler, cookie).ctx);
      return 200;
    } catch (e) {
      return (e as Problem).getStatus();
    }
  }

  it('refuses a signed-in administrator on a route with no policy (default-deny)', async () => {
    expect(await status('noMetadata', 'good')).toBe(403);
  });
  it('asks for sign-in on protected routes without a valid session', async () => {
    expect(await status('audit')).toBe(401);
    expect(await status('audit', 'forged')).toBe(401);
  });
  it('lets anyone through a public route, and attaches the user when signed in', async () => {
    expect(await status('open')).toBe(200);
    const { ctx: c, req } = ctx('open', 'good');
    await guard.canActivate(c);
    expect((req['auth'] as { user: AuthUser }).user.username).toBe('admin');
  });
  it('checks the policy against the ability', async () => {
    expect(await status('audit', 'good')).toBe(200);
    expect(await status('identity', 'good')).toBe(403);
    expect(await status('audit', 'handler')).toBe(403);
  });
  it('lets a case handler reach the case routes', async () => {
    expect(await status('cases', 'handler')).toBe(200);
  });
  it('keeps case handlers who are also administrators or auditors off the case routes', async () => {
    expect(await status('cases', 'handler+admin')).toBe(403);
    expect(await status('cases', 'handler+auditor')).toBe(403);
    expect(await status('identity', 'handler+admin')).toBe(403);
    // what the other role gives still works
    expect(await status('audit', 'handler+admin')).toBe(200);
  });
});
