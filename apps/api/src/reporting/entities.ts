import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DepartmentEntity } from '../catalog/department.entity.js';
import { PlanEntity } from '../catalog/plan.entity.js';
import { SubmissionEntity } from '../measurements/submission.entity.js';

// The monthly reporting cycle's tables (migration AddReportingCycle).

/**
 * One step of a unit's period under approval: approved (its figures so far count), returned (with the
 * bureau's comment), reopened (a correction after approval, with its reason). Append-only.
 */
@Entity('approval_event')
@Check('approval_event_action_check', `"action" IN ('approved', 'returned', 'reopened')`)
@Check('approval_event_period_date_check', `EXTRACT(DAY FROM "period_date") = 1`)
@Index('approval_event_unit_period_idx', ['planCode', 'departmentCode', 'periodDate', 'at'])
@Index('approval_event_period_idx', ['planCode', 'periodDate', 'at'])
export class ApprovalEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'approval_event_pkey' })
  id!: string;

  @Column({ name: 'plan_code', type: 'varchar', length: 32 })
  planCode!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'approval_event_plan_code_fkey' })
  plan?: PlanEntity;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'approval_event_department_code_fkey',
  })
  department?: DepartmentEntity;

  /** The period's first day. */
  @Column({ name: 'period_date', type: 'date' })
  periodDate!: string;

  @Column({ type: 'text' })
  action!: string;

  /** A return's comment, a reopening correction's reason; may be empty for an approval. */
  @Column({ type: 'text', default: '' })
  comment!: string;

  /** Figure revisions of the unit's period since its previous approval, when this event happened. */
  @Column({ type: 'integer', default: 0 })
  edits!: number;

  /** The correction that reopened the period. */
  @Column({ name: 'submission_id', type: 'bigint', nullable: true })
  submissionId!: string | null;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'submission_id',
    foreignKeyConstraintName: 'approval_event_submission_id_fkey',
  })
  submission?: SubmissionEntity | null;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}

/**
 * A message to a unit's reporters: a reminder listing what it still owes (before the due day, overdue
 * or sent by the bureau by hand; at most one a day), a period returned, a pull source failing.
 * Append-only: who was told what, when.
 */
@Entity('reporting_message')
@Check(
  'reporting_message_kind_check',
  `"kind" IN ('reminder_before_due', 'reminder_overdue', 'reminder_manual', 'approval_returned', 'pull_failing')`,
)
@Index('reporting_message_one_reminder_a_day', ['departmentCode', 'sentOn'], {
  unique: true,
  where: `"kind" IN ('reminder_before_due', 'reminder_overdue', 'reminder_manual')`,
})
@Index('reporting_message_department_idx', ['departmentCode', 'at'])
export class ReportingMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'reporting_message_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'plan_code', type: 'varchar', length: 32, nullable: true })
  planCode!: string | null;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'reporting_message_plan_code_fkey' })
  plan?: PlanEntity | null;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'reporting_message_department_code_fkey',
  })
  department?: DepartmentEntity;

  /** The business day (Asia/Shanghai) it was sent. */
  @Column({ name: 'sent_on', type: 'date' })
  sentOn!: string;

  /** What it lists (ReportingMessageItem[] of the contracts). */
  @Column({ type: 'jsonb' })
  items!: unknown[];

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** Who sent it, or null for a scheduled job. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}

/** A unit's source of figures fetched on a schedule: each pull becomes a submission. */
@Entity('pull_source')
@Check('pull_source_format_check', `"format" IN ('csv', 'xlsx', 'json')`)
@Check('pull_source_periods_check', `"periods" IN ('previous', 'open')`)
@Index('pull_source_next_run_idx', ['nextRunAt'])
export class PullSourceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pull_source_pkey' })
  id!: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'pull_source_department_code_fkey',
  })
  department?: DepartmentEntity;

  @Column({ type: 'text' })
  name!: string;

  /** http(s) URL; `{period}` in it is replaced by each period asked for (YYYY-MM). */
  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text' })
  format!: string;

  /** Five- or six-field cron expression, in Asia/Shanghai time. */
  @Column({ type: 'text' })
  cron!: string;

  /** The indicators it reports (each assigned to the unit). */
  @Column({ type: 'text', array: true })
  indicators!: string[];

  /** Which periods a run asks for: the month before, or every period still open. */
  @Column({ type: 'text', default: 'previous' })
  periods!: string;

  /** The Authorization (or other) header, encrypted with PULL_SECRET_KEY; never answered. */
  @Column({ name: 'auth_header', type: 'text', nullable: true })
  authHeader!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Failures in a row after which the source is flagged and its unit told. */
  @Column({ name: 'max_failures', type: 'integer', default: 3 })
  maxFailures!: number;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures!: number;

  /** When it runs next: the cron's next time, or a retry's after a failure (backoff). */
  @Column({ name: 'next_run_at', type: 'timestamptz', nullable: true })
  nextRunAt!: Date | null;

  /** Since when it has failed max_failures times in a row; null while it works. */
  @Column({ name: 'flagged_at', type: 'timestamptz', nullable: true })
  flaggedAt!: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One run of a pull source: when, what it asked for, and how it ended. */
@Entity('pull_run')
@Check('pull_run_trigger_check', `"trigger" IN ('schedule', 'retry', 'manual')`)
@Check('pull_run_outcome_check', `"outcome" IN ('succeeded', 'rejected', 'failed')`)
@Index('pull_run_source_idx', ['sourceId', 'startedAt'])
export class PullRunEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pull_run_pkey' })
  id!: string;

  @Column({ name: 'source_id', type: 'bigint' })
  sourceId!: string;

  @ManyToOne(() => PullSourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'pull_run_source_id_fkey' })
  source?: PullSourceEntity;

  @Column({ type: 'text' })
  trigger!: string;

  /** 1 for a scheduled or manual run, then 2, 3… for its retries. */
  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'text', array: true })
  periods!: string[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** succeeded (a submission stored), rejected (fetched, but the checks refused it), failed. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'http_status', type: 'integer', nullable: true })
  httpStatus!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'submission_id', type: 'bigint', nullable: true })
  submissionId!: string | null;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'pull_run_submission_id_fkey' })
  submission?: SubmissionEntity | null;
}

export const REPORTING_ENTITIES = [
  ApprovalEventEntity,
  ReportingMessageEntity,
  PullSourceEntity,
  PullRunEntity,
];
