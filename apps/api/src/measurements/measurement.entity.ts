import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { IndicatorEntity } from '../catalog/indicator.entity.js';
import { RegionEntity } from '../catalog/region.entity.js';
import { SubmissionEntity } from './submission.entity.js';

/**
 * The time series of reported figures: one row per revision, never updated or deleted. The figure in
 * force for a period is its latest revision (recorded_at, then id); the state on any past day is the
 * latest recorded by then. `period_date` (the period's first day) is the time column: a TimescaleDB
 * hypertable where the extension exists (database/timescale.ts), a plain table elsewhere — which is
 * why the key includes it.
 */
@Entity('measurement')
@Check('measurement_value_type_check', `"value_type" IN ('increment', 'cumulative', 'level')`)
@Check('measurement_period_date_check', `EXTRACT(DAY FROM "period_date") = 1`)
@Index('measurement_series_idx', ['indicatorCode', 'regionCode', 'periodDate', 'recordedAt'])
export class MeasurementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'measurement_pkey' })
  id!: string;

  @PrimaryColumn({
    name: 'period_date',
    type: 'date',
    primaryKeyConstraintName: 'measurement_pkey',
  })
  periodDate!: string;

  @Column({ name: 'indicator_code', type: 'varchar', length: 64 })
  indicatorCode!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  /** As reported: a count's increment or year-to-date total, or a level (a rate in %). */
  @Column({ type: 'numeric' })
  value!: string;

  @Column({ name: 'value_type', type: 'text' })
  valueType!: string;

  @Column({ type: 'numeric', nullable: true })
  numerator!: string | null;

  @Column({ type: 'numeric', nullable: true })
  denominator!: string | null;

  /** Why: the reason of a late figure or a correction. */
  @Column({ type: 'text', default: '' })
  note!: string;

  /** Recorded after the period closed (due day + grace). */
  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @Index('measurement_submission_idx')
  @Column({ name: 'submission_id', type: 'bigint' })
  submissionId!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'measurement_indicator_code_fkey',
  })
  indicator?: IndicatorEntity;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'measurement_region_code_fkey' })
  region?: RegionEntity;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'submission_id',
    foreignKeyConstraintName: 'measurement_submission_id_fkey',
  })
  submission?: SubmissionEntity;
}
