import { Module } from '@nestjs/common';
import { MeasurementsModule } from '../../measurements/measurements.module.js';
import { FilesService } from '../../measurements/files.service.js';
import { ReportingMessagesModule } from '../messages/reporting-messages.module.js';
import { PullRunnerService } from './pull-runner.service.js';
import { PullSourcesController } from './pull-sources.controller.js';
import { PullSourcesJob } from './pull-sources.job.js';
import { PullSourcesRepository } from './pull-sources.repository.js';
import { PullSourcesService } from './pull-sources.service.js';

/**
 * Scheduled pulls: a unit's own system serving figures in the template's shape, fetched on a cron
 * schedule, each pull a submission through the same checks as an upload.
 */
@Module({
  imports: [MeasurementsModule, ReportingMessagesModule],
  controllers: [PullSourcesController],
  providers: [
    PullSourcesRepository,
    PullSourcesService,
    PullRunnerService,
    PullSourcesJob,
    // Its own reader of fetched files: pulls run one at a time and never wait behind uploads.
    FilesService,
  ],
})
export class PullsModule {}
