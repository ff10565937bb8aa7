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

/** A deliverable of a plan that is done or not by a date (a system built, a policy issued, a pilot run). */
@Entity('milestone')
@Check('milestone_status_check', `"status" IN ('pending', 'done')`)
@Check('milestone_done_on_check', `("status" = 'done') = ("done_on" IS NOT NULL)`)
@Check('milestone_code_check', `"code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'`)
export class MilestoneEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'milestone_pkey', type: 'varchar', length: 64 })
  code!: string;

  @Index('milestone_plan_code_idx')
  @Column({ name: 'plan_code', type: 'varchar', length: 32 })
  planCode!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'milestone_plan_code_fkey' })
  plan?: PlanEntity;

  @Column({ name: 'section_code', type: 'varchar', length: 64, nullable: true })
  sectionCode!: string | null;

  @ManyToOne(() => PlanSectionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'section_code', foreignKeyConstraintName: 'milestone_section_code_fkey' })
  section?: PlanSectionEntity | null;

  @Column({ name: 'task_code', type: 'varchar', length: 64, nullable: true })
  taskCode!: string | null;

  @ManyToOne(() => PlanTaskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'task_code', foreignKeyConstraintName: 'milestone_task_code_fkey' })
  task?: PlanTaskEntity | null;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ type: 'date' })
  deadline!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ name: 'done_on', type: 'date', nullable: true })
  doneOn!: string | null;

  @Column({ name: 'source_text', type: 'text', default: '' })
  sourceText!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
