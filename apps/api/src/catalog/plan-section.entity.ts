import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlanEntity } from './plan.entity.js';

/** A numbered section of a plan (一、二、…), with its heading as issued. */
@Entity('plan_section')
export class PlanSectionEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'plan_section_pkey', type: 'varchar', length: 64 })
  code!: string;

  @Index('plan_section_plan_code_idx')
  @Column({ name: 'plan_code', type: 'varchar', length: 32 })
  planCode!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'plan_section_plan_code_fkey' })
  plan?: PlanEntity;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  numeral!: string;

  @Column({ type: 'text' })
  title!: string;

  /** The heading, and for a section whose measures sit directly under it, that paragraph. */
  @Column({ name: 'source_text', type: 'text' })
  sourceText!: string;
}
