import { describe, expect, it } from 'vitest';
import {
  OPENSDG_DEFAULT_CONFIG,
  opensdgAggregate,
  opensdgAssessment,
  opensdgGrowthRate,
  opensdgLimitCoefficient,
  type OpenSdgInput,
} from './opensdg.js';

// Published method: open-sdg/open-sdg docs/progress-methodology.md (cited below as "the methodology").
// Reference implementation: open-sdg/sdg-build sdg/ProgressMeasure.py. Expected figures were worked out
// by hand from the published formulas (CAGR = (y_i/y_0)^(1/(t_i − t_0)) − 1, R = s·d·CAGR_i/|CAGR_T|).

function series(overrides: Partial<OpenSdgInput> = {}): OpenSdgInput {
  return {
    baseYear: 2015,
    baseValue: 100,
    currentYear: 2020,
    currentValue: 100,
    targetYear: 2030,
    direction: 'increase',
    ...overrides,
  };
}

// Halve by 2030 from 100 in 2015 (e.g. GIF 1.2.1 "Reduce by 1/2"): CAGR_T = 0.5^(1/15) − 1 = −4.516%.
function halving(currentValue: number): OpenSdgInput {
  return series({ direction: 'decrease', target: 50, currentValue });
}

// R equals the observed one-year growth: base 100, target 400 two years on, so CAGR_T = 100%.
function ratioOf(ratio: number): OpenSdgInput {
  return series({
    baseYear: 2020,
    currentYear: 2021,
    targetYear: 2022,
    target: 400,
    currentValue: 100 * (1 + ratio),
  });
}

// The CAGR equals the one-year growth.
function growthOf(growth: number, overrides: Partial<OpenSdgInput> = {}): OpenSdgInput {
  return series({
    baseYear: 2020,
    currentYear: 2021,
    currentValue: 100 * (1 + growth),
    ...overrides,
  });
}

describe(opensdgGrowthRate.name, () => {
  it('is the compound annual growth rate of the methodology', () => {
    expect(opensdgGrowthRate(2015, 100, 2020, 85)).toBeCloseTo(-0.0319812, 6);
    expect(opensdgGrowthRate(2015, 100, 2030, 50)).toBeCloseTo(-0.0451584, 6);
  });
});

