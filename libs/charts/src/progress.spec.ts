import { describe, expect, it } from 'vitest';
import { monthsFrom, planLine, progressChartOption, type ProgressChartInput } from './progress.js';

const labels = {
  actual: '实际',
  plan: '计划',
  target: '目标',
  projection: '预测',
  band: '80%区间',
  increments: '当月新增',
  partial: '各市报送中',
  partialCount: '{reported}/{expected} 市已报',
};

/** A 2020 count target of 40,000 with figures through May and a projection to December. */
function countInput(overrides: Partial<ProgressChartInput> = {}): ProgressChartInput {
  return {
    kind: 'cumulative',
    unit: '个',
    planStart: '2020-01-01',
    deadline: '2020-12-31',
    baseline: { value: 0, date: '2020-01-01' },
    target: 40_000,
    points: [
      { period: '2020-01', value: 2_000, increment: 2_000 },
      { period: '2020-02', value: 5_000, increment: 3_000 },
      { period: '2020-03', value: null, increment: null },
      { period: '2020-04', value: 12_000, increment: null },
      { period: '2020-05', value: 15_000, increment: 3_000 },
    ],
    projection: {
      method: 'linear',
      path: [
        { period: '2020-06', value: 18_000, low: 17_000, high: 19_000 },
        { period: '2020-07', value: 21_000, low: 19_000, high: 23_000 },
        { period: '2020-08', value: 24_000, low: 21_000, high: 27_000 },
        { period: '2020-09', value: 27_000, low: 23_000, high: 31_000 },
        { period: '2020-10', value: 30_000, low: 25_000, high: 35_000 },
        { period: '2020-11', value: 33_000, low: 27_000, high: 39_000 },
        { period: '2020-12', value: 36_000, low: 29_000, high: 43_000 },
      ],
    },
    labels,
    ...overrides,
  };
}

/** A 2020 coverage rate: 90% by the end of the year, from 80% at its start. */
function ratioInput(overrides: Partial<ProgressChartInput> = {}): ProgressChartInput {
  return {
    ...countInput(),
    kind: 'ratio',
    unit: '%',
    baseline: { value: 80, date: '2020-01-01' },
    target: 90,
    points: [
      { period: '2020-01', value: 81, increment: null },
      { period: '2020-02', value: 82.5, increment: null },
      { period: '2020-03', value: 83, increment: null },
    ],
    projection: {
      method: 'holt',
      path: monthsFrom('2020-04', '2020-12').map((period, i) => ({
        period,
        value: 83.5 + 0.5 * i,
        low: 83 + 0.3 * i,
        high: 84 + 0.7 * i,
      })),
    },
    ...overrides,
  };
}

type Data = (number | null)[];
interface Series {
  id: string;
  name: string;
  type: string;
  data: Data;
  xAxisIndex: number;
  yAxisIndex: number;
  stack?: string;
  stackStrategy?: string;
  connectNulls?: boolean;
  lineStyle?: { type?: string; opacity?: number };
  areaStyle?: object;
}
interface Axis {
  minInterval?: number;
  data?: string[];
  gridIndex: number;
  min?: number;
  max?: number;
  interval?: number;
  scale?: boolean;
  axisLabel: { interval?: number | string; formatter?: (value: number) => string };
}
interface TooltipParam {
  seriesId: string;
  seriesName: string;
  dataIndex: number;
  value: number | null;
  marker: string;
}
interface ProgressOption {
  grid: object[];
  legend: { data: string[]; top?: number; bottom?: number };
  tooltip: { trigger: string; formatter: (params: TooltipParam[]) => string };
  xAxis: Axis[];
  yAxis: Axis[];
  series: Series[];
}

function chart(input: ProgressChartInput): ProgressOption {
  // The option is loosely typed (unknown values); the test reads it through the shape it builds.
  return progressChartOption(input) as unknown as ProgressOption;
}

function series(option: ProgressOption, id: string): Series {
  const found = option.series.find((s) => s.id === id);
  if (!found) throw new Error(`no series ${id}`);
  return found;
}

const ids = (option: ProgressOption) => option.series.map((s) => s.id).sort();

describe(monthsFrom.name, () => {
  it('lists every month from the start through the end, across a year end', () => {
    expect(monthsFrom('2020-11', '2021-02')).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
  });

  it('takes dates for their months', () => {
    expect(monthsFrom('2020-01-01', '2020-03-31')).toEqual(['2020-01', '2020-02', '2020-03']);
    expect(monthsFrom('2020-05-17', '2020-05')).toEqual(['2020-05']);
  });

  it('is empty when the end comes first, and refuses what is not a month', () => {
    expect(monthsFrom('2020-03', '2020-02')).toEqual([]);
    expect(() => monthsFrom('2020-13', '2021-01')).toThrow(RangeError);
    expect(() => monthsFrom('2020/01', '2021-01')).toThrow(RangeError);
  });
});

