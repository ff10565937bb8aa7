import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from './department.entity.js';
import { MeasureEntity } from './measure.entity.js';

/** A department's role on a measure: lead (牵头) or support (配合), in the plan's order. */
@Entity('measure_department')
@Check('measure_department_role_check', `"role" IN ('lead', 'support')`)
export class MeasureDepartmentEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'measure_department_pkey',
    name: 'measure_code',
    type: 'varchar',
    length: 64,
  })
  measureCode!: string;

  @Index('measure_department_department_code_idx')
  @PrimaryColumn({
    primaryKeyConstraintName: 'measure_department_pkey',
    name: 'department_code',
    type: 'varchar',
    length: 64,
  })
  departmentCode!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => MeasureEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'measure_code',
    foreignKeyConstraintName: 'measure_department_measure_code_fkey',
  })
  measure?: MeasureEntity;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'measure_department_department_code_fkey',
  })
  department?: DepartmentEntity;
}
