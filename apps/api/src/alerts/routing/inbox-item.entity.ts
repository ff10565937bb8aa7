import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AlertEventEntity } from '../lifecycle/alert-event.entity.js';

/** One alert event in one user's in-app inbox, read or not. */
@Entity('inbox_item')
@Index('inbox_item_user_event', ['userId', 'eventId'], { unique: true })
@Index('inbox_item_unread', ['userId', 'createdAt'], { where: `"read_at" IS NULL` })
export class InboxItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'inbox_item_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  @Column({ name: 'alert_id', type: 'bigint' })
  alertId!: string;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId!: string;

  @ManyToOne(() => AlertEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'inbox_item_event_id_fkey' })
  event?: AlertEventEntity;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
