import { Module } from '@nestjs/common';
import { StatusModule } from './status/status.module.js';

/**
 * The monthly reporting cycle (issue 17): status/ (the calendar: who owes what for a period, where it
 * stands, completeness and timeliness), approval/ (the bureau's approval of a unit's figures for a
 * period, locking and reopening), reminders/ (messages to a unit's reporters: reminders of what is
 * missing, a period returned, a failing source) and pulls/ (figures fetched from a unit's own system
 * on a schedule, each pull a submission through the same checks).
 */
@Module({
  imports: [StatusModule],
})
export class ReportingModule {}
