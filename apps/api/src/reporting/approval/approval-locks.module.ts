import { Module } from '@nestjs/common';
import { ApprovalLocksService } from './approval-locks.service.js';
import { ApprovalRepository } from './approval.repository.js';

/** Approval as the figures see it (locked periods, reopening), for the measurements module. */
@Module({
  providers: [ApprovalRepository, ApprovalLocksService],
  exports: [ApprovalLocksService],
})
export class ApprovalLocksModule {}
