import type {
  Department,
  DepartmentRef,
  IndicatorDetail,
  IndicatorSummary,
  Milestone,
  PlanSummary,
  Region,
  TargetVersion,
} from '@zhibiao/contracts';
import { DEFAULT_PROGRESS_THRESHOLDS, type Comparator, type IsoDate } from '@zhibiao/core';
import { defaultAsOf } from './default-as-of.js';
import type { IndicatorRow, TargetVersionRow } from './indicator.repository.js';
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

export function toPlanSummary(row: PlanRow, today: IsoDate, graceDays: number): PlanSummary {
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
    defaultAsOf: defaultAsOf(
      {
        latestRecordedAt: row.latest_recorded_at,
        periodEnd: row.period_end,
        lastDueDay: row.last_due_day,
      },
      today,
      graceDays,
    ),
  };
}

export function toIndicatorSummary(row: IndicatorRow): IndicatorSummary {
  return {
    code: row.code,
    plan: row.plan_code,
    section: row.section_code,
    task: row.task_code,
    name: row.name,
    nameEn: row.name_en,
    unit: row.unit,
    kind: row.kind,
    // Every indicator is created with a province target (in the same transaction).
    target: {
      comparator: (row.comparator ?? '>=') as Comparator,
      value: Number(row.target_value ?? 0),
      ...(row.tolerance === null ? {} : { tolerance: Number(row.tolerance) }),
    },
    baseline:
      row.baseline_value === null || row.baseline_date === null
        ? null
        : { value: Number(row.baseline_value), date: row.baseline_date },
    deadline: row.deadline,
    direction: row.direction,
    frequency: row.frequency,
    leadDepartments: departmentsByRole(row.departments, 'lead'),
    supportDepartments: departmentsByRole(row.departments, 'support'),
    regions: row.regions,
    hasSubTargets: row.has_sub_targets,
    sourceText: row.source_text,
  };
}

export function toTargetVersion(row: TargetVersionRow): TargetVersion {
  return {
    id: row.id,
    region: row.region_code,
    effectiveFrom: row.effective_from,
    comparator: row.comparator as Comparator,
    value: Number(row.value),
    tolerance: row.tolerance === null ? null : Number(row.tolerance),
    note: row.note,
    recordedAt: row.recorded_at.toISOString(),
  };
}

export function toIndicatorDetail(
  row: IndicatorRow,
  asOf: string,
  history: readonly TargetVersionRow[],
  subTargets: readonly { region_code: string; value: string }[],
): IndicatorDetail {
  return {
    ...toIndicatorSummary(row),
    description: row.description,
    dueDay: row.due_day,
    thresholds: { ...DEFAULT_PROGRESS_THRESHOLDS, ...row.progress_thresholds },
    thresholdsCustom: row.progress_thresholds !== null,
    numeratorLabel: row.numerator_label,
    denominatorLabel: row.denominator_label,
    asOf,
    subTargets: subTargets.map((s) => ({ region: s.region_code, value: Number(s.value) })),
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
    status: row.status,
    doneOn: row.done_on,
    leadDepartments: departmentsByRole(row.departments, 'lead'),
    supportDepartments: departmentsByRole(row.departments, 'support'),
    sourceText: row.source_text,
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
