import { Module } from '@nestjs/common';
import { ReportingDemoRepository } from './demo/reporting-demo.repository.js';
import { ReportingDemoService } from './demo/reporting-demo.service.js';
import { ApprovalModule } from './approval/approval.module.js';
import { ReportingMessagesModule } from './messages/reporting-messages.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { StatusModule } from './status/status.module.js';
import { PullsModule } from './pulls/pulls.module.js';

/**
 * The monthly reporting cycle (issue 17): status/ (the calendar: who owes what for a period, where it
 * stands, completeness and timeliness), messages/ (what a unit's reporters are told, delivered through
 * the routing table to their inboxes), approval/ (the bureau's approval of a unit's figures for a
 * period, locking and reopening), reminders/ (reminders of what a unit still owes, before the due day
 * and when overdue, or sent by the bureau by hand) and pulls/ (figures fetched from a unit's own system
 * on a schedule, each pull a submission through the same checks); demo/ loads the demo year's cycle.
 */
@Module({
  imports: [ReportingMessagesModule, StatusModule, ApprovalModule, RemindersModule, PullsModule],
  providers: [ReportingDemoRepository, ReportingDemoService],
  exports: [ReportingDemoService],
})
export class ReportingModule {}
