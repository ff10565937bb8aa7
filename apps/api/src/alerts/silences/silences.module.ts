import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module.js';
import { SilencesController } from './silences.controller.js';
import { SilencesRepository } from './silences.repository.js';
import { SilencesService } from './silences.service.js';

/** Silences; the evaluation asks which are running when an alert fires. */
@Module({
  imports: [CatalogModule],
  controllers: [SilencesController],
  providers: [SilencesRepository, SilencesService],
  exports: [SilencesService],
})
export class SilencesModule {}
