import { describe, expect, it } from 'vitest';
import { measureOf, measureReportOf } from '../testing/factories.js';
import {
  NO_LEDGER_FILTERS,
  lastMonth,
  latestByMeasure,
  newerReports,
  ledgerFiltersFromQuery,
  measuresOfUnit,
  queryFromLedgerFilters,
  reportsByMonth,
} from './supervision.js';

describe(ledgerFiltersFromQuery.name, () => {
  it('reads every filter from the query and back', () => {
    const query = {
      plan: 'DS2020',
      period: '2020-10',
      asOf: '2020-11-12',
      department: 'dsj',
      section: 'DS2020-1',
      status: 'behind',
      city: '370200',
    };
    const filters = ledgerFiltersFromQuery(query);
    expect(filters.status).toBe('behind');
    expect(queryFromLedgerFilters(filters)).toEqual(query);
  });

  it('ignores what is malformed', () => {
    expect(
      ledgerFiltersFromQuery({ period: '2020-13', asOf: 'today', status: 'late', city: 'qd' }),
    ).toEqual(NO_LEDGER_FILTERS);
    expect(queryFromLedgerFilters(NO_LEDGER_FILTERS)).toEqual({});
  });
});

describe(lastMonth.name, () => {
  it('answers the month before today’s, across a year', () => {
    expect(lastMonth('2020-11-12')).toBe('2020-10');
    expect(lastMonth('2021-01-05')).toBe('2020-12');
  });
});

describe(measuresOfUnit.name, () => {
  it('keeps the measures a unit leads or supports, with its part', () => {
    const a = measureOf({ code: 'A' });
    const b = measureOf({ code: 'B', leadDepartments: [{ code: 'gxt', name: '工信' }] });
    const c = measureOf({ code: 'C', leadDepartments: [], supportDepartments: [] });
    expect(measuresOfUnit([a, b, c], 'gxt').map((x) => [x.measure.code, x.role])).toEqual([
      ['A', 'support'],
      ['B', 'lead'],
    ]);
  });
});

describe(latestByMeasure.name, () => {
  it('keeps the unit’s latest revision of each measure', () => {
    const reports = [
      measureReportOf({ id: '1', revision: 1 }),
      measureReportOf({ id: '2', revision: 2 }),
      measureReportOf({ id: '3', revision: 3, department: { code: 'gxt', name: '工信' } }),
    ];
    expect(latestByMeasure(reports, 'dsj').get('DS2020-1.1-1')?.id).toBe('2');
  });
});

describe(reportsByMonth.name, () => {
  it('groups by month, newest first', () => {
    const grouped = reportsByMonth([
      measureReportOf({ id: '1', period: '2020-09' }),
      measureReportOf({ id: '2', period: '2020-10', recordedAt: '2020-11-01T00:00:00Z' }),
      measureReportOf({ id: '3', period: '2020-10', recordedAt: '2020-11-05T00:00:00Z' }),
    ]);
    expect(grouped.map((g) => [g.period, g.reports.map((r) => r.id)])).toEqual([
      ['2020-10', ['3', '2']],
      ['2020-09', ['1']],
    ]);
  });
});

describe('newerReports', () => {
  it('keeps a report saved while a load was on its way, and takes what the load has newer', () => {
    const saved = measureReportOf({ id: '9', measure: 'A', revision: 2 });
    const stale = measureReportOf({ id: '5', measure: 'A', revision: 1 });
    const other = measureReportOf({ id: '7', measure: 'B', revision: 3 });
    const older = measureReportOf({ id: '3', measure: 'B', revision: 1 });
    const merged = newerReports(
      new Map([
        ['A', saved],
        ['B', older],
      ]),
      new Map([
        ['A', stale],
        ['B', other],
      ]),
    );
    expect(merged.get('A')).toBe(saved);
    expect(merged.get('B')).toBe(other);
  });

  it('keeps a report the load did not know of at all', () => {
    const saved = measureReportOf({ id: '9', measure: 'A', revision: 1 });
    expect(newerReports(new Map([['A', saved]]), new Map()).get('A')).toBe(saved);
  });
});
