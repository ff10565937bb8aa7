import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { IndicatorEntity } from '../catalog/indicator.entity.js';

/**
 * A department's own monthly plan for a target and region, as entered at a time: the value expected by
 * the end of each period, replacing the straight plan line. Never changed: a new entry is a new version,
 * so progress as of any day uses the plan known then. A version without items returns to the line.
 */
@Entity('monthly_plan_version')
@Index('monthly_plan_version_series_idx', ['indicatorCode', 'regionCode', 'recordedAt'])
export class MonthlyPlanVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'monthly_plan_version_pkey' })
  id!: string;

  @Column({ name: 'indicator_code', type: 'varchar', length: 64 })
  indicatorCode!: string;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'monthly_plan_version_indicator_code_fkey',
  })
  indicator?: IndicatorEntity;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ type: 'text', default: '' })
  note!: string;
}

@Entity('monthly_plan_item')
export class MonthlyPlanItemEntity {
  @PrimaryColumn({
    name: 'version_id',
    type: 'bigint',
    primaryKeyConstraintName: 'monthly_plan_item_pkey',
  })
  versionId!: string;

  @ManyToOne(() => MonthlyPlanVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'monthly_plan_item_version_id_fkey' })
  version?: MonthlyPlanVersionEntity;

  /** The first day of the period. */
  @PrimaryColumn({
    name: 'period_date',
    type: 'date',
    primaryKeyConstraintName: 'monthly_plan_item_pkey',
  })
  periodDate!: string;

  @Column({ type: 'numeric' })
  value!: string;
}
