import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { loadConfig } from '../config/config';
import { Problem } from '../errors/problem';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { CheckPolicy, Public } from './decorators';
import type { AuthUser } from './roles';

const admin: AuthUser = {
  id: 'u1',
  username: 'admin',
  displayName: 'Admin',
  unitId: 'root',
  mustChangePassword: false,
  sessionId: 's1',
  roles: [{ assignmentId: 'a', role: 'administrator', unitId: 'root', unitIds: ['root'] }],
};

class FakeAuth extends Authenticator {
  authenticate(token: string): Promise<AuthUser | null> {
    return Promise.resolve(token === 'good' ? admin : null);
  }
}

class Routes {
  noMetadata(): void {}
  @Public() open(): void {}
  @CheckPolicy('read', 'AuditLog') audit(): void {}
  @CheckPolicy('read', 'ReporterIdentity') identity(): void {}
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
  });
});
