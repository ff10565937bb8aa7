import { Module } from '@nestjs/common';
import { AlertRoutingModule } from '../../alerts/routing/alert-routing.module.js';
import { ReportingMessagesRepository } from './reporting-messages.repository.js';
import { ReportingMessagesService } from './reporting-messages.service.js';

/** Messages to a unit's reporters (reminders, returned periods, failing sources) and their delivery. */
@Module({
  imports: [AlertRoutingModule],
  providers: [ReportingMessagesRepository, ReportingMessagesService],
  exports: [ReportingMessagesService],
})
export class ReportingMessagesModule {}
