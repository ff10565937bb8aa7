import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module.js';
import { MeasurementsModule } from '../../measurements/measurements.module.js';
import { ProgressModule } from '../../progress/progress.module.js';
import { AlertLifecycleModule } from '../lifecycle/alert-lifecycle.module.js';
import { AlertRulesModule } from '../rules/alert-rules.module.js';
import { AlertRoutingModule } from '../routing/alert-routing.module.js';
import { SilencesModule } from '../silences/silences.module.js';
import { AlertEvaluationRepository } from './alert-evaluation.repository.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';
import { AlertSchedulerService } from './alert-scheduler.service.js';
import { EvaluationController } from './evaluation.controller.js';

/** Evaluation: after submissions, on a schedule, on request, and the history run of a demo plan. */
@Module({
  imports: [
    CatalogModule,
    MeasurementsModule,
    ProgressModule,
    AlertRulesModule,
    SilencesModule,
    AlertLifecycleModule,
    AlertRoutingModule,
  ],
  controllers: [EvaluationController],
  providers: [AlertEvaluationRepository, AlertEvaluatorService, AlertSchedulerService],
  exports: [AlertEvaluatorService],
})
export class AlertEvaluationModule {}
