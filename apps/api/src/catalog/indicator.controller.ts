import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  apiRoutes,
  type IndicatorCreate,
  type IndicatorDetail,
  type IndicatorSummary,
  type IndicatorUpdate,
  type SubTargetsChange,
  type TargetChange,
} from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { IndicatorService } from './indicator.service.js';

@Controller()
export class IndicatorController {
  constructor(private readonly indicators: IndicatorService) {}

  @Contract(apiRoutes.listPlanIndicators)
  listForPlan(
    @Param('code') plan: string,
    @Query() query: { asOf?: string },
  ): Promise<IndicatorSummary[]> {
    return this.indicators.listForPlan(plan, query.asOf);
  }

  @Contract(apiRoutes.getIndicator)
  get(@Param('code') code: string, @Query() query: { asOf?: string }): Promise<IndicatorDetail> {
    return this.indicators.get(code, query.asOf);
  }

  @Contract(apiRoutes.createIndicator)
  create(@Param('code') plan: string, @Body() body: IndicatorCreate): Promise<IndicatorDetail> {
    return this.indicators.create(plan, body);
  }

  @Contract(apiRoutes.updateIndicator)
  update(@Param('code') code: string, @Body() body: IndicatorUpdate): Promise<IndicatorDetail> {
    return this.indicators.update(code, body);
  }

  @Contract(apiRoutes.deleteIndicator)
  delete(@Param('code') code: string): Promise<void> {
    return this.indicators.delete(code);
  }

  @Contract(apiRoutes.changeTarget)
  changeTarget(@Param('code') code: string, @Body() body: TargetChange): Promise<IndicatorDetail> {
    return this.indicators.changeTarget(code, body);
  }

  @Contract(apiRoutes.changeSubTargets)
  changeSubTargets(
    @Param('code') code: string,
    @Body() body: SubTargetsChange,
  ): Promise<IndicatorDetail> {
    return this.indicators.changeSubTargets(code, body);
  }

  @Contract(apiRoutes.deleteTargetVersion)
  deleteTargetVersion(@Param('code') code: string, @Param('id') id: string): Promise<void> {
    return this.indicators.deleteTargetVersion(code, id);
  }
}
