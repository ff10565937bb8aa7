import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';

/** The ledger (台账) of a plan's measures and node tasks, as JSON and as the XLSX sent up. */
@Module({
  controllers: [LedgerController],
  providers: [LedgerRepository, LedgerService],
})
export class LedgerModule {}
