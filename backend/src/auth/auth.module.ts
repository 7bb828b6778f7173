import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Authenticator } from '../core/authz/authenticator';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { AccountLockout } from './account-lockout';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { SessionService } from './session.service';
import { SessionsModule } from './sessions.module';

@Module({
  imports: [
    UsersModule,
    OrgModule,
    SessionsModule,
    // in-memory, per instance: a brake on password spraying from one address; the account
    // lockout (in the database) is what holds across instances
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // named "default" so the answer carries a plain Retry-After header
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.login.ratePerMinute }],
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [
    AccountLockout,
    AuthService,
    MeService,
    SessionService,
    { provide: Authenticator, useExisting: SessionService },
  ],
  exports: [Authenticator],
})
export class AuthModule {}
