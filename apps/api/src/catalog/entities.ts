import { DepartmentEntity } from './department.entity.js';
import { IndicatorDepartmentEntity } from './indicator-department.entity.js';
import { IndicatorRegionEntity } from './indicator-region.entity.js';
import { IndicatorTargetEntity } from './indicator-target.entity.js';
import { IndicatorEntity } from './indicator.entity.js';
import { MeasureDepartmentEntity } from './measure-department.entity.js';
import { MeasureIndicatorEntity, MeasureMilestoneEntity } from './measure-link.entity.js';
import { MeasureEntity } from './measure.entity.js';
import { MilestoneDepartmentEntity } from './milestone-department.entity.js';
import { MilestoneEntity } from './milestone.entity.js';
import { PlanSectionEntity } from './plan-section.entity.js';
import { PlanTaskEntity } from './plan-task.entity.js';
import { PlanEntity } from './plan.entity.js';
import { RegionEntity } from './region.entity.js';

export const CATALOG_ENTITIES = [
  RegionEntity,
  DepartmentEntity,
  PlanEntity,
  PlanSectionEntity,
  PlanTaskEntity,
  IndicatorEntity,
  IndicatorRegionEntity,
  IndicatorDepartmentEntity,
  IndicatorTargetEntity,
  MilestoneEntity,
  MilestoneDepartmentEntity,
  MeasureEntity,
  MeasureDepartmentEntity,
  MeasureIndicatorEntity,
  MeasureMilestoneEntity,
];
