import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A plan read from its text, under review: the rows (targets and milestones) a person corrects before
 * publishing it as a plan. Not a plan yet, so no dashboard sees it.
 */
@Entity('plan_import')
@Check('plan_import_status_check', `"status" IN ('draft', 'published')`)
@Index('plan_import_code_draft', ['code'], { unique: true, where: `"status" = 'draft'` })
export class PlanImportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'plan_import_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  status!: string;

  /** The text as pasted or uploaded. */
  @Column({ type: 'text' })
  text!: string;

  /** The extraction's sections and warnings. */
  @Column({ type: 'jsonb' })
  extraction!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  targets!: unknown[];

  @Column({ type: 'jsonb' })
  milestones!: unknown[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
