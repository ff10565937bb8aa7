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
import { DepartmentEntity } from '../catalog/department.entity.js';
import { MeasureEntity } from '../catalog/measure.entity.js';

/**
 * One revision of a unit's monthly progress report on a measure (举措): every save is a new row, so
 * what was known on any day can be shown again. `state` is what the unit wrote (a draft, or
 * submitted); whether the bureau confirmed or returned it is in measure_report_review.
 */
@Entity('measure_report')
@Check('measure_report_period_check', `EXTRACT(DAY FROM "period_date") = 1`)
@Check('measure_report_role_check', `"role" IN ('lead', 'support')`)
@Check('measure_report_state_check', `"state" IN ('draft', 'submitted')`)
@Check('measure_report_status_check', `"status" IN ('on_track', 'behind', 'done', 'not_started')`)
@Check('measure_report_revision_check', `"revision" >= 1`)
@Unique('measure_report_revision_key', ['measureCode', 'periodDate', 'departmentCode', 'revision'])
@Index('measure_report_measure_period_idx', ['measureCode', 'periodDate', 'recordedAt'])
export class MeasureReportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'measure_report_pkey' })
  id!: string;

  @Column({ name: 'measure_code', type: 'varchar', length: 64 })
  measureCode!: string;

  @ManyToOne(() => MeasureEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'measure_code',
    foreignKeyConstraintName: 'measure_report_measure_code_fkey',
  })
  measure?: MeasureEntity;

  /** The month reported, as its first day. */
  @Column({ name: 'period_date', type: 'date' })
  periodDate!: string;

  @Index('measure_report_department_code_idx')
  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'measure_report_department_code_fkey',
  })
  department?: DepartmentEntity;

  /** The unit's role on the measure when it reported: lead (牵头) or support (配合). */
  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  progress!: string;

  @Column({ type: 'text' })
  problems!: string;

  @Column({ name: 'next_steps', type: 'text' })
  nextSteps!: string;

  /** [{kind:'link',title,url} | {kind:'file',id}] */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: unknown;

  /** The unit's first submission of the month came after the due day (10th of the next month). */
  @Column({ type: 'boolean' })
  late!: boolean;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
