import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { RegionEntity } from './region.entity.js';

/** A department that leads, supports or reports: provincial department, city government, central branch. */
@Entity('department')
@Unique('department_name_key', ['name'])
@Check('department_kind_check', `"kind" IN ('provincial', 'city', 'central')`)
@Check('department_code_check', `"code" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class DepartmentEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'department_pkey', type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode!: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'department_region_code_fkey' })
  region?: RegionEntity | null;
}
