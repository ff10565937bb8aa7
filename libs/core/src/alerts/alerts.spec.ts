import { describe, expect, it } from 'vitest';
import {
  ALERT_RULE_KINDS,
  ALERT_SEVERITIES,
  ANOMALY_WINDOW,
  DEFAULT_ALERT_RULES,
  NEW_TRACK,
  behindPace,
  dataAnomaly,
  escalationDue,
  milestoneLate,
  missingReport,
  projectionShortfall,
  severityOn,
  stalled,
  stepAlert,
  type AlertRuleParams,
  type AlertTrack,
  type ProgressFacts,
} from './alerts.js';
import { modifiedZScores, OUTLIER_THRESHOLD } from '../figures/figure-checks.js';

const NOT_HOLDING = { holds: false, values: {}, message: { zh: '', en: '' } };

// The seed's kind of year plan: at least 40,000 by 2020-12-31, at risk in the autumn.
function facts(overrides: Partial<ProgressFacts> = {}): ProgressFacts {
  return {
    status: 'at_risk',
    actual: 24_000,
    actualPeriod: '2020-09',
    expected: 30_000,
    paceRatio: 0.8,
    schedulePoints: -15,
    probability: 0.3,
    projection: { method: 'linear', value: 36_000, low: 30_000, high: 42_000 },
    target: { comparator: '>=', value: 40_000 },
    direction: 'increase',
    unit: '个',
    deadline: '2020-12-31',
    ...overrides,
  };
}

// Incidents from 100 down to at most 60 by the end of the year.
function decreaseFacts(overrides: Partial<ProgressFacts> = {}): ProgressFacts {
  return facts({
    actual: 90,
    expected: 80,
    paceRatio: 0.5,
    projection: { method: 'holt', value: 70, low: 62, high: 78 },
    target: { comparator: '<=', value: 60 },
    direction: 'decrease',
    unit: '起',
    ...overrides,
  });
}

