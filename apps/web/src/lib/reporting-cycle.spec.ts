import { describe, expect, it } from 'vitest';
import type { ReportingRates, ReportingStatusRow } from '@zhibiao/contracts';
import {
  NO_BOARD_FILTERS,
  boardFiltersFromQuery,
  calendarPeriods,
  groupBySubject,
  historyChartOption,
  itemLabel,
  lastEndedPeriod,
  percent,
  queryFromBoardFilters,
  unitRows,
} from './reporting-cycle.js';

const rates = (expected: number, reported: number, onTime: number): ReportingRates => ({
  expected,
  reported,
  onTime,
  completeness: expected ? reported / expected : null,
  timeliness: expected ? onTime / expected : null,
});

function rowOf(overrides: Partial<ReportingStatusRow> = {}): ReportingStatusRow {
  return {
    plan: 'DS2020',
    department: { code: 'finance', name: '省财政厅' },
    kind: 'figure',
    indicator: { code: 'DS2020-01', name: '数字经济增加值', frequency: 'monthly' },
    measure: null,
    region: { code: '370100', name: '济南市' },
    due: '2020-11-10',
    closesOn: '2020-11-13',
    status: 'submitted',
    submittedAt: '2020-11-09T02:00:00.000Z',
    lastRevisionAt: null,
    reference: '1',
    approval: null,
    returnComment: null,
    source: null,
    ...overrides,
  };
}

describe(boardFiltersFromQuery.name, () => {
  it('reads every filter from the query and back', () => {
    const query = {
      plan: 'DS2020',
      period: '2020-10',
      region: '370200',
      department: 'finance',
      kind: 'figure',
      status: 'missing',
      tab: 'approval',
      state: 'approved',
    };
    const filters = boardFiltersFromQuery(query);
    expect(filters.status).toBe('missing');
    expect(queryFromBoardFilters(filters)).toEqual(query);
  });

  it('ignores what is malformed, and leaves the default tab and state out of the URL', () => {
    expect(
      boardFiltersFromQuery({ period: '2020-13', region: 'Jinan', kind: 'x', status: 'late!' }),
    ).toEqual(NO_BOARD_FILTERS);
    expect(queryFromBoardFilters({ ...NO_BOARD_FILTERS, tab: 'status', state: 'pending' })).toEqual(
      {},
    );
  });
});

describe(lastEndedPeriod.name, () => {
  it('is the month before today, across a year', () => {
    expect(lastEndedPeriod('2020-11-08')).toBe('2020-10');
    expect(lastEndedPeriod('2021-01-01')).toBe('2020-12');
    expect(calendarPeriods('2020-11-08')).toEqual(['2020-10', '2020-09']);
  });
});

describe(percent.name, () => {
  it('shows a rate to a tenth of a percent, and nothing expected as a dash', () => {
    expect(percent(0.8333)).toBe('83.3%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
  });
});

describe(unitRows.name, () => {
  it('groups the rows by unit, least complete first, and says who still owes something', () => {
    const rows = [
      rowOf(),
      rowOf({ department: { code: 'dsj', name: '省大数据局' }, status: 'missing' }),
      rowOf({ region: { code: '370200', name: '青岛市' }, status: 'late' }),
    ];
    const units = unitRows({
      byDepartment: [
        { department: { code: 'finance', name: '省财政厅' }, rates: rates(2, 2, 1) },
        { department: { code: 'dsj', name: '省大数据局' }, rates: rates(1, 0, 0) },
        // Filtered out by status: nothing expected, nothing listed.
        { department: { code: 'none', name: '无' }, rates: rates(0, 0, 0) },
      ],
      rows,
    });
    expect(units.map((u) => [u.department.code, u.items.length, u.owes])).toEqual([
      ['dsj', 1, true],
      ['finance', 2, false],
    ]);
  });
});

describe(itemLabel.name, () => {
  it('names a figure by indicator and region, a report by its measure', () => {
    expect(itemLabel(rowOf())).toBe('数字经济增加值 · 济南市');
    expect(
      itemLabel(
        rowOf({
          kind: 'report',
          indicator: null,
          region: null,
          measure: { code: 'DS2020-1.2-3', name: '财政业务一体化' },
        }),
      ),
    ).toBe('财政业务一体化');
  });
});

describe(groupBySubject.name, () => {
  it("puts an indicator's regions together and keeps the first approval state", () => {
    const groups = groupBySubject([
      rowOf({ approval: null }),
      rowOf({ region: { code: '370200', name: '青岛市' }, approval: 'returned' }),
      rowOf({
        kind: 'report',
        indicator: null,
        region: null,
        measure: { code: 'M1', name: '举措' },
      }),
    ]);
    expect(groups.map((g) => [g.code, g.rows.length, g.approval])).toEqual([
      ['DS2020-01', 2, 'returned'],
      ['M1', 1, null],
    ]);
  });
});

describe(historyChartOption.name, () => {
  it('draws both rates in percent, a month with nothing expected as a gap', () => {
    const month = (period: string, r: ReportingRates) => ({
      period,
      rates: r,
      figures: r,
      reports: r,
      counts: { due: 0, submitted: 0, late: 0, missing: 0, returned: 0 },
    });
    const option = historyChartOption(
      { months: [month('2020-01', rates(4, 3, 2)), month('2020-02', rates(0, 0, 0))] },
      { completeness: '完整率', timeliness: '及时率' },
      true,
    ) as { series: { id: string; data: (number | null)[] }[]; xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['01', '02']);
    expect(option.series.map((s) => [s.id, s.data])).toEqual([
      ['completeness', [75, null]],
      ['timeliness', [50, null]],
    ]);
  });
});