describe(planLine.name, () => {
  const baseline = { value: 0, date: '2020-01-01' };
  const months = monthsFrom('2020-01', '2020-12');

  it('reaches the target at the deadline month and is proportional to the days elapsed', () => {
    const line = planLine(months, baseline, 40_000, '2020-12-31');
    // 2020 is a leap year: 1 January → 31 December is 365 days, → 30 June is 181, → 31 January 30.
    expect(line[11]).toBe(40_000);
    expect(line[5]).toBeCloseTo((40_000 * 181) / 365, 9);
    expect(line[0]).toBeCloseTo((40_000 * 30) / 365, 9);
    expect(line[1]).toBeCloseTo((40_000 * 59) / 365, 9);
  });

  it('runs from a non-zero baseline, flat at the target after the deadline', () => {
    const line = planLine(
      ['2020-06', '2021-03'],
      { value: 80, date: '2020-01-01' },
      90,
      '2020-12-31',
    );
    expect(line[0]).toBeCloseTo(80 + (10 * 181) / 365, 9);
    expect(line[1]).toBe(90);
  });

  it('is empty for months that end before the baseline date', () => {
    expect(planLine(['2019-11', '2019-12'], baseline, 40_000, '2020-12-31')).toEqual([null, null]);
  });
});

describe(progressChartOption.name, () => {
  it('runs the months from the plan start through the deadline on both grids', () => {
    const option = chart(countInput());
    const months = monthsFrom('2020-01', '2020-12');
    expect(option.xAxis.map((a) => [a.gridIndex, a.data])).toEqual([
      [0, months],
      [1, months],
    ]);
    expect(option.grid).toHaveLength(2);
  });

  it('starts the months at the first figure when it comes before the plan', () => {
    const option = chart(
      countInput({ points: [{ period: '2019-11', value: 100, increment: 100 }], projection: null }),
    );
    expect(option.xAxis[0]?.data?.slice(0, 3)).toEqual(['2019-11', '2019-12', '2020-01']);
    expect(option.xAxis[0]?.data).toHaveLength(14);
    // The plan starts with its baseline: nothing planned before it.
    expect(series(option, 'plan').data.slice(0, 2)).toEqual([null, null]);
    expect(series(option, 'actual').data[0]).toBe(100);
  });

  it('draws every series of a count target, each with a stable id', () => {
    const option = chart(countInput());
    expect(ids(option)).toEqual(
      ['actual', 'band', 'band-base', 'increments', 'plan', 'projection', 'target'].sort(),
    );
    expect(series(option, 'actual').name).toBe('实际');
    expect(series(option, 'band').name).toBe('80%区间');
  });

  it('draws the figures as a solid line with gaps where a month has none', () => {
    const actual = series(chart(countInput()), 'actual');
    expect(actual.data).toEqual([2_000, 5_000, null, 12_000, 15_000, ...Array<null>(7).fill(null)]);
    expect(actual.connectNulls).toBe(false);
    expect(actual.lineStyle?.type).toBe('solid');
  });

  it('draws the straight plan line from the baseline to the target, dashed', () => {
    const plan = series(chart(countInput()), 'plan');
    expect(plan.data).toHaveLength(12);
    expect(plan.data[11]).toBe(40_000);
    expect(plan.data[5]).toBeCloseTo((40_000 * 181) / 365, 9);
    expect(plan.lineStyle?.type).toBe('dashed');
  });

  it('draws a given monthly plan instead of the straight line', () => {
    const plan = series(
      chart(
        countInput({
          plan: [
            { period: '2020-03', value: 6_000 },
            { period: '2020-06', value: 15_000 },
            { period: '2020-12', value: 40_000 },
          ],
        }),
      ),
      'plan',
    );
    expect(plan.data).toEqual([
      null,
      null,
      6_000,
      null,
      null,
      15_000,
      null,
      null,
      null,
      null,
      null,
      40_000,
    ]);
  });

  it('draws a given plan even without a baseline, and no plan at all without either', () => {
    const plan = [{ period: '2020-12', value: 40_000 }];
    expect(ids(chart(countInput({ baseline: null, plan })))).toContain('plan');
    const option = chart(countInput({ baseline: null }));
    expect(ids(option)).not.toContain('plan');
    expect(ids(option)).toContain('target');
    expect(option.legend.data).not.toContain('计划');
  });

  it('draws the target at every month, and neither target nor plan without one', () => {
    const target = series(chart(countInput()), 'target');
    expect(target.data).toEqual(Array<number>(12).fill(40_000));
    expect(target.lineStyle?.type).toBe('dashed');

    const option = chart(countInput({ target: null, plan: [{ period: '2020-12', value: 1 }] }));
    expect(ids(option)).not.toContain('target');
    expect(ids(option)).not.toContain('plan');
    expect(option.legend.data).toEqual(['实际', '预测', '80%区间', '当月新增']);
  });

  it('joins the dotted projection to the last figure and follows the path after it', () => {
    const projection = series(chart(countInput()), 'projection');
    expect(projection.lineStyle?.type).toBe('dotted');
    expect(projection.data.slice(0, 4)).toEqual([null, null, null, null]);
    // May is the last figure (15,000); the path runs June … December.
    expect(projection.data[4]).toBe(15_000);
    expect(projection.data.slice(5)).toEqual([
      18_000, 21_000, 24_000, 27_000, 30_000, 33_000, 36_000,
    ]);
  });

  it('steps a count’s axes by whole things, however small the figures', () => {
    const option = chart(
      countInput({
        target: 2,
        baseline: { value: 0, date: '2020-01-01' },
        points: [
          { period: '2020-01', value: 0, increment: 0 },
          { period: '2020-02', value: 1, increment: 1 },
        ],
        projection: null,
      }),
    );
    const [main, increments] = option.yAxis;
    expect(main?.interval).toBeGreaterThanOrEqual(1);
    expect(increments?.minInterval).toBe(1);
  });

  it('draws a province sum the cities have not all reported apart, and projects from the last whole one', () => {
    // June's sum holds 4 of 16 cities: a dip that is no figure. The projection starts at May.
    const input = countInput({
      points: [
        ...countInput().points,
        {
          period: '2020-06',
          value: 6_000,
          increment: -9_000,
          partial: { reported: 4, expected: 16 },
        },
      ],
    });
    const option = chart(input);
    const actual = series(option, 'actual');
    expect(actual.data[5]).toBeNull();
    expect(series(option, 'increments').data[5]).toBeNull();
    const partial = series(option, 'partial');
    expect(partial.type).toBe('scatter');
    expect(partial.data[5]).toBe(6_000);
    expect(partial.data.filter((v) => v !== null)).toHaveLength(1);
    expect(series(option, 'projection').data[4]).toBe(15_000);
    expect(option.legend.data).toContain('各市报送中');
    const tip = option.tooltip.formatter([
      { seriesId: 'partial', seriesName: '各市报送中', dataIndex: 5, value: 6_000, marker: '' },
    ]);
    expect(tip).toBe('2020-06<br/>各市报送中: 6000个（4/16 市已报）');
    // Without partial sums there is no such series.
    expect(chart(countInput()).series.map((one) => one.id)).not.toContain('partial');
  });

  it('stacks the band on its low edge so the two reach the high edge, from zero width at the join', () => {
    const option = chart(countInput());
    const base = series(option, 'band-base');
    const band = series(option, 'band');
    expect(base.stack).toBe(band.stack);
    expect(base.stack).toBeDefined();
    // A low edge below zero must still lift the band, which ECharts' default strategy would not do.
    expect([base.stackStrategy, band.stackStrategy]).toEqual(['all', 'all']);
    expect(base.lineStyle?.opacity).toBe(0);
    expect(base.areaStyle).toBeUndefined();
    expect(band.lineStyle?.opacity).toBe(0);
    expect(band.areaStyle).toBeDefined();
    // ECharts stacks in series order: the base must come first.
    expect(option.series.indexOf(base)).toBeLessThan(option.series.indexOf(band));

    expect(base.data[3]).toBeNull();
    expect(band.data[3]).toBeNull();
    expect(base.data[4]).toBe(15_000);
    expect(band.data[4]).toBe(0);
    const highs = [19_000, 23_000, 27_000, 31_000, 35_000, 39_000, 43_000];
    highs.forEach((high, i) => {
      expect((base.data[5 + i] ?? NaN) + (band.data[5 + i] ?? NaN)).toBe(high);
    });
    expect(base.data[11]).toBe(29_000);
  });

  it('keeps the projection from redrawing months that have figures', () => {
    const option = chart(
      countInput({
        projection: {
          method: 'linear',
          path: [
            { period: '2020-04', value: 99_000, low: 98_000, high: 100_000 },
            { period: '2020-05', value: 99_000, low: 98_000, high: 100_000 },
            { period: '2020-06', value: 18_000, low: 17_000, high: 19_000 },
          ],
        },
      }),
    );
    expect(series(option, 'projection').data.slice(3, 7)).toEqual([null, 15_000, 18_000, null]);
    expect(series(option, 'band').data.slice(3, 7)).toEqual([null, 0, 2_000, null]);
  });

  it('omits the projection and its band when there is none or its path is empty', () => {
    for (const projection of [null, { method: 'linear' as const, path: [] }]) {
      const option = chart(countInput({ projection }));
      expect(ids(option)).toEqual(['actual', 'increments', 'plan', 'target']);
      expect(option.legend.data).toEqual(['实际', '计划', '目标', '当月新增']);
    }
  });

  it('draws the monthly increments as bars on the second grid', () => {
    const increments = series(chart(countInput()), 'increments');
    expect(increments.type).toBe('bar');
    expect([increments.xAxisIndex, increments.yAxisIndex]).toEqual([1, 1]);
    expect(increments.data.slice(0, 6)).toEqual([2_000, 3_000, null, null, 3_000, null]);
    const actual = series(chart(countInput()), 'actual');
    expect([actual.xAxisIndex, actual.yAxisIndex]).toEqual([0, 0]);
  });

  it('draws a rate on one grid, without increments, on an axis that need not start at zero', () => {
    const option = chart(ratioInput());
    expect(ids(option)).not.toContain('increments');
    expect(option.legend.data).not.toContain('当月新增');
    expect(option.grid).toHaveLength(1);
    expect(option.xAxis).toHaveLength(1);
    expect(option.yAxis).toHaveLength(1);
    const y = option.yAxis[0];
    expect(y?.scale).toBe(true);
    // Values 81 … 90 (the target): a range from 80, capped at 100%, not from 0.
    expect(y?.min).toBe(80);
    expect(y?.max).toBe(92);
    expect(y?.axisLabel.formatter?.(85.5)).toBe('85.5%');
  });

  it('keeps a percentage within 100 when the target is 100%', () => {
    const y = chart(ratioInput({ target: 100 })).yAxis[0];
    expect(y?.max).toBe(100);
    expect(y?.min).toBeLessThanOrEqual(80);
  });

  it('shows a target far above every figure, on a count axis from zero', () => {
    const option = chart(
      countInput({
        target: 100_000,
        baseline: null,
        projection: null,
        points: [{ period: '2020-01', value: 3_000, increment: 3_000 }],
      }),
    );
    const y = option.yAxis[0];
    expect(y?.min).toBe(0);
    expect(y?.max).toBeGreaterThan(100_000);
    // Round ticks that land on both ends.
    expect(((y?.max ?? 0) - (y?.min ?? 0)) % (y?.interval ?? 0)).toBe(0);
    expect(y?.axisLabel.formatter?.(40_000)).toBe('4万');
  });

  it('puts the legend at the bottom and about six month labels on a phone', () => {
    const wide = chart(countInput());
    expect(wide.legend.top).toBe(0);
    const phone = chart(countInput({ compact: true }));
    expect(phone.legend.bottom).toBe(0);
    // Twelve months: every other label, six in all.
    expect(phone.xAxis[1]?.axisLabel.interval).toBe(1);
    const long = chart(countInput({ compact: true, planStart: '2019-01-01', projection: null }));
    expect(long.xAxis[1]?.axisLabel.interval).toBe(3); // 24 months: every fourth
  });

  it('lists the legend without the band base', () => {
    expect(chart(countInput()).legend.data).toEqual([
      '实际',
      '计划',
      '目标',
      '预测',
      '80%区间',
      '当月新增',
    ]);
  });

  it('says in the tooltip each value with its unit, and the band as a range', () => {
    const { tooltip } = chart(countInput());
    expect(tooltip.trigger).toBe('axis');
    const at = (dataIndex: number, id: string, value: number | null, name = id): TooltipParam => ({
      seriesId: id,
      seriesName: name,
      dataIndex,
      value,
      marker: '',
    });
    expect(
      tooltip.formatter([
        at(11, 'band-base', 29_000),
        at(11, 'band', 14_000, '80%区间'),
        at(11, 'target', 40_000, '目标'),
        at(11, 'projection', 36_000, '预测'),
        at(11, 'actual', null, '实际'),
      ]),
    ).toBe('2020-12<br/>80%区间: 2.9万个 – 4.3万个<br/>目标: 4万个<br/>预测: 3.6万个');
    // At the join the projection only repeats the last figure.
    expect(
      tooltip.formatter([
        at(4, 'band', 0),
        at(4, 'projection', 15_000),
        at(4, 'actual', 15_000, '<实际>'),
      ]),
    ).toBe('2020-05<br/>&lt;实际&gt;: 1.5万个');
  });
});
