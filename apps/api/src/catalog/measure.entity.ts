import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlanSectionEntity } from './plan-section.entity.js';
import { PlanTaskEntity } from './plan-task.entity.js';
import { PlanEntity } from './plan.entity.js';

/**
 * A group of measures (举措): the text of a task that ends in a bracket of responsible units, kept
 * verbatim with its offsets in the task's text (the section's, for a section without tasks).
 */
@Entity('measure')
@Check('measure_code_check', `"code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*(\\.[0-9]+)?-[0-9]+$'`)
@Check('measure_source_check', `"source_start" >= 0 AND "source_end" > "source_start"`)
export class MeasureEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'measure_pkey', type: 'varchar', length: 64 })
  code!: string;

  @Index('measure_plan_code_idx')
  @Column({ name: 'plan_code', type: 'varchar', length: 32 })
  planCode!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'measure_plan_code_fkey' })
  plan?: PlanEntity;

  @Column({ name: 'section_code', type: 'varchar', length: 64, nullable: true })
  sectionCode!: string | null;

  @ManyToOne(() => PlanSectionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'section_code', foreignKeyConstraintName: 'measure_section_code_fkey' })
  section?: PlanSectionEntity | null;

  @Column({ name: 'task_code', type: 'varchar', length: 64, nullable: true })
  taskCode!: string | null;

  @ManyToOne(() => PlanTaskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'task_code', foreignKeyConstraintName: 'measure_task_code_fkey' })
  task?: PlanTaskEntity | null;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ name: 'source_text', type: 'text' })
  sourceText!: string;

  @Column({ name: 'source_start', type: 'integer' })
  sourceStart!: number;

  @Column({ name: 'source_end', type: 'integer' })
  sourceEnd!: number;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;
}
