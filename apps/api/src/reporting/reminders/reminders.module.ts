import { Module } from '@nestjs/common';
import { ReportingMessagesModule } from '../messages/reporting-messages.module.js';
import { StatusModule } from '../status/status.module.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersJob } from './reminders.job.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

/** Reminders (催报) of what a unit still owes: the scheduled job and the bureau's, by hand. */
@Module({
  imports: [StatusModule, ReportingMessagesModule],
  controllers: [RemindersController],
  providers: [RemindersRepository, RemindersService, RemindersJob],
})
export class RemindersModule {}