describe(projectionShortfall.name, () => {
  it('fires when the probability is below the threshold and the projection misses', () => {
    const condition = projectionShortfall(facts(), 0.5);
    expect(condition.holds).toBe(true);
    // 40,000 − 36,000 = 4,000 short.
    expect(condition.values).toEqual({
      probability: 0.3,
      threshold: 0.5,
      projection: 36_000,
      low: 30_000,
      high: 42_000,
      method: 'linear',
      target: 40_000,
      shortfall: 4000,
    });
    // 36,000 → 3.6万 and 40,000 → 4万; 4,000 stays as it is (below 1万).
    expect(condition.message.zh).toBe(
      '按趋势推算，2020年12月底预计3.6万个，低于目标4万个，缺口约4000个；达标概率30%（阈值50%）。',
    );
    expect(condition.message.en).toBe(
      'The trend projects 36,000 for 2020-12-31, 4,000 short of the target 40,000; ' +
        'probability of meeting it 30% (threshold 50%).',
    );
  });

  it('fires with shortfall 0 when the projection meets the target but the probability is low', () => {
    const condition = projectionShortfall(
      facts({
        probability: 0.4,
        projection: { method: 'holt', value: 41_000, low: 33_000, high: 49_000 },
      }),
      0.5,
    );
    expect(condition.holds).toBe(true);
    expect(condition.values).toMatchObject({ projection: 41_000, target: 40_000, shortfall: 0 });
    // No gap to speak of: the sentence names the target instead.
    expect(condition.message.zh).toBe(
      '按趋势推算，2020年12月底预计4.1万个，目标为4万个；达标概率40%（阈值50%）。',
    );
    expect(condition.message.en).toBe(
      'The trend projects 41,000 for 2020-12-31 against the target 40,000; ' +
        'probability of meeting it 40% (threshold 50%).',
    );
  });

  it('fires when the projection misses even though the probability clears the threshold', () => {
    // An "about 100%" target is met from 90 up (10% tolerance); 85 misses by 15 from the stated 100.
    const about = projectionShortfall(
      facts({
        probability: 0.6,
        projection: { method: 'linear', value: 85, low: 80, high: 90 },
        target: { comparator: '~', value: 100 },
        unit: '%',
      }),
      0.5,
    );
    expect(about.holds).toBe(true);
    expect(about.values).toMatchObject({ projection: 85, target: 100, shortfall: 15 });
    expect(about.message.zh).toContain('预计85%，低于目标100%，缺口约15个百分点');
    expect(about.message.en).toContain('15 percentage points short of the target 100%');

    // An exact target of 100 is missed by 98, whatever the probability says.
    const exact = projectionShortfall(
      facts({
        probability: 0.9,
        projection: { method: 'linear', value: 98, low: 96, high: 100 },
        target: { comparator: '=', value: 100 },
        unit: '%',
      }),
      0.5,
    );
    expect(exact.holds).toBe(true);
    expect(exact.values).toMatchObject({ probability: 0.9, shortfall: 2 });
    expect(exact.message.zh).toContain('达标概率90%（阈值50%）');
    expect(exact.message.zh).toContain('预计98%，低于目标100%，缺口约2个百分点');
    expect(exact.message.en).toContain('2 percentage points short of the target 100%');
  });

  it('says a projection that overshoots an exact target lies above it', () => {
    // 120 for exactly 100: 20 too many, not 20 short.
    const overshot = projectionShortfall(
      facts({
        probability: 0.9,
        projection: { method: 'linear', value: 120, low: 110, high: 130 },
        target: { comparator: '=', value: 100 },
        unit: '%',
      }),
      0.5,
    );
    expect(overshot.holds).toBe(true);
    expect(overshot.values).toMatchObject({ projection: 120, target: 100, shortfall: 20 });
    expect(overshot.message.zh).toBe(
      '按趋势推算，2020年12月底预计120%，高于目标100%约20个百分点；达标概率90%（阈值50%）。',
    );
    expect(overshot.message.en).toBe(
      'The trend projects 120% for 2020-12-31, 20 percentage points above the target 100%; ' +
        'probability of meeting it 90% (threshold 50%).',
    );
  });

  it('says a projection equal to a strict target does not meet it, with no gap', () => {
    // More than 100 is asked; exactly 100 is projected: a miss, though neither above nor below.
    const onTarget = projectionShortfall(
      facts({
        probability: 0.9,
        projection: { method: 'linear', value: 100, low: 95, high: 105 },
        target: { comparator: '>', value: 100 },
        unit: '%',
      }),
      0.5,
    );
    expect(onTarget.holds).toBe(true);
    expect(onTarget.values).toMatchObject({ projection: 100, target: 100, shortfall: 0 });
    expect(onTarget.message.zh).toBe(
      '按趋势推算，2020年12月底预计100%，未满足目标要求（100%）；达标概率90%（阈值50%）。',
    );
    expect(onTarget.message.en).toBe(
      'The trend projects 100% for 2020-12-31, which does not meet the target 100%; ' +
        'probability of meeting it 90% (threshold 50%).',
    );
  });

  it('does not fire when the projection meets the target and the probability is at the threshold', () => {
    const projection = { method: 'linear', value: 92, low: 88, high: 96 };
    const about = { comparator: '~' as const, value: 100 };
    // 92 is inside the band of "about 100"; 0.5 is not below 0.5.
    expect(
      projectionShortfall(facts({ probability: 0.5, projection, target: about }), 0.5),
    ).toEqual(NOT_HOLDING);
    expect(
      projectionShortfall(facts({ probability: 0.49, projection, target: about }), 0.5).holds,
    ).toBe(true);
  });

  it('never fires for an achieved target or one without data', () => {
    expect(projectionShortfall(facts({ status: 'achieved' }), 0.5)).toEqual(NOT_HOLDING);
    expect(projectionShortfall(facts({ status: 'no_data' }), 0.5)).toEqual(NOT_HOLDING);
    // Every other status can fire.
    for (const status of ['on_track', 'at_risk', 'off_track', 'overdue', 'stale'] as const) {
      expect(projectionShortfall(facts({ status }), 0.5).holds).toBe(true);
    }
  });

  it('never fires without a projection, a probability or a target', () => {
    expect(projectionShortfall(facts({ projection: null }), 0.5)).toEqual(NOT_HOLDING);
    expect(projectionShortfall(facts({ probability: null }), 0.5)).toEqual(NOT_HOLDING);
    expect(projectionShortfall(facts({ target: null }), 0.5)).toEqual(NOT_HOLDING);
  });

  it('reads a decrease target the other way: a projection above it misses', () => {
    // At most 60 incidents; 70 projected is 10 too many, even with the probability above the threshold.
    const above = projectionShortfall(decreaseFacts({ probability: 0.8 }), 0.5);
    expect(above.holds).toBe(true);
    expect(above.values).toMatchObject({ projection: 70, target: 60, shortfall: 10 });
    // 70 lies above "at most 60": the sentence says so rather than calling it short.
    expect(above.message.zh).toBe(
      '按趋势推算，2020年12月底预计70起，高于目标60起约10起；达标概率80%（阈值50%）。',
    );
    expect(above.message.en).toBe(
      'The trend projects 70 起 for 2020-12-31, 10 起 above the target 60 起; ' +
        'probability of meeting it 80% (threshold 50%).',
    );

    // 55 is within "at most 60": only a low probability fires, with no shortfall.
    const below = { method: 'holt', value: 55, low: 48, high: 62 };
    expect(
      projectionShortfall(decreaseFacts({ probability: 0.8, projection: below }), 0.5),
    ).toEqual(NOT_HOLDING);
    const unlikely = projectionShortfall(
      decreaseFacts({ probability: 0.2, projection: below }),
      0.5,
    );
    expect(unlikely.holds).toBe(true);
    expect(unlikely.values).toMatchObject({ shortfall: 0 });
    expect(unlikely.message.zh).toContain('预计55起，目标为60起');
  });

  it('names the month of the deadline and writes large numbers in 万 and 亿', () => {
    const condition = projectionShortfall(
      facts({
        deadline: '2021-06-30',
        projection: { method: 'linear', value: 150_000_000, low: 1, high: 2 },
        target: { comparator: '>=', value: 200_000_000 },
        unit: '元',
      }),
      0.5,
    );
    // 1.5亿 projected against 2亿: 0.5亿 short, 5000万.
    expect(condition.message.zh).toBe(
      '按趋势推算，2021年6月底预计1.5亿元，低于目标2亿元，缺口约5000万元；达标概率30%（阈值50%）。',
    );
    expect(condition.message.en).toContain('CNY 150 million for 2021-06-30, CNY 50 million short');
  });
});

