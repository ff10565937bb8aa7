import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One way a batch of figures came in — an upload, an API call, the entry form, a scheduled pull, the
 * demo seed — with who sent it, what it said (the report) and what became of it. Kept for every
 * attempt that was not a dry run, rejected ones too.
 */
@Entity('submission')
@Check('submission_source_check', `"source" IN ('web', 'csv', 'xlsx', 'api', 'pull', 'seed')`)
@Check('submission_status_check', `"status" IN ('applied', 'partially_applied', 'rejected')`)
@Check('submission_actor_kind_check', `"actor_kind" IN ('user', 'api_key', 'system')`)
@Index('submission_idempotency_key', ['actorKind', 'actorId', 'idempotencyKey'], {
  unique: true,
  where: `"idempotency_key" IS NOT NULL`,
})
@Index('submission_sha256_idx', ['sha256'])
@Index('submission_department_idx', ['departmentCode', 'createdAt'])
export class SubmissionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'submission_pkey' })
  id!: string;

  @Index('submission_created_at_idx')
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** The department the figures are reported for (a user's or a key's); null for the system. */
  @Column({ name: 'department_code', type: 'varchar', length: 64, nullable: true })
  departmentCode!: string | null;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'file_size', type: 'integer', nullable: true })
  fileSize!: number | null;

  /** SHA-256 of the bytes as received (the file, or the JSON body). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** Whether valid rows were stored and the rest reported (`?partial=true`). */
  @Column({ type: 'boolean', default: false })
  partial!: boolean;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer' })
  accepted!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  @Column({ name: 'warning_count', type: 'integer' })
  warningCount!: number;

  @Column({ name: 'error_count', type: 'integer' })
  errorCount!: number;

  /** The report as answered (findings without messages: they are rendered in the reader's language). */
  @Column({ type: 'jsonb' })
  report!: unknown;
}
