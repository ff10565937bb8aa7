import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who hears about which alerts, and on which channel: a row matches an alert when each of its set
 * fields does — the recipients' role or one user, the department leading the indicator (or "the
 * recipient's own department"), the plan section, a minimum severity. The in-app inbox is one channel;
 * e-mail and group robots read the same table.
 */
@Entity('alert_subscription')
@Check('alert_subscription_min_severity_check', `"min_severity" IN ('info', 'warning', 'critical')`)
@Check('alert_subscription_channel_check', `"channel" IN ('inbox', 'email', 'robot')`)
@Check(
  'alert_subscription_role_check',
  `"role" IS NULL OR "role" IN ('admin', 'analyst', 'reporter', 'leader')`,
)
@Check('alert_subscription_recipient_check', `"role" IS NOT NULL OR "user_id" IS NOT NULL`)
export class AlertSubscriptionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'alert_subscription_pkey' })
  id!: string;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ name: 'user_id', type: 'bigint', nullable: true })
  userId!: string | null;

  @Column({ name: 'department_code', type: 'varchar', length: 64, nullable: true })
  departmentCode!: string | null;

  /** Only alerts of indicators the recipient's own department leads. */
  @Column({ name: 'own_department', type: 'boolean', default: false })
  ownDepartment!: boolean;

  @Column({ name: 'section_code', type: 'varchar', length: 64, nullable: true })
  sectionCode!: string | null;

  @Column({ name: 'min_severity', type: 'text' })
  minSeverity!: string;

  @Column({ type: 'text', default: 'inbox' })
  channel!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