describe(behindPace.name, () => {
  it('fires below the threshold, with the gap to the plan curve', () => {
    const condition = behindPace(facts(), 0.9);
    // 30,000 expected, 24,000 reported: 6,000 behind.
    expect(condition).toEqual({
      holds: true,
      values: {
        paceRatio: 0.8,
        threshold: 0.9,
        actual: 24_000,
        expected: 30_000,
        period: '2020-09',
        gap: 6000,
        schedulePoints: -15,
      },
      message: {
        zh: '落后序时进度15个百分点：截至2020-09为2.4万个，计划应达3万个，落后约6000个（进度比80%，低于90%）。',
        en: '15 percentage points behind the time-elapsed schedule: 24,000 by 2020-09 where the plan expects 30,000, about 6,000 behind (pace 80%, below 90%).',
      },
    });
  });

  it('does not fire at or above the threshold', () => {
    expect(behindPace(facts({ paceRatio: 0.9 }), 0.9)).toEqual(NOT_HOLDING);
    expect(behindPace(facts({ paceRatio: 1.1 }), 0.9)).toEqual(NOT_HOLDING);
    expect(behindPace(facts({ paceRatio: 0.899 }), 0.9).holds).toBe(true);
  });

  it('keeps one decimal of a percentage where a whole number would blur it', () => {
    // 89.5% rounded to 90% would read "90%, below 90%".
    const condition = behindPace(facts({ paceRatio: 0.895 }), 0.9);
    expect(condition.message.zh).toContain('（进度比89.5%，低于90%）');
    expect(condition.message.en).toContain('(pace 89.5%, below 90%)');
  });

  it('does not fire without a pace ratio, an actual or an expected figure', () => {
    expect(behindPace(facts({ paceRatio: null }), 0.9)).toEqual(NOT_HOLDING);
    expect(behindPace(facts({ actual: null }), 0.9)).toEqual(NOT_HOLDING);
    expect(behindPace(facts({ expected: null }), 0.9)).toEqual(NOT_HOLDING);
  });

  it('does not fire without the period of the actual figure', () => {
    // The message says "by <period>": without one there is nothing to say it of.
    expect(behindPace(facts({ actualPeriod: null }), 0.9)).toEqual(NOT_HOLDING);
  });

  it('never fires for an achieved target or one without data', () => {
    expect(behindPace(facts({ status: 'achieved' }), 0.9)).toEqual(NOT_HOLDING);
    expect(behindPace(facts({ status: 'no_data' }), 0.9)).toEqual(NOT_HOLDING);
  });

  it('gives the gap as a positive number for a decrease target', () => {
    // 90 incidents where the plan expects 80 by now: 10 behind.
    const condition = behindPace(decreaseFacts({ schedulePoints: -25 }), 0.9);
    expect(condition.values).toMatchObject({ actual: 90, expected: 80, gap: 10 });
    expect(condition.message.zh).toBe(
      '落后序时进度25个百分点：截至2020-09为90起，计划应达80起，落后约10起（进度比50%，低于90%）。',
    );
  });
});

describe(stalled.name, () => {
  const changes = [
    { period: '2020-05', change: 300 },
    { period: '2020-06', change: 0 },
    { period: '2020-07', change: -20 },
  ];

  it('fires when no recent change moves an increase target forward', () => {
    const condition = stalled(changes, 'increase', 2, 'at_risk', '个');
    // June's 0 and July's −20: two periods, −20 in all.
    expect(condition).toEqual({
      holds: true,
      values: { periods: 2, from: '2020-06', to: '2020-07', change: -20 },
      message: {
        zh: '2020-06至2020-07连续2期没有进展（合计变化-20个）。',
        en: 'No progress for 2 periods in a row, 2020-06 to 2020-07 (change -20 in all).',
      },
    });
  });

  it('counts a fall as progress for a decrease target and a rise as none', () => {
    // July's −20 is progress when fewer is better.
    expect(stalled(changes, 'decrease', 2, 'at_risk', '起')).toEqual(NOT_HOLDING);
    const rising = [
      { period: '2020-06', change: 5 },
      { period: '2020-07', change: 0 },
    ];
    expect(stalled(rising, 'decrease', 2, 'at_risk', '起').values).toEqual({
      periods: 2,
      from: '2020-06',
      to: '2020-07',
      change: 5,
    });
  });

  it('needs at least as many changes as periods', () => {
    expect(stalled([{ period: '2020-07', change: 0 }], 'increase', 2, 'at_risk', '个')).toEqual(
      NOT_HOLDING,
    );
    const exactly = [
      { period: '2020-06', change: 0 },
      { period: '2020-07', change: 0 },
    ];
    expect(stalled(exactly, 'increase', 2, 'at_risk', '个').values).toMatchObject({
      from: '2020-06',
      to: '2020-07',
      change: 0,
    });
  });

  it('is cleared by a later positive change', () => {
    const resumed = [...changes, { period: '2020-08', change: 50 }];
    expect(stalled(resumed, 'increase', 2, 'at_risk', '个')).toEqual(NOT_HOLDING);
  });

  it('never fires once the target is achieved', () => {
    expect(stalled(changes, 'increase', 2, 'achieved', '个')).toEqual(NOT_HOLDING);
  });

  it('rounds the periods to a whole number, at least one', () => {
    // 2.4 → 2: May's 300 is outside; 2.5 → 3 takes it in and clears the stall.
    expect(stalled(changes, 'increase', 2.4, 'at_risk', '个').values).toMatchObject({ periods: 2 });
    expect(stalled(changes, 'increase', 2.5, 'at_risk', '个')).toEqual(NOT_HOLDING);
    // 0 periods would make no sense: one is the least.
    expect(stalled(changes, 'increase', 0, 'at_risk', '个').values).toMatchObject({
      periods: 1,
      from: '2020-07',
      to: '2020-07',
      change: -20,
    });
  });

  it('sums the changes in 万 in the zh message', () => {
    const bigFall = [
      { period: '2020-10', change: -12_000 },
      { period: '2020-11', change: -3000 },
      { period: '2020-12', change: 0 },
    ];
    // −15,000 in all → -1.5万.
    const condition = stalled(bigFall, 'increase', 3, 'off_track', '个');
    expect(condition.message.zh).toBe('2020-10至2020-12连续3期没有进展（合计变化-1.5万个）。');
    expect(condition.message.en).toBe(
      'No progress for 3 periods in a row, 2020-10 to 2020-12 (change -15,000 in all).',
    );
  });
});

