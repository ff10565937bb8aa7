import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { DemoFiguresRepository } from './demo-figures.repository.js';
import { DemoFiguresService } from './demo-figures.service.js';
import { FiguresEvents } from './figures-events.js';
import { FilesService } from './files.service.js';
import { MeasurementRepository } from './measurement.repository.js';
import { MeasurementsController } from './measurements.controller.js';
import { ApprovalLocksModule } from '../reporting/approval/approval-locks.module.js';
import { ReportingRepository } from './reporting.repository.js';
import { SeriesService } from './series.service.js';
import { SubmissionQueriesService } from './submission-queries.service.js';
import { SubmissionsService } from './submissions.service.js';
import { UploadInterceptor } from './upload.interceptor.js';

/** Monthly figures: submissions in every form, the series of revisions, the reporting sheet. */
@Module({
  imports: [AssignmentsModule, CatalogModule, ApprovalLocksModule],
  controllers: [MeasurementsController],
  providers: [
    MeasurementRepository,
    ReportingRepository,
    SubmissionsService,
    SubmissionQueriesService,
    SeriesService,
    FilesService,
    DemoFiguresRepository,
    DemoFiguresService,
    UploadInterceptor,
    FiguresEvents,
  ],
  exports: [SubmissionsService, SeriesService, DemoFiguresService, FiguresEvents],
})
export class MeasurementsModule {}
