import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Action, AppAbility, SubjectType } from './ability';
import type { AuthUser } from './roles';

export const IS_PUBLIC = 'varn:public';
export const POLICY = 'varn:policy';
export const SECOND_FACTOR_STEP = 'varn:second-factor-step';

export interface PolicyRequirement {
  action: Action;
  subject: SubjectType;
}

/** Opt a route out of authentication. Use sparingly: login, health, the public report form. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Marks a route that a session with an outstanding second factor may use: reading who one is,
 * enrolling, giving the code. Every other route refuses such a session (auth.guard.ts), so a new
 * route is closed to it without anyone remembering to.
 */
export const SecondFactorStep = () => SetMetadata(SECOND_FACTOR_STEP, true);

/**
 * The route-level check: the user must be able to do `action` on *some* `subject`.
 * Services still check the loaded row (instance check) and filter lists in SQL.
 */
export const CheckPolicy = (action: Action, subject: SubjectType) =>
  SetMetadata(POLICY, { action, subject } satisfies PolicyRequirement);

export interface AuthenticatedRequest extends Request {
  id?: string;
  auth?: { user: AuthUser; ability: AppAbility };
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.auth) throw new Error('CurrentUser used on a route without authentication');
  return req.auth.user;
});

export const CurrentAbility = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AppAbility => {
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.auth) throw new Error('CurrentAbility used on a route without authentication');
    return req.auth.ability;
  },
);