describe(opensdgAssessment.name, () => {
  describe('with a quantitative target: the category table of "Indicators with quantitative targets"', () => {
    it('says "Target achieved" first: current 50 against a target of 50 is target_achieved, score 5*', () => {
      expect(opensdgAssessment(halving(50))).toEqual({
        status: 'target_achieved',
        progressValue: expect.closeTo(2.866564, 5) as unknown,
        score: 5,
      });
      expect(opensdgAssessment(halving(40)).status).toBe('target_achieved');
    });

    it('says "On track" for R ≥ 95%: 70 in 2020 on the way to halving 100 gives R = 152%, score 5', () => {
      const result = opensdgAssessment(halving(70));
      expect(result.status).toBe('substantial_progress');
      expect(result.progressValue).toBeCloseTo(1.524635, 5);
      expect(result.score).toBe(5);
    });

    it('puts a series exactly on the required path at R = 100%, On track', () => {
      const result = opensdgAssessment(halving(100 * Math.pow(0.5, 5 / 15)));
      expect(result.status).toBe('substantial_progress');
      expect(result.progressValue).toBeCloseTo(1, 10);
      expect(result.score).toBeCloseTo(2.8572, 8);
    });

    it('says "Progress made but acceleration needed" for 60% ≤ R < 95%: 85 gives R = 70.8%', () => {
      const result = opensdgAssessment(halving(85));
      expect(result.status).toBe('moderate_progress');
      expect(result.progressValue).toBeCloseTo(0.708201, 5);
      expect(result.score).toBeCloseTo(0.772909, 5);
    });

    it('says "Limited progress" for 0% ≤ R < 60%: 95 gives R = 22.6%', () => {
      const result = opensdgAssessment(halving(95));
      expect(result.status).toBe('limited_progress');
      expect(result.progressValue).toBeCloseTo(0.226009, 5);
      expect(result.score).toBeCloseTo(-1.558288, 5);
    });

    it('says "Deterioration" for R < 0%: 105 gives R = −21.7%', () => {
      const result = opensdgAssessment(halving(105));
      expect(result.status).toBe('deterioration');
      expect(result.progressValue).toBeCloseTo(-0.217142, 5);
      expect(result.score).toBeCloseTo(-3.404766, 5);
    });

    it('takes R at the threshold into the higher category (R ≥ 95%, 60% ≤ R, 0% ≤ R)', () => {
      expect(opensdgAssessment(ratioOf(0.95)).status).toBe('substantial_progress');
      expect(opensdgAssessment(ratioOf(0.6)).status).toBe('moderate_progress');
      expect(opensdgAssessment(ratioOf(0)).status).toBe('limited_progress');
      expect(opensdgAssessment(ratioOf(-0.01)).status).toBe('deterioration');
    });

    it('scores R on Figure 2: −5 at −60% and below, 0 at 60%, 5 at 130% and above, linear between', () => {
      expect(opensdgAssessment(ratioOf(-0.9)).score).toBe(-5);
      expect(opensdgAssessment(ratioOf(-0.6)).score).toBeCloseTo(-5, 3);
      expect(opensdgAssessment(ratioOf(0)).score).toBeCloseTo(-2.5, 10);
      expect(opensdgAssessment(ratioOf(0.6)).score).toBeCloseTo(0, 3);
      expect(opensdgAssessment(ratioOf(0.95)).score).toBeCloseTo(2.5, 3);
      expect(opensdgAssessment(ratioOf(1.3)).score).toBe(5);
      expect(opensdgAssessment(ratioOf(1.6)).score).toBe(5);
    });

    it('gives exactly sdg-build’s scores, from its 4-decimal coefficients', () => {
      // sdg-build: 7.1429·R − 4.2857 from 60%, 4.1667·R − 2.5 below, clipped to ±5.
      const sdgBuild = (r: number) =>
        r >= 0.6 ? Math.min(7.1429 * r - 4.2857, 5) : Math.max(4.1667 * r - 2.5, -5);
      for (let r = -0.7; r <= 1.4; r += 0.05) {
        const result = opensdgAssessment(ratioOf(r));
        expect(result.score).toBe(sdgBuild(result.progressValue!));
      }
      // Where the exact lines and sdg-build's part: at R = 100% they give 2.857143 and 2.8572.
      expect(opensdgAssessment(ratioOf(1)).score).toBe(7.1429 - 4.2857);
    });

    it('handles a base value already past the target through |CAGR_T|: 40 → 55 against ≤ 50 deteriorates', () => {
      // The methodology: R accounts for "cases where the base value achieves the target".
      const result = opensdgAssessment(
        series({ direction: 'decrease', baseValue: 40, currentValue: 55, target: 50 }),
      );
      expect(result.status).toBe('deterioration');
      expect(result.progressValue).toBeCloseTo(-4.387858, 5);
      expect(result.score).toBe(-5);
    });

    it('assesses a ceiling target (100% coverage): 90 → 95 by 2020 is On track, reaching 100 achieves it', () => {
      const ceiling = { target: 100, baseValue: 90 };
      const onTheWay = opensdgAssessment(series({ ...ceiling, currentValue: 95 }));
      expect(onTheWay.status).toBe('substantial_progress');
      expect(onTheWay.progressValue).toBeCloseTo(1.542416, 5);
      expect(onTheWay.score).toBe(5);
      expect(opensdgAssessment(series({ ...ceiling, currentValue: 100 })).status).toBe(
        'target_achieved',
      );
    });

    it('ignores a limit once there is a target', () => {
      expect(opensdgAssessment({ ...halving(85), limit: 0 })).toEqual(
        opensdgAssessment(halving(85)),
      );
    });

    it('takes custom ratio thresholds; the score keeps the published lines, as sdg-build does', () => {
      const result = opensdgAssessment({ ...halving(85), config: { ratioSubstantial: 0.7 } });
      expect(result.status).toBe('substantial_progress');
      expect(result.score).toBeCloseTo(0.772909, 5);
    });
  });

  describe('without a target: the table of "Indicators without quantitative targets"', () => {
    it('says "On track" for CAGR ≥ 1.5%: 100 → 110 in five years grows 1.92% a year', () => {
      const result = opensdgAssessment(series({ currentValue: 110 }));
      expect(result.status).toBe('substantial_progress');
      expect(result.progressValue).toBeCloseTo(0.019245, 5);
      expect(result.score).toBeCloseTo(4.622438, 5);
    });

    it('says "Progress made but acceleration needed" for 0.5% ≤ CAGR < 1.5%: 100 → 105', () => {
      const result = opensdgAssessment(series({ currentValue: 105 }));
      expect(result.status).toBe('moderate_progress');
      expect(result.progressValue).toBeCloseTo(0.009806, 5);
      expect(result.score).toBeCloseTo(1.201449, 5);
    });

    it('says "Limited progress" for 0% ≤ CAGR < 0.5%: 100 → 101', () => {
      const result = opensdgAssessment(series({ currentValue: 101 }));
      expect(result.status).toBe('limited_progress');
      expect(result.progressValue).toBeCloseTo(0.001992, 5);
      expect(result.score).toBeCloseTo(-1.503976, 5);
    });

    it('says "Deterioration" for CAGR < 0%: 100 → 99', () => {
      const result = opensdgAssessment(series({ currentValue: 99 }));
      expect(result.status).toBe('deterioration');
      expect(result.progressValue).toBeCloseTo(-0.002008, 5);
      expect(result.score).toBeCloseTo(-2.751006, 5);
    });

    it('turns the growth round for a decrease (d = −1): 100 → 95 shrinks 1.02% a year', () => {
      const result = opensdgAssessment(series({ direction: 'decrease', currentValue: 95 }));
      expect(result.status).toBe('moderate_progress');
      expect(result.progressValue).toBeCloseTo(0.010206, 5);
    });

    it('scores the CAGR on Figure 1: −5 at −2%, −2.5 at 0%, 0 at 0.5%, 2.5 at 1.5%, 5 at 2%', () => {
      expect(opensdgAssessment(growthOf(-0.03)).score).toBe(-5);
      expect(opensdgAssessment(growthOf(-0.02)).score).toBeCloseTo(-5, 10);
      expect(opensdgAssessment(growthOf(-0.01)).score).toBeCloseTo(-3.75, 10);
      expect(opensdgAssessment(growthOf(0)).score).toBeCloseTo(-2.5, 10);
      expect(opensdgAssessment(growthOf(0.005)).score).toBeCloseTo(0, 10);
      expect(opensdgAssessment(growthOf(0.01)).score).toBeCloseTo(1.25, 10);
      expect(opensdgAssessment(growthOf(0.015)).score).toBeCloseTo(2.5, 10);
      expect(opensdgAssessment(growthOf(0.02)).score).toBeCloseTo(5, 10);
      expect(opensdgAssessment(growthOf(0.03)).score).toBe(5);
    });

    it('scales the positive thresholds and Figure 1 by C near a natural limit, not the negative side', () => {
      const limit = 110;
      const c = opensdgLimitCoefficient(100, limit);
      expect(c).toBeCloseTo(0.345037, 5);
      expect(opensdgAssessment(growthOf(0.005 * c, { limit })).score).toBeCloseTo(0, 10);
      expect(opensdgAssessment(growthOf(0.015 * c, { limit })).score).toBeCloseTo(2.5, 10);
      expect(opensdgAssessment(growthOf(0.02 * c, { limit })).score).toBeCloseTo(5, 10);
      expect(opensdgAssessment(growthOf(0.0151 * c, { limit })).status).toBe(
        'substantial_progress',
      );
      expect(opensdgAssessment(growthOf(0.0149 * c, { limit })).status).toBe('moderate_progress');
      expect(opensdgAssessment(growthOf(-0.02, { limit })).score).toBeCloseTo(-5, 10);
      expect(opensdgAssessment(growthOf(-0.01, { limit })).score).toBeCloseTo(-3.75, 10);
    });

    it('rates GIF 9.c.1-style coverage near its 100% ceiling: 95 → 96 is moderate with the limit', () => {
      const near = series({ baseValue: 95, currentValue: 96 });
      const withLimit = opensdgAssessment({ ...near, limit: 100 });
      expect(withLimit.status).toBe('moderate_progress');
      expect(withLimit.progressValue).toBeCloseTo(0.002096, 5);
      expect(withLimit.score).toBeCloseTo(1.323341, 5);
      const withoutLimit = opensdgAssessment(near);
      expect(withoutLimit.status).toBe('limited_progress');
      expect(withoutLimit.score).toBeCloseTo(-1.451773, 5);
    });

    it('scales near a minimum limit for a decrease: 12 → 11.5 above a floor of 10', () => {
      const result = opensdgAssessment(
        series({ direction: 'decrease', baseValue: 12, currentValue: 11.5, limit: 10 }),
      );
      expect(result.status).toBe('moderate_progress');
      expect(result.progressValue).toBeCloseTo(0.008476, 5);
      expect(result.score).toBeCloseTo(2.120342, 5);
    });

    it('scales custom growth thresholds by C as well', () => {
      const config = { growthSubstantial: 0.03 };
      expect(opensdgAssessment(growthOf(0.02, { config })).status).toBe('moderate_progress');
      const c = opensdgLimitCoefficient(100, 110);
      expect(opensdgAssessment(growthOf(0.02 * c, { config, limit: 110 })).status).toBe(
        'moderate_progress',
      );
      expect(opensdgAssessment(growthOf(0.031 * c, { config, limit: 110 })).status).toBe(
        'substantial_progress',
      );
    });
  });

  describe('"Considerations and Exceptions"', () => {
    it('replaces a target of zero by 0.001: 10 → 8 towards 0 has R = 9.5%', () => {
      const toZero = series({ direction: 'decrease', baseValue: 10, currentValue: 8, target: 0 });
      const result = opensdgAssessment(toZero);
      expect(result.status).toBe('limited_progress');
      expect(result.progressValue).toBeCloseTo(0.095128, 5);
      expect(result.score).toBeCloseTo(-2.103634, 5);
      // "a target of zero could be replaced by a suitably small number like 1 or 0.001"
      const replacedByOne = opensdgAssessment({ ...toZero, config: { zeroReplacement: 1 } });
      expect(replacedByOne.progressValue).toBeCloseTo(0.30672, 5);
    });

    it('counts a zero target as achieved at or below the replacement, as sdg-build does', () => {
      const toZero = series({ direction: 'decrease', baseValue: 10, target: 0 });
      expect(opensdgAssessment({ ...toZero, currentValue: 0 }).status).toBe('target_achieved');
      expect(opensdgAssessment({ ...toZero, currentValue: 0.0005 }).status).toBe('target_achieved');
      expect(opensdgAssessment({ ...toZero, currentValue: 0.0011 }).status).toBe(
        'substantial_progress',
      );
    });

    it('replaces a base value of zero by 0.001: 0 → 5 grows without bound, On track', () => {
      const result = opensdgAssessment(series({ baseValue: 0, currentValue: 5 }));
      expect(result.status).toBe('substantial_progress');
      expect(result.progressValue).toBeCloseTo(4.492803, 5);
      expect(result.score).toBe(5);
    });

    it('at the limit (C = 0) scores a maintained or exceeded value On track +5, a decline as usual', () => {
      const atLimit = series({ baseValue: 100, limit: 100 });
      expect(opensdgLimitCoefficient(100, 100)).toBe(0);
      expect(opensdgAssessment({ ...atLimit, currentValue: 100 })).toEqual({
        status: 'substantial_progress',
        progressValue: 0,
        score: 5,
      });
      expect(opensdgAssessment({ ...atLimit, currentValue: 101 }).score).toBe(5);
      const declined = opensdgAssessment({ ...atLimit, currentValue: 99 });
      expect(declined.status).toBe('deterioration');
      expect(declined.score).toBeCloseTo(-2.751006, 5);
    });

    it('needs at least two years of data: a single data point is not_available', () => {
      expect(opensdgAssessment(series({ currentYear: 2015, currentValue: 120 }))).toEqual({
        status: 'not_available',
        progressValue: null,
        score: null,
      });
      expect(opensdgAssessment(series({ currentYear: 2014 })).status).toBe('not_available');
    });

    it('needs values of one sign: 5 → −1 is not_available', () => {
      expect(opensdgAssessment(series({ baseValue: 5, currentValue: -1 }))).toEqual({
        status: 'not_available',
        progressValue: null,
        score: null,
      });
      expect(opensdgAssessment(series({ baseValue: -5, currentValue: 1 })).status).toBe(
        'not_available',
      );
    });

    it('checks target_achieved before the data requirements', () => {
      expect(
        opensdgAssessment(
          series({ direction: 'decrease', currentYear: 2015, currentValue: 40, target: 50 }),
        ),
      ).toEqual({ status: 'target_achieved', progressValue: null, score: 5 });
      expect(
        opensdgAssessment(
          series({ direction: 'decrease', baseValue: 5, currentValue: -1, target: 0 }),
        ),
      ).toEqual({ status: 'target_achieved', progressValue: null, score: 5 });
    });

    it('flips the direction when all values are negative: −10 → −8 is an increase On track', () => {
      const result = opensdgAssessment(series({ baseValue: -10, currentValue: -8 }));
      expect(result.status).toBe('substantial_progress');
      expect(result.progressValue).toBeCloseTo(0.043648, 5);
      expect(result.score).toBe(5);
      const towardsTarget = opensdgAssessment(
        series({ baseValue: -10, currentValue: -8, target: -2 }),
      );
      expect(towardsTarget.progressValue).toBeGreaterThan(0);
    });

    it('returns not_available where the published formulas are undefined', () => {
      // CAGR_T = 0: the target equals the base value.
      expect(opensdgAssessment(series({ target: 100, currentValue: 95 })).status).toBe(
        'not_available',
      );
      // CAGR_T has no real value: a target of the other sign (a zero target becomes +0.001).
      expect(
        opensdgAssessment(series({ baseValue: -10, currentValue: -8, target: 0 })).status,
      ).toBe('not_available');
      // CAGR_T needs a target year after the base year.
      expect(
        opensdgAssessment(
          series({ baseYear: 2031, currentYear: 2033, currentValue: 110, target: 200 }),
        ).status,
      ).toBe('not_available');
    });
  });

  it('agrees with itself: the score band of one series is its category (published score table)', () => {
    const band = (score: number | null) =>
      opensdgAggregate({ scores: score === null ? [] : [score], allTargetsAchieved: false }).status;
    for (let r = -0.83; r < 1.6; r += 0.02) {
      const result = opensdgAssessment(ratioOf(r));
      expect(band(result.score)).toBe(result.status);
    }
    for (let g = -0.0293; g < 0.03; g += 0.001) {
      const result = opensdgAssessment(growthOf(g));
      expect(band(result.score)).toBe(result.status);
    }
  });

  it('rejects numbers that are not finite and thresholds out of order', () => {
    expect(() => opensdgAssessment(series({ currentValue: Number.NaN }))).toThrow(RangeError);
    expect(() => opensdgAssessment(series({ target: Number.POSITIVE_INFINITY }))).toThrow(
      RangeError,
    );
    expect(() => opensdgAssessment(series({ config: { ratioModerate: 0.99 } }))).toThrow(
      RangeError,
    );
    expect(() => opensdgAssessment(series({ config: { zeroReplacement: 0 } }))).toThrow(RangeError);
  });

  it('publishes the default thresholds of the methodology', () => {
    expect(OPENSDG_DEFAULT_CONFIG).toEqual({
      ratioSubstantial: 0.95,
      ratioModerate: 0.6,
      ratioLimited: 0,
      growthSubstantial: 0.015,
      growthModerate: 0.005,
      growthLimited: 0,
      zeroReplacement: 0.001,
    });
  });
});

