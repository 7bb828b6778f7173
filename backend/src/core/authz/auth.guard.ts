import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Problem } from '../errors/problem';
import { abilityFor } from './ability';
import { Authenticator } from './authenticator';
import {
  AuthenticatedRequest,
  IS_PUBLIC,
  POLICY,
  PolicyRequirement,
  SECOND_FACTOR_STEP,
} from './decorators';
import { secondFactorOutstanding } from './roles';

/** 403 for a session that has given the password but not yet the second factor. */
export function secondFactorRequired(): Problem {
  return new Problem(
    HttpStatus.FORBIDDEN,
    'second_factor_required',
    'Du behöver ange en kod från din app för tvåstegsverifiering innan du kan fortsätta.',
  );
}

/**
 * The global guard. Default-deny: a route must be @Public() or carry a @CheckPolicy(); a route
 * with neither is refused for everyone (and the route-inventory test fails).
 * Holds no request state: everything it learns goes on the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true;
    const policy = this.reflector.getAllAndOverride<PolicyRequirement | undefined>(POLICY, targets);
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();

    const token = (req.cookies as Record<string, string> | undefined)?.[
      this.config.session.cookieName
    ];
    if (token && typeof token === 'string' && token.length <= 128) {
      const user = await this.authenticator.authenticate(token);
      if (user) req.auth = { user, ability: abilityFor(user) };
    }
    // A session that still owes its second factor is not signed in as far as any route is
    // concerned, except the few marked @SecondFactorStep() (read /api/me, enrol, give the code).
    // Public routes see it as anonymous, so none of them acts for the half-signed-in user.
    if (req.auth && secondFactorOutstanding(req.auth.user)) {
      const step = this.reflector.getAllAndOverride<boolean>(SECOND_FACTOR_STEP, targets) === true;
      if (isPublic) {
        delete req.auth;
        return true;
      }
      if (!step) throw secondFactorRequired();
    }
    if (isPublic) return true;
    if (!req.auth) {
      throw new Problem(
        HttpStatus.UNAUTHORIZED,
        'unauthenticated',
        'Du är inte inloggad eller så har sessionen gått ut.',
      );
    }
    if (!policy) throw Problem.forbidden();
    if (!req.auth.ability.can(policy.action, policy.subject)) throw Problem.forbidden();
    return true;
  }
}
