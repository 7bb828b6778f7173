import { Module } from '@nestjs/common';
import { DeclarationReminders } from './declaration-reminders.job';
import { AuditDeclarationsController, DeclarationsController } from './declarations.controller';
import { DeclarationsRepository } from './declarations.repository';
import { DeclarationsService } from './declarations.service';
import { DeclaredInterests } from './declared-interests.service';

/**
 * Jäv and interest declarations: versions, the manager's decision, coverage, renewal reminders,
 * the audit's H28 status, and the neutral declared-interest flag the contract register shows.
 */
@Module({
  controllers: [DeclarationsController, AuditDeclarationsController],
  providers: [DeclarationsService, DeclarationsRepository, DeclaredInterests, DeclarationReminders],
  exports: [DeclaredInterests, DeclarationsService],
})
export class DeclarationsModule {}
