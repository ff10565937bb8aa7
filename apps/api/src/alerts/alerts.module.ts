import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MeasurementsModule } from '../measurements/measurements.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';
import { AlertSchedulerService } from './alert-scheduler.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';

/** Shortfall alerts: rules, evaluation (after submissions, on a schedule, on request), lifecycle, inbox. */
@Module({
  imports: [AuditModule, MeasurementsModule, ProgressModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, AlertEvaluatorService, AlertSchedulerService],
  exports: [AlertEvaluatorService],
})
export class AlertsModule {}
