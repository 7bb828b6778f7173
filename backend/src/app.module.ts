import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditsModule } from './audits/audits.module';
import { AuditEvidenceModule } from './audits/evidence/audit-evidence.module';
import { AuditFindingsModule } from './audits/findings/audit-findings.module';
import { AuditReportModule } from './audits/report/audit-report.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ContractsModule } from './contracts/contracts.module';
import { AuthGuard } from './core/authz/auth.guard';
import { Clock } from './core/clock/clock';
import type { AppConfig } from './core/config/config';
import { CoreModule } from './core/core.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { ProblemFilter } from './core/errors/problem.filter';
import { AdminBootstrap } from './cli/admin-bootstrap';
import { DemoModule } from './demo/demo.module';
import { GuidanceModule } from './guidance/library/guidance.module';
import { DeclarationsModule } from './guidance/declarations/declarations.module';
import { GiftsModule } from './guidance/gifts/gifts.module';
import { HealthModule } from './health/health.module';
import { OrgModule } from './org/org.module';
import { RiskMatrixModule } from './risks/risk-matrix.module';
import { RisksModule } from './risks/risks.module';
import { StatisticsModule } from './statistics/statistics.module';
import { SuppliersModule } from './suppliers/suppliers.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSource: DataSource, clock: Clock): DynamicModule {
    const ui = config.staticDir && existsSync(join(config.staticDir, 'index.html'));
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, dataSource, clock),
        AuthModule,
        UsersModule,
        SuppliersModule,
        ContractsModule,
        CasesModule,
        StatisticsModule,
        OrgModule,
        RiskMatrixModule,
        RisksModule,
        AuditsModule,
        AuditFindingsModule,
        AuditEvidenceModule,
        AuditReportModule,
        DashboardsModule,
        GuidanceModule,
        GiftsModule,
        DeclarationsModule,
        DemoModule,
        HealthModule,
        ...(ui
          ? [
              ServeStaticModule.forRoot({
                rootPath: config.staticDir,
                exclude: ['/api/{*path}'],
                serveStaticOptions: { index: false, maxAge: '1h', setHeaders: cacheHeaders },
              }),
            ]
          : []),
      ],
      providers: [
        AdminBootstrap,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}

/** Hashed bundles are immutable; index.html and translations must be revalidated. */
function cacheHeaders(res: { setHeader(n: string, v: string): void }, path: string): void {
  if (/\.[0-9a-z]{8,}\.(js|css|woff2?)$/i.test(path) || /-[0-9A-Z]{8,}\.(js|css)$/.test(path)) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  } else {
    res.setHeader('Cache-Control', 'no-cache');
  }
}
