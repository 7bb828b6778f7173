import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { OrgModule } from '../org/org.module';
import { UserAuditLabels } from './user-audit-labels';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [OrgModule, SessionsModule],
  controllers: [UsersController],
  providers: [UsersService, UsersRepository, UserAuditLabels],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
