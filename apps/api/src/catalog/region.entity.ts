import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** An administrative region by its GB/T 2260 code: the province and its cities (counties later). */
@Entity('region')
@Check('region_level_check', `"level" IN ('province', 'city', 'county')`)
@Check('region_code_check', `"code" ~ '^[0-9]{6}$'`)
export class RegionEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'region_pkey', type: 'varchar', length: 6 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ type: 'text' })
  level!: string;

  @Index('region_parent_code_idx')
  @Column({ name: 'parent_code', type: 'varchar', length: 6, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'region_parent_code_fkey' })
  parent?: RegionEntity | null;
}
