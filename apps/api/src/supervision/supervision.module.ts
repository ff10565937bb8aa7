import { MeasureReportsModule } from '../measure-reports/measure-reports.module.js';
import { Module } from '@nestjs/common';
import { AlertLifecycleModule } from '../alerts/lifecycle/alert-lifecycle.module.js';
import { AlertRoutingModule } from '../alerts/routing/alert-routing.module.js';
import { CompletionsController } from './completions/completions.controller.js';
import { CompletionsRepository } from './completions/completions.repository.js';
import { CompletionsService } from './completions/completions.service.js';
import { NoticesOverdueJob } from './notices/notices-overdue.job.js';
import { NoticesController } from './notices/notices.controller.js';
import { NoticesRepository } from './notices/notices.repository.js';
import { NoticesService } from './notices/notices.service.js';
import { SupervisionDemoService } from './supervision-demo.service.js';

/**
 * Supervision of the plan's node tasks and measures: completions/ (node tasks done with evidence,
 * confirmed or returned by the bureau) and notices/ (督办: raised, replied, closed, reopened, overdue,
 * escalated; each step in the inboxes of those it concerns).
 */
@Module({
  imports: [AlertLifecycleModule, AlertRoutingModule, MeasureReportsModule],
  controllers: [CompletionsController, NoticesController],
  providers: [
    CompletionsRepository,
    CompletionsService,
    NoticesRepository,
    NoticesService,
    NoticesOverdueJob,
    SupervisionDemoService,
  ],
  exports: [CompletionsService, NoticesService, SupervisionDemoService],
})
export class SupervisionModule {}
