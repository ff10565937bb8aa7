import { describe, expect, it } from 'vitest';
import {
  derivedReportState,
  isReportLate,
  measureReportDueOn,
  reportPeriodProblem,
} from './measure-report.js';

describe('measureReportDueOn', () => {
  it('is the 10th of the following month, across the year end', () => {
    expect(measureReportDueOn('2020-03')).toBe('2020-04-10');
    expect(measureReportDueOn('2020-12')).toBe('2021-01-10');
  });
});

describe('isReportLate', () => {
  it('counts the first submission against the due day', () => {
    expect(isReportLate('2020-03', '2020-04-10')).toBe(false);
    expect(isReportLate('2020-03', '2020-04-11')).toBe(true);
  });

  it('is not late before anything was submitted', () => {
    expect(isReportLate('2020-03', null)).toBe(false);
  });
});

describe('derivedReportState', () => {
  it('keeps a draft a draft, whatever was reviewed before', () => {
    expect(derivedReportState('draft', null)).toBe('draft');
    expect(derivedReportState('draft', 'confirm')).toBe('draft');
  });

  it('is submitted until reviewed, then confirmed or returned', () => {
    expect(derivedReportState('submitted', null)).toBe('submitted');
    expect(derivedReportState('submitted', 'confirm')).toBe('confirmed');
    expect(derivedReportState('submitted', 'return')).toBe('returned');
  });
});

describe('reportPeriodProblem', () => {
  const plan = { startYear: 2020, endYear: 2020 };

  it('refuses months outside the plan years', () => {
    expect(reportPeriodProblem('2019-12', plan, '2020-06-15')).toBe('outside_plan');
    expect(reportPeriodProblem('2021-01', plan, '2021-06-15')).toBe('outside_plan');
  });

  it('refuses a month that has not begun, and takes the current one', () => {
    expect(reportPeriodProblem('2020-07', plan, '2020-06-30')).toBe('not_begun');
    expect(reportPeriodProblem('2020-07', plan, '2020-07-01')).toBeNull();
    expect(reportPeriodProblem('2020-05', plan, '2020-06-15')).toBeNull();
  });
});
