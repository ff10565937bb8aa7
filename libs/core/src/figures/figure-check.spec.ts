import { describe, expect, it } from 'vitest';
import { checkFigures } from './figure-check.js';
import type { CheckContext, IndicatorFacts, StoredFigure } from './figure-check-context.js';
import { isWholeCount } from './figure-check-row.js';
import { periodClosesOn } from './figure-checks.js';
import type { FigureColumn, RawFigureRow } from './figure-rows.js';

const plan = { code: 'DS2020', status: 'published', firstPeriod: '2020-01', lastPeriod: '2020-12' };
const CITIES = ['370100', '370200'];
const INDICATORS: IndicatorFacts[] = [
  {
    code: 'DS2020-5G',
    kind: 'cumulative',
    unit: '个',
    frequency: 'monthly',
    dueDay: 5,
    plan,
    regions: ['370000', ...CITIES],
    province: '370000',
    targetMagnitude: 40000,
  },
  {
    code: 'DS2020-CAMPUS',
    kind: 'ratio',
    unit: '%',
    frequency: 'monthly',
    dueDay: 5,
    plan,
    regions: ['370000', ...CITIES],
    province: '370000',
    targetMagnitude: 90,
  },
  {
    code: 'DS2020-PARKS',
    kind: 'cumulative',
    unit: '个',
    frequency: 'quarterly',
    dueDay: 10,
    plan,
    regions: ['370000'],
    province: null,
    targetMagnitude: null,
  },
  {
    code: 'DS2020-VISITS',
    kind: 'cumulative',
    unit: '万人次',
    frequency: 'monthly',
    dueDay: 5,
    plan,
    regions: ['370000'],
    province: null,
    targetMagnitude: 500,
  },
];

let sequence = 0;
function stored(
  period: string,
  value: number,
  valueType: StoredFigure['valueType'] = 'increment',
): StoredFigure {
  return {
    period,
    value,
    valueType,
    numerator: null,
    denominator: null,
    recordedAt: 1,
    sequence: sequence++,
  };
}

function context(
  overrides: Partial<CheckContext> = {},
  series: Record<string, StoredFigure[]> = {},
): CheckContext {
  return {
    today: '2020-06-03',
    graceDays: 5,
    reporter: 'industry-it',
    indicator: (code) => INDICATORS.find((i) => i.code === code),
    regionExists: (code) => ['370000', '370100', '370200', '370300'].includes(code),
    mayReport: (_indicator, region) => region !== '370200' || _indicator !== 'DS2020-CAMPUS',
    inForce: (indicator, region) => series[`${indicator} ${region}`] ?? [],
    ...overrides,
  };
}

function row(
  n: number,
  cells: Partial<Record<FigureColumn, string | number | Date | null>>,
): RawFigureRow {
  return {
    row: n,
    cells: {
      indicator: 'DS2020-5G',
      region: '370100',
      period: '2020-05',
      valueType: 'increment',
      ...cells,
    },
  };
}

function codes(rows: RawFigureRow[], ctx = context()) {
  return checkFigures(rows, ctx).findings.map((f) => [f.row, f.column, f.code, f.severity]);
}

