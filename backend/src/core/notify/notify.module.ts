import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { Mailer } from './mailer';
import { MyNotificationsService } from './my-notifications.service';
import { NotificationService } from './notification.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { OutboxRepository } from './outbox.repository';
import { OutboxSender } from './outbox-sender';

/**
 * In-app notifications and e-mail (outbox sent by a job). Imported and re-exported by the
 * global CoreModule: features inject `NotificationService`.
 */
@Module({
  imports: [JobsModule],
  controllers: [NotificationsController],
  providers: [
    NotificationService,
    MyNotificationsService,
    NotificationsRepository,
    OutboxRepository,
    OutboxSender,
    Mailer,
  ],
  exports: [NotificationService],
})
export class NotifyModule {}
