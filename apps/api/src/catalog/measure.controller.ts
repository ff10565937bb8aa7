import { Controller, Param, Query } from '@nestjs/common';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { MeasureService } from './measure.service.js';

@Controller()
export class MeasureController {
  constructor(private readonly measures: MeasureService) {}

  @Contract(apiRoutes.listMeasures)
  list(@Query() query: RouteIn<'listMeasures'>['query']): Promise<RouteOut<'listMeasures'>> {
    return this.measures.listForPlan(query.plan);
  }

  @Contract(apiRoutes.getMeasure)
  get(@Param() params: RouteIn<'getMeasure'>['params']): Promise<RouteOut<'getMeasure'>> {
    return this.measures.get(params.code);
  }
}
