import { Module } from '@nestjs/common';
import { IndicatorController } from './indicator.controller.js';
import { IndicatorRepository } from './indicator.repository.js';
import { IndicatorService } from './indicator.service.js';
import { MilestoneController } from './milestone.controller.js';
import { MilestoneRepository } from './milestone.repository.js';
import { MilestoneService } from './milestone.service.js';
import { PlanController } from './plan.controller.js';
import { PlanRepository } from './plan.repository.js';
import { PlanService } from './plan.service.js';
import { ReferenceController } from './reference.controller.js';
import { ReferenceRepository } from './reference.repository.js';
import { ReferenceService } from './reference.service.js';

@Module({
  controllers: [PlanController, IndicatorController, MilestoneController, ReferenceController],
  providers: [
    PlanRepository,
    IndicatorRepository,
    MilestoneRepository,
    ReferenceRepository,
    PlanService,
    IndicatorService,
    MilestoneService,
    ReferenceService,
  ],
  exports: [
    PlanService,
    IndicatorService,
    MilestoneService,
    ReferenceRepository,
    IndicatorRepository,
  ],
})
export class CatalogModule {}
