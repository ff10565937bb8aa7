import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What evaluations remember of one rule × subject × region: how long its condition has held. */
@Entity('alert_track')
export class AlertTrackEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'alert_track_pkey' })
  kind!: string;

  /** The indicator's code, or the milestone's. */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'alert_track_pkey' })
  subject!: string;

  @PrimaryColumn({
    name: 'region_code',
    type: 'varchar',
    length: 6,
    primaryKeyConstraintName: 'alert_track_pkey',
  })
  regionCode!: string;

  @Column({ type: 'integer' })
  streak!: number;

  @Column({ name: 'last_held_at', type: 'timestamptz', nullable: true })
  lastHeldAt!: Date | null;

  /** The as-of day of the last evaluation at which the condition held. */
  @Column({ name: 'last_held_as_of', type: 'date', nullable: true })
  lastHeldAsOf!: string | null;

  /** The first evaluation, since it last held, at which the open alert's condition did not. */
  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  /** The as-of day of the last evaluation, so a history run never goes back in time. */
  @Column({ name: 'last_as_of', type: 'date' })
  lastAsOf!: string;
}
