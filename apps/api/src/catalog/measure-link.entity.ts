import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IndicatorEntity } from './indicator.entity.js';
import { MeasureEntity } from './measure.entity.js';
import { MilestoneEntity } from './milestone.entity.js';

/** An indicator a measure serves: the measure's sentence states its target. */
@Entity('measure_indicator')
export class MeasureIndicatorEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'measure_indicator_pkey',
    name: 'measure_code',
    type: 'varchar',
    length: 64,
  })
  measureCode!: string;

  @Index('measure_indicator_indicator_code_idx')
  @PrimaryColumn({
    primaryKeyConstraintName: 'measure_indicator_pkey',
    name: 'indicator_code',
    type: 'varchar',
    length: 64,
  })
  indicatorCode!: string;

  @ManyToOne(() => MeasureEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'measure_code',
    foreignKeyConstraintName: 'measure_indicator_measure_code_fkey',
  })
  measure?: MeasureEntity;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'indicator_code',
    foreignKeyConstraintName: 'measure_indicator_indicator_code_fkey',
  })
  indicator?: IndicatorEntity;
}

/** A milestone (节点任务) a measure serves: the measure's sentence names the deliverable. */
@Entity('measure_milestone')
export class MeasureMilestoneEntity {
  @PrimaryColumn({
    primaryKeyConstraintName: 'measure_milestone_pkey',
    name: 'measure_code',
    type: 'varchar',
    length: 64,
  })
  measureCode!: string;

  @Index('measure_milestone_milestone_code_idx')
  @PrimaryColumn({
    primaryKeyConstraintName: 'measure_milestone_pkey',
    name: 'milestone_code',
    type: 'varchar',
    length: 64,
  })
  milestoneCode!: string;

  @ManyToOne(() => MeasureEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'measure_code',
    foreignKeyConstraintName: 'measure_milestone_measure_code_fkey',
  })
  measure?: MeasureEntity;

  @ManyToOne(() => MilestoneEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'milestone_code',
    foreignKeyConstraintName: 'measure_milestone_milestone_code_fkey',
  })
  milestone?: MilestoneEntity;
}
