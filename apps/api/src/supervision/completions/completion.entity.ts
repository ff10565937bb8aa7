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
import { DepartmentEntity } from '../../catalog/department.entity.js';
import { MilestoneEntity } from '../../catalog/milestone.entity.js';

/**
 * A claim that a node task (节点任务) was done, with the day, a note and evidence: append-only. It
 * counts once the bureau confirms it (its review).
 */
@Entity('milestone_completion')
@Index('milestone_completion_milestone_idx', ['milestoneCode', 'recordedAt'])
export class MilestoneCompletionEntity {
  @PrimaryGeneratedColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'milestone_completion_pkey',
  })
  id!: string;

  @Column({ name: 'milestone_code', type: 'varchar', length: 64 })
  milestoneCode!: string;

  @ManyToOne(() => MilestoneEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'milestone_code',
    foreignKeyConstraintName: 'milestone_completion_milestone_code_fkey',
  })
  milestone?: MilestoneEntity;

  @Column({ name: 'done_on', type: 'date' })
  doneOn!: string;

  @Column({ type: 'text' })
  note!: string;

  /** EvidenceIn items as given: links, and evidence files by id. */
  @Column({ type: 'jsonb' })
  evidence!: unknown[];

  /** The claiming unit (a reporter's own; null for the bureau's staff without one). */
  @Column({ name: 'department_code', type: 'varchar', length: 64, nullable: true })
  departmentCode!: string | null;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'milestone_completion_department_code_fkey',
  })
  department?: DepartmentEntity | null;

  @Column({ name: 'claimed_by', type: 'text' })
  claimedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

/** The bureau's decision on a claim, once: confirm (done from that day) or return. Append-only. */
@Entity('milestone_completion_review')
@Unique('milestone_completion_review_completion_id_key', ['completionId'])
@Check('milestone_completion_review_decision_check', `"decision" IN ('confirm', 'return')`)
export class MilestoneCompletionReviewEntity {
  @PrimaryGeneratedColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'milestone_completion_review_pkey',
  })
  id!: string;

  @Column({ name: 'completion_id', type: 'bigint' })
  completionId!: string;

  @ManyToOne(() => MilestoneCompletionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'completion_id',
    foreignKeyConstraintName: 'milestone_completion_review_completion_id_fkey',
  })
  completion?: MilestoneCompletionEntity;

  @Column({ type: 'text' })
  decision!: string;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ name: 'reviewed_by', type: 'text' })
  reviewedBy!: string;

  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt!: Date;
}