describe(missingReport.name, () => {
  // Monthly figures due on the 5th of the next month, the alert 3 days after.
  /** Every period from the plan's first through `last`, stepping `months`: all reported. */
  const upTo = (last: string, months = 1, first = '2020-01') => {
    const periods = new Set<string>();
    for (let p = first; p <= last;) {
      periods.add(p);
      const [y, m] = p.split('-').map(Number) as [number, number];
      const index = y * 12 + m - 1 + months;
      p = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    }
    return periods;
  };
  const monthly = {
    frequency: 'monthly' as const,
    dueDay: 5,
    days: 3,
    firstPeriod: '2020-01',
    lastPeriod: '2020-12',
  };

  it('does not hold while the due period has a figure', () => {
    // On 2020-08-20 July is the due period (closes 07-31 + 5 + 3 = 08-08).
    expect(missingReport({ ...monthly, asOf: '2020-08-20', reported: upTo('2020-07') })).toEqual(
      NOT_HOLDING,
    );
    // A later figure covers it too.
    expect(missingReport({ ...monthly, asOf: '2020-08-20', reported: upTo('2020-08') })).toEqual(
      NOT_HOLDING,
    );
  });

  it('holds when the latest figure is older than the due period, counting days from the due day', () => {
    const condition = missingReport({ ...monthly, asOf: '2020-08-20', reported: upTo('2020-06') });
    // July was due by 08-05; 08-05 → 08-20 is 15 days.
    expect(condition).toEqual({
      holds: true,
      values: {
        period: '2020-07',
        dueOn: '2020-08-05',
        daysOverdue: 15,
        missing: 1,
        lastReported: '2020-06',
      },
      message: {
        zh: '2020-07的数据应于2020-08-05前报送，已逾期15天（最近一期为2020-06）。',
        en: 'The figure for 2020-07 was due by 2020-08-05 and is 15 days overdue (latest: 2020-06).',
      },
    });
  });

  it('starts on the day the due day plus the days is reached', () => {
    // 08-07: July closes on 08-08, so June is the due period and it is in.
    expect(missingReport({ ...monthly, asOf: '2020-08-07', reported: upTo('2020-06') })).toEqual(
      NOT_HOLDING,
    );
    // 08-08 = 08-05 + 3: `days` days or more past the due day (day 0), so it holds, 3 days overdue.
    expect(
      missingReport({ ...monthly, asOf: '2020-08-08', reported: upTo('2020-06') }).values,
    ).toEqual({
      period: '2020-07',
      dueOn: '2020-08-05',
      daysOverdue: 3,
      missing: 1,
      lastReported: '2020-06',
    });
  });

  it('says there are no figures yet when none was ever reported', () => {
    // 2020-02-10: January closed on 02-08, due 02-05, 5 days ago.
    const condition = missingReport({
      ...monthly,
      asOf: '2020-02-10',
      reported: new Set<string>(),
    });
    expect(condition.values).toEqual({
      period: '2020-01',
      dueOn: '2020-02-05',
      daysOverdue: 5,
      missing: 1,
      lastReported: null,
    });
    expect(condition.message.zh).toBe(
      '2020-01的数据应于2020-02-05前报送，已逾期5天（尚无任何数据）。',
    );
    expect(condition.message.en).toBe(
      'The figure for 2020-01 was due by 2020-02-05 and is 5 days overdue (no figures yet).',
    );
  });

  it('does not hold before the first period of the plan is due', () => {
    // 2020-02-07: January closes on 02-08; December 2019 is before the plan.
    expect(missingReport({ ...monthly, asOf: '2020-02-07', reported: new Set<string>() })).toEqual(
      NOT_HOLDING,
    );
  });

  it('caps the due period at the plan’s last period', () => {
    // 2021-03-20 would make February 2021 due; the plan ends with December 2020 (due 2021-01-05).
    const condition = missingReport({ ...monthly, asOf: '2021-03-20', reported: upTo('2020-11') });
    // 2021-01-05 → 03-20: 26 + 28 + 20 = 74 days.
    expect(condition.values).toEqual({
      period: '2020-12',
      dueOn: '2021-01-05',
      daysOverdue: 74,
      missing: 1,
      lastReported: '2020-11',
    });
    expect(missingReport({ ...monthly, asOf: '2021-03-20', reported: upTo('2020-12') })).toEqual(
      NOT_HOLDING,
    );
  });

  it('names the earliest gap even when later months came in, and counts the others', () => {
    // July never came; August and September did. On 2020-11-05 September is the due period.
    const reported = new Set([...upTo('2020-06'), '2020-08', '2020-09']);
    const condition = missingReport({ ...monthly, asOf: '2020-11-05', reported });
    // July was due by 08-05: 26 + 30 + 31 + 5 = 92 days.
    expect(condition.values).toEqual({
      period: '2020-07',
      dueOn: '2020-08-05',
      daysOverdue: 92,
      missing: 1,
      lastReported: '2020-09',
    });
    expect(condition.message.zh).toBe(
      '2020-07的数据应于2020-08-05前报送，已逾期92天（最近一期为2020-09）。',
    );
    // Two gaps: May and July.
    const two = new Set([...reported].filter((p) => p !== '2020-05'));
    const both = missingReport({ ...monthly, asOf: '2020-11-05', reported: two });
    expect(both.values).toMatchObject({ period: '2020-05', missing: 2 });
    expect(both.message.en).toBe(
      'The figure for 2020-05 was due by 2020-06-05 and is 153 days overdue; 1 later period missing too (latest: 2020-09).',
    );
  });

  it('steps by quarters for quarterly figures', () => {
    const quarterly = {
      frequency: 'quarterly' as const,
      dueDay: 10,
      days: 3,
      firstPeriod: '2020-03',
      lastPeriod: '2020-12',
    };
    // The third quarter closes on 09-30 + 10 + 3 = 10-13; the day before, the second quarter is due.
    expect(
      missingReport({ ...quarterly, asOf: '2020-10-12', reported: upTo('2020-06', 3, '2020-03') }),
    ).toEqual(NOT_HOLDING);
    expect(
      missingReport({ ...quarterly, asOf: '2020-10-13', reported: upTo('2020-06', 3, '2020-03') })
        .values,
    ).toEqual({
      period: '2020-09',
      dueOn: '2020-10-10',
      daysOverdue: 3,
      missing: 1,
      lastReported: '2020-06',
    });
    // After the plan: the first quarter of 2021 is capped back to 2020-12, due 2021-01-10;
    // 01-10 → 05-01 is 21 + 28 + 31 + 30 + 1 = 111 days.
    expect(
      missingReport({ ...quarterly, asOf: '2021-05-01', reported: upTo('2020-09', 3, '2020-03') })
        .values,
    ).toEqual({
      period: '2020-12',
      dueOn: '2021-01-10',
      daysOverdue: 111,
      missing: 1,
      lastReported: '2020-09',
    });
  });

  it('rounds the days and takes no fewer than 0', () => {
    // 2.6 → 3: still June on 08-07.
    expect(
      missingReport({ ...monthly, days: 2.6, asOf: '2020-08-07', reported: upTo('2020-06') }),
    ).toEqual(NOT_HOLDING);
    // −2 → 0: July is due on its due day itself, 0 days overdue.
    expect(
      missingReport({ ...monthly, days: -2, asOf: '2020-08-05', reported: upTo('2020-06') }).values,
    ).toMatchObject({ period: '2020-07', daysOverdue: 0 });
  });
});

