import { Module } from '@nestjs/common';
import { Authenticator } from '../core/authz/authenticator';
import { OrgModule } from '../org/org.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { SessionService } from './session.service';
import { SessionsModule } from './sessions.module';

@Module({
  imports: [UsersModule, OrgModule, SessionsModule],
  controllers: [AuthController, MeController],
  providers: [AuthService, MeService, SessionService, { provide: Authenticator, useExisting: SessionService }],
  exports: [Authenticator],
})
export class AuthModule {}
