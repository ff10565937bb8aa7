import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { IndicatorEntity } from '../../catalog/indicator.entity.js';

const KINDS = `'projection_shortfall', 'behind_pace', 'stalled', 'missing_report', 'data_anomaly', 'milestone_late'`;

/**
 * A rule's settings: one row per kind for every indicator (indicator_code null, seeded with the
 * defaults), and a row per kind and indicator where an analyst tuned it for that indicator.
 */
@Entity('alert_rule')
@Check('alert_rule_kind_check', `"kind" IN (${KINDS})`)
@Index('alert_rule_kind_indicator', ['kind', 'indicatorCode'], { unique: true })
@Index('alert_rule_kind_default', ['kind'], { unique: true, where: `"indicator_code" IS NULL` })
export class AlertRuleEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'alert_rule_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'indicator_code', type: 'varchar', length: 64, nullable: true })
  indicatorCode!: string | null;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'alert_rule_indicator_code_fkey',
  })
  indicator?: IndicatorEntity | null;

  /** threshold, pendingEvaluations, keepFiringForDays, severity, raiseWithinDays, escalateAfterDays. */
  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy!: string | null;
}
