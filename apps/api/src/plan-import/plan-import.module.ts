import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { SeedModule } from '../seed/seed.module.js';
import { PlanImportController } from './plan-import.controller.js';
import { PlanImportRepository } from './plan-import.repository.js';
import { PlanImportService } from './plan-import.service.js';

/** Reading a new plan from its text, reviewing the draft, publishing it. */
@Module({
  imports: [AuditModule, CatalogModule, SeedModule],
  controllers: [PlanImportController],
  providers: [PlanImportRepository, PlanImportService],
})
export class PlanImportModule {}
