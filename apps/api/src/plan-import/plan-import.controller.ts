import { Body, Controller, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { principalOf } from '../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { PlanImportService } from './plan-import.service.js';

@Controller()
export class PlanImportController {
  constructor(private readonly imports: PlanImportService) {}

  @Contract(apiRoutes.extractPlan)
  extract(@Body() body: RouteIn<'extractPlan'>['body']): Promise<RouteOut<'extractPlan'>> {
    return this.imports.extract(body.text, body.year);
  }

  @Contract(apiRoutes.importPlan)
  import(
    @Req() req: Request,
    @Body() body: RouteIn<'importPlan'>['body'],
  ): Promise<RouteOut<'importPlan'>> {
    return this.imports.import(principalOf(req), body);
  }

  @Contract(apiRoutes.listPlanImports)
  list(): Promise<RouteOut<'listPlanImports'>> {
    return this.imports.list();
  }

  @Contract(apiRoutes.getPlanImport)
  get(@Param() params: RouteIn<'getPlanImport'>['params']): Promise<RouteOut<'getPlanImport'>> {
    return this.imports.get(params.id);
  }

  @Contract(apiRoutes.updatePlanImport)
  update(
    @Param() params: RouteIn<'updatePlanImport'>['params'],
    @Body() body: RouteIn<'updatePlanImport'>['body'],
  ): Promise<RouteOut<'updatePlanImport'>> {
    return this.imports.update(params.id, body);
  }

  @Contract(apiRoutes.publishPlanImport)
  publish(
    @Param() params: RouteIn<'publishPlanImport'>['params'],
  ): Promise<RouteOut<'publishPlanImport'>> {
    return this.imports.publish(params.id);
  }

  @Contract(apiRoutes.deletePlanImport)
  delete(@Param() params: RouteIn<'deletePlanImport'>['params']): Promise<void> {
    return this.imports.delete(params.id);
  }
}
