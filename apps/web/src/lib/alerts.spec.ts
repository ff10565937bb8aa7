import { describe, expect, it } from 'vitest';
import {
  NO_ALERT_FILTERS,
  alertFiltersFromQuery,
  alertListQuery,
  alertValueKind,
  missingCatchUpFields,
  orderedAlertValues,
  queryFromAlertFilters,
} from './alerts.js';

describe(alertFiltersFromQuery.name, () => {
  it('shows the open alerts when the URL says nothing', () => {
    expect(alertFiltersFromQuery({})).toEqual(NO_ALERT_FILTERS);
  });

  it('reads every filter, and ignores what is misspelt or repeated', () => {
    expect(
      alertFiltersFromQuery({
        status: 'resolved',
        severity: 'critical',
        rule: 'behind_pace',
        indicator: 'DS2020-5G',
        region: '370200',
        department: 'sdbdb',
      }),
    ).toEqual({
      status: 'resolved',
      severity: 'critical',
      rule: 'behind_pace',
      indicator: 'DS2020-5G',
      region: '370200',
      department: 'sdbdb',
    });
    expect(
      alertFiltersFromQuery({
        status: 'closed',
        severity: 'fatal',
        rule: ['behind_pace', 'stalled'],
        region: 'qingdao',
        indicator: '',
      }),
    ).toEqual(NO_ALERT_FILTERS);
  });

  it('round-trips through the URL, leaving the defaults out', () => {
    const filters = { ...NO_ALERT_FILTERS, status: 'all' as const, severity: 'warning' as const };
    const query = queryFromAlertFilters(filters);
    expect(query).toEqual({ status: 'all', severity: 'warning' });
    expect(alertFiltersFromQuery(query)).toEqual(filters);
    expect(queryFromAlertFilters(NO_ALERT_FILTERS)).toEqual({});
  });
});

describe(alertListQuery.name, () => {
  it('asks for no status when all are wanted', () => {
    expect(alertListQuery({ ...NO_ALERT_FILTERS, status: 'all' })).toEqual({});
    expect(alertListQuery({ ...NO_ALERT_FILTERS, rule: 'stalled' })).toEqual({
      status: 'open',
      rule: 'stalled',
    });
  });
});

describe(alertValueKind.name, () => {
  it('reads probabilities, pace ratios and their thresholds as shares', () => {
    expect(alertValueKind('projection_shortfall', 'probability', 0.31)).toBe('share');
    expect(alertValueKind('projection_shortfall', 'threshold', 0.5)).toBe('share');
    expect(alertValueKind('behind_pace', 'paceRatio', 0.8)).toBe('share');
  });

  it('reads the other thresholds as plain numbers, figures in the unit, and text as text', () => {
    expect(alertValueKind('stalled', 'threshold', 2)).toBe('number');
    expect(alertValueKind('missing_report', 'daysOverdue', 12)).toBe('number');
    expect(alertValueKind('behind_pace', 'gap', 12.5)).toBe('quantity');
    expect(alertValueKind('behind_pace', 'period', '2020-09')).toBe('text');
    expect(alertValueKind('missing_report', 'lastReported', null)).toBe('text');
  });

  it('reads the lead over the plan curve as percentage points', () => {
    expect(alertValueKind('behind_pace', 'schedulePoints', -5.05)).toBe('points');
  });
});

describe(orderedAlertValues.name, () => {
  it('puts the verdict first and unknown keys last in their own order', () => {
    expect(
      orderedAlertValues({
        zeta: 1,
        target: 100,
        alpha: 'x',
        probability: 0.2,
        threshold: 0.5,
      }).map(([key]) => key),
    ).toEqual(['probability', 'threshold', 'target', 'zeta', 'alpha']);
  });
});

describe('missingCatchUpFields', () => {
  it('names each empty field as the API would, blank text counting as empty', () => {
    const issues = missingCatchUpFields(
      { cause: '', comment: '  ', plan: '追赶计划', catchUpDate: '' },
      '必填',
    );
    expect(issues.map((i) => i.path)).toEqual(['body.cause', 'body.comment', 'body.catchUpDate']);
    expect(issues.every((i) => i.message === '必填' && i.code === 'required')).toBe(true);
  });

  it('finds nothing missing in a full answer', () => {
    expect(
      missingCatchUpFields(
        { cause: 'funding', comment: '资金晚到', plan: '加快', catchUpDate: '2020-12-01' },
        '必填',
      ),
    ).toEqual([]);
  });
});