describe(checkFigures.name, () => {
  it('passes a clean row as a new figure', () => {
    const result = checkFigures([row(2, { value: '1,200' })], context());
    expect(result.findings).toEqual([]);
    expect(result.figures).toEqual([
      expect.objectContaining({
        row: 2,
        period: '2020-05',
        value: 1200,
        valueType: 'increment',
        change: 'new',
        late: false,
      }),
    ]);
  });

  it('names the row and column of catalogue and assignment problems', () => {
    expect(
      codes([
        row(2, { indicator: 'DS2020-XX', value: 1 }),
        row(3, { region: '379999', value: 1 }),
        row(4, { region: '370300', value: 1 }),
        row(5, { indicator: 'DS2020-CAMPUS', region: '370200', value: 50, valueType: '' }),
        row(6, { indicator: '', value: 1 }),
      ]),
    ).toEqual([
      [2, 'indicator', 'unknown_indicator', 'error'],
      [3, 'region', 'unknown_region', 'error'],
      [4, 'region', 'region_not_broken_down', 'error'],
      [5, 'region', 'outside_assignment', 'error'],
      [6, 'indicator', 'required', 'error'],
    ]);
  });

  it('checks the calendar: inside the plan, over already, quarter ends', () => {
    expect(
      codes([
        row(2, { period: '2019-12', value: 1 }),
        row(3, { period: '2020-06', value: 1 }),
        row(4, { indicator: 'DS2020-PARKS', region: '370000', period: '2020-02', value: 1 }),
        row(5, { period: 'June', value: 1 }),
      ]),
    ).toEqual([
      [2, 'period', 'period_outside_plan', 'error'],
      [3, 'period', 'period_future', 'error'],
      [4, 'period', 'period_not_quarter_end', 'error'],
      [5, 'period', 'invalid_period', 'error'],
    ]);
  });

  it('wants a reason for a late figure, and flags it late when given', () => {
    // April closed on 2020-05-10 (due the 5th, 5 days' grace); today is 2020-06-03.
    expect(periodClosesOn('2020-04', 5, 5)).toBe('2020-05-10');
    expect(codes([row(2, { period: '2020-04', value: 10 })])).toEqual([
      [2, 'note', 'late_without_reason', 'error'],
    ]);
    const result = checkFigures(
      [row(2, { period: '2020-04', value: 10, note: '补报' })],
      context(),
    );
    expect(result.findings.map((f) => f.code)).toEqual(['late']);
    expect(result.figures[0]).toMatchObject({ late: true, note: '补报' });
  });

  it('leaves a figure equal to the one in force as unchanged, even when its period is closed', () => {
    const series = { 'DS2020-5G 370100': [stored('2020-04', 10)] };
    const result = checkFigures([row(2, { period: '2020-04', value: 10 })], context({}, series));
    expect(result.findings).toEqual([]);
    expect(result.figures[0]).toMatchObject({ change: 'unchanged' });
    const corrected = checkFigures(
      [row(2, { period: '2020-04', value: 12, note: '更正' })],
      context({}, series),
    );
    expect(corrected.figures[0]).toMatchObject({ change: 'correction', late: true });
  });

  it('wants a reason to change a figure of a period approved and locked, and warns it reopens', () => {
    // May is open (due 2020-06-05 + 5 days' grace) but the bureau approved the unit's May figures.
    const series = { 'DS2020-5G 370100': [stored('2020-05', 10)] };
    const lockedSince = (plan: string, period: string) =>
      plan === 'DS2020' && period === '2020-05' ? '2020-06-02' : null;
    const locked = context({ lockedSince }, series);
    expect(codes([row(2, { value: 12 })], locked)).toEqual([
      [2, 'note', 'locked_without_reason', 'error'],
    ]);
    const refused = checkFigures([row(2, { value: 12 })], locked);
    expect(refused.figures).toEqual([]);
    expect(refused.findings[0]?.values).toEqual({ period: '2020-05', approved: '2020-06-02' });
    const reopened = checkFigures([row(2, { value: 12, note: '统计口径更正' })], locked);
    expect(reopened.findings.map((f) => [f.code, f.severity])).toEqual([
      ['reopens_approved', 'warning'],
    ]);
    expect(reopened.figures[0]).toMatchObject({ change: 'correction', value: 12 });
    // The same figure again changes nothing, so it needs no reason; a period not locked neither.
    expect(codes([row(2, { value: 10 })], locked)).toEqual([]);
    expect(codes([row(2, { period: '2020-05', region: '370200', value: 3 })], locked)).toEqual([
      [2, 'note', 'locked_without_reason', 'error'],
    ]);
    expect(codes([row(2, { value: 12 })], context({ lockedSince: () => null }, series))).toEqual(
      [],
    );
  });

  it('refuses negative counts, percentages beyond 0–100 and inconsistent ratios', () => {
    const campus = { indicator: 'DS2020-CAMPUS', valueType: 'level' };
    expect(
      codes([
        row(2, { value: -5 }),
        row(3, { ...campus, value: 101 }),
        row(4, { ...campus, value: 90, numerator: 210, denominator: 200 }),
        row(5, { ...campus, value: 80, numerator: 171, denominator: 200 }),
        row(6, { ...campus, value: 85, numerator: 171 }),
        row(7, { ...campus, value: 85, numerator: 0, denominator: 0 }),
        row(8, { value: 'n/a' }),
        row(9, { valueType: 'monthly', value: 3 }),
        row(10, { valueType: '', value: 3 }),
        row(11, { ...campus, valueType: 'increment', value: 3 }),
      ]),
    ).toEqual([
      [2, 'value', 'negative_count', 'error'],
      [3, 'value', 'percent_out_of_range', 'error'],
      [4, 'numerator', 'numerator_exceeds_denominator', 'error'],
      [5, 'value', 'ratio_mismatch', 'error'],
      [6, 'denominator', 'numerator_without_denominator', 'error'],
      [7, 'denominator', 'denominator_not_positive', 'error'],
      [8, 'value', 'not_a_number', 'error'],
      [9, 'valueType', 'invalid_value_type', 'error'],
      [10, 'valueType', 'value_type_required', 'error'],
      [11, 'valueType', 'value_type_not_allowed', 'error'],
    ]);
  });

  it('refuses any number beyond ±10^15 in any number column, and nothing within it', () => {
    const campus = { indicator: 'DS2020-CAMPUS', valueType: 'level', value: null };
    const parks = { indicator: 'DS2020-PARKS', region: '370000', note: '补报' };
    expect(
      codes([
        row(2, { ...parks, period: '2020-03', value: 1e155 }),
        row(3, { value: '1e16' }),
        row(4, { region: '370200', value: -1.7e308 }),
        row(5, { ...campus, numerator: 1e20, denominator: 2e20 }),
        row(6, { ...campus, region: '370000', numerator: 1, denominator: 1e300 }),
        row(7, {
          ...parks,
          period: '2020-03',
          region: '370000',
          value: 1e15,
          indicator: 'DS2020-PARKS',
        }),
      ]),
    ).toEqual([
      [2, 'value', 'value_out_of_range', 'error'],
      [3, 'value', 'value_out_of_range', 'error'],
      [4, 'value', 'value_out_of_range', 'error'],
      [5, 'numerator', 'value_out_of_range', 'error'],
      [5, 'denominator', 'value_out_of_range', 'error'],
      [6, 'denominator', 'value_out_of_range', 'error'],
      [7, 'period', 'late', 'warning'],
    ]);
  });

  it('refuses a figure more than 1000 times its indicator’s largest target or baseline, naming the ceiling', () => {
    const result = checkFigures(
      [
        row(2, { value: 40_000_001 }),
        row(3, { region: '370200', value: 40_000_000 }),
        row(4, { region: '370000', value: -40_000_001, valueType: 'cumulative' }),
      ],
      context(),
    );
    expect(result.findings.map((f) => [f.row, f.code])).toEqual([
      [2, 'value_implausible'],
      [4, 'negative_count'],
      [4, 'value_implausible'],
    ]);
    expect(result.findings[0]!.values).toEqual({
      value: 40_000_001,
      ceiling: 40_000_000,
      factor: 1000,
      reference: 40_000,
    });
    // Without a target or baseline there is nothing to judge by; a percentage has its own range.
    expect(
      codes([
        row(5, {
          indicator: 'DS2020-PARKS',
          region: '370000',
          period: '2020-03',
          value: 9e14,
          note: '补报',
        }),
      ]),
    ).toEqual([[5, 'period', 'late', 'warning']]);
  });

  it('derives a ratio’s value from its numerator and denominator, accepting whole-percent rounding', () => {
    const result = checkFigures(
      [
        row(2, {
          indicator: 'DS2020-CAMPUS',
          valueType: '',
          value: null,
          numerator: 171,
          denominator: 200,
        }),
        row(3, {
          indicator: 'DS2020-CAMPUS',
          region: '370000',
          valueType: '',
          value: 86,
          numerator: 171,
          denominator: 200,
        }),
      ],
      context(),
    );
    expect(result.figures.map((f) => [f.value, f.valueType])).toEqual([
      [85.5, 'level'],
      [86, 'level'],
    ]);
  });

  it('leaves out a row without value, numerator and denominator: not reported this time, never an error', () => {
    const result = checkFigures(
      [
        row(2, { value: null }),
        row(3, { value: '  ', valueType: 'cumulative', numerator: '', denominator: null }),
        // Whatever else it says: a row left blank is not checked at all.
        row(4, { indicator: 'DS2020-XX', region: '379999', period: 'June', value: null }),
        row(5, { indicator: 'DS2020-CAMPUS', region: '370200', valueType: '比率', value: null }),
        row(6, { value: 120 }),
        row(7, { region: '370200', value: null, note: '本月无新增' }),
      ],
      context(),
    );
    expect(result.blankRows).toEqual([2, 3, 4, 5, 7]);
    expect(result.rejectedRows).toEqual([]);
    expect(result.figures.map((f) => f.row)).toEqual([6]);
    // A note on a blank row has nothing to explain: it is not stored, and the sender is told so.
    expect(result.findings.map((f) => [f.row, f.column, f.code, f.severity, f.values])).toEqual([
      [7, 'note', 'note_without_value', 'warning', { note: '本月无新增' }],
    ]);
    // A zero is a figure, not a blank.
    expect(checkFigures([row(2, { value: 0 })], context()).blankRows).toEqual([]);
  });

  it('refuses a count that is not a whole number, in its value, numerator or denominator', () => {
    const visits = { indicator: 'DS2020-VISITS', region: '370000', valueType: 'cumulative' };
    const result = checkFigures(
      [
        row(2, { value: 4.8 }),
        row(3, { region: '370200', value: '4.8万' }),
        row(4, { region: '370000', value: 12, numerator: 1.5, denominator: 3 }),
        // 0.46 万人次 is 4,600 person-times; 0.00005 万人次 is half a visit.
        row(5, { ...visits, value: 0.46 }),
        row(6, { ...visits, period: '2020-04', value: 0.00005, note: '补报' }),
        // A percentage is not a count.
        row(7, { indicator: 'DS2020-CAMPUS', valueType: 'level', value: 85.5 }),
      ],
      context(),
    );
    expect(result.findings.map((f) => [f.row, f.column, f.code, f.severity])).toEqual([
      [2, 'value', 'fractional_count', 'error'],
      [3, 'value', 'number_with_wan', 'warning'],
      [4, 'numerator', 'fractional_count', 'error'],
      [6, 'value', 'fractional_count', 'error'],
    ]);
    expect(result.findings[0]!.values).toEqual({ value: 4.8, unit: '个' });
    expect(result.figures.map((f) => [f.row, f.value])).toEqual([
      [3, 48000],
      [5, 0.46],
      [7, 85.5],
    ]);
    expect(isWholeCount(0.1 + 0.2, '%')).toBe(true);
    expect(isWholeCount(0.0123, '万个')).toBe(true);
    expect(isWholeCount(3.0000001, '个')).toBe(false);
  });

  it('reads the value type in the words the template writes: 新增, 累计, 比率, 水平', () => {
    const campus = { indicator: 'DS2020-CAMPUS', value: 85 };
    const result = checkFigures(
      [
        row(2, { valueType: '新增', value: 10 }),
        row(3, { region: '370200', valueType: '累计', value: 30 }),
        row(4, { ...campus, valueType: '比率' }),
        row(5, { ...campus, region: '370000', valueType: '水平' }),
      ],
      context(),
    );
    expect(result.findings).toEqual([]);
    expect(result.figures.map((f) => f.valueType)).toEqual([
      'increment',
      'cumulative',
      'level',
      'level',
    ]);
  });

  it('reports the second of two rows for the same figure as a duplicate of the first', () => {
    expect(codes([row(2, { value: 1 }), row(3, { value: 2 })])).toEqual([
      [3, 'period', 'duplicate_row', 'error'],
    ]);
  });

  it('refuses a year-to-date total below the month before unless a correction says why', () => {
    const series = { 'DS2020-5G 370100': [stored('2020-03', 500, 'cumulative')] };
    const ctx = context({ today: '2020-05-03' }, series);
    const fall = row(2, { period: '2020-04', value: 450, valueType: 'cumulative' });
    expect(codes([fall], ctx)).toEqual([[2, 'value', 'ytd_decrease', 'error']]);
    const explained = checkFigures(
      [{ ...fall, cells: { ...fall.cells, note: '3月多报50个，已核减' } }],
      ctx,
    );
    expect(explained.findings.map((f) => [f.code, f.severity])).toEqual([
      ['ytd_decrease_corrected', 'warning'],
    ]);
    // January starts the year again: no comparison with December.
    const february = context({ today: '2020-02-03' }, series);
    expect(
      codes([row(2, { period: '2020-01', value: 10, valueType: 'cumulative' })], february),
    ).toEqual([]);
  });

  it('suspects a 万 slip and names the likely figure', () => {
    const series = {
      'DS2020-5G 370100': [
        stored('2020-01', 40000),
        stored('2020-02', 42000),
        stored('2020-03', 39000),
      ],
    };
    const result = checkFigures(
      [row(2, { period: '2020-04', value: 4 })],
      context({ today: '2020-05-03' }, series),
    );
    expect(result.findings.map((f) => [f.row, f.column, f.code, f.severity])).toEqual([
      [2, 'value', 'wan_slip', 'warning'],
    ]);
    expect(result.findings[0]?.values.likely).toBe(40000);
    expect(result.figures).toHaveLength(1);
  });

  it('warns of an increment far from the series by its modified z-score', () => {
    const series = {
      'DS2020-5G 370100': ['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06'].map(
        (p, i) => stored(p, 100 + i * 5),
      ),
    };
    const result = checkFigures(
      [row(2, { period: '2020-07', value: 900 })],
      context({ today: '2020-08-03' }, series),
    );
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['outlier', 'warning']]);
    const usual = checkFigures(
      [row(2, { period: '2020-07', value: 135 })],
      context({ today: '2020-08-03' }, series),
    );
    expect(usual.findings).toEqual([]);
  });

  it('warns when a reported province figure differs from the sum of the cities', () => {
    const series = {
      'DS2020-5G 370100': [stored('2020-05', 300)],
      'DS2020-5G 370200': [stored('2020-05', 200)],
    };
    const ctx = context({}, series);
    expect(codes([row(2, { region: '370000', value: 520 })], ctx)).toEqual([
      [2, 'value', 'province_mismatch', 'warning'],
    ]);
    expect(codes([row(2, { region: '370000', value: 500 })], ctx)).toEqual([]);
  });
});