describe(dataAnomaly.name, () => {
  type Point = { period: string; change: number | null; ytdDecrease: boolean };
  /** Monthly points from January 2020, with the periods that are year-to-date decreases. */
  function series(
    changes: readonly (number | null)[],
    ytdDecreases: readonly string[] = [],
  ): Point[] {
    return changes.map((change, i) => {
      const period = `2020-${String(i + 1).padStart(2, '0')}`;
      return { period, change, ytdDecrease: ytdDecreases.includes(period) };
    });
  }

  it('looks at the last three periods', () => {
    expect(ANOMALY_WINDOW).toBe(3);
  });

  it('fires on an outlier among the recent changes, by its modified z-score', () => {
    // Sorted 90 95 100 105 110 400: median 102.5, deviations 2.5 2.5 7.5 7.5 12.5 297.5 → MAD 7.5;
    // 400 scores 0.6745 × 297.5 / 7.5 = 26.755166…
    const condition = dataAnomaly(series([100, 110, 90, 105, 95, 400]), OUTLIER_THRESHOLD, '个');
    expect(condition).toEqual({
      holds: true,
      values: {
        period: '2020-06',
        change: 400,
        zScore: 26.755,
        threshold: 3.5,
        ytdDecreases: null,
      },
      message: {
        zh: '2020-06的变化400个异常（修正z值26.8，阈值3.5）。',
        en: 'The change of 400 in 2020-06 is an outlier (modified z-score 26.8, threshold 3.5).',
      },
    });
  });

  it('fires on a low outlier too, by the size of the score', () => {
    // The mirror image: median 97.5, MAD 7.5; −200 scores −0.6745 × 297.5 / 7.5.
    const condition = dataAnomaly(series([100, 110, 90, 105, 95, -200]), OUTLIER_THRESHOLD, '个');
    expect(condition.values).toMatchObject({ period: '2020-06', change: -200, zScore: -26.755 });
    expect(condition.message.zh).toBe('2020-06的变化-200个异常（修正z值-26.8，阈值3.5）。');
  });

  it('ignores an outlier older than the window', () => {
    // 400 in April; the window is May–July.
    expect(dataAnomaly(series([100, 110, 90, 400, 105, 95, 102]), OUTLIER_THRESHOLD, '个')).toEqual(
      NOT_HOLDING,
    );
    // The same 400 in May is the oldest period inside it.
    expect(
      dataAnomaly(series([100, 110, 90, 105, 400, 95, 102]), OUTLIER_THRESHOLD, '个').values,
    ).toMatchObject({ period: '2020-05', change: 400 });
  });

  it('counts the window in periods, those without a change included', () => {
    // June's 400, then two months whose change cannot be known: June is still in the window.
    const recent = series([100, 110, 90, 105, 95, 400, null, null]);
    expect(dataAnomaly(recent, OUTLIER_THRESHOLD, '个').values).toMatchObject({
      period: '2020-06',
    });
    // May's 400 with three periods after it is history.
    const older = series([100, 110, 90, 105, 400, 95, null, null]);
    expect(dataAnomaly(older, OUTLIER_THRESHOLD, '个')).toEqual(NOT_HOLDING);
  });

  it('scores the changes only, so the z-score is that of the change at its index', () => {
    // February unknown: the changes are 100 110 90 105 95 400 as above, 400 the sixth of them.
    const points = series([100, null, 110, 90, 105, 95, 400]);
    const condition = dataAnomaly(points, OUTLIER_THRESHOLD, '个');
    const scores = modifiedZScores([100, 110, 90, 105, 95, 400]);
    expect(condition.values.zScore).toBe(Number(scores[5]!.toFixed(3)));
    expect(condition.values.zScore).toBe(26.755);
    expect(condition.values.period).toBe('2020-07');
  });

  it('computes no z-scores from fewer than five changes', () => {
    // Six periods but four changes: 1000 is not scored.
    const few = series([null, 100, 110, 90, 1000, null]);
    expect(dataAnomaly(few, OUTLIER_THRESHOLD, '个')).toEqual(NOT_HOLDING);
    expect(dataAnomaly(series([100, 110, 90, 1000]), OUTLIER_THRESHOLD, '个')).toEqual(NOT_HOLDING);
  });

  it('fires on a year-to-date decrease in the window, however few the changes', () => {
    const condition = dataAnomaly(series([100, 110, -20], ['2020-03']), OUTLIER_THRESHOLD, '个');
    expect(condition).toEqual({
      holds: true,
      values: {
        period: '2020-03',
        change: null,
        zScore: null,
        threshold: 3.5,
        ytdDecreases: '2020-03',
      },
      message: {
        zh: '2020-03累计值低于上月（已作为更正接受）。',
        en: 'The year-to-date total of 2020-03 fell below the month before (accepted as a correction).',
      },
    });
    // January's decrease is three periods back by April: history.
    expect(dataAnomaly(series([-20, 100, 110, 105], ['2020-01']), OUTLIER_THRESHOLD, '个')).toEqual(
      NOT_HOLDING,
    );
  });

  it('names the worst outlier and every decrease together', () => {
    // Sorted −5 90 100 105 110 400: median 102.5, deviations 2.5 2.5 7.5 12.5 107.5 297.5 → MAD 10.
    // Both −5 (−7.25) and 400 (20.07) are beyond 3.5; 400 is the worse.
    const changes = [100, 110, 90, 105, -5, 400];
    const condition = dataAnomaly(series(changes, ['2020-05']), OUTLIER_THRESHOLD, '个');
    expect(condition.values).toEqual({
      period: '2020-06',
      change: 400,
      zScore: Number(modifiedZScores(changes)[5]!.toFixed(3)),
      threshold: 3.5,
      ytdDecreases: '2020-05',
    });
    expect(condition.values.zScore).toBeCloseTo((0.6745 * 297.5) / 10, 2);
    expect(condition.message.zh).toBe(
      '2020-06的变化400个异常（修正z值20.1，阈值3.5）；2020-05累计值低于上月（已作为更正接受）。',
    );
    expect(condition.message.en).toBe(
      'The change of 400 in 2020-06 is an outlier (modified z-score 20.1, threshold 3.5); ' +
        'the year-to-date total of 2020-05 fell below the month before (accepted as a correction).',
    );
  });

  it('respects the threshold, strictly', () => {
    // 130 among 90–110: median 102.5, MAD 7.5 → 0.6745 × 27.5 / 7.5 = 2.473166…
    const points = series([100, 110, 90, 105, 95, 130]);
    expect(dataAnomaly(points, OUTLIER_THRESHOLD, '个')).toEqual(NOT_HOLDING);
    const lower = dataAnomaly(points, 2, '个');
    expect(lower.values).toMatchObject({ period: '2020-06', zScore: 2.473, threshold: 2 });
    expect(lower.message.zh).toBe('2020-06的变化130个异常（修正z值2.5，阈值2）。');
    // A score equal to the threshold is not beyond it.
    const score = modifiedZScores([100, 110, 90, 105, 95, 130])[5]!;
    expect(dataAnomaly(points, score, '个')).toEqual(NOT_HOLDING);
  });
});

