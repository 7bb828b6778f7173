import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { subject } from '@casl/ability';
import { abilityFor, defineAbilityFor } from '../../core/authz/ability';
import { AuthGuard } from '../../core/authz/auth.guard';
import { Authenticator } from '../../core/authz/authenticator';
import { CheckPolicy, Public, SecondFactorStep } from '../../core/authz/decorators';
import type { AuthUser, Role, SecondFactorState } from '../../core/authz/roles';
import { loadConfig } from '../../core/config/config';
import { Problem } from '../../core/errors/problem';

function person(
  username: string,
  roles: Array<[Role, string]>,
  secondFactor?: SecondFactorState,
  mustChangePassword = false,
): AuthUser {
  return {
    id: `id-${username}`,
    username,
    displayName: username,
    unitId: 'root',
    mustChangePassword,
    sessionId: `s-${username}`,
    sessionExpiresAt: new Date('2026-12-01T00:00:00Z'),
    secondFactor,
    roles: roles.map(([role, unitPath], i) => ({
      assignmentId: `${username}-${i}`,
      role,
      unitId: unitPath.split('/').at(-2)!,
      unitPath,
    })),
  };
}

const ADMIN: Array<[Role, string]> = [['administrator', '/root/']];

describe('the second-factor gate in the rules (defineAbilityFor)', () => {
  it('a session that owes its code may read who it is and finish the second factor — nothing else', () => {
    for (const state of ['pending', 'enrol'] as const) {
      const a = defineAbilityFor(person('adm', ADMIN, state));
      expect(a.can('read', 'Me')).toBe(true);
      expect(
        a.can('create', subject('SecondFactor', { userId: 'id-adm', unitPath: '/root/' })),
      ).toBe(true);
      expect(
        a.can('update', subject('SecondFactor', { userId: 'id-adm', unitPath: '/root/' })),
      ).toBe(true);
      // not someone else's, not the password, not the organisation, not users
      expect(
        a.can('update', subject('SecondFactor', { userId: 'other', unitPath: '/root/' })),
      ).toBe(false);
      expect(a.can('update', 'Me')).toBe(false);
      expect(a.can('read', 'OrgUnit')).toBe(false);
      expect(a.can('read', 'User')).toBe(false);
      expect(a.can('delete', 'SecondFactor')).toBe(false);
      expect(a.can('read', 'AuditLog')).toBe(false);
    }
  });

  it('once the code is given (or none is needed) the role rules apply', () => {
    for (const state of ['done', 'not_required', undefined] as const) {
      const a = defineAbilityFor(person('adm', ADMIN, state));
      expect(a.can('read', 'User')).toBe(true);
      expect(a.can('update', 'Me')).toBe(true);
      expect(a.can('delete', subject('SecondFactor', { userId: 'x', unitPath: '/root/a/' }))).toBe(
        true,
      );
    }
  });

  it('administrators reset second factors in their subtree only, never their own', () => {
    const a = defineAbilityFor(person('adm', [['administrator', '/root/a/']], 'done'));
    expect(a.can('delete', subject('SecondFactor', { userId: 'x', unitPath: '/root/a/b/' }))).toBe(
      true,
    );
    expect(a.can('delete', subject('SecondFactor', { userId: 'x', unitPath: '/root/b/' }))).toBe(
      false,
    );
    expect(
      a.can('delete', subject('SecondFactor', { userId: 'id-adm', unitPath: '/root/a/' })),
    ).toBe(false);
    const h = defineAbilityFor(person('h', [['handlaggare', '/root/']], 'done'));
    expect(h.can('delete', 'SecondFactor')).toBe(false);
  });

  it('the memo tells an outstanding second factor apart from a given one', () => {
    expect(abilityFor(person('m', ADMIN, 'pending')).can('read', 'User')).toBe(false);
    expect(abilityFor(person('m', ADMIN, 'done')).can('read', 'User')).toBe(true);
    expect(abilityFor(person('m', ADMIN, 'pending')).can('read', 'User')).toBe(false);
  });

  it('the second factor comes before a forced password change', () => {
    const a = defineAbilityFor(person('adm', ADMIN, 'enrol', true));
    expect(a.can('update', 'Me')).toBe(false);
    const b = defineAbilityFor(person('adm', ADMIN, 'done', true));
    expect(b.can('update', 'Me')).toBe(true);
    expect(b.can('read', 'User')).toBe(false);
  });
});

const PEOPLE: Record<string, AuthUser> = {
  pending: person('p', ADMIN, 'pending'),
  enrol: person('e', ADMIN, 'enrol'),
  done: person('d', ADMIN, 'done'),
};

class FakeAuth extends Authenticator {
  authenticate(token: string): Promise<AuthUser | null> {
    return Promise.resolve(PEOPLE[token] ?? null);
  }
}

class Routes {
  @Public() open(): void {}
  @CheckPolicy('read', 'Me') meUnmarked(): void {}
  @SecondFactorStep() @CheckPolicy('read', 'Me') me(): void {}
  @SecondFactorStep() @CheckPolicy('update', 'SecondFactor') verify(): void {}
  @CheckPolicy('read', 'User') users(): void {}
}

function ctx(
  handler: keyof Routes,
  cookie: string,
): { ctx: ExecutionContext; req: Record<string, unknown> } {
  const req: Record<string, unknown> = { cookies: { varn_session: cookie } };
  const c = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx: c, req };
}

describe('the second-factor gate in the guard', () => {
  const guard = new AuthGuard(new Reflector(), new FakeAuth(), loadConfig({ NODE_ENV: 'test' }));

  async function answer(handler: keyof Routes, cookie: string): Promise<string> {
    try {
      await guard.canActivate(ctx(handler, cookie).ctx);
      return 'ok';
    } catch (e) {
      const p = e as Problem;
      return `${p.getStatus()} ${(p.getResponse() as { code?: string }).code ?? ''}`;
    }
  }

  it('refuses every unmarked route with 403 second_factor_required, even one the rules allow', async () => {
    for (const who of ['pending', 'enrol']) {
      expect(await answer('users', who)).toBe('403 second_factor_required');
      expect(await answer('meUnmarked', who)).toBe('403 second_factor_required');
      expect(await answer('me', who)).toBe('ok');
      expect(await answer('verify', who)).toBe('ok');
    }
    expect(await answer('users', 'done')).toBe('ok');
    expect(await answer('meUnmarked', 'done')).toBe('ok');
  });

  it('lets a public route through as anonymous: the half-signed-in user is not attached', async () => {
    const { ctx: c, req } = ctx('open', 'pending');
    await expect(guard.canActivate(c)).resolves.toBe(true);
    expect(req['auth']).toBeUndefined();
    const done = ctx('open', 'done');
    await guard.canActivate(done.ctx);
    expect(done.req['auth']).toBeDefined();
  });
});
