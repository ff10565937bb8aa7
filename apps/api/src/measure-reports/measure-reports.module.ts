import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DemoReportsService } from './demo-reports.service.js';
import { EvidenceRepository } from './evidence.repository.js';
import { EvidenceService } from './evidence.service.js';
import { MeasureReportRepository } from './measure-report.repository.js';
import { MeasureReportsController } from './measure-reports.controller.js';
import { MeasureReportsService } from './measure-reports.service.js';

/**
 * Monthly progress reports on measures (举措进展) with the bureau's reviews, and evidence files
 * (佐证材料) that reports, node task completions and replies to notices cite.
 */
@Module({
  imports: [AuditModule],
  controllers: [MeasureReportsController],
  providers: [
    MeasureReportRepository,
    EvidenceRepository,
    MeasureReportsService,
    EvidenceService,
    DemoReportsService,
  ],
  exports: [MeasureReportsService, EvidenceService, DemoReportsService],
})
export class MeasureReportsModule {}
