import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An alert: a rule's condition held for a subject (an indicator or a milestone) and region. At most
 * one is open per rule × subject × region; one that fires again after resolving is a new alert that
 * names the one before.
 */
@Entity('alert')
@Check('alert_status_check', `"status" IN ('firing', 'acknowledged', 'resolved')`)
@Check('alert_severity_check', `"severity" IN ('info', 'warning', 'critical')`)
@Index('alert_one_open', ['kind', 'subject', 'regionCode'], {
  unique: true,
  where: `"status" <> 'resolved'`,
})
@Index('alert_status_idx', ['status', 'firedAt'])
@Index('alert_plan_idx', ['planCode', 'firedAt'])
export class AlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'alert_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'varchar', length: 64 })
  subject!: string;

  @Column({ name: 'indicator_code', type: 'varchar', length: 64, nullable: true })
  indicatorCode!: string | null;

  @Column({ name: 'milestone_code', type: 'varchar', length: 64, nullable: true })
  milestoneCode!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ name: 'plan_code', type: 'varchar', length: 32 })
  planCode!: string;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'fired_at', type: 'timestamptz' })
  firedAt!: Date;

  /** The as-of day of the evaluation that fired it (the chart as it stood then). */
  @Column({ name: 'fired_as_of', type: 'date' })
  firedAsOf!: string;

  /** The as-of day of the latest evaluation its values and message come from. */
  @Column({ name: 'evaluated_as_of', type: 'date' })
  evaluatedAsOf!: string;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'previous_id', type: 'bigint', nullable: true })
  previousId!: string | null;

  /** The numbers of the latest evaluation that kept it open. */
  @Column({ type: 'jsonb' })
  values!: Record<string, unknown>;

  /** { zh, en }: which condition fired, with its numbers. */
  @Column({ type: 'jsonb' })
  message!: Record<string, unknown>;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'text', nullable: true })
  cause!: string | null;

  @Column({ name: 'catch_up_plan', type: 'text', nullable: true })
  catchUpPlan!: string | null;

  @Column({ name: 'catch_up_date', type: 'date', nullable: true })
  catchUpDate!: string | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'escalation_reason', type: 'text', nullable: true })
  escalationReason!: string | null;

  /** The silence it fired under, if any: it is recorded but nobody is told. */
  @Column({ name: 'silence_id', type: 'bigint', nullable: true })
  silenceId!: string | null;
}
