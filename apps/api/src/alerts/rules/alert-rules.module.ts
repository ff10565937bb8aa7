import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module.js';
import { AlertRulesController } from './alert-rules.controller.js';
import { AlertRulesRepository } from './alert-rules.repository.js';
import { AlertRulesService } from './alert-rules.service.js';

/** Alert rules: a default per kind, tuned per indicator; the evaluation applies them. */
@Module({
  imports: [CatalogModule],
  controllers: [AlertRulesController],
  providers: [AlertRulesRepository, AlertRulesService],
  exports: [AlertRulesService],
})
export class AlertRulesModule {}
