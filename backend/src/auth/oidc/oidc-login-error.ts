/**
 * Why a single sign-on did not sign anyone in. The callback is a browser navigation, not an API
 * call, so these never become a problem+json answer: the browser is sent back to the sign-in
 * page with the code (`/logga-in?fel=<code>`), which the page translates.
 */
export const OIDC_LOGIN_ERRORS = [
  /** Single sign-on is not configured. */
  'oidc_disabled',
  /** The IdP could not be reached (discovery, token or userinfo request). */
  'oidc_unavailable',
  /** No sign-in in progress in this browser, a state that does not match, or one that expired. */
  'oidc_state',
  /** The person cancelled at the IdP (access_denied). */
  'oidc_cancelled',
  /** The IdP answered with another error. */
  'oidc_idp_error',
  /** The IdP's answer did not validate (code, ID token signature, nonce, issuer …). */
  'oidc_invalid',
  /** None of the person's groups maps to a role in Värn. */
  'oidc_no_role',
  /** The account is deactivated in Värn. */
  'account_disabled',
  /** The username the IdP gives already belongs to another Värn account that is not linked. */
  'oidc_account_conflict',
] as const;
export type OidcLoginErrorCode = (typeof OIDC_LOGIN_ERRORS)[number];

export class OidcLoginError extends Error {
  /** `audited`: the refusal is in the audit log already (written with what it changed). */
  constructor(
    readonly code: OidcLoginErrorCode,
    readonly audited = false,
  ) {
    super(code);
    this.name = 'OidcLoginError';
  }
}
