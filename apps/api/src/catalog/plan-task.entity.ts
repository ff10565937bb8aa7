import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlanSectionEntity } from './plan-section.entity.js';

/** A task of a section ((一)、(二)、…): a paragraph of measures, kept verbatim. */
@Entity('plan_task')
export class PlanTaskEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'plan_task_pkey', type: 'varchar', length: 64 })
  code!: string;

  @Index('plan_task_section_code_idx')
  @Column({ name: 'section_code', type: 'varchar', length: 64 })
  sectionCode!: string;

  @ManyToOne(() => PlanSectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_code', foreignKeyConstraintName: 'plan_task_section_code_fkey' })
  section?: PlanSectionEntity;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  numeral!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'source_text', type: 'text' })
  sourceText!: string;
}