describe(milestoneLate.name, () => {
  const milestone = { name: '省级政务云扩容', deadline: '2020-06-30' };

  it('fires for a late milestone, counting the days since its deadline', () => {
    // 06-30 → 07-31 is 31 days, → 08-01 32.
    expect(milestoneLate({ ...milestone, status: 'late' }, '2020-08-01')).toEqual({
      holds: true,
      values: { deadline: '2020-06-30', daysLate: 32 },
      message: {
        zh: '“省级政务云扩容”应于2020-06-30前完成，已逾期32天。',
        en: '"省级政务云扩容" was due by 2020-06-30 and is 32 days late.',
      },
    });
  });

  it('does not fire for a pending or done milestone', () => {
    expect(milestoneLate({ ...milestone, status: 'pending' }, '2020-08-01')).toEqual(NOT_HOLDING);
    expect(milestoneLate({ ...milestone, status: 'done' }, '2020-08-01')).toEqual(NOT_HOLDING);
  });
});

describe(severityOn.name, () => {
  const params = (overrides: Partial<AlertRuleParams> = {}): AlertRuleParams => ({
    ...DEFAULT_ALERT_RULES.behind_pace,
    ...overrides,
  });
  // 92 days before 2020-12-31 is 2020-09-30 (31 + 30 + 31 days back through December–October).
  const deadline = '2020-12-31';

  it('keeps the severity when it never rises', () => {
    expect(severityOn(params({ raiseWithinDays: null }), '2020-12-30', deadline)).toBe('warning');
  });

  it('rises one step within the window, its first day included', () => {
    expect(severityOn(params(), '2020-09-29', deadline)).toBe('warning');
    expect(severityOn(params(), '2020-09-30', deadline)).toBe('critical');
    expect(severityOn(params(), '2020-12-31', deadline)).toBe('critical');
    expect(severityOn(params({ severity: 'info' }), '2020-10-15', deadline)).toBe('warning');
    expect(severityOn(params({ severity: 'info' }), '2020-09-29', deadline)).toBe('info');
  });

  it('stays raised after the deadline', () => {
    expect(severityOn(params(), '2021-02-01', deadline)).toBe('critical');
  });

  it('goes no higher than critical', () => {
    expect(severityOn(params({ severity: 'critical' }), '2020-10-15', deadline)).toBe('critical');
    expect(severityOn(params({ severity: 'critical' }), '2020-01-15', deadline)).toBe('critical');
  });
});

