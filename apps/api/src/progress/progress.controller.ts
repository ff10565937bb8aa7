import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  apiRoutes,
  type Assessment,
  type MonthlyPlan,
  type MonthlyPlanInput,
  type PlanProgress,
  type ProgressOut,
} from '@zhibiao/contracts';
import { principalOf } from '../auth/auth.guard.js';
import { Contract } from '../common/contract.js';
import { AssessmentService, type AssessmentResult } from './assessment.service.js';
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
    @Param() params: { code: string },
    @Query() query: { region?: string; asOf?: string },
  ): Promise<MonthlyPlan> {
    return this.monthlyPlans.get(params.code, query.region, query.asOf);
  }

  @Contract(apiRoutes.setMonthlyPlan)
  setMonthlyPlan(
    @Req() req: Request,
    @Param() params: { code: string },
    @Body() body: MonthlyPlanInput,
  ): Promise<MonthlyPlan> {
    return this.monthlyPlans.set(principalOf(req), params.code, body);
  }

  @Contract(apiRoutes.getIndicatorProgress)
  indicator(
    @Param() params: { code: string },
    @Query() query: { region?: string; asOf?: string },
  ): Promise<ProgressOut> {
    return this.progress.indicator(params.code, query.region, query.asOf);
  }

  @Contract(apiRoutes.getRegionsProgress)
  regions(
    @Param() params: { code: string },
    @Query() query: { asOf?: string },
  ): Promise<ProgressOut[]> {
    return this.progress.regions(params.code, query.asOf);
  }

  @Contract(apiRoutes.getPlanProgress)
  plan(
    @Param() params: { code: string },
    @Query() query: { asOf?: string },
  ): Promise<PlanProgress> {
    return this.progress.plan(params.code, query.asOf);
  }

  @Contract(apiRoutes.assess)
  assess(@Body() body: Assessment): AssessmentResult {
    return this.assessments.assess(body);
  }
}
