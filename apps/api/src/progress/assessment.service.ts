import { Injectable } from '@nestjs/common';
import { apiRoutes, type Assessment, type RouteOutput } from '@zhibiao/contracts';
import {
  holt,
  linearForecast,
  linearTrend,
  opensdgAggregate,
  opensdgAssessment,
} from '@zhibiao/core';
import { DomainError } from '../common/domain-error.js';

export type AssessmentResult = RouteOutput<typeof apiRoutes.assess>;

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

/** Stateless calculations any system or auditor can reproduce, from libs/core. */
@Injectable()
export class AssessmentService {
  assess(body: Assessment): AssessmentResult {
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
