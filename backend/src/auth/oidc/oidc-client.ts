import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { APP_CONFIG, AppConfig, OidcConfig } from '../../core/config/config';
import { OidcLoginError } from './oidc-login-error';

/** What the callback needs from the IdP's answer. */
export interface OidcResult {
  /** The ID token's claims, with the userinfo claims added when the token lacks the groups. */
  claims: Record<string, unknown>;
  issuer: string;
  subject: string;
}

/**
 * The one place that speaks to the identity provider, through openid-client (certified, keeps
 * up with the specs; ADR 0016). The provider's metadata and keys are fetched once per instance
 * and kept (openid-client refetches the keys on an unknown `kid`); a failed discovery is tried
 * again at the next sign-in, so an IdP that was down at boot does not need a restart.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger('OidcClient');
  private discovered: Promise<client.Configuration> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get oidc(): OidcConfig {
    if (!this.config.oidc) throw new OidcLoginError('oidc_disabled');
    return this.config.oidc;
  }

  private configuration(): Promise<client.Configuration> {
    const o = this.oidc;
    this.discovered ??= client
      .discovery(
        new URL(o.issuer),
        o.clientId,
        { redirect_uris: [o.redirectUri], response_types: ['code'] },
        o.clientSecret ? client.ClientSecretBasic(o.clientSecret) : client.None(),
        {
          timeout: 10,
          // plain http only for a loopback issuer outside production (config.ts decides)
          ...(o.allowInsecure ? { execute: [client.allowInsecureRequests] } : {}),
        },
      )
      .catch((err: unknown) => {
        this.discovered = null;
        this.logger.warn(`OIDC discovery at ${o.issuer} failed: ${message(err)}`);
        throw new OidcLoginError('oidc_unavailable');
      });
    return this.discovered;
  }

  /** A fresh state, nonce and PKCE verifier, and the IdP's authorization URL carrying them. */
  async authorizationUrl(): Promise<{
    url: URL;
    state: string;
    nonce: string;
    codeVerifier: string;
  }> {
    const cfg = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(cfg, {
      redirect_uri: this.oidc.redirectUri,
      scope: this.oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Finishes the code flow: checks the IdP's answer (error, state, issuer), redeems the code
   * with the PKCE verifier, and validates the ID token (signature, issuer, audience, expiry,
   * nonce) — all of it openid-client's work, none of it hand-written here.
   */
  async finish(
    query: string,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<OidcResult> {
    const cfg = await this.configuration();
    const currentUrl = new URL(this.oidc.redirectUri);
    currentUrl.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (err instanceof client.AuthorizationResponseError)
        throw new OidcLoginError(
          err.error === 'access_denied' ? 'oidc_cancelled' : 'oidc_idp_error',
        );
      this.logger.warn(`OIDC code exchange failed: ${message(err)}`);
      throw new OidcLoginError(isNetwork(err) ? 'oidc_unavailable' : 'oidc_invalid');
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcLoginError('oidc_invalid');
    let claims: Record<string, unknown> = { ...idClaims };
    if (this.needsUserinfo(claims)) {
      try {
        const info = await client.fetchUserInfo(cfg, tokens.access_token, idClaims.sub);
        // the ID token's own claims win: they are signed, the userinfo answer is not
        claims = { ...info, ...idClaims };
      } catch (err) {
        this.logger.warn(`OIDC userinfo failed: ${message(err)}`);
        throw new OidcLoginError(isNetwork(err) ? 'oidc_unavailable' : 'oidc_invalid');
      }
    }
    return { claims, issuer: idClaims.iss, subject: idClaims.sub };
  }

  /** Whether a claim the mapping reads is missing from the ID token. */
  private needsUserinfo(claims: Record<string, unknown>): boolean {
    const o = this.oidc;
    const names = new Set([o.groupsClaim, ...o.roleMap.map((m) => m.claim ?? o.groupsClaim)]);
    return [...names].some((n) => claims[n.split('.')[0]] === undefined);
  }
}

function message(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.name}: ${err.message}${cause}`;
}

function isNetwork(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === 'TimeoutError' ||
      err.name === 'AbortError' ||
      (err.cause instanceof Error &&
        (err.cause.name === 'TypeError' || /fetch failed|ECONNREFUSED/.test(err.cause.message))))
  );
}
