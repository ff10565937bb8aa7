import { EvidenceFileEntity } from './evidence-file.entity.js';
import { MeasureReportReviewEntity } from './measure-report-review.entity.js';
import { MeasureReportEntity } from './measure-report.entity.js';

export const MEASURE_REPORT_ENTITIES = [
  EvidenceFileEntity,
  MeasureReportEntity,
  MeasureReportReviewEntity,
];
