import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ContractValidationInterceptor } from './common/contract.js';
import { CoreModule } from './common/core.module.js';
import { GlobalExceptionFilter } from './common/global-exception.filter.js';
import type { AppConfig } from './config/config.js';
import type { Database } from './database/database.js';
import { DocsModule } from './docs/docs.module.js';
import { HealthModule } from './health/health.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { MeasureReportsModule } from './measure-reports/measure-reports.module.js';
import { MeasurementsModule } from './measurements/measurements.module.js';
import { PlanImportModule } from './plan-import/plan-import.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, database),
        ScheduleModule.forRoot(),
        AuditModule,
        HealthModule,
        CatalogModule,
        AuthModule,
        SessionsModule,
        UsersModule,
        ApiKeysModule,
        AssignmentsModule,
        MeasurementsModule,
        MeasureReportsModule,
        ProgressModule,
        AlertsModule,
        SupervisionModule,
        ReportingModule,
        PlanImportModule,
        LedgerModule,
        SeedModule,
        DocsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
      ],
    };
  }
}