describe(opensdgLimitCoefficient.name, () => {
  it('is 0 at the limit, near 1 far from it, and between 0 and 1', () => {
    expect(opensdgLimitCoefficient(100, 100)).toBe(0);
    expect(opensdgLimitCoefficient(95, 100)).toBeCloseTo(0.20367, 5);
    expect(opensdgLimitCoefficient(10, 100)).toBeCloseTo(1, 4);
    expect(opensdgLimitCoefficient(200, 100)).toBe(1);
    expect(opensdgLimitCoefficient(350, 100)).toBe(1);
  });

  it('is identical at equal relative distances from a maximum or a minimum limit', () => {
    expect(opensdgLimitCoefficient(90, 100)).toBeCloseTo(0.373622, 5);
    expect(opensdgLimitCoefficient(110, 100)).toBeCloseTo(opensdgLimitCoefficient(90, 100), 12);
  });

  it('works on magnitudes, and keeps full thresholds for a zero base at a zero limit', () => {
    expect(opensdgLimitCoefficient(-95, -100)).toBe(opensdgLimitCoefficient(95, 100));
    expect(opensdgLimitCoefficient(0, 0)).toBe(1);
    expect(opensdgLimitCoefficient(0, 100)).toBe(1);
  });
});

describe(opensdgAggregate.name, () => {
  it('reports an overall score of +1 as "Progress made but acceleration needed" (the methodology)', () => {
    expect(opensdgAggregate({ scores: [5, -3], allTargetsAchieved: false })).toEqual({
      status: 'moderate_progress',
      score: 1,
    });
  });

  it('bands the mean score: [2.5, 5], [0, 2.5[, [−2.5, 0[, [−5, −2.5[', () => {
    const status = (score: number) =>
      opensdgAggregate({ scores: [score], allTargetsAchieved: false }).status;
    expect(status(5)).toBe('substantial_progress');
    expect(status(2.5)).toBe('substantial_progress');
    expect(status(2.49)).toBe('moderate_progress');
    expect(status(0)).toBe('moderate_progress');
    expect(status(-0.01)).toBe('limited_progress');
    expect(status(-2.5)).toBe('limited_progress');
    expect(status(-2.51)).toBe('deterioration');
    expect(status(-5)).toBe('deterioration');
  });

  it('says target_achieved only when every series achieved its target', () => {
    // "Any series that achieves its target is automatically assigned a progress score of +5. However,
    // all series must achieve the target for the aggregate progress status to be 'Target achieved'."
    expect(opensdgAggregate({ scores: [5, 5, 3.5], allTargetsAchieved: false })).toEqual({
      status: 'substantial_progress',
      score: 4.5,
    });
    expect(opensdgAggregate({ scores: [5, 5], allTargetsAchieved: true })).toEqual({
      status: 'target_achieved',
      score: 5,
    });
  });

  it('weights sub-indicators equally when a group is aggregated first ("Sub-indicator grouping")', () => {
    // Like GIF 1.4.1: basic education is one sub-indicator made of several series.
    const education = opensdgAggregate({ scores: [-4, -5, -3], allTargetsAchieved: false });
    expect(education.score).toBe(-4);
    const grouped = opensdgAggregate({ scores: [4, education.score!], allTargetsAchieved: false });
    expect(grouped).toEqual({ status: 'moderate_progress', score: 0 });
    const flat = opensdgAggregate({ scores: [4, -4, -5, -3], allTargetsAchieved: false });
    expect(flat).toEqual({ status: 'limited_progress', score: -2 });
  });

  it('aggregates the scores of assessed series and leaves out those not available', () => {
    const assessed = [
      halving(50),
      halving(85),
      series({ currentValue: 99 }),
      series({ currentYear: 2015 }),
    ]
      .map((input) => opensdgAssessment(input))
      .filter((result) => result.score !== null);
    const result = opensdgAggregate({
      scores: assessed.map((one) => one.score!),
      allTargetsAchieved: assessed.every((one) => one.status === 'target_achieved'),
    });
    expect(result.status).toBe('moderate_progress');
    expect(result.score).toBeCloseTo((5 + 0.772909 - 2.751007) / 3, 5);
  });

  it('has nothing to say without scores, and rejects scores outside −5…5', () => {
    expect(opensdgAggregate({ scores: [], allTargetsAchieved: false })).toEqual({
      status: 'not_available',
      score: null,
    });
    expect(() => opensdgAggregate({ scores: [5.5], allTargetsAchieved: false })).toThrow(
      RangeError,
    );
    expect(() => opensdgAggregate({ scores: [Number.NaN], allTargetsAchieved: false })).toThrow(
      RangeError,
    );
  });
});
