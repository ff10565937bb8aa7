import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { IndicatorEntity } from './indicator.entity.js';
import { RegionEntity } from './region.entity.js';

/**
 * A target value in force from a date: the province target (region 370000) or a city's sub-target.
 * A change is a new row, never an update: the one in force on a day is the latest `effective_from` on
 * or before it, and among versions from the same day the one recorded last.
 */
@Entity('indicator_target')
@Index('indicator_target_lookup_idx', [
  'indicatorCode',
  'regionCode',
  'effectiveFrom',
  'recordedAt',
])
@Check('indicator_target_comparator_check', `"comparator" IN ('>=', '>', '=', '<=', '<', '~')`)
@Check(
  'indicator_target_tolerance_check',
  `"tolerance" IS NULL OR ("tolerance" > 0 AND "tolerance" < 1)`,
)
export class IndicatorTargetEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'indicator_target_pkey' })
  id!: string;

  @Column({ name: 'indicator_code', type: 'varchar', length: 64 })
  indicatorCode!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'text' })
  comparator!: string;

  @Column({ type: 'numeric' })
  value!: string;

  @Column({ type: 'numeric', nullable: true })
  tolerance!: string | null;

  /** Why the target was set or changed. */
  @Column({ type: 'text', default: '' })
  note!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'indicator_target_indicator_code_fkey',
  })
  indicator?: IndicatorEntity;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'region_code',
    foreignKeyConstraintName: 'indicator_target_region_code_fkey',
  })
  region?: RegionEntity;
}
