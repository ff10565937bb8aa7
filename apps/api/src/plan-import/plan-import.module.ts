import { Module } from '@nestjs/common';
import { PlanImportController } from './plan-import.controller.js';
import { PlanImportService } from './plan-import.service.js';

/** Reading a new plan from its text. */
@Module({
  controllers: [PlanImportController],
  providers: [PlanImportService],
})
export class PlanImportModule {}
