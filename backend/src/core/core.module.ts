import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditCheckpoints } from './audit/audit-checkpoint';
import { AuditController } from './audit/audit.controller';
import { AuditLabelRegistry } from './audit/audit-labels.registry';
import { AuditLogService } from './audit/audit-log.service';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { Clock } from './clock/clock';
import { APP_CONFIG, AppConfig } from './config/config';
import { EnvelopeCrypto } from './crypto/envelope-crypto';
import { PasswordHasher } from './crypto/password-hasher';
import { ChangeCounters } from './database/change-counters';
import { Db } from './database/db';
import { FILES_EXPORTS, FILES_PROVIDERS } from './files/files.providers';
import { JobsModule } from './jobs/jobs.module';
import { NotifyModule } from './notify/notify.module';

/**
 * Cross-cutting services every feature may inject: config, clock, database unit of work,
 * audit log, password hashing and envelope encryption. The DataSource is opened before Nest
 * starts (migrations first) and handed in.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, dataSource: DataSource, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      // scheduled jobs and notifications, re-exported so that every feature can inject them
      imports: [JobsModule, NotifyModule],
      controllers: [AuditController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: Clock, useValue: clock },
        Db,
        ChangeCounters,
        AuditRepository,
        AuditService,
        AuditCheckpoints,
        AuditLabelRegistry,
        AuditLogService,
        PasswordHasher,
        EnvelopeCrypto,
        ...FILES_PROVIDERS,
      ],
      exports: [
        JobsModule,
        NotifyModule,
        APP_CONFIG,
        DataSource,
        Clock,
        Db,
        ChangeCounters,
        AuditService,
        AuditCheckpoints,
        AuditLabelRegistry,
        PasswordHasher,
        EnvelopeCrypto,
        ...FILES_EXPORTS,
      ],
    };
  }
}
