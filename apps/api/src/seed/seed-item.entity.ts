import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a seed has ever put into the database, by plan, kind and code. A later version of the seed adds
 * only items it has not recorded here, so what a user changed or removed is never brought back. No
 * foreign key: the record outlives a plan the user deleted, and keeps the seed from re-creating it.
 */
@Entity('seed_item')
export class SeedItemEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'seed_item_pkey',
    name: 'plan_code',
    type: 'varchar',
    length: 32,
  })
  planCode!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'seed_item_pkey', type: 'varchar', length: 16 })
  kind!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'seed_item_pkey', type: 'varchar', length: 64 })
  code!: string;

  @Column({ name: 'seed_version', type: 'integer' })
  seedVersion!: number;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
