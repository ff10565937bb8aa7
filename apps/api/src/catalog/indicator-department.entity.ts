import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from './department.entity.js';
import { IndicatorEntity } from './indicator.entity.js';

/** A department's role on an indicator: lead (牵头) or support (配合), in the plan's order. */
@Entity('indicator_department')
@Check('indicator_department_role_check', `"role" IN ('lead', 'support')`)
export class IndicatorDepartmentEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'indicator_department_pkey',
    name: 'indicator_code',
    type: 'varchar',
    length: 64,
  })
  indicatorCode!: string;

  @Index('indicator_department_department_code_idx')
  @PrimaryColumn({
    primaryKeyConstraintName: 'indicator_department_pkey',
    name: 'department_code',
    type: 'varchar',
    length: 64,
  })
  departmentCode!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'indicator_department_indicator_code_fkey',
  })
  indicator?: IndicatorEntity;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'indicator_department_department_code_fkey',
  })
  department?: DepartmentEntity;
}
