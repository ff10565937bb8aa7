import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from './department.entity.js';
import { MilestoneEntity } from './milestone.entity.js';

/** A department's role on a milestone: lead (牵头) or support (配合), in the plan's order. */
@Entity('milestone_department')
@Check('milestone_department_role_check', `"role" IN ('lead', 'support')`)
export class MilestoneDepartmentEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'milestone_department_pkey',
    name: 'milestone_code',
    type: 'varchar',
    length: 64,
  })
  milestoneCode!: string;

  @Index('milestone_department_department_code_idx')
  @PrimaryColumn({
    primaryKeyConstraintName: 'milestone_department_pkey',
    name: 'department_code',
    type: 'varchar',
    length: 64,
  })
  departmentCode!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => MilestoneEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'milestone_code',
    foreignKeyConstraintName: 'milestone_department_milestone_code_fkey',
  })
  milestone?: MilestoneEntity;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'milestone_department_department_code_fkey',
  })
  department?: DepartmentEntity;
}
