import { Body, Controller, Param } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { PlanService } from './plan.service.js';

@Controller()
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Contract(apiRoutes.listPlans)
  list(): Promise<RouteOut<'listPlans'>> {
    return this.plans.list();
  }

  @Contract(apiRoutes.getPlan)
  get(@Param() params: RouteIn<'getPlan'>['params']): Promise<RouteOut<'getPlan'>> {
    return this.plans.get(params.code);
  }

  @Contract(apiRoutes.createPlan)
  create(@Body() body: RouteIn<'createPlan'>['body']): Promise<RouteOut<'createPlan'>> {
    return this.plans.create(body);
  }

  @Contract(apiRoutes.updatePlan)
  update(
    @Param() params: RouteIn<'updatePlan'>['params'],
    @Body() body: RouteIn<'updatePlan'>['body'],
  ): Promise<RouteOut<'updatePlan'>> {
    return this.plans.update(params.code, body);
  }

  @Contract(apiRoutes.deletePlan)
  delete(@Param() params: RouteIn<'deletePlan'>['params']): Promise<void> {
    return this.plans.delete(params.code);
  }

  @Contract(apiRoutes.closePlan)
  close(
    @Param() params: RouteIn<'closePlan'>['params'],
    @Body() body: RouteIn<'closePlan'>['body'],
  ): Promise<RouteOut<'closePlan'>> {
    return this.plans.close(params.code, body.closedOn);
  }

  @Contract(apiRoutes.reopenPlan)
  reopen(@Param() params: RouteIn<'reopenPlan'>['params']): Promise<RouteOut<'reopenPlan'>> {
    return this.plans.reopen(params.code);
  }
}
