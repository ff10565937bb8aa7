import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import { JobLock } from '../database/job-lock.js';
import { Clock } from './clock.js';

/** What every feature may inject: the config, the database, the clock and the job lock. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Database, useValue: database },
        Clock,
        JobLock,
      ],
      exports: [APP_CONFIG, Database, Clock, JobLock],
    };
  }
}
