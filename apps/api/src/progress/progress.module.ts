import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MeasurementsModule } from '../measurements/measurements.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AssessmentService } from './assessment.service.js';
import { MonthlyPlanService } from './monthly-plan.service.js';
import { ProgressController } from './progress.controller.js';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';

/** Progress, pace and projections of every target, as of any day; stateless assessments. */
@Module({
  imports: [AuditModule, CatalogModule, MeasurementsModule],
  controllers: [ProgressController],
  providers: [ProgressRepository, ProgressService, MonthlyPlanService, AssessmentService],
  exports: [ProgressService],
})
export class ProgressModule {}
