import type { AuthUser } from './roles';

/** Resolves the session token from a request to a user. Implemented by the auth feature. */
export abstract class Authenticator {
  abstract authenticate(sessionToken: string): Promise<AuthUser | null>;
}
