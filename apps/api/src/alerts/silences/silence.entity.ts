import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A time-bounded silence: alerts of an indicator, a department's indicators or a rule kind (any
 * combination; at least one) that fire within it are recorded but nobody is told.
 */
@Entity('silence')
@Check(
  'silence_scope_check',
  `"indicator_code" IS NOT NULL OR "department_code" IS NOT NULL OR "kind" IS NOT NULL`,
)
@Check('silence_window_check', `"ends_at" > "starts_at"`)
export class SilenceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'silence_pkey' })
  id!: string;

  @Column({ name: 'indicator_code', type: 'varchar', length: 64, nullable: true })
  indicatorCode!: string | null;

  @Column({ name: 'department_code', type: 'varchar', length: 64, nullable: true })
  departmentCode!: string | null;

  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
