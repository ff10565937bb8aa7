import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type PlanCreate,
  type PlanDetail,
  type PlanSummary,
  type PlanUpdate,
} from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { PlanService } from './plan.service.js';

@Controller()
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Contract(apiRoutes.listPlans)
  list(): Promise<PlanSummary[]> {
    return this.plans.list();
  }

  @Contract(apiRoutes.getPlan)
  get(@Param('code') code: string): Promise<PlanDetail> {
    return this.plans.get(code);
  }

  @Contract(apiRoutes.createPlan)
  create(@Body() body: PlanCreate): Promise<PlanDetail> {
    return this.plans.create(body);
  }

  @Contract(apiRoutes.updatePlan)
  update(@Param('code') code: string, @Body() body: PlanUpdate): Promise<PlanDetail> {
    return this.plans.update(code, body);
  }

  @Contract(apiRoutes.deletePlan)
  delete(@Param('code') code: string): Promise<void> {
    return this.plans.delete(code);
  }

  @Contract(apiRoutes.closePlan)
  close(@Param('code') code: string, @Body() body: { closedOn?: string }): Promise<PlanDetail> {
    return this.plans.close(code, body.closedOn);
  }

  @Contract(apiRoutes.reopenPlan)
  reopen(@Param('code') code: string): Promise<PlanDetail> {
    return this.plans.reopen(code);
  }
}
