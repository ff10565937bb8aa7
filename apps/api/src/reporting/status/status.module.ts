import { Module } from '@nestjs/common';
import { StatusController } from './status.controller.js';
import { StatusRepository } from './status.repository.js';
import { StatusService } from './status.service.js';

/** The reporting calendar (报送日历): who owes what for a period, where it stands, and the rates. */
@Module({
  controllers: [StatusController],
  providers: [StatusRepository, StatusService],
  exports: [StatusService],
})
export class StatusModule {}
