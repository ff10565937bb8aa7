import { Inject, Injectable } from '@nestjs/common';
import {
  type CityProgress,
  type MilestoneProgress,
  type PlanProgress,
  type ProgressOut,
} from '@zhibiao/contracts';
import {
  compositeScore,
  computeProgress,
  lightOf,
  milestoneLight,
  worstLight,
  milestoneState,
  doneOnAsOf,
  endOfBusinessDay,
  groupFigures,
  PROGRESS_STATUSES,
  PROVINCE_REGION_CODE,
  regionValues,
  type ProgressStatus,
  type Target,
} from '@zhibiao/core';
import { DefaultAsOfService } from '../catalog/default-as-of.service.js';
import type { Indicator } from '../catalog/indicator.js';
import { IndicatorService } from '../catalog/indicator.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Measurement } from '../measurements/measurement.js';
import { SeriesService } from '../measurements/series.service.js';
import { ProgressRepository, type Group } from './progress.repository.js';

type StatusCounts = Record<ProgressStatus, number>;

/** One region's progress and the series it was computed from. */
export interface RegionProgress {
  progress: ProgressOut;
  points: { period: string; value: number }[];
  /** The periods the region has a figure of its own for (not a sum of its cities). */
  reported: string[];
}

/** Everything known about a plan's targets and milestones on a day: what alerts are evaluated on. */
export interface PlanSnapshot {
  plan: string;
  asOf: string;
  indicators: readonly Indicator[];
  /** By indicator code: the province first, then each city it is broken down by. */
  regions: ReadonlyMap<string, RegionProgress[]>;
  milestones: MilestoneProgress[];
}

function countStatuses(items: readonly { status: ProgressStatus }[]): StatusCounts {
  const counts = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const item of items) counts[item.status] += 1;
  return counts;
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

function countMilestones(
  milestones: readonly MilestoneProgress[],
): PlanProgress['sections'][number]['milestones'] {
  const counts = { pending: 0, done: 0, late: 0 };
  for (const m of milestones) counts[m.status] += 1;
  return counts;
}

/**
 * Each city's composite: the mean pace ratio of the targets it has, each capped at 1 (ahead on one
 * target does not make up for another), lit by its worst target; furthest behind first.
 */
function cityComposites(
  progress: readonly ProgressOut[],
  names: ReadonlyMap<string, string>,
): CityProgress[] {
  const byCity = new Map<string, ProgressOut[]>();
  for (const p of progress) {
    if (p.target === null) continue;
    let list = byCity.get(p.region);
    if (!list) byCity.set(p.region, (list = []));
    list.push(p);
  }
  return [...byCity]
    .map(([region, list]) => ({
      region,
      name: names.get(region) ?? region,
      paceRatio: mean(list.map((p) => p.paceRatio)),
      composite: compositeScore(
        list.map((p) => p.paceRatio),
        [],
      ),
      light: worstLight(list.map((p) => lightOf(p.status))),
      targets: list.length,
      counts: countStatuses(list),
    }))
    .sort(
      (a, b) =>
        (a.composite ?? Infinity) - (b.composite ?? Infinity) || a.region.localeCompare(b.region),
    );
}

