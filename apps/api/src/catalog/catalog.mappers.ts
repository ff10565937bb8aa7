import type {
  Department,
  DepartmentRef,
  IndicatorDetail,
  IndicatorSummary,
  Measure,
  MeasureDetail,
  Milestone,
  PlanSummary,
  Region,
  TargetVersion,
} from '@zhibiao/contracts';
import { DEFAULT_PROGRESS_THRESHOLDS, type IsoDate } from '@zhibiao/core';
import type { Indicator, TargetVersionRecord } from './indicator.js';
import type { MeasureRow } from './measure.repository.js';
import type { MilestoneRow } from './milestone.repository.js';
import type { PlanRow } from './plan.repository.js';
import type { DepartmentRow, RegionRow } from './reference.repository.js';

// Rows to contract types. numeric columns arrive as strings from pg; they become numbers here.

function departmentsByRole(
  departments: readonly { code: string; name: string; role: 'lead' | 'support' }[],
  role: 'lead' | 'support',
): DepartmentRef[] {
  return departments.filter((d) => d.role === role).map(({ code, name }) => ({ code, name }));
}

export function toPlanSummary(row: PlanRow, defaultAsOf: IsoDate): PlanSummary {
  return {
    code: row.code,
    title: row.title,
    titleEn: row.title_en,
    startYear: row.start_year,
    endYear: row.end_year,
    issuedOn: row.issued_on,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    closedOn: row.closed_on,
    indicatorCount: row.indicator_count,
    milestoneCount: row.milestone_count,
    latestPeriod: row.latest_period,
    defaultAsOf,
  };
}

export function toIndicatorSummary(indicator: Indicator): IndicatorSummary {
  const { target } = indicator;
  return {
    code: indicator.code,
    plan: indicator.plan,
    section: indicator.section,
    task: indicator.task,
    name: indicator.name,
    nameEn: indicator.nameEn,
    unit: indicator.unit,
    kind: indicator.kind,
    // Every indicator is created with a province target (in the same transaction).
    target: {
      comparator: target?.comparator ?? '>=',
      value: target?.value ?? 0,
      ...(target?.tolerance == null ? {} : { tolerance: target.tolerance }),
    },
    baseline: indicator.baseline,
    deadline: indicator.deadline,
    direction: indicator.direction,
    frequency: indicator.frequency,
    leadDepartments: departmentsByRole(indicator.departments, 'lead'),
    supportDepartments: departmentsByRole(indicator.departments, 'support'),
    regions: indicator.regions,
    hasSubTargets: indicator.hasSubTargets,
    sourceText: indicator.sourceText,
  };
}

export function toTargetVersion(version: TargetVersionRecord): TargetVersion {
  return { ...version, recordedAt: version.recordedAt.toISOString() };
}

export function toIndicatorDetail(
  indicator: Indicator,
  asOf: string,
  history: readonly TargetVersionRecord[],
  subTargets: readonly { region: string; value: number }[],
): IndicatorDetail {
  return {
    ...toIndicatorSummary(indicator),
    description: indicator.description,
    dueDay: indicator.dueDay,
    thresholds: { ...DEFAULT_PROGRESS_THRESHOLDS, ...indicator.thresholds },
    thresholdsCustom: indicator.thresholds !== null,
    numeratorLabel: indicator.numeratorLabel,
    denominatorLabel: indicator.denominatorLabel,
    asOf,
    subTargets: subTargets.map((s) => ({ region: s.region, value: s.value })),
    targetHistory: history.map(toTargetVersion),
  };
}

export function toMilestone(row: MilestoneRow): Milestone {
  return {
    code: row.code,
    plan: row.plan_code,
    section: row.section_code,
    task: row.task_code,
    name: row.name,
    nameEn: row.name_en,
    deadline: row.deadline,
    // Done as the catalogue says, or once the bureau confirmed a claim of completion.
    status: row.status === 'done' || row.confirmed_done_on !== null ? 'done' : 'pending',
    doneOn: row.done_on ?? row.confirmed_done_on,
    leadDepartments: departmentsByRole(row.departments, 'lead'),
    supportDepartments: departmentsByRole(row.departments, 'support'),
    sourceText: row.source_text,
  };
}

export function toMeasure(row: MeasureRow, latestReport: Measure['latestReport'] = null): Measure {
  return {
    code: row.code,
    plan: row.plan_code,
    section: row.section_code,
    task: row.task_code,
    name: row.name,
    nameEn: row.name_en,
    leadDepartments: departmentsByRole(row.departments, 'lead'),
    supportDepartments: departmentsByRole(row.departments, 'support'),
    deadline: row.deadline,
    indicators: row.indicators,
    milestones: row.milestones,
    latestReport,
  };
}

export function toMeasureDetail(
  row: MeasureRow,
  latestReport: Measure['latestReport'] = null,
): MeasureDetail {
  return {
    ...toMeasure(row, latestReport),
    sourceText: row.source_text,
    sourceStart: row.source_start,
    sourceEnd: row.source_end,
  };
}

export function toDepartment(row: DepartmentRow): Department {
  return { code: row.code, name: row.name, kind: row.kind, region: row.region_code };
}

export function toRegion(row: RegionRow): Region {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level,
    parent: row.parent_code,
  };
}
