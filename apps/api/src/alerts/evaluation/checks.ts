import {
  behindPace,
  dataAnomaly,
  milestoneLate,
  missingReport,
  projectionShortfall,
  PROVINCE_REGION_CODE,
  stalled,
  type AlertCondition,
  type AlertRuleKind,
  type AlertRuleParams,
  type IsoDate,
} from '@zhibiao/core';
import { departmentCodes, type Indicator } from '../../catalog/indicator.js';
import type { PlanSnapshot, RegionProgress } from '../../progress/progress.service.js';
import type { EffectiveRule } from '../rules/alert-rule.js';

/** One rule × subject × region, as one evaluation sees it. */
export interface Check {
  kind: AlertRuleKind;
  /** The indicator's or milestone's code. */
  subject: string;
  indicator: string | null;
  milestone: string | null;
  region: string;
  deadline: IsoDate;
  condition: AlertCondition;
  params: AlertRuleParams;
  enabled: boolean;
  /** Lead departments (silences and routing by department). */
  departments: readonly string[];
  section: string | null;
}

/** What the checks read beside the plan's snapshot. */
export interface CheckSources {
  /** How each kind applies to a subject (the indicator's own rule, else the default). */
  rule: (kind: AlertRuleKind, indicator: string | null) => EffectiveRule;
  /** The plan's first and last months. */
  span: { firstPeriod: string; lastPeriod: string };
  /** Each milestone's lead departments. */
  milestoneLeads: ReadonlyMap<string, readonly string[]>;
}

const notEvaluated = (): AlertCondition => ({
  holds: false,
  values: {},
  message: { zh: '', en: '' },
});

function changesOf(
  indicator: Indicator,
  points: RegionProgress['points'],
): { period: string; change: number; ytdDecrease: boolean }[] {
  return points.map((p, i) => {
    const before = points[i - 1];
    if (indicator.kind !== 'cumulative') {
      return { period: p.period, change: before ? p.value - before.value : 0, ytdDecrease: false };
    }
    // Year-to-date totals restart in January: the first month of a year is its own increment.
    const sameYear = before !== undefined && before.period.slice(0, 4) === p.period.slice(0, 4);
    const change = sameYear ? p.value - before.value : p.value;
    return { period: p.period, change, ytdDecrease: sameYear && change < 0 };
  });
}

/**
 * Every rule × subject × region of the plan with its condition on the day: the shortfall rules where
 * a region has a target, missing reports and anomalies where figures come from (the cities, where a
 * target is broken down: the province is their sum), and every milestone's lateness. A disabled
 * rule's condition is not evaluated.
 */
export function checksOf(snapshot: PlanSnapshot, sources: CheckSources): Check[] {
  const { asOf } = snapshot;
  const checks: Check[] = [];
  for (const indicator of snapshot.indicators) {
    const departments = departmentCodes(indicator, 'lead');
    const hasCities = indicator.regions.some((r) => r !== PROVINCE_REGION_CODE);
    for (const { progress, points, reported } of snapshot.regions.get(indicator.code) ?? []) {
      const facts = {
        status: progress.status,
        actual: progress.actual,
        actualPeriod: progress.actualPeriod,
        expected: progress.expected,
        paceRatio: progress.paceRatio,
        schedulePoints: progress.schedulePoints,
        probability: progress.probability,
        projection: progress.projection,
        target: progress.target,
        direction: indicator.direction,
        unit: indicator.unit,
        deadline: indicator.deadline,
      };
      const changes = changesOf(indicator, points);
      const conditions: [AlertRuleKind, (params: AlertRuleParams) => AlertCondition][] = [];
      if (progress.target) {
        conditions.push(
          ['projection_shortfall', (p) => projectionShortfall(facts, p.threshold)],
          ['behind_pace', (p) => behindPace(facts, p.threshold)],
          [
            'stalled',
            (p) =>
              stalled(changes, indicator.direction, p.threshold, progress.status, indicator.unit),
          ],
        );
      }
      // Figures come from the cities where a target is broken down: the province is their sum.
      const reports = hasCities ? progress.region !== PROVINCE_REGION_CODE : true;
      if (reports && indicator.regions.includes(progress.region)) {
        conditions.push(
          [
            'missing_report',
            (p) =>
              missingReport({
                asOf,
                frequency: indicator.frequency,
                dueDay: indicator.dueDay,
                days: p.threshold,
                firstPeriod: sources.span.firstPeriod,
                lastPeriod: sources.span.lastPeriod,
                reported: new Set(reported),
              }),
          ],
          ['data_anomaly', (p) => dataAnomaly(changes, p.threshold, indicator.unit)],
        );
      }
      for (const [kind, evaluate] of conditions) {
        const { params, enabled } = sources.rule(kind, indicator.code);
        checks.push({
          kind,
          subject: indicator.code,
          indicator: indicator.code,
          milestone: null,
          region: progress.region,
          deadline: indicator.deadline,
          condition: enabled ? evaluate(params) : notEvaluated(),
          params,
          enabled,
          departments,
          section: indicator.section,
        });
      }
    }
  }
  for (const milestone of snapshot.milestones) {
    const { params, enabled } = sources.rule('milestone_late', null);
    checks.push({
      kind: 'milestone_late',
      subject: milestone.code,
      indicator: null,
      milestone: milestone.code,
      region: PROVINCE_REGION_CODE,
      deadline: milestone.deadline,
      condition: milestoneLate(milestone, asOf),
      params,
      enabled,
      departments: sources.milestoneLeads.get(milestone.code) ?? [],
      section: milestone.section,
    });
  }
  return checks;
}
