import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { MeasureReportEntity } from './measure-report.entity.js';

/** The bureau's one review of a submitted revision: confirmed, or returned with a comment. */
@Entity('measure_report_review')
@Check('measure_report_review_decision_check', `"decision" IN ('confirm', 'return')`)
@Unique('measure_report_review_report_id_key', ['reportId'])
export class MeasureReportReviewEntity {
  @PrimaryGeneratedColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'measure_report_review_pkey',
  })
  id!: string;

  @Column({ name: 'report_id', type: 'bigint' })
  reportId!: string;

  @ManyToOne(() => MeasureReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'report_id',
    foreignKeyConstraintName: 'measure_report_review_report_id_fkey',
  })
  report?: MeasureReportEntity;

  @Column({ type: 'text' })
  decision!: string;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ name: 'reviewed_by', type: 'text' })
  reviewedBy!: string;

  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt!: Date;
}
