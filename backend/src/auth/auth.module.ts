import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Authenticator } from '../core/authz/authenticator';
import { DbThrottlerStorage } from '../core/throttle/db-throttler-storage';
import { ThrottleModule } from '../core/throttle/throttle.module';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { AccountLockout } from './account-lockout';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { OidcClient } from './oidc/oidc-client';
import { OidcProvisioning } from './oidc/oidc-provisioning';
import { OidcController } from './oidc/oidc.controller';
import { OidcRepository } from './oidc/oidc.repository';
import { OidcService } from './oidc/oidc.service';
import { SecondFactorController } from './second-factor/second-factor.controller';
import { SecondFactorRepository } from './second-factor/second-factor.repository';
import { SecondFactorService } from './second-factor/second-factor.service';
import { SessionService } from './session.service';
import { SessionsModule } from './sessions.module';

@Module({
  imports: [
    UsersModule,
    OrgModule,
    SessionsModule,
    // a brake on password spraying from one address, counted in the database so that the limit
    // holds across every instance (core/throttle); the account lockout is the per-account brake
    ThrottlerModule.forRootAsync({
      imports: [ThrottleModule],
      inject: [APP_CONFIG, DbThrottlerStorage],
      useFactory: (config: AppConfig, storage: DbThrottlerStorage) => ({
        storage,
        // named "default" so the answer carries a plain Retry-After header
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.login.ratePerMinute }],
      }),
    }),
  ],
  controllers: [AuthController, MeController, SecondFactorController, OidcController],
  providers: [
    OidcClient,
    OidcProvisioning,
    OidcRepository,
    OidcService,
    AccountLockout,
    SecondFactorRepository,
    SecondFactorService,
    AuthService,
    MeService,
    SessionService,
    { provide: Authenticator, useExisting: SessionService },
  ],
  exports: [Authenticator],
})
export class AuthModule {}
