import { describe, expect, it } from 'vitest';
import { PROVINCE_REGION_CODE } from '../time/region.js';
import {
  citySum,
  deriveRegion,
  groupFigures,
  regionPoints,
  regionValues,
  type FigureInForce,
} from './region-series.js';
import type { ValueType } from './series.js';

const JINAN = '370100';
const QINGDAO = '370200';
const REGIONS = [PROVINCE_REGION_CODE, JINAN, QINGDAO];

let sequence = 0;
function figure(
  region: string,
  period: string,
  value: number,
  options: {
    valueType?: ValueType;
    numerator?: number;
    denominator?: number;
    late?: boolean;
    recordedAt?: number;
  } = {},
): FigureInForce {
  sequence += 1;
  return {
    indicator: 'I1',
    region,
    period,
    value,
    valueType: options.valueType ?? 'increment',
    numerator: options.numerator ?? null,
    denominator: options.denominator ?? null,
    late: options.late ?? false,
    submissionId: `s${sequence}`,
    recordedAt: options.recordedAt ?? 1_000 + sequence,
    sequence,
  };
}

function byRegion(figures: readonly FigureInForce[]) {
  return groupFigures(figures).get('I1') ?? new Map<string, FigureInForce[]>();
}

describe(citySum.name, () => {
  it('adds up both forms of a count over the cities that reported, with the latest moment', () => {
    const cities = [
      deriveRegion([figure(JINAN, '2020-01', 10, { recordedAt: 5_000 })], 1),
      deriveRegion([figure(QINGDAO, '2020-01', 30, { recordedAt: 7_000, late: true })], 1),
    ];
    expect(citySum('2020-01', 'cumulative', cities)).toEqual({
      period: '2020-01',
      value: 40,
      valueType: 'cumulative',
      cumulative: 40,
      increment: 40,
      numerator: null,
      denominator: null,
      late: true,
      submissionId: null,
      recordedAt: 7_000,
      source: 'cities',
      regionsReported: 2,
    });
  });

  it('answers a rate as the ratio of the summed numerators and denominators, not a mean of rates', () => {
    const rate = (region: string, numerator: number, denominator: number) =>
      deriveRegion(
        [
          figure(region, '2020-06', (100 * numerator) / denominator, {
            valueType: 'level',
            numerator,
            denominator,
          }),
        ],
        1,
      );
    const point = citySum('2020-06', 'ratio', [rate(JINAN, 1, 4), rate(QINGDAO, 3, 4)]);
    expect(point).toMatchObject({ value: 50, numerator: 4, denominator: 8, valueType: 'level' });
  });

  it('leaves a sum that needs a missing part null, and nothing when no city reported', () => {
    const withoutNumerator = deriveRegion(
      [figure(JINAN, '2020-06', 80, { valueType: 'level' })],
      1,
    );
    expect(citySum('2020-06', 'ratio', [withoutNumerator])?.value).toBeNull();
    expect(citySum('2020-07', 'ratio', [withoutNumerator])).toBeNull();
  });
});

describe(regionPoints.name, () => {
  const facts = { kind: 'cumulative' as const, regions: REGIONS, frequency: 'monthly' as const };

  it("takes the province's own figure where it has one and the cities' sum elsewhere", () => {
    const figures = [
      figure(PROVINCE_REGION_CODE, '2020-01', 100),
      figure(JINAN, '2020-02', 10, { valueType: 'cumulative' }),
      figure(QINGDAO, '2020-02', 20, { valueType: 'cumulative' }),
    ];
    const { points, cities } = regionPoints(facts, PROVINCE_REGION_CODE, byRegion(figures));
    expect(cities).toBe(2);
    expect(points.map((p) => [p.period, p.source, p.value, p.regionsReported])).toEqual([
      ['2020-01', 'reported', 100, null],
      ['2020-02', 'cities', 30, 2],
    ]);
  });

  it('says how many cities a partial sum has, and does not sum for a city', () => {
    const figures = [figure(JINAN, '2020-03', 10)];
    const province = regionPoints(facts, PROVINCE_REGION_CODE, byRegion(figures));
    expect(province.points[0]?.regionsReported).toBe(1);
    expect(province.cities).toBe(2);
    const city = regionPoints(facts, JINAN, byRegion(figures));
    expect(city.cities).toBeNull();
    expect(city.points).toMatchObject([{ period: '2020-03', source: 'reported', value: 10 }]);
  });
});

describe(regionValues.name, () => {
  it('reads a count year-to-date and leaves out a sum some cities are missing from', () => {
    const figures = [
      figure(PROVINCE_REGION_CODE, '2020-01', 100),
      figure(JINAN, '2020-02', 10, { valueType: 'cumulative' }),
      figure(QINGDAO, '2020-02', 20, { valueType: 'cumulative' }),
      figure(JINAN, '2020-03', 15, { valueType: 'cumulative' }),
    ];
    const facts = { kind: 'cumulative' as const, regions: REGIONS, frequency: 'monthly' as const };
    expect(regionValues(facts, PROVINCE_REGION_CODE, byRegion(figures))).toEqual([
      { period: '2020-01', value: 100 },
      { period: '2020-02', value: 30 },
    ]);
    expect(regionValues(facts, JINAN, byRegion(figures))).toEqual([
      { period: '2020-02', value: 10 },
      { period: '2020-03', value: 15 },
    ]);
  });

  it('reads a rate as its level and leaves out a period whose sum cannot be formed', () => {
    const figures = [
      figure(JINAN, '2020-06', 25, { valueType: 'level', numerator: 1, denominator: 4 }),
      figure(QINGDAO, '2020-06', 75, { valueType: 'level', numerator: 3, denominator: 4 }),
      figure(JINAN, '2020-07', 80, { valueType: 'level' }),
      figure(QINGDAO, '2020-07', 90, { valueType: 'level' }),
    ];
    const facts = { kind: 'ratio' as const, regions: REGIONS, frequency: 'monthly' as const };
    expect(regionValues(facts, PROVINCE_REGION_CODE, byRegion(figures))).toEqual([
      { period: '2020-06', value: 50 },
    ]);
  });
});
