import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { MeasureReportsModule } from '../measure-reports/measure-reports.module.js';
import { DefaultAsOfService } from './default-as-of.service.js';
import { IndicatorController } from './indicator.controller.js';
import { IndicatorRepository } from './indicator.repository.js';
import { IndicatorService } from './indicator.service.js';
import { MeasureController } from './measure.controller.js';
import { MeasureRepository } from './measure.repository.js';
import { MeasureService } from './measure.service.js';
import { MilestoneController } from './milestone.controller.js';
import { MilestoneRepository } from './milestone.repository.js';
import { MilestoneService } from './milestone.service.js';
import { PlanController } from './plan.controller.js';
import { PlanRepository } from './plan.repository.js';
import { PlanService } from './plan.service.js';
import { ReferenceController } from './reference.controller.js';
import { ReferenceRepository } from './reference.repository.js';
import { ReferenceService } from './reference.service.js';

/** Plans, sections, tasks, measures, indicators, versioned targets, milestones, departments and regions. */
@Module({
  imports: [AssignmentsModule, MeasureReportsModule],
  controllers: [
    PlanController,
    IndicatorController,
    MilestoneController,
    MeasureController,
    ReferenceController,
  ],
  providers: [
    PlanRepository,
    IndicatorRepository,
    MilestoneRepository,
    MeasureRepository,
    ReferenceRepository,
    PlanService,
    IndicatorService,
    MilestoneService,
    MeasureService,
    ReferenceService,
    DefaultAsOfService,
  ],
  exports: [
    PlanService,
    IndicatorService,
    MilestoneService,
    MeasureService,
    ReferenceService,
    DefaultAsOfService,
  ],
})
export class CatalogModule {}
