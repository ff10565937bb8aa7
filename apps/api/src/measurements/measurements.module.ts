import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import multer from 'multer';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DemoFiguresService } from './demo-figures.service.js';
import { FilesService } from './files.service.js';
import { MeasurementRepository } from './measurement.repository.js';
import { MeasurementsController } from './measurements.controller.js';
import { ReportingRepository } from './reporting.repository.js';
import { SeriesService } from './series.service.js';
import { SubmissionQueriesService } from './submission-queries.service.js';
import { SubmissionsService } from './submissions.service.js';

/** Monthly figures: submissions in every form, the series of revisions, the reporting sheet. */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // One file in memory (it is kept with the submission), refused with 413 past UPLOAD_LIMIT.
      useFactory: (config: AppConfig) => ({
        storage: multer.memoryStorage(),
        limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 10 },
      }),
    }),
  ],
  controllers: [MeasurementsController],
  providers: [
    MeasurementRepository,
    ReportingRepository,
    SubmissionsService,
    SubmissionQueriesService,
    SeriesService,
    FilesService,
    DemoFiguresService,
  ],
  exports: [SubmissionsService, MeasurementRepository, DemoFiguresService],
})
export class MeasurementsModule {}
