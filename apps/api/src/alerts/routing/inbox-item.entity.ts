import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AlertEventEntity } from '../lifecycle/alert-event.entity.js';
import { ReportingMessageEntity } from '../../reporting/entities.js';
import { SupervisionNoticeEventEntity } from '../../supervision/notices/notice.entity.js';

/** One alert event, one supervision notice's event or one reporting message, in one user's in-app inbox, read or not. */
@Entity('inbox_item')
@Index('inbox_item_user_event', ['userId', 'eventId'], { unique: true })
@Index('inbox_item_user_notice_event', ['userId', 'noticeEventId'], { unique: true })
@Index('inbox_item_unread', ['userId', 'createdAt'], { where: `"read_at" IS NULL` })
@Index('inbox_item_user_reporting_message', ['userId', 'reportingMessageId'], { unique: true })
@Check(
  'inbox_item_one_kind_check',
  `("event_id" IS NOT NULL AND "alert_id" IS NOT NULL AND "notice_event_id" IS NULL AND "reporting_message_id" IS NULL) OR ("event_id" IS NULL AND "alert_id" IS NULL AND "notice_event_id" IS NOT NULL AND "reporting_message_id" IS NULL) OR ("event_id" IS NULL AND "alert_id" IS NULL AND "notice_event_id" IS NULL AND "reporting_message_id" IS NOT NULL)`,
)
export class InboxItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'inbox_item_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  @Column({ name: 'alert_id', type: 'bigint', nullable: true })
  alertId!: string | null;

  @Column({ name: 'event_id', type: 'bigint', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => AlertEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'inbox_item_event_id_fkey' })
  event?: AlertEventEntity | null;

  @Column({ name: 'notice_event_id', type: 'bigint', nullable: true })
  noticeEventId!: string | null;

  @ManyToOne(() => SupervisionNoticeEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'notice_event_id',
    foreignKeyConstraintName: 'inbox_item_notice_event_id_fkey',
  })
  noticeEvent?: SupervisionNoticeEventEntity | null;

  @Column({ name: 'reporting_message_id', type: 'bigint', nullable: true })
  reportingMessageId!: string | null;

  @ManyToOne(() => ReportingMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'reporting_message_id',
    foreignKeyConstraintName: 'inbox_item_reporting_message_id_fkey',
  })
  reportingMessage?: ReportingMessageEntity | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
