import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An action or development plan: one year (2020 action plan) or several (2018–2022 plan). */
@Entity('plan')
@Check('plan_status_check', `"status" IN ('draft', 'published', 'closed')`)
@Check('plan_years_check', `"start_year" <= "end_year"`)
@Check('plan_period_check', `"period_start" <= "period_end"`)
@Check('plan_closed_on_check', `("status" = 'closed') = ("closed_on" IS NOT NULL)`)
@Check('plan_approval_from_check', `EXTRACT(DAY FROM "approval_from") = 1`)
export class PlanEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'plan_pkey', type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'title_en', type: 'text', nullable: true })
  titleEn!: string | null;

  @Column({ name: 'start_year', type: 'integer' })
  startYear!: number;

  @Column({ name: 'end_year', type: 'integer' })
  endYear!: number;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn!: string | null;

  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  @Column({ type: 'text' })
  status!: string;

  /** The day the plan was closed at year end: its catalogue and figures are frozen since. */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  /** Version of the seed catalogue this plan was loaded from; null for plans made by users. */
  @Column({ name: 'seed_version', type: 'integer', nullable: true })
  seedVersion!: number | null;

  /** The day a seeded demo year of figures shows (the clock runs on it); null for real plans. */
  @Column({ name: 'demo_day', type: 'date', nullable: true })
  demoDay!: string | null;

  /**
   * The first period (its first day) whose figures wait for the bureau's approval before they count in
   * progress and alerts; null (the default) is no approval.
   */
  @Column({ name: 'approval_from', type: 'date', nullable: true })
  approvalFrom!: string | null;

  /** The plan as issued, verbatim, for citation. */
  @Column({ name: 'source_text', type: 'text' })
  sourceText!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
