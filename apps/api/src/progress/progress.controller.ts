import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { AssessmentService } from './assessment.service.js';
import { MonthlyPlanService } from './monthly-plan.service.js';
import { ProgressService } from './progress.service.js';

@Controller()
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly monthlyPlans: MonthlyPlanService,
    private readonly assessments: AssessmentService,
  ) {}

  @Contract(apiRoutes.getMonthlyPlan)
  monthlyPlan(
    @Param() params: RouteIn<'getMonthlyPlan'>['params'],
    @Query() query: RouteIn<'getMonthlyPlan'>['query'],
  ): Promise<RouteOut<'getMonthlyPlan'>> {
    return this.monthlyPlans.get(params.code, query.region, query.asOf);
  }

  @Contract(apiRoutes.setMonthlyPlan)
  setMonthlyPlan(
    @Req() req: Request,
    @Param() params: RouteIn<'setMonthlyPlan'>['params'],
    @Body() body: RouteIn<'setMonthlyPlan'>['body'],
  ): Promise<RouteOut<'setMonthlyPlan'>> {
    return this.monthlyPlans.set(principalOf(req), params.code, body);
  }

  @Contract(apiRoutes.getIndicatorProgress)
  indicator(
    @Param() params: RouteIn<'getIndicatorProgress'>['params'],
    @Query() query: RouteIn<'getIndicatorProgress'>['query'],
  ): Promise<RouteOut<'getIndicatorProgress'>> {
    return this.progress.indicator(params.code, query.region, query.asOf);
  }

  @Contract(apiRoutes.getRegionsProgress)
  regions(
    @Param() params: RouteIn<'getRegionsProgress'>['params'],
    @Query() query: RouteIn<'getRegionsProgress'>['query'],
  ): Promise<RouteOut<'getRegionsProgress'>> {
    return this.progress.regions(params.code, query.asOf);
  }

  @Contract(apiRoutes.getPlanProgress)
  plan(
    @Param() params: RouteIn<'getPlanProgress'>['params'],
    @Query() query: RouteIn<'getPlanProgress'>['query'],
  ): Promise<RouteOut<'getPlanProgress'>> {
    return this.progress.plan(params.code, query.asOf);
  }

  @Contract(apiRoutes.assess)
  assess(@Body() body: RouteIn<'assess'>['body']): RouteOut<'assess'> {
    return this.assessments.assess(body);
  }
}
