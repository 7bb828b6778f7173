import { HttpStatus, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import * as QRCode from 'qrcode';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { AppSecrets } from '../../core/crypto/app-secrets';
import { EnvelopeCrypto } from '../../core/crypto/envelope-crypto';
import { WrappedKeyRegistry } from '../../core/crypto/wrapped-key.registry';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import { UsersRepository } from '../../users/users.repository';
import { AccountLockout } from '../account-lockout';
import { SessionService } from '../session.service';
import { SessionsRepository } from '../sessions.repository';
import { EnrolmentDto, RecoveryCodesDto, SecondFactorStatusDto } from './dto/second-factor.dto';
import { SecondFactorEntity } from './entities/second-factor.entity';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes';
import { SecondFactorRepository } from './second-factor.repository';
import { matchTotpStep, newTotpSecret, otpauthUri } from './totp';

/** The application secret that keys the recovery-code hashes (AppSecrets). */
const RECOVERY_KEY = 'second-factor-recovery';

function invalidCode(field: 'code' | 'recoveryCode' = 'code'): Problem {
  return new Problem(
    HttpStatus.BAD_REQUEST,
    'invalid_code',
    field === 'code'
      ? 'Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och ange den kod som visas nu.'
      : 'Återställningskoden stämmer inte eller har redan använts.',
    { errors: [{ field, messages: ['invalid_code'] }] },
  );
}

/** The result of a step that signs the session in fully: the new session token. */
export interface Upgraded {
  token: string;
}

/**
 * TOTP second factor with recovery codes (ADR 0017). The rules: who must have one
 * (SECOND_FACTOR_ROLES, decided per request in SessionService), enrolment with a confirming code,
 * verification with replay protection in the database, recovery codes used once, wrong codes
 * counted by the account lockout, an administrator's reset. Every step is audited, never a
 * secret or a code.
 */
@Injectable()
export class SecondFactorService implements OnModuleInit {
  constructor(
    private readonly factors: SecondFactorRepository,
    private readonly sessions: SessionService,
    private readonly sessionStore: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly lockout: AccountLockout,
    private readonly crypto: EnvelopeCrypto,
    private readonly secrets: AppSecrets,
    private readonly wrappedKeys: WrappedKeyRegistry,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // `varn rotate-master-key` re-wraps the data keys of the TOTP secrets with everyone else's
    this.wrappedKeys.register({
      name: 'second_factors',
      table: 'second_factors',
      idColumn: 'userId',
      wrappedKeyColumn: 'wrappedKey',
    });
  }

  async status(auth: AuthUser): Promise<SecondFactorStatusDto> {
    const f = await this.factors.find(auth.id);
    const enrolled = !!f?.confirmedAt;
    return {
      state: auth.secondFactor ?? 'not_required',
      enrolled,
      enrolledAt: f?.confirmedAt?.toISOString() ?? null,
      recoveryCodesLeft: enrolled ? await this.factors.unusedCodeCount(auth.id) : 0,
    };
  }

  /** Step 1 of enrolment: a new secret, as text, otpauth URI and QR code. Not yet in force. */
  async startEnrolment(auth: AuthUser): Promise<EnrolmentDto> {
    this.assertMayEnrol(auth);
    const secret = newTotpSecret();
    const now = this.clock.now();
    const { key, wrapped } = this.crypto.newDataKey();
    const row: SecondFactorEntity = {
      userId: auth.id,
      wrappedKey: wrapped,
      secretSealed: this.crypto.encrypt(key, secret, this.context(auth.id)),
      confirmedAt: null,
      lastUsedStep: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.transaction(async () => {
      if (!(await this.factors.saveUnconfirmed(row))) throw this.alreadyEnrolled();
      await this.audit.record({
        action: 'second_factor.enrolment_started',
        actor: auth,
        objectType: 'User',
        objectId: auth.id,
      });
    });
    const uri = otpauthUri(secret, this.config.secondFactor.issuer, auth.username);
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return {
      secret: secret.match(/.{1,4}/g)?.join(' ') ?? secret,
      otpauthUri: uri,
      qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /**
   * Step 2: the first code from the app proves it holds the secret. The factor is in force from
   * now, the session counts as verified (new token), and the recovery codes are shown this once.
   */
  async confirmEnrolment(
    auth: AuthUser,
    code: string,
    token: string,
  ): Promise<RecoveryCodesDto & Upgraded> {
    this.assertMayEnrol(auth);
    const user = await this.loadUser(auth);
    await this.lockout.refuseIfLocked(user, 'second_factor', auth);
    const f = await this.factors.find(auth.id);
    if (f?.confirmedAt) throw this.alreadyEnrolled();
    if (!f)
      throw Problem.conflict(
        'Starta registreringen först: hämta en ny QR-kod.',
        'second_factor_not_enrolled',
      );
    const step = matchTotpStep(this.secretOf(f), code, this.clock.now());
    if (step === null) return this.fail(user, auth, 'code');
    const codes = newRecoveryCodes();
    const hashes = await this.hashes(auth.id, codes);
    const upgraded = await this.db.transaction(async () => {
      const now = this.clock.now();
      if (!(await this.factors.confirm(auth.id, step, now))) throw this.alreadyEnrolled();
      await this.factors.replaceCodes(auth.id, hashes, now);
      const next = await this.upgradeSession(token, 'totp');
      await this.users.update(auth.id, { failedLoginCount: 0 });
      await this.audit.record({
        action: 'second_factor.enrolled',
        actor: auth,
        objectType: 'User',
        objectId: auth.id,
        details: { method: 'totp', recoveryCodes: codes.length },
      });
      return next;
    });
    return { recoveryCodes: codes, token: upgraded };
  }

  /** The second step of signing in: a TOTP code or a recovery code. */
  async verify(
    auth: AuthUser,
    input: { code?: string; recoveryCode?: string },
    token: string,
  ): Promise<Upgraded & { recoveryCodesLeft: number }> {
    if (auth.secondFactor === 'enrol')
      throw Problem.conflict(
        'Du har ingen tvåstegsverifiering ännu: registrera en app först.',
        'second_factor_not_enrolled',
      );
    if (auth.secondFactor !== 'pending')
      throw Problem.conflict('Sessionen behöver ingen kod.', 'second_factor_not_required');
    if ((input.code == null) === (input.recoveryCode == null))
      throw Problem.badRequest('Ange antingen en kod från appen eller en återställningskod.');
    const { user, f } = await this.confirmedFactorOf(auth);

    const via = input.code != null ? 'totp' : 'recovery';
    const accepted =
      via === 'totp'
        ? await this.useTotp(f, input.code ?? '')
        : await this.useRecoveryCode(auth.id, input.recoveryCode ?? '');
    if (!accepted) return this.fail(user, auth, via === 'totp' ? 'code' : 'recoveryCode');

    const left = await this.factors.unusedCodeCount(auth.id);
    const next = await this.db.transaction(async () => {
      const upgraded = await this.upgradeSession(token, via);
      await this.users.update(auth.id, { failedLoginCount: 0 });
      await this.audit.record({
        action: via === 'totp' ? 'auth.second_factor_verified' : 'auth.recovery_code_used',
        actor: auth,
        objectType: 'User',
        objectId: auth.id,
        details: { method: via, ...(via === 'recovery' ? { recoveryCodesLeft: left } : {}) },
      });
      return upgraded;
    });
    return { token: next, recoveryCodesLeft: left };
  }

  /**
   * The user (refused while locked out) and their confirmed factor, for a step that checks a
   * code; 409 second_factor_not_enrolled without one.
   */
  private async confirmedFactorOf(auth: AuthUser) {
    const user = await this.loadUser(auth);
    await this.lockout.refuseIfLocked(user, 'second_factor', auth);
    const f = await this.factors.find(auth.id);
    if (!f?.confirmedAt)
      throw Problem.conflict(
        'Ingen tvåstegsverifiering är registrerad.',
        'second_factor_not_enrolled',
      );
    return { user, f };
  }

  /** New recovery codes (the old ones stop working); needs a current code from the app. */
  async regenerateCodes(auth: AuthUser, code: string): Promise<RecoveryCodesDto> {
    const { user, f } = await this.confirmedFactorOf(auth);
    if (!(await this.useTotp(f, code))) return this.fail(user, auth, 'code');
    const codes = newRecoveryCodes();
    const hashes = await this.hashes(auth.id, codes);
    await this.db.transaction(async () => {
      await this.factors.replaceCodes(auth.id, hashes, this.clock.now());
      await this.audit.record({
        action: 'second_factor.recovery_codes_regenerated',
        actor: auth,
        objectType: 'User',
        objectId: auth.id,
        details: { recoveryCodes: codes.length },
      });
    });
    return { recoveryCodes: codes };
  }

  /**
   * An administrator removes a user's second factor (a lost phone): the user enrols again at the
   * next sign-in, and every session of the user ends (one of them may be the thief's).
   */
  async reset(userId: string, actor: AuthUser, ability: AppAbility): Promise<void> {
    await this.db.transaction(async () => {
      const user = await this.users.findById(userId);
      // 404 for a user outside the reader's scope: existence is not revealed
      if (!user || !ability.can('read', asSubject('User', user)))
        throw Problem.notFound('Användaren');
      ForbiddenError.from(ability).throwUnlessCan(
        'delete',
        asSubject('SecondFactor', { userId: user.id, unitPath: user.unitPath }),
      );
      if (!(await this.factors.remove(user.id))) throw Problem.notFound('Tvåstegsverifieringen');
      const revoked = await this.sessionStore.deleteForUser(user.id);
      await this.audit.record({
        action: 'second_factor.reset',
        actor,
        objectType: 'User',
        objectId: user.id,
        details: { sessionsRevoked: revoked },
      });
    });
  }

  // ---- helpers ----

  private assertMayEnrol(auth: AuthUser): void {
    if (auth.secondFactor === 'not_required' || auth.secondFactor === undefined)
      throw Problem.conflict(
        'Din roll behöver ingen tvåstegsverifiering.',
        'second_factor_not_required',
      );
    if (auth.secondFactor !== 'enrol') throw this.alreadyEnrolled();
  }

  private alreadyEnrolled(): Problem {
    return Problem.conflict(
      'Tvåstegsverifiering är redan registrerad. Be en administratör nollställa den om du har bytt telefon.',
      'second_factor_enrolled',
    );
  }

  private async loadUser(auth: AuthUser) {
    const user = await this.users.findById(auth.id);
    if (!user) throw Problem.notFound('Användaren');
    return user;
  }

  private context(userId: string): string {
    return `second-factor:${userId}`;
  }

  private secretOf(f: SecondFactorEntity): string {
    return this.crypto.decrypt(
      this.crypto.unwrapDataKey(f.wrappedKey),
      f.secretSealed,
      this.context(f.userId),
    );
  }

  /** A TOTP code of a time step later than the last one used (replay refused in the UPDATE). */
  private async useTotp(f: SecondFactorEntity, code: string): Promise<boolean> {
    const step = matchTotpStep(this.secretOf(f), code, this.clock.now());
    if (step === null) return false;
    return this.db.transaction(() => this.factors.useStep(f.userId, step, this.clock.now()));
  }

  private async useRecoveryCode(userId: string, input: string): Promise<boolean> {
    const normalised = normaliseRecoveryCode(input);
    if (!normalised) return false;
    const hash = hashRecoveryCode(await this.secrets.get(RECOVERY_KEY), userId, normalised);
    return this.db.transaction(() => this.factors.useCode(userId, hash, this.clock.now()));
  }

  private async hashes(userId: string, codes: string[]): Promise<string[]> {
    const key = await this.secrets.get(RECOVERY_KEY);
    return codes.map((c) => hashRecoveryCode(key, userId, normaliseRecoveryCode(c) ?? c));
  }

  /**
   * A wrong (or reused) code counts toward the account lockout like a wrong password — outside
   * any transaction, so the count survives the refusal; the lockout ends every session.
   */
  private async fail(
    user: { id: string },
    auth: AuthUser,
    field: 'code' | 'recoveryCode',
  ): Promise<never> {
    await this.lockout.recordFailure(user, 'second_factor', auth);
    throw invalidCode(field);
  }

  private async upgradeSession(token: string, via: 'totp' | 'recovery'): Promise<string> {
    const next = await this.sessions.upgrade(token, via);
    // the session ended between the guard and here (signed out, revoked): nothing to upgrade
    if (!next)
      throw new Problem(
        HttpStatus.UNAUTHORIZED,
        'unauthenticated',
        'Du är inte inloggad eller så har sessionen gått ut.',
      );
    return next;
  }
}