describe(stepAlert.name, () => {
  const DAY_MS = 86_400_000;
  // Evaluations at 01:00 UTC (09:00 in Shanghai), day n after 2020-10-01.
  const day = (n: number) => new Date(Date.parse('2020-10-01T01:00:00Z') + n * DAY_MS);
  const rule = (pendingEvaluations: number, keepFiringForDays = 0) => ({
    pendingEvaluations,
    keepFiringForDays,
  });

  /** Runs evaluations in order from a new track, returning the transitions and the last track. */
  function run(
    steps: readonly { holds: boolean; at: Date; severity?: 'info' | 'warning' | 'critical' }[],
    params: { pendingEvaluations: number; keepFiringForDays: number },
    start: AlertTrack = NEW_TRACK,
  ) {
    let track = start;
    const transitions: string[] = [];
    for (const step of steps) {
      const next = stepAlert(track, step.holds, step.severity ?? 'warning', step.at, params);
      transitions.push(next.transition);
      track = next.track;
    }
    return { transitions, track };
  }

  it('is pending for K − 1 evaluations and fires at the K-th', () => {
    const steps = [0, 1, 2].map((n) => ({ holds: true, at: day(n) }));
    const { transitions, track } = run(steps, rule(3));
    expect(transitions).toEqual(['pending', 'pending', 'fire']);
    expect(track).toEqual({
      streak: 3,
      lastHeldAt: day(2),
      clearedAt: null,
      open: { status: 'firing', severity: 'warning' },
    });
  });

  it('fires at once with K = 1 (and with K below 1)', () => {
    expect(stepAlert(NEW_TRACK, true, 'critical', day(0), rule(1))).toEqual({
      track: {
        streak: 1,
        lastHeldAt: day(0),
        clearedAt: null,
        open: { status: 'firing', severity: 'critical' },
      },
      transition: 'fire',
    });
    expect(stepAlert(NEW_TRACK, true, 'warning', day(0), rule(0)).transition).toBe('fire');
  });

  it('starts the count again when the condition lapses while pending', () => {
    const { transitions, track } = run(
      [
        { holds: true, at: day(0) },
        { holds: false, at: day(1) },
        { holds: true, at: day(2) },
        { holds: true, at: day(3) },
      ],
      rule(2),
    );
    expect(transitions).toEqual(['pending', 'none', 'pending', 'fire']);
    expect(track.streak).toBe(2);
  });

  it('continues an open alert, refreshing its severity', () => {
    const { transitions, track } = run(
      [
        { holds: true, at: day(0) },
        { holds: true, at: day(1), severity: 'critical' },
      ],
      rule(1),
    );
    expect(transitions).toEqual(['fire', 'continue']);
    expect(track).toEqual({
      streak: 2,
      lastHeldAt: day(1),
      clearedAt: null,
      open: { status: 'firing', severity: 'critical' },
    });
  });

  it('keeps an acknowledged alert acknowledged when it continues', () => {
    const acknowledged: AlertTrack = {
      streak: 4,
      lastHeldAt: day(0),
      clearedAt: null,
      open: { status: 'acknowledged', severity: 'warning' },
    };
    expect(stepAlert(acknowledged, true, 'critical', day(1), rule(2))).toEqual({
      track: {
        streak: 5,
        lastHeldAt: day(1),
        clearedAt: null,
        open: { status: 'acknowledged', severity: 'critical' },
      },
      transition: 'continue',
    });
  });

  it('resolves at once when the condition clears and nothing keeps it', () => {
    const { transitions, track } = run(
      [
        { holds: true, at: day(0) },
        { holds: false, at: day(1) },
      ],
      rule(1, 0),
    );
    expect(transitions).toEqual(['fire', 'resolve']);
    // The last time it held is remembered; the alert is gone.
    expect(track).toEqual({ streak: 0, lastHeldAt: day(0), clearedAt: null, open: null });
  });

  it('keeps firing for keepFiringForDays from the first evaluation it cleared at, then resolves', () => {
    const steps = [
      { holds: true, at: day(0) },
      { holds: true, at: day(1) },
      // Cleared at day 2: kept until day 2 + 3 = day 5, not from day 1 when it last held.
      { holds: false, at: day(2) },
      { holds: false, at: day(3) },
      { holds: false, at: day(4) },
      // One millisecond short of day 5: still kept.
      { holds: false, at: new Date(day(5).getTime() - 1) },
      // Exactly three days after it cleared: the keep has run out.
      { holds: false, at: day(5) },
    ];
    const kept = run(steps.slice(0, 5), rule(1, 3));
    expect(kept.transitions).toEqual(['fire', 'continue', 'keep', 'keep', 'keep']);
    // Later keeps leave clearedAt where the first one put it.
    expect(kept.track).toEqual({
      streak: 0,
      lastHeldAt: day(1),
      clearedAt: day(2),
      open: { status: 'firing', severity: 'warning' },
    });
    const { transitions, track } = run(steps, rule(1, 3));
    expect(transitions).toEqual(['fire', 'continue', 'keep', 'keep', 'keep', 'keep', 'resolve']);
    expect(track).toEqual({ streak: 0, lastHeldAt: day(1), clearedAt: null, open: null });
  });

  it('keeps the alert open, unchanged, while kept', () => {
    const open: AlertTrack = {
      streak: 3,
      lastHeldAt: day(0),
      clearedAt: null,
      open: { status: 'acknowledged', severity: 'warning' },
    };
    // The severity passed in is not applied: nothing holds to refresh.
    expect(stepAlert(open, false, 'critical', day(1), rule(1, 3))).toEqual({
      track: {
        streak: 0,
        lastHeldAt: day(0),
        clearedAt: day(1),
        open: { status: 'acknowledged', severity: 'warning' },
      },
      transition: 'keep',
    });
  });

  it('continues the same alert when the condition comes back while kept', () => {
    const steps = [
      { holds: true, at: day(0) },
      { holds: true, at: day(1) },
      { holds: false, at: day(2) },
      // Back within the keep, even though K = 2 and the streak restarted: no new alert.
      { holds: true, at: day(3) },
      // Cleared again at day 5: the keep runs from there to day 8.
      { holds: false, at: day(5) },
      { holds: false, at: day(6) },
      { holds: false, at: day(7) },
      { holds: false, at: day(8) },
    ];
    const back = run(steps.slice(0, 4), rule(2, 3));
    expect(back.transitions).toEqual(['pending', 'fire', 'keep', 'continue']);
    // Holding again forgets when it cleared.
    expect(back.track).toEqual({
      streak: 1,
      lastHeldAt: day(3),
      clearedAt: null,
      open: { status: 'firing', severity: 'warning' },
    });
    const { transitions, track } = run(steps, rule(2, 3));
    expect(transitions).toEqual([
      'pending',
      'fire',
      'keep',
      'continue',
      'keep',
      'keep',
      'keep',
      'resolve',
    ]);
    expect(track).toEqual({ streak: 0, lastHeldAt: day(3), clearedAt: null, open: null });
  });

  it('starts a new alert after a resolve, pending again', () => {
    const { transitions } = run(
      [
        { holds: true, at: day(0) },
        { holds: true, at: day(1) },
        { holds: false, at: day(2) },
        { holds: true, at: day(3) },
        { holds: true, at: day(4) },
      ],
      rule(2, 0),
    );
    expect(transitions).toEqual(['pending', 'fire', 'resolve', 'pending', 'fire']);
  });

  it('is stable when nothing holds', () => {
    expect(NEW_TRACK).toEqual({ streak: 0, lastHeldAt: null, clearedAt: null, open: null });
    const once = stepAlert(NEW_TRACK, false, 'warning', day(0), rule(2));
    expect(once).toEqual({ track: NEW_TRACK, transition: 'none' });
    expect(stepAlert(once.track, false, 'warning', day(1), rule(2))).toEqual({
      track: NEW_TRACK,
      transition: 'none',
    });
    // After a resolve too: the remembered lastHeldAt stays, nothing else happens.
    const resolved: AlertTrack = { streak: 0, lastHeldAt: day(0), clearedAt: null, open: null };
    expect(stepAlert(resolved, false, 'warning', day(5), rule(2))).toEqual({
      track: resolved,
      transition: 'none',
    });
    // With no open alert there is nothing to keep, so a stray clearedAt is dropped.
    const stray: AlertTrack = { ...resolved, clearedAt: day(1) };
    expect(stepAlert(stray, false, 'warning', day(5), rule(2, 3))).toEqual({
      track: resolved,
      transition: 'none',
    });
  });
});

