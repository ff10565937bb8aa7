import type { ValidationProblem } from '@zhibiao/contracts';
import {
  MAX_FIGURE_MAGNITUDE,
  PROVINCE_REGION_CODE,
  withinFigureRange,
  type Comparator,
} from '@zhibiao/core';

// Pure rules of the catalogue. Each returns the problems it finds, with the field path the client sent.

export interface TargetLike {
  comparator: Comparator;
  value: number;
  tolerance?: number | undefined;
}

/** A count cannot aim below zero; a percentage lies in 0–100; only "about" targets have a tolerance. */
export function targetProblems(
  target: TargetLike,
  indicator: { kind: string; unit: string },
  path: string,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const valuePath = path === '' ? 'value' : `${path}.value`;
  if (!withinFigureRange(target.value)) {
    problems.push({
      path: valuePath,
      key: 'value_out_of_range',
      values: { value: target.value, limit: MAX_FIGURE_MAGNITUDE },
    });
  } else if (indicator.unit === '%' && (target.value < 0 || target.value > 100)) {
    problems.push({ path: valuePath, key: 'percent_range', values: { value: target.value } });
  } else if (indicator.kind !== 'ratio' && target.value < 0) {
    problems.push({ path: valuePath, key: 'negative_count', values: { value: target.value } });
  }
  if (target.tolerance !== undefined && target.comparator !== '~') {
    problems.push({
      path: path === '' ? 'tolerance' : `${path}.tolerance`,
      key: 'tolerance_only_about',
    });
  }
  return problems;
}

/** A date inside the plan's years. */
export function dateInPlanProblems(
  date: string,
  plan: { startYear: number; endYear: number },
  path: string,
): ValidationProblem[] {
  const year = Number(date.slice(0, 4));
  return year < plan.startYear || year > plan.endYear
    ? [
        {
          path,
          key: 'date_outside_plan',
          values: { date, start: plan.startYear, end: plan.endYear },
        },
      ]
    : [];
}

/** Years in order, and a period inside them. */
export function planPeriodProblems(plan: {
  startYear: number;
  endYear: number;
  periodStart: string;
  periodEnd: string;
}): ValidationProblem[] {
  if (plan.startYear > plan.endYear) {
    return [
      {
        path: 'startYear',
        key: 'years_order',
        values: { start: plan.startYear, end: plan.endYear },
      },
    ];
  }
  if (plan.periodStart > plan.periodEnd) {
    return [
      {
        path: 'periodStart',
        key: 'period_order',
        values: { start: plan.periodStart, end: plan.periodEnd },
      },
    ];
  }
  const first = Number(plan.periodStart.slice(0, 4));
  const last = Number(plan.periodEnd.slice(0, 4));
  if (first < plan.startYear || last > plan.endYear) {
    return [
      {
        path: first < plan.startYear ? 'periodStart' : 'periodEnd',
        key: 'period_outside_years',
        values: {
          start: plan.periodStart,
          end: plan.periodEnd,
          startYear: plan.startYear,
          endYear: plan.endYear,
        },
      },
    ];
  }
  return [];
}

/** Lead and support lists: known codes, each once, none in both. */
export function departmentListProblems(
  lead: readonly string[],
  support: readonly string[],
  known: ReadonlySet<string>,
  paths: { lead: string; support: string },
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const [list, path] of [
    [lead, paths.lead],
    [support, paths.support],
  ] as const) {
    list.forEach((code, index) => {
      if (!known.has(code))
        problems.push({ path: `${path}.${index}`, key: 'unknown_department', values: { code } });
      else if (seen.has(code)) {
        const both = list === support && lead.includes(code);
        problems.push({
          path: `${path}.${index}`,
          key: both ? 'lead_and_support' : 'duplicate_department',
          values: { code },
        });
      }
      seen.add(code);
    });
  }
  return problems;
}

/** Region codes: known, each once. */
export function regionListProblems(
  regions: readonly string[],
  known: ReadonlySet<string>,
  path: string,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  regions.forEach((code, index) => {
    if (!known.has(code))
      problems.push({ path: `${path}.${index}`, key: 'unknown_region', values: { code } });
    else if (seen.has(code))
      problems.push({ path: `${path}.${index}`, key: 'duplicate_region', values: { code } });
    seen.add(code);
  });
  return problems;
}

// Sums are compared with a relative slack: inputs are decimal numbers, not exact.
const SUM_EPSILON = 1e-6;

/** Whether sub-target values add up to the province target. */
export function addsUp(values: readonly number[], target: number): boolean {
  const sum = values.reduce((total, value) => total + value, 0);
  return Math.abs(sum - target) <= SUM_EPSILON * Math.max(1, Math.abs(target));
}

/**
 * A full set of city sub-targets: one per city the indicator is broken down by, and — for counts — a
 * sum equal to the province target in force on the date.
 */
export function subTargetProblems(
  items: readonly { region: string; value: number }[],
  indicator: { kind: string; unit: string; regions: readonly string[] },
  provinceTarget: number | null,
  context: { path: string; date: string },
): ValidationProblem[] {
  const cities = indicator.regions.filter((code) => code !== PROVINCE_REGION_CODE);
  if (cities.length === 0) return [{ path: context.path, key: 'sub_targets_need_cities' }];
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const path = `${context.path}.${index}`;
    if (!cities.includes(item.region)) {
      problems.push({
        path: `${path}.region`,
        key: 'region_not_broken_down',
        values: { code: item.region },
      });
    } else if (seen.has(item.region)) {
      problems.push({
        path: `${path}.region`,
        key: 'duplicate_region',
        values: { code: item.region },
      });
    }
    seen.add(item.region);
    problems.push(...targetProblems({ comparator: '>=', value: item.value }, indicator, path));
  });
  for (const city of cities) {
    if (!seen.has(city))
      problems.push({ path: context.path, key: 'sub_target_missing', values: { code: city } });
  }
  if (problems.length > 0 || indicator.kind === 'ratio') return problems;
  if (provinceTarget === null)
    return [{ path: context.path, key: 'no_target_in_force', values: { date: context.date } }];
  if (
    !addsUp(
      items.map((item) => item.value),
      provinceTarget,
    )
  ) {
    const sum = items.reduce((total, item) => total + item.value, 0);
    problems.push({
      path: context.path,
      key: 'sub_targets_sum',
      values: { sum, target: provinceTarget, date: context.date },
    });
  }
  return problems;
}

/**
 * Where an indicator or milestone sits in its plan: a task (whose section follows from it) or a section
 * directly. Returns the resolved codes and the problems.
 */
export function placementProblems(
  placement: { section: string | null; task: string | null },
  structure: { sections: ReadonlySet<string>; taskSection: ReadonlyMap<string, string> },
  plan: string,
): { section: string | null; task: string | null; problems: ValidationProblem[] } {
  const { section, task } = placement;
  if (task !== null) {
    const taskSection = structure.taskSection.get(task);
    if (taskSection === undefined) {
      return {
        section,
        task,
        problems: [{ path: 'task', key: 'unknown_task', values: { plan, code: task } }],
      };
    }
    if (section !== null && section !== taskSection) {
      return {
        section,
        task,
        problems: [{ path: 'task', key: 'task_outside_section', values: { task, section } }],
      };
    }
    return { section: taskSection, task, problems: [] };
  }
  if (section !== null && !structure.sections.has(section)) {
    return {
      section,
      task,
      problems: [{ path: 'section', key: 'unknown_section', values: { plan, code: section } }],
    };
  }
  return { section, task, problems: [] };
}
