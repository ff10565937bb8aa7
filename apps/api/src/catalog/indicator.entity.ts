import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { PlanSectionEntity } from './plan-section.entity.js';
import { PlanTaskEntity } from './plan-task.entity.js';
import { PlanEntity } from './plan.entity.js';

/** A quantitative target of a plan. Its target values live in indicator_target, versioned by date. */
@Entity('indicator')
@Check('indicator_kind_check', `"kind" IN ('cumulative', 'level', 'ratio')`)
@Check('indicator_direction_check', `"direction" IN ('increase', 'decrease')`)
@Check('indicator_frequency_check', `"frequency" IN ('monthly', 'quarterly', 'annual')`)
@Check('indicator_due_day_check', `"due_day" BETWEEN 1 AND 28`)
@Check('indicator_code_check', `"code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'`)
@Check('indicator_baseline_check', `("baseline_value" IS NULL) = ("baseline_date" IS NULL)`)
export class IndicatorEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'indicator_pkey', type: 'varchar', length: 64 })
  code!: string;

  @Index('indicator_plan_code_idx')
  @Column({ name: 'plan_code', type: 'varchar', length: 32 })
  planCode!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'indicator_plan_code_fkey' })
  plan?: PlanEntity;

  @Column({ name: 'section_code', type: 'varchar', length: 64, nullable: true })
  sectionCode!: string | null;

  @ManyToOne(() => PlanSectionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'section_code', foreignKeyConstraintName: 'indicator_section_code_fkey' })
  section?: PlanSectionEntity | null;

  @Column({ name: 'task_code', type: 'varchar', length: 64, nullable: true })
  taskCode!: string | null;

  @ManyToOne(() => PlanTaskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'task_code', foreignKeyConstraintName: 'indicator_task_code_fkey' })
  task?: PlanTaskEntity | null;

  /** Order within the plan, as the plan text lists them. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** What a ratio counts over what, e.g. schools with a digital campus / all schools. */
  @Column({ name: 'numerator_label', type: 'text', nullable: true })
  numeratorLabel!: string | null;

  @Column({ name: 'denominator_label', type: 'text', nullable: true })
  denominatorLabel!: string | null;

  @Column({ type: 'text' })
  direction!: string;

  @Column({ type: 'text' })
  frequency!: string;

  /** Thresholds of the progress status set for this indicator (any of them); null: the defaults. */
  @Column({ name: 'progress_thresholds', type: 'jsonb', nullable: true })
  progressThresholds!: Record<string, number> | null;

  /** Day of the month after the period by which the figure is due. */
  @Column({ name: 'due_day', type: 'smallint' })
  dueDay!: number;

  @Column({ name: 'baseline_value', type: 'numeric', nullable: true })
  baselineValue!: string | null;

  @Column({ name: 'baseline_date', type: 'date', nullable: true })
  baselineDate!: string | null;

  @Column({ type: 'date' })
  deadline!: string;

  /** The plan's sentence this target was read from, verbatim. */
  @Column({ name: 'source_text', type: 'text' })
  sourceText!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