/** Progress of targets as of a day, from the catalogue, the targets in force and the figures known. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly indicators: IndicatorService,
    private readonly figures: SeriesService,
    private readonly defaultAsOf: DefaultAsOfService,
    private readonly repository: ProgressRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async asOfFor(plan: string, asOf: string | undefined): Promise<string> {
    return asOf ?? this.defaultAsOf.of({ plan });
  }

  /** Progress of each indicator for the regions asked, as of `asOf`. */
  private async compute(
    rows: readonly Indicator[],
    planStart: string,
    asOf: string,
    regionsOf: (indicator: Indicator) => readonly string[],
  ): Promise<Map<string, RegionProgress[]>> {
    const codes = rows.map((r) => r.code);
    const single = rows.length === 1 ? (rows[0]?.code ?? null) : null;
    const targets = await this.repository.targetsInForce(
      single ? null : (rows[0]?.plan ?? null),
      single,
      asOf,
    );
    const figures = await this.figures.figuresInForce(codes, { before: endOfBusinessDay(asOf) });
    const plans = await this.repository.monthlyPlans(codes, endOfBusinessDay(asOf));
    const byIndicator = groupFigures(figures);
    const result = new Map<string, RegionProgress[]>();
    for (const indicator of rows) {
      const byRegion = byIndicator.get(indicator.code) ?? new Map<string, Measurement[]>();
      const province = targets.get(`${indicator.code} ${PROVINCE_REGION_CODE}`) ?? null;
      result.set(
        indicator.code,
        regionsOf(indicator).map((region) => {
          const own = targets.get(`${indicator.code} ${region}`) ?? null;
          // A rate's target holds in every city; a count's province total is no city's target.
          const target = own ?? (indicator.kind === 'cumulative' ? null : province);
          const points = regionValues(indicator, region, byRegion);
          const plan = plans.get(`${indicator.code} ${region}`);
          return {
            progress: this.one(indicator, region, target, planStart, asOf, points, plan),
            points,
            reported: (byRegion.get(region) ?? []).map((r) => r.period),
          };
        }),
      );
    }
    return result;
  }

  private one(
    indicator: Indicator,
    region: string,
    target: Target | null,
    planStart: string,
    asOf: string,
    points: { period: string; value: number }[],
    plan: ReadonlyMap<string, number> | undefined,
  ): ProgressOut {
    const baseline = region === PROVINCE_REGION_CODE ? indicator.baseline : null;
    const progress = computeProgress({
      asOf,
      kind: indicator.kind,
      direction: indicator.direction,
      frequency: indicator.frequency,
      dueDay: indicator.dueDay,
      graceDays: this.config.reportGraceDays,
      baseline,
      planStart,
      deadline: indicator.deadline,
      // Without a target, the figures are still shown; pace and projection need one.
      target: target ?? { comparator: '>=', value: Number.NaN },
      points: target ? points : [],
      unit: indicator.unit,
      ...(plan ? { plan } : {}),
      ...(indicator.thresholds ? { thresholds: indicator.thresholds } : {}),
    });
    const latest = points.at(-1);
    return {
      indicator: indicator.code,
      region,
      planCurve: plan ? 'monthly' : 'line',
      ...progress,
      ...(target
        ? {}
        : {
            actual: latest?.value ?? null,
            actualPeriod: latest?.period ?? null,
            explanation: {
              zh: `该地区没有分解目标${latest ? `；截至${latest.period}为${latest.value}${indicator.unit}` : ''}。`,
              en: `No target for this region${latest ? `; ${latest.value} ${indicator.unit} by ${latest.period}` : ''}.`,
            },
          }),
      target: target,
    };
  }

  private async indicatorRow(code: string, asOf?: string): Promise<Indicator> {
    const row = await this.indicators.find(code.toUpperCase(), asOf ?? this.clock.today());
    if (!row) throw new DomainError('indicator_not_found', { code });
    return row;
  }

  private async planStart(plan: string): Promise<string> {
    const start = await this.repository.planStart(plan);
    if (!start) throw new DomainError('plan_not_found', { code: plan });
    return start;
  }

  async indicator(
    code: string,
    region: string | undefined,
    asOfParam?: string,
  ): Promise<ProgressOut> {
    const row = await this.indicatorRow(code);
    const wanted = region ?? PROVINCE_REGION_CODE;
    if (!row.regions.includes(wanted)) {
      assertNoProblems([
        { path: 'region', key: 'region_not_broken_down', values: { code: wanted } },
      ]);
    }
    const asOf = await this.asOfFor(row.plan, asOfParam);
    const result = await this.compute([row], await this.planStart(row.plan), asOf, () => [wanted]);
    return result.get(row.code)![0]!.progress;
  }

  async regions(code: string, asOfParam?: string): Promise<ProgressOut[]> {
    const row = await this.indicatorRow(code);
    const asOf = await this.asOfFor(row.plan, asOfParam);
    const result = await this.compute(
      [row],
      await this.planStart(row.plan),
      asOf,
      (i) => i.regions,
    );
    return (result.get(row.code) ?? []).map((r) => r.progress);
  }

  /** Every target for the province and each city it is broken down by, and the milestones, on a day. */
  async snapshot(code: string, asOf: string): Promise<PlanSnapshot> {
    const planStart = await this.planStart(code);
    const rows = await this.indicators.forPlan(code, asOf);
    const regions = await this.compute(rows, planStart, asOf, (i) => [
      PROVINCE_REGION_CODE,
      ...i.regions.filter((r) => r !== PROVINCE_REGION_CODE),
    ]);
    const milestones: MilestoneProgress[] = (await this.repository.milestones(code)).map((m) => ({
      code: m.code,
      name: m.name,
      section: m.section,
      task: m.task,
      deadline: m.deadline,
      ...milestoneState(
        { deadline: m.deadline, doneOn: doneOnAsOf(m.doneOn, m.confirmed, asOf) },
        asOf,
      ),
    }));
    return { plan: code, asOf, indicators: rows, regions, milestones };
  }

  async plan(code: string, asOfParam?: string): Promise<PlanProgress> {
    const asOf = await this.asOfFor(code, asOfParam);
    const { indicators: rows, regions: result, milestones } = await this.snapshot(code, asOf);
    const indicators = rows.map((r) => result.get(r.code)![0]!.progress);
    const group = (groups: readonly Group[], key: 'section' | 'task') =>
      groups.map((g) => {
        const members = rows.filter((r) => r[key] === g.code).map((r) => r.code);
        const progress = indicators.filter((p) => members.includes(p.indicator));
        const own = milestones.filter((m) => m[key] === g.code);
        return {
          code: g.code,
          title: g.title,
          indicators: members,
          paceRatio: mean(progress.map((p) => p.paceRatio)),
          probability: mean(progress.map((p) => p.probability)),
          counts: countStatuses(progress),
          milestones: countMilestones(own),
          composite: compositeScore(
            progress.map((p) => p.paceRatio),
            own.map((m) => m.status),
          ),
          light: worstLight([
            ...progress.map((p) => lightOf(p.status)),
            ...own.map((m) => milestoneLight(m.status)),
          ]),
        };
      });
    // By how far behind the plan curve, in percentage points, as the page shows it; then by the
    // probability of making it.
    const behind = indicators
      .filter((p) => p.status !== 'achieved' && p.schedulePoints !== null)
      .sort(
        (a, b) =>
          (a.schedulePoints ?? 0) - (b.schedulePoints ?? 0) ||
          (a.probability ?? 1) - (b.probability ?? 1),
      )
      .map((p) => p.indicator);
    return {
      plan: code,
      asOf,
      counts: countStatuses(indicators),
      indicators,
      sections: group(await this.repository.sections(code), 'section'),
      tasks: group(await this.repository.tasks(code), 'task'),
      milestones,
      cities: cityComposites(
        [...result.values()].flatMap((list) => list.slice(1).map((r) => r.progress)),
        await this.repository.regionNames(),
      ),
      furthestBehind: behind,
    };
  }
}
