import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AlertEntity } from './alert.entity.js';

/** One change of an alert, with the values that caused it: its state history. */
@Entity('alert_event')
@Check(
  'alert_event_kind_check',
  `"kind" IN ('fired', 'severity_changed', 'acknowledged', 'escalated', 'resolved')`,
)
@Index('alert_event_alert_idx', ['alertId', 'at'])
export class AlertEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'alert_event_pkey' })
  id!: string;

  @Column({ name: 'alert_id', type: 'bigint' })
  alertId!: string;

  @ManyToOne(() => AlertEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'alert_event_alert_id_fkey' })
  alert?: AlertEntity;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'jsonb' })
  values!: Record<string, unknown>;

  /** Who did it (acknowledged), or null for the evaluator. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
