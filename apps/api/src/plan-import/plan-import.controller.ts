import { Body, Controller, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  apiRoutes,
  type DraftMilestone,
  type DraftTarget,
  type PlanDetail,
  type PlanExtractionOut,
  type PlanImport,
} from '@zhibiao/contracts';
import { principalOf } from '../auth/auth.guard.js';
import { Contract } from '../common/contract.js';
import { PlanImportService } from './plan-import.service.js';

@Controller()
export class PlanImportController {
  constructor(private readonly imports: PlanImportService) {}

  @Contract(apiRoutes.extractPlan)
  extract(@Body() body: { text: string; year?: number }): Promise<PlanExtractionOut> {
    return this.imports.extract(body.text, body.year);
  }

  @Contract(apiRoutes.importPlan)
  import(
    @Req() req: Request,
    @Body() body: { code: string; title: string; year: number; text: string },
  ): Promise<PlanImport> {
    return this.imports.import(principalOf(req), body);
  }

  @Contract(apiRoutes.listPlanImports)
  list(): ReturnType<PlanImportService['list']> {
    return this.imports.list();
  }

  @Contract(apiRoutes.getPlanImport)
  get(@Param() params: { id: string }): Promise<PlanImport> {
    return this.imports.get(params.id);
  }

  @Contract(apiRoutes.updatePlanImport)
  update(
    @Param() params: { id: string },
    @Body() body: { title?: string; targets?: DraftTarget[]; milestones?: DraftMilestone[] },
  ): Promise<PlanImport> {
    return this.imports.update(params.id, body);
  }

  @Contract(apiRoutes.publishPlanImport)
  publish(@Param() params: { id: string }): Promise<PlanDetail> {
    return this.imports.publish(params.id);
  }

  @Contract(apiRoutes.deletePlanImport)
  delete(@Param() params: { id: string }): Promise<void> {
    return this.imports.delete(params.id);
  }
}
