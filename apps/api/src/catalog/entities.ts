import { DepartmentEntity } from './department.entity.js';
import { IndicatorDepartmentEntity } from './indicator-department.entity.js';
import { IndicatorRegionEntity } from './indicator-region.entity.js';
import { IndicatorTargetEntity } from './indicator-target.entity.js';
import { IndicatorEntity } from './indicator.entity.js';
import { PlanEntity } from './plan.entity.js';
import { RegionEntity } from './region.entity.js';

export const CATALOG_ENTITIES = [
  RegionEntity,
  DepartmentEntity,
  PlanEntity,
  IndicatorEntity,
  IndicatorRegionEntity,
  IndicatorDepartmentEntity,
  IndicatorTargetEntity,
];
