import { Controller, Param } from '@nestjs/common';
import { apiRoutes, type IndicatorSummary, type PlanSummary } from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { CatalogService } from './catalog.service.js';

@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Contract(apiRoutes.listPlans)
  listPlans(): Promise<PlanSummary[]> {
    return this.catalog.listPlans();
  }

  @Contract(apiRoutes.listPlanIndicators)
  listPlanIndicators(@Param('code') code: string): Promise<IndicatorSummary[]> {
    return this.catalog.listPlanIndicators(code);
  }
}
