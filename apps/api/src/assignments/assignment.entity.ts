import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from '../catalog/department.entity.js';
import { IndicatorEntity } from '../catalog/indicator.entity.js';
import { RegionEntity } from '../catalog/region.entity.js';

/** The one source of truth for who reports what: a department reports an indicator for a region. */
@Entity('assignment')
export class AssignmentEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'assignment_pkey',
    name: 'department_code',
    type: 'varchar',
    length: 64,
  })
  departmentCode!: string;

  @Index('assignment_indicator_code_idx')
  @PrimaryColumn({
    primaryKeyConstraintName: 'assignment_pkey',
    name: 'indicator_code',
    type: 'varchar',
    length: 64,
  })
  indicatorCode!: string;

  @PrimaryColumn({
    primaryKeyConstraintName: 'assignment_pkey',
    name: 'region_code',
    type: 'varchar',
    length: 6,
  })
  regionCode!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'department_code',
    foreignKeyConstraintName: 'assignment_department_code_fkey',
  })
  department?: DepartmentEntity;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'assignment_indicator_code_fkey',
  })
  indicator?: IndicatorEntity;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'assignment_region_code_fkey' })
  region?: RegionEntity;
}
