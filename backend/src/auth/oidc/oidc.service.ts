import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import { Clock } from '../../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { sha256Hex } from '../../core/crypto/hashing';
import { Db } from '../../core/database/db';
import { UsersRepository } from '../../users/users.repository';
import { SessionService } from '../session.service';
import { amrHasSecondFactor, safeReturnTo } from './claim-mapping';
import { OidcClient } from './oidc-client';
import { OidcLoginError } from './oidc-login-error';
import { OidcProvisioning } from './oidc-provisioning';
import { OidcRepository } from './oidc.repository';
import type { AuthMethodsDto } from './oidc.dto';

/** How long a sign-in at the IdP may take before its state is worthless. */
export const OIDC_STATE_MINUTES = 10;

/**
 * Single sign-on with OpenID Connect, authorization code + PKCE (ADR 0016). `start` records the
 * sign-in in progress in the database and sends the browser to the IdP; `callback` checks that the
 * answer belongs to this browser's sign-in, lets openid-client validate it, provisions the user
 * just in time and starts the same kind of session as a password sign-in.
 */
@Injectable()
export class OidcService {
  constructor(
    private readonly client: OidcClient,
    private readonly provisioning: OidcProvisioning,
    private readonly repo: OidcRepository,
    private readonly sessions: SessionService,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  methods(): AuthMethodsDto {
    return { local: this.config.localLogin, oidc: !!this.config.oidc };
  }

  /**
   * A new sign-in: the IdP URL to redirect to, and the `state` for the browser's cookie. Only
   * its hash is stored, so reading the table does not let anyone finish someone else's sign-in.
   */
  async start(returnToRaw: unknown): Promise<{ url: string; state: string }> {
    if (!this.config.oidc) throw new OidcLoginError('oidc_disabled');
    const { url, state, nonce, codeVerifier } = await this.client.authorizationUrl();
    const now = this.clock.now();
    await this.db.transaction(async () => {
      await this.repo.deleteExpiredStates(now);
      await this.repo.insertState({
        stateHash: sha256Hex(state),
        nonce,
        codeVerifier,
        returnTo: safeReturnTo(returnToRaw),
        createdAt: now,
        expiresAt: new Date(now.getTime() + OIDC_STATE_MINUTES * 60_000),
      });
    });
    return { url: url.toString(), state };
  }

  /**
   * The IdP sent the browser back. `query` is the raw query string of the callback; `cookieState`
   * the state this browser was given at the start. Returns the session token and where to go, or
   * throws an OidcLoginError (audited as auth.login_failed).
   */
  async callback(
    query: string,
    cookieState: string | undefined,
  ): Promise<{ token: string; returnTo: string }> {
    try {
      return await this.finish(query, cookieState);
    } catch (err) {
      if (err instanceof OidcLoginError && !err.audited) await this.recordFailure(err.code, null);
      throw err;
    }
  }

  private async finish(
    query: string,
    cookieState: string | undefined,
  ): Promise<{ token: string; returnTo: string }> {
    if (!this.config.oidc) throw new OidcLoginError('oidc_disabled');
    const params = new URLSearchParams(query);
    const queryState = params.get('state') ?? '';
    if (!cookieState) throw new OidcLoginError('oidc_state');
    // one attempt per sign-in: the state is used up whatever follows, so a tampered or replayed
    // callback also ends the sign-in it aimed at
    const pending = await this.db.transaction(() => this.repo.takeState(sha256Hex(cookieState)));
    // the answer must belong to the sign-in this browser started (login CSRF: an attacker's own
    // callback URL, sent to a victim, must not sign the victim in as the attacker)
    if (!pending || !sameString(queryState, cookieState) || pending.expiresAt <= this.clock.now())
      throw new OidcLoginError('oidc_state');

    const result = await this.client.finish(query, {
      state: cookieState,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
    const idpSecondFactor = this.config.oidc.trustAmr && amrHasSecondFactor(result.claims['amr']);

    const outcome = await this.db.transaction(async () => {
      const p = await this.provisioning.provision(result);
      if (!p.ok) {
        await this.failure(p.code, p.userId);
        return p;
      }
      const now = this.clock.now();
      await this.users.update(p.user.id, {
        lastLoginAt: now,
        previousLoginAt: p.user.lastLoginAt,
      });
      const { token, session } = await this.sessions.start(p.user.id, 'oidc', { idpSecondFactor });
      await this.audit.record({
        action: 'auth.login',
        actor: p.user,
        objectType: 'Session',
        objectId: session.id,
        details: { method: 'oidc', idpSecondFactor },
      });
      return { ok: true as const, token };
    });
    if (!outcome.ok) throw new OidcLoginError(outcome.code, true);
    return { token: outcome.token, returnTo: pending.returnTo };
  }

  /** Refusals that are not yet in the audit log (those of provisioning are, with the user). */
  private async recordFailure(code: string, userId: string | null): Promise<void> {
    await this.db.transaction(() => this.failure(code, userId));
  }

  private failure(code: string, userId: string | null): Promise<void> {
    return this.audit.record({
      action: 'auth.login_failed',
      outcome: 'denied',
      ...(userId ? { objectType: 'User', objectId: userId } : {}),
      details: { method: 'oidc', reason: code },
    });
  }
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
