import { ALERT_ENTITIES } from '../alerts/entities.js';
import { CATALOG_ENTITIES } from '../catalog/entities.js';
import { ApiKeyEntity } from '../api-keys/api-key.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { AuditLogEntity } from '../audit/audit-log.entity.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { MEASURE_REPORT_ENTITIES } from '../measure-reports/entities.js';
import { MeasurementEntity } from '../measurements/measurement.entity.js';
import { PlanImportEntity } from '../plan-import/plan-import.entity.js';
import {
  MonthlyPlanItemEntity,
  MonthlyPlanVersionEntity,
} from '../progress/monthly-plan.entity.js';
import { SubmissionFileEntity } from '../measurements/submission-file.entity.js';
import { SubmissionEntity } from '../measurements/submission.entity.js';
import { SUPERVISION_ENTITIES } from '../supervision/entities.js';
import { REPORTING_ENTITIES } from '../reporting/entities.js';
import { SeedItemEntity } from '../seed/seed-item.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** Every entity of the schema; the schema-drift test compares them with the migrated database. */
export const ENTITIES = [
  ...CATALOG_ENTITIES,
  SeedItemEntity,
  UserEntity,
  SessionEntity,
  ApiKeyEntity,
  AssignmentEntity,
  AuditLogEntity,
  SubmissionEntity,
  SubmissionFileEntity,
  MeasurementEntity,
  MonthlyPlanVersionEntity,
  MonthlyPlanItemEntity,
  ...ALERT_ENTITIES,
  PlanImportEntity,
  ...MEASURE_REPORT_ENTITIES,
  ...SUPERVISION_ENTITIES,
  ...REPORTING_ENTITIES,
];
