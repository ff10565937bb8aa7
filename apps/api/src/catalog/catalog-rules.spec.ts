import { describe, expect, it } from 'vitest';
import {
  dateInPlanProblems,
  departmentListProblems,
  placementProblems,
  planPeriodProblems,
  subTargetProblems,
  targetProblems,
} from './catalog-rules.js';

const count = { kind: 'cumulative', unit: '个' };
const share = { kind: 'ratio', unit: '%' };

describe(targetProblems.name, () => {
  it('rejects a negative count and a percentage outside 0–100', () => {
    expect(targetProblems({ comparator: '>=', value: -1 }, count, 'target')).toEqual([
      { path: 'target.value', key: 'negative_count', values: { value: -1 } },
    ]);
    expect(targetProblems({ comparator: '>', value: 120 }, share, '')[0]?.key).toBe(
      'percent_range',
    );
    expect(targetProblems({ comparator: '=', value: 100 }, share, '')).toEqual([]);
  });

  it('allows a tolerance on an "about" target only', () => {
    expect(targetProblems({ comparator: '~', value: 50, tolerance: 0.2 }, count, '')).toEqual([]);
    expect(targetProblems({ comparator: '>=', value: 50, tolerance: 0.2 }, count, '')).toEqual([
      { path: 'tolerance', key: 'tolerance_only_about' },
    ]);
  });
});

describe(dateInPlanProblems.name, () => {
  it('accepts dates inside the plan years only', () => {
    const plan = { startYear: 2018, endYear: 2022 };
    expect(dateInPlanProblems('2022-12-31', plan, 'deadline')).toEqual([]);
    expect(dateInPlanProblems('2023-01-01', plan, 'deadline')[0]).toMatchObject({
      path: 'deadline',
      key: 'date_outside_plan',
    });
  });
});

describe(planPeriodProblems.name, () => {
  it('wants years in order and the period inside them', () => {
    const ok = {
      startYear: 2020,
      endYear: 2020,
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
    };
    expect(planPeriodProblems(ok)).toEqual([]);
    expect(planPeriodProblems({ ...ok, startYear: 2021 })[0]?.key).toBe('years_order');
    expect(planPeriodProblems({ ...ok, periodStart: '2021-01-01' })[0]?.key).toBe('period_order');
    expect(planPeriodProblems({ ...ok, periodEnd: '2021-06-30' })[0]).toMatchObject({
      path: 'periodEnd',
      key: 'period_outside_years',
    });
  });
});

describe(departmentListProblems.name, () => {
  const known = new Set(['a', 'b', 'c']);
  const paths = { lead: 'lead', support: 'support' };

  it('names unknown, repeated and both-lead-and-support departments by position', () => {
    expect(departmentListProblems(['a', 'x', 'a'], ['b', 'a'], known, paths)).toEqual([
      { path: 'lead.1', key: 'unknown_department', values: { code: 'x' } },
      { path: 'lead.2', key: 'duplicate_department', values: { code: 'a' } },
      { path: 'support.1', key: 'lead_and_support', values: { code: 'a' } },
    ]);
  });
});

describe(placementProblems.name, () => {
  const structure = { sections: new Set(['P-1', 'P-2']), taskSection: new Map([['P-1.1', 'P-1']]) };

  it('takes the section from the task', () => {
    expect(placementProblems({ section: null, task: 'P-1.1' }, structure, 'P')).toEqual({
      section: 'P-1',
      task: 'P-1.1',
      problems: [],
    });
  });

  it('rejects an unknown task, a task of another section and an unknown section', () => {
    expect(
      placementProblems({ section: null, task: 'P-9.9' }, structure, 'P').problems[0]?.key,
    ).toBe('unknown_task');
    expect(
      placementProblems({ section: 'P-2', task: 'P-1.1' }, structure, 'P').problems[0]?.key,
    ).toBe('task_outside_section');
    expect(placementProblems({ section: 'P-7', task: null }, structure, 'P').problems[0]?.key).toBe(
      'unknown_section',
    );
  });
});

describe(subTargetProblems.name, () => {
  const indicator = { ...count, regions: ['370000', '370100', '370200'] };
  const context = { path: 'items', date: '2020-07-01' };

  it('accepts one value per city adding up to the province target', () => {
    const items = [
      { region: '370100', value: 60 },
      { region: '370200', value: 40 },
    ];
    expect(subTargetProblems(items, indicator, 100, context)).toEqual([]);
  });

  it('names a missing city, a repeated one and one not broken down', () => {
    const keys = subTargetProblems(
      [
        { region: '370100', value: 60 },
        { region: '370100', value: 40 },
        { region: '370000', value: 1 },
      ],
      indicator,
      100,
      context,
    ).map((p) => [p.path, p.key]);
    expect(keys).toEqual([
      ['items.1.region', 'duplicate_region'],
      ['items.2.region', 'region_not_broken_down'],
      ['items', 'sub_target_missing'],
    ]);
  });

  it('says by how much the sum misses the province target', () => {
    const problems = subTargetProblems(
      [
        { region: '370100', value: 60 },
        { region: '370200', value: 30 },
      ],
      indicator,
      100,
      context,
    );
    expect(problems).toEqual([
      {
        path: 'items',
        key: 'sub_targets_sum',
        values: { sum: 90, target: 100, date: '2020-07-01' },
      },
    ]);
  });

  it('does not add up ratios, and needs a city breakdown', () => {
    const ratio = { ...share, regions: ['370000', '370100'] };
    expect(subTargetProblems([{ region: '370100', value: 95 }], ratio, 90, context)).toEqual([]);
    expect(subTargetProblems([], { ...count, regions: ['370000'] }, 1, context)[0]?.key).toBe(
      'sub_targets_need_cities',
    );
  });
});
