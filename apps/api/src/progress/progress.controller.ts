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
import {
  holt,
  linearForecast,
  linearTrend,
  opensdgAggregate,
  opensdgAssessment,
} from '@zhibiao/core';
import { principalOf } from '../auth/auth.guard.js';
import { Contract } from '../common/contract.js';
import { DomainError } from '../common/domain-error.js';
import { MonthlyPlanService } from './monthly-plan.service.js';
import { ProgressService } from './progress.service.js';

/** A calculation's RangeError (too few values, a bad parameter) is the caller's mistake: 400. */
function assessed<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new DomainError(
        'validation_failed',
        { summary: error.message },
        { issues: [{ path: 'body', code: 'invalid_assessment', message: error.message }] },
      );
    }
    throw error;
  }
}

@Controller()
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly monthlyPlans: MonthlyPlanService,
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
  assess(@Body() body: Assessment): unknown {
    return assessed(() => {
      switch (body.method) {
        case 'opensdg':
          return opensdgAssessment(body);
        case 'opensdg-aggregate':
          return opensdgAggregate(body);
        case 'holt': {
          // With both parameters given, the recursion starts as statsmodels' reference tests do
          // (l = y0, b = y1 − y0 before the first value); fitted ones start at the first value.
          const given = body.alpha !== undefined && body.beta !== undefined;
          const fit = holt(body.values, {
            alpha: body.alpha,
            beta: body.beta,
            horizon: body.horizon,
            initialization: given ? 'legacy-heuristic' : 'first-observation',
          });
          return {
            forecast: fit.forecast,
            level: fit.level,
            trend: fit.trend,
            alpha: fit.alpha,
            beta: fit.beta,
          };
        }
        case 'linear': {
          const fit = linearTrend(body.points);
          return {
            slope: fit.slope,
            intercept: fit.intercept,
            r2: fit.r2,
            ...(body.horizon === undefined
              ? {}
              : { forecast: linearForecast(fit, body.horizon).value }),
          };
        }
      }
    });
  }
}
