import { Controller, Query } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../../common/contract.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';

@Controller()
export class EvaluationController {
  constructor(private readonly evaluator: AlertEvaluatorService) {}

  @Contract(apiRoutes.evaluateAlerts)
  evaluate(
    @Query() query: RouteIn<'evaluateAlerts'>['query'],
  ): Promise<RouteOut<'evaluateAlerts'>> {
    return this.evaluator.evaluate(query.asOf);
  }
}
