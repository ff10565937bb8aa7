import { Body, Controller } from '@nestjs/common';
import { apiRoutes, type PlanExtractionOut } from '@zhibiao/contracts';
import { Contract } from '../common/contract.js';
import { PlanImportService } from './plan-import.service.js';

@Controller()
export class PlanImportController {
  constructor(private readonly imports: PlanImportService) {}

  @Contract(apiRoutes.extractPlan)
  extract(@Body() body: { text: string; year?: number }): Promise<PlanExtractionOut> {
    return this.imports.extract(body.text, body.year);
  }
}
