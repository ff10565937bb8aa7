import { describe, expect, it } from 'vitest';
import { startOfBusinessDay } from '../time/time.js';
import {
  expectsFigures,
  figureDueDays,
  historyMonths,
  reportDueDays,
  reportingRates,
  reportingStatus,
  statusCounts,
  submittedOnTime,
  underApproval,
  withinPlanPeriods,
} from './calendar.js';

/** An instant on a business day (Asia/Shanghai) at `hour` o'clock there. */
const on = (day: string, hour = 10) =>
  new Date(startOfBusinessDay(day).getTime() + hour * 60 * 60 * 1000);

describe('expectsFigures', () => {
  it('expects monthly figures every month, quarterly at quarter ends, annual in December', () => {
    expect(expectsFigures('monthly', '2020-01')).toBe(true);
    expect(
      ['2020-01', '2020-02', '2020-03', '2020-06', '2020-09', '2020-12'].map((p) =>
        expectsFigures('quarterly', p),
      ),
    ).toEqual([false, false, true, true, true, true]);
    expect(expectsFigures('annual', '2020-11')).toBe(false);
    expect(expectsFigures('annual', '2020-12')).toBe(true);
  });
});

describe('withinPlanPeriods', () => {
  it('includes both ends', () => {
    expect(withinPlanPeriods('2020-01', '2020-01', '2020-12')).toBe(true);
    expect(withinPlanPeriods('2020-12', '2020-01', '2020-12')).toBe(true);
    expect(withinPlanPeriods('2021-01', '2020-01', '2020-12')).toBe(false);
    expect(withinPlanPeriods('2019-12', '2020-01', '2020-12')).toBe(false);
  });
});

describe('underApproval', () => {
  it('is on from the period approval starts at', () => {
    expect(underApproval(null, '2020-06')).toBe(false);
    expect(underApproval('2020-06', '2020-05')).toBe(false);
    expect(underApproval('2020-06', '2020-06')).toBe(true);
    expect(underApproval('2020-06', '2021-01')).toBe(true);
  });
});

describe('figureDueDays', () => {
  it('is due on the due day of the next month, closing after the grace', () => {
    expect(figureDueDays('2020-05', 5, 5)).toEqual({ due: '2020-06-05', closesOn: '2020-06-10' });
    expect(figureDueDays('2020-12', 10, 5)).toEqual({ due: '2021-01-10', closesOn: '2021-01-15' });
    expect(figureDueDays('2020-02', 5, 0)).toEqual({ due: '2020-03-05', closesOn: '2020-03-05' });
  });

  it('for a quarter, in the month after the quarter', () => {
    expect(figureDueDays('2020-06', 15, 5)).toEqual({ due: '2020-07-15', closesOn: '2020-07-20' });
  });
});

describe('reportDueDays', () => {
  it('is the 10th of the next month with no grace', () => {
    expect(reportDueDays('2020-05')).toEqual({ due: '2020-06-10', closesOn: '2020-06-10' });
    expect(reportDueDays('2020-12')).toEqual({ due: '2021-01-10', closesOn: '2021-01-10' });
  });
});

describe('submittedOnTime', () => {
  it('judges by the business day in Asia/Shanghai, the closing day included', () => {
    expect(submittedOnTime(on('2020-06-10', 23), '2020-06-10')).toBe(true);
    expect(submittedOnTime(on('2020-06-11', 0), '2020-06-10')).toBe(false);
    // 2020-06-10T17:00Z is already 01:00 on 06-11 in Shanghai.
    expect(submittedOnTime(new Date('2020-06-10T17:00:00Z'), '2020-06-10')).toBe(false);
    expect(submittedOnTime(null, '2020-06-10')).toBe(false);
  });
});

describe('reportingStatus', () => {
  const closesOn = '2020-06-10';
  it('is due until the closing day, then missing', () => {
    const none = { returned: false, firstSubmittedAt: null, closesOn };
    expect(reportingStatus({ ...none, asOf: '2020-05-20' })).toBe('due');
    expect(reportingStatus({ ...none, asOf: '2020-06-10' })).toBe('due');
    expect(reportingStatus({ ...none, asOf: '2020-06-11' })).toBe('missing');
  });

  it('is submitted when first received by the closing day, late after', () => {
    expect(
      reportingStatus({
        returned: false,
        firstSubmittedAt: on('2020-06-10'),
        closesOn,
        asOf: '2020-06-30',
      }),
    ).toBe('submitted');
    expect(
      reportingStatus({
        returned: false,
        firstSubmittedAt: on('2020-06-11'),
        closesOn,
        asOf: '2020-06-30',
      }),
    ).toBe('late');
  });

  it('is returned while sent back, whatever came before', () => {
    expect(
      reportingStatus({
        returned: true,
        firstSubmittedAt: on('2020-06-01'),
        closesOn,
        asOf: '2020-06-30',
      }),
    ).toBe('returned');
  });
});

describe('reportingRates', () => {
  it('is null without expected reports', () => {
    expect(reportingRates([])).toEqual({
      expected: 0,
      reported: 0,
      onTime: 0,
      completeness: null,
      timeliness: null,
    });
  });

  it('counts what was received, late or returned too, and on time by the first submission', () => {
    const rates = reportingRates([
      { received: true, onTime: true }, // submitted
      { received: true, onTime: false }, // late
      { received: true, onTime: true }, // returned, first sent on time
      { received: true, onTime: false }, // returned, first sent late
      { received: false, onTime: false }, // missing
      { received: false, onTime: false }, // due
      { received: false, onTime: false }, // a unit's period returned, this figure never sent
      { received: false, onTime: false },
    ]);
    expect(rates).toEqual({
      expected: 8,
      reported: 4,
      onTime: 2,
      completeness: 0.5,
      timeliness: 0.25,
    });
  });
});

describe('statusCounts', () => {
  it('names every status', () => {
    expect(statusCounts([{ status: 'late' }, { status: 'late' }, { status: 'due' }])).toEqual({
      due: 1,
      submitted: 0,
      late: 2,
      missing: 0,
      returned: 0,
    });
  });
});

describe('historyMonths', () => {
  const plans = [{ first: '2020-03', last: '2020-12' }];
  it('shows the months within a plan, up to the month of the day', () => {
    expect(historyMonths(2020, plans, '2020-06-15')).toEqual([
      '2020-03',
      '2020-04',
      '2020-05',
      '2020-06',
    ]);
    expect(historyMonths(2020, plans, '2021-02-01')).toHaveLength(10);
    expect(historyMonths(2021, plans, '2021-02-01')).toEqual([]);
    expect(historyMonths(2020, [], '2020-06-15')).toEqual([]);
  });
});
