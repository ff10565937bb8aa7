import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { SubmissionEntity } from './submission.entity.js';

/** The bytes of a submission as received, apart from its row so listings stay light. */
@Entity('submission_file')
export class SubmissionFileEntity {
  @PrimaryColumn({
    name: 'submission_id',
    type: 'bigint',
    primaryKeyConstraintName: 'submission_file_pkey',
  })
  submissionId!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @OneToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'submission_id',
    foreignKeyConstraintName: 'submission_file_submission_id_fkey',
  })
  submission?: SubmissionEntity;
}
