import { Body, Controller, Param, Query } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { IndicatorService } from './indicator.service.js';

@Controller()
export class IndicatorController {
  constructor(private readonly indicators: IndicatorService) {}

  @Contract(apiRoutes.listPlanIndicators)
  listForPlan(
    @Param() params: RouteIn<'listPlanIndicators'>['params'],
    @Query() query: RouteIn<'listPlanIndicators'>['query'],
  ): Promise<RouteOut<'listPlanIndicators'>> {
    return this.indicators.listForPlan(params.code, query.asOf);
  }

  @Contract(apiRoutes.getIndicator)
  get(
    @Param() params: RouteIn<'getIndicator'>['params'],
    @Query() query: RouteIn<'getIndicator'>['query'],
  ): Promise<RouteOut<'getIndicator'>> {
    return this.indicators.get(params.code, query.asOf);
  }

  @Contract(apiRoutes.createIndicator)
  create(
    @Param() params: RouteIn<'createIndicator'>['params'],
    @Body() body: RouteIn<'createIndicator'>['body'],
  ): Promise<RouteOut<'createIndicator'>> {
    return this.indicators.create(params.code, body);
  }

  @Contract(apiRoutes.updateIndicator)
  update(
    @Param() params: RouteIn<'updateIndicator'>['params'],
    @Body() body: RouteIn<'updateIndicator'>['body'],
  ): Promise<RouteOut<'updateIndicator'>> {
    return this.indicators.update(params.code, body);
  }

  @Contract(apiRoutes.deleteIndicator)
  delete(@Param() params: RouteIn<'deleteIndicator'>['params']): Promise<void> {
    return this.indicators.delete(params.code);
  }

  @Contract(apiRoutes.changeTarget)
  changeTarget(
    @Param() params: RouteIn<'changeTarget'>['params'],
    @Body() body: RouteIn<'changeTarget'>['body'],
  ): Promise<RouteOut<'changeTarget'>> {
    return this.indicators.changeTarget(params.code, body);
  }

  @Contract(apiRoutes.changeSubTargets)
  changeSubTargets(
    @Param() params: RouteIn<'changeSubTargets'>['params'],
    @Body() body: RouteIn<'changeSubTargets'>['body'],
  ): Promise<RouteOut<'changeSubTargets'>> {
    return this.indicators.changeSubTargets(params.code, body);
  }

  @Contract(apiRoutes.deleteTargetVersion)
  deleteTargetVersion(@Param() params: RouteIn<'deleteTargetVersion'>['params']): Promise<void> {
    return this.indicators.deleteTargetVersion(params.code, params.id);
  }
}
