import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IndicatorEntity } from './indicator.entity.js';
import { RegionEntity } from './region.entity.js';

/** A region an indicator is reported and broken down by. */
@Entity('indicator_region')
export class IndicatorRegionEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'indicator_region_pkey',
    name: 'indicator_code',
    type: 'varchar',
    length: 64,
  })
  indicatorCode!: string;

  @Index('indicator_region_region_code_idx')
  @PrimaryColumn({
    primaryKeyConstraintName: 'indicator_region_pkey',
    name: 'region_code',
    type: 'varchar',
    length: 6,
  })
  regionCode!: string;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'indicator_region_indicator_code_fkey',
  })
  indicator?: IndicatorEntity;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'region_code',
    foreignKeyConstraintName: 'indicator_region_region_code_fkey',
  })
  region?: RegionEntity;
}
