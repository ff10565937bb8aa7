import { Module } from '@nestjs/common';
import { MeasurementsModule } from '../../measurements/measurements.module.js';
import { ReportingMessagesModule } from '../messages/reporting-messages.module.js';
import { ApprovalController } from './approval.controller.js';
import { ApprovalRepository } from './approval.repository.js';
import { ApprovalService } from './approval.service.js';

/** The bureau's approval of a unit's figures per period: the plan's setting, decisions, the list. */
@Module({
  imports: [MeasurementsModule, ReportingMessagesModule],
  controllers: [ApprovalController],
  providers: [ApprovalRepository, ApprovalService],
})
export class ApprovalModule {}