describe(escalationDue.name, () => {
  const firing = { status: 'firing' as const, firedOn: '2020-10-01', catchUpDate: null };

  it('escalates an alert unacknowledged N days after it fired, the N-th day included', () => {
    // 2020-10-01 + 14 days = 10-15.
    expect(escalationDue(firing, '2020-10-14', 14)).toBeNull();
    expect(escalationDue(firing, '2020-10-15', 14)).toBe('unacknowledged');
    expect(escalationDue(firing, '2020-11-30', 14)).toBe('unacknowledged');
  });

  it('never escalates an unacknowledged alert when the rule says never', () => {
    expect(escalationDue(firing, '2021-10-01', null)).toBeNull();
  });

  it('escalates an acknowledged alert once its catch-up date has passed', () => {
    const acknowledged = {
      status: 'acknowledged' as const,
      firedOn: '2020-10-01',
      catchUpDate: '2020-10-20',
    };
    expect(escalationDue(acknowledged, '2020-10-21', 14)).toBe('catch_up_passed');
    // On the catch-up day itself, and before it, there is still time.
    expect(escalationDue(acknowledged, '2020-10-20', 14)).toBeNull();
    expect(escalationDue(acknowledged, '2020-10-19', 14)).toBeNull();
    // Acknowledging stops the unacknowledged clock, and escalateAfterDays does not apply.
    expect(escalationDue(acknowledged, '2020-10-21', null)).toBe('catch_up_passed');
  });

  it('does not escalate an acknowledged alert without a catch-up date', () => {
    const acknowledged = {
      status: 'acknowledged' as const,
      firedOn: '2020-10-01',
      catchUpDate: null,
    };
    expect(escalationDue(acknowledged, '2021-10-01', 14)).toBeNull();
  });
});

describe('DEFAULT_ALERT_RULES', () => {
  it('has sane defaults for every rule kind', () => {
    expect(Object.keys(DEFAULT_ALERT_RULES).sort()).toEqual([...ALERT_RULE_KINDS].sort());
    for (const kind of ALERT_RULE_KINDS) {
      const rule = DEFAULT_ALERT_RULES[kind];
      expect(Number.isInteger(rule.pendingEvaluations), kind).toBe(true);
      expect(rule.pendingEvaluations, kind).toBeGreaterThanOrEqual(1);
      expect(rule.keepFiringForDays, kind).toBeGreaterThanOrEqual(0);
      expect(ALERT_SEVERITIES, kind).toContain(rule.severity);
      if (rule.raiseWithinDays !== null) expect(rule.raiseWithinDays, kind).toBeGreaterThan(0);
      if (rule.escalateAfterDays !== null) expect(rule.escalateAfterDays, kind).toBeGreaterThan(0);
    }
  });

  it('has thresholds in each rule’s own terms', () => {
    // Probabilities and pace ratios are shares; stalled counts periods; the anomaly rule uses the
    // Iglewicz–Hoaglin cut-off the figure checks use.
    expect(DEFAULT_ALERT_RULES.projection_shortfall.threshold).toBeGreaterThan(0);
    expect(DEFAULT_ALERT_RULES.projection_shortfall.threshold).toBeLessThan(1);
    expect(DEFAULT_ALERT_RULES.behind_pace.threshold).toBeGreaterThan(0);
    expect(DEFAULT_ALERT_RULES.behind_pace.threshold).toBeLessThanOrEqual(1);
    expect(Number.isInteger(DEFAULT_ALERT_RULES.stalled.threshold)).toBe(true);
    expect(DEFAULT_ALERT_RULES.stalled.threshold).toBeGreaterThanOrEqual(1);
    expect(DEFAULT_ALERT_RULES.missing_report.threshold).toBeGreaterThanOrEqual(0);
    expect(DEFAULT_ALERT_RULES.data_anomaly.threshold).toBe(OUTLIER_THRESHOLD);
  });
});
