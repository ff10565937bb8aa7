import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { AlertEntity } from '../../alerts/lifecycle/alert.entity.js';
import { DepartmentEntity } from '../../catalog/department.entity.js';
import { PlanEntity } from '../../catalog/plan.entity.js';

/**
 * A supervision notice (督办) the bureau sends a unit about a measure, node task or indicator. What
 * happened to it since is in its events; the row itself never changes.
 */
@Entity('supervision_notice')
@Unique('supervision_notice_number_key', ['number'])
@Check(
  'supervision_notice_subject_kind_check',
  `"subject_kind" IN ('measure', 'milestone', 'indicator')`,
)
@Index('supervision_notice_plan_idx', ['planCode', 'raisedAt'])
export class SupervisionNoticeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'supervision_notice_pkey' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'plan_code', type: 'varchar', length: 32 })
  planCode!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'supervision_notice_plan_code_fkey' })
  plan?: PlanEntity;

  @Column({ name: 'subject_kind', type: 'text' })
  subjectKind!: string;

  @Column({ name: 'subject_code', type: 'varchar', length: 64 })
  subjectCode!: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'supervision_notice_department_code_fkey',
  })
  department?: DepartmentEntity;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ type: 'text' })
  requirement!: string;

  @Column({ name: 'reply_by', type: 'date' })
  replyBy!: string;

  @Column({ name: 'alert_id', type: 'bigint', nullable: true })
  alertId!: string | null;

  @ManyToOne(() => AlertEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'supervision_notice_alert_id_fkey' })
  alert?: AlertEntity | null;

  @Column({ name: 'raised_by', type: 'text' })
  raisedBy!: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}

/** One step of a notice's life: raised, replied, closed, reopened, overdue, escalated. Append-only. */
@Entity('supervision_notice_event')
@Check(
  'supervision_notice_event_kind_check',
  `"kind" IN ('raised', 'replied', 'closed', 'reopened', 'overdue', 'escalated')`,
)
@Index('supervision_notice_event_notice_idx', ['noticeId', 'at'])
export class SupervisionNoticeEventEntity {
  @PrimaryGeneratedColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'supervision_notice_event_pkey',
  })
  id!: string;

  @Column({ name: 'notice_id', type: 'bigint' })
  noticeId!: string;

  @ManyToOne(() => SupervisionNoticeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'notice_id',
    foreignKeyConstraintName: 'supervision_notice_event_notice_id_fkey',
  })
  notice?: SupervisionNoticeEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** A reply's cause, catch-up plan and date, and its evidence as given. */
  @Column({ type: 'jsonb', nullable: true })
  reply!: Record<string, unknown> | null;

  /** A raise's or a reopen's reply deadline. */
  @Column({ name: 'reply_by', type: 'date', nullable: true })
  replyBy!: string | null;

  /** Who did it, or null for the overdue job. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
