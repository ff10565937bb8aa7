import { Inject, Injectable } from '@nestjs/common';
import type { ReportingSheet, RevisionOut, Series, SeriesPointOut } from '@zhibiao/contracts';
import {
  deriveSeries,
  endOfBusinessDay,
  monthsPerPeriod,
  periodClosesOn,
  periodState,
  previousPeriod,
  PROVINCE_REGION_CODE,
  revisionsAsOf,
  type IndicatorFacts,
  type IsoDate,
  type Period,
  type SeriesPoint,
} from '@zhibiao/core';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import type { Measurement } from './measurement.js';
import { MeasurementRepository } from './measurement.repository.js';
import { ReportingRepository } from './reporting.repository.js';

interface SeriesQuery {
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  asOf?: IsoDate | undefined;
}

export interface DerivedRegion {
  points: Map<Period, SeriesPoint>;
  rows: Map<Period, Measurement>;
}

/** One region's figures in force as both forms of a series, by period. */
export function derive(rows: readonly Measurement[], months: number): DerivedRegion {
  const byId = new Map(rows.map((r) => [r.period, r]));
  const points = deriveSeries(revisionsAsOf(rows), months);
  return { points: new Map(points.map((p) => [p.period, p])), rows: byId };
}

export function reportedPoint(point: SeriesPoint, row: Measurement): SeriesPointOut {
  return {
    period: point.period,
    value: point.reported.value,
    valueType: point.reported.valueType,
    cumulative: point.cumulative,
    increment: point.increment,
    numerator: row.numerator,
    denominator: row.denominator,
    late: row.late,
    submissionId: row.submissionId,
    recordedAt: new Date(row.recordedAt).toISOString(),
    source: 'reported',
    regionsReported: null,
  };
}

/** The province of a city breakdown for a period no one reported for the province: the cities' sum. */
export function citySum(
  period: Period,
  kind: IndicatorFacts['kind'],
  cities: readonly DerivedRegion[],
): SeriesPointOut | null {
  const present = cities
    .map((c) => ({ point: c.points.get(period), row: c.rows.get(period) }))
    .filter((c): c is { point: SeriesPoint; row: Measurement } => !!c.point && !!c.row);
  if (present.length === 0) return null;
  const sum = (pick: (c: (typeof present)[number]) => number | null): number | null => {
    let total = 0;
    for (const c of present) {
      const x = pick(c);
      if (x === null) return null;
      total += x;
    }
    return total;
  };
  const recordedAt = new Date(Math.max(...present.map((c) => c.row.recordedAt)));
  const base = {
    period,
    late: present.some((c) => c.row.late),
    submissionId: null,
    recordedAt: recordedAt.toISOString(),
    source: 'cities' as const,
    regionsReported: present.length,
  };
  if (kind === 'cumulative') {
    const cumulative = sum((c) => c.point.cumulative);
    return {
      ...base,
      value: cumulative,
      valueType: 'cumulative',
      cumulative,
      increment: sum((c) => c.point.increment),
      numerator: null,
      denominator: null,
    };
  }
  const numerator = sum((c) => c.row.numerator);
  const denominator = sum((c) => c.row.denominator);
  const value =
    kind === 'ratio'
      ? numerator !== null && denominator
        ? Number(((100 * numerator) / denominator).toFixed(6))
        : null
      : sum((c) => c.point.reported.value);
  return {
    ...base,
    value,
    valueType: 'level',
    cumulative: null,
    increment: null,
    numerator,
    denominator,
  };
}

/**
 * A region's series from the figures in force, grouped by region: its own figure for each period, else
 * (for the province of a city breakdown) the cities' sum. `cities` is how many cities are summed
 * (null: not summed), so a caller can tell a partial sum.
 */
export function regionPoints(
  facts: { kind: IndicatorFacts['kind']; regions: readonly string[]; months: number },
  region: string,
  byRegion: ReadonlyMap<string, readonly Measurement[]>,
): { points: SeriesPointOut[]; cities: number | null } {
  const own = derive(byRegion.get(region) ?? [], facts.months);
  const summed = region === PROVINCE_REGION_CODE && facts.regions.length > 1;
  const cities = summed
    ? facts.regions
        .filter((r) => r !== region)
        .map((r) => derive(byRegion.get(r) ?? [], facts.months))
    : [];
  const periods = new Set<Period>(own.points.keys());
  for (const city of cities) for (const p of city.points.keys()) periods.add(p);
  const points: SeriesPointOut[] = [];
  for (const period of [...periods].sort()) {
    const point = own.points.get(period);
    const row = own.rows.get(period);
    const out = point && row ? reportedPoint(point, row) : citySum(period, facts.kind, cities);
    if (out) points.push(out);
  }
  return { points, cities: summed ? cities.length : null };
}

/** Figures grouped by indicator, then by region. */
export function groupFigures(
  rows: readonly Measurement[],
): Map<string, Map<string, Measurement[]>> {
  const byIndicator = new Map<string, Map<string, Measurement[]>>();
  for (const row of rows) {
    let regions = byIndicator.get(row.indicator);
    if (!regions) byIndicator.set(row.indicator, (regions = new Map<string, Measurement[]>()));
    let list = regions.get(row.region);
    if (!list) regions.set(row.region, (list = []));
    list.push(row);
  }
  return byIndicator;
}

/** Reads of the figures: series as known on any day, a figure's revisions, a department's sheet. */
@Injectable()
export class SeriesService {
  constructor(
    private readonly database: Database,
    private readonly repository: MeasurementRepository,
    private readonly reporting: ReportingRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async facts(code: string): Promise<IndicatorFacts> {
    const [facts] = await this.repository.indicatorFacts(this.database.db, [code.toUpperCase()]);
    if (!facts) throw new DomainError('indicator_not_found', { code });
    return facts;
  }

  async series(code: string, query: SeriesQuery): Promise<Series> {
    const facts = await this.facts(code);
    const region = query.region ?? PROVINCE_REGION_CODE;
    if (!facts.regions.includes(region)) {
      assertNoProblems([
        { path: 'region', key: 'region_not_broken_down', values: { code: region } },
      ]);
    }
    const months = monthsPerPeriod(facts.frequency);
    const summed = region === facts.province;
    const rows = await this.repository.inForce(this.database.db, [facts.code], {
      ...(summed ? {} : { region }),
      ...(query.asOf ? { before: endOfBusinessDay(query.asOf) } : {}),
    });
    const byRegion = groupFigures(rows).get(facts.code) ?? new Map<string, Measurement[]>();
    const { points: all, cities } = regionPoints(
      { kind: facts.kind, regions: facts.regions, months },
      region,
      byRegion,
    );
    const points = all.filter(
      (p) => !((query.from && p.period < query.from) || (query.to && p.period > query.to)),
    );
    return {
      indicator: facts.code,
      region,
      unit: facts.unit,
      kind: facts.kind,
      frequency: facts.frequency,
      asOf: query.asOf ?? null,
      regionsExpected: cities,
      points,
    };
  }

  /**
   * The revisions in force of the indicators named, every region: the latest recorded before
   * `before` when given (progress reads what was known at the end of its day).
   */
  figuresInForce(
    codes: readonly string[],
    options: { before?: Date } = {},
  ): Promise<Measurement[]> {
    return this.repository.inForce(this.database.db, codes, options);
  }

  async history(indicator: string, region: string, period: string): Promise<RevisionOut[]> {
    const rows = await this.repository.history(indicator.toUpperCase(), region, period);
    return rows.map((row, index) => ({
      id: row.id,
      period: row.period,
      value: row.value,
      valueType: row.valueType,
      numerator: row.numerator,
      denominator: row.denominator,
      note: row.note,
      late: row.late,
      recordedAt: new Date(row.recordedAt).toISOString(),
      submissionId: row.submissionId,
      source: row.source,
      actor: row.actor,
      department: row.department,
      current: index === rows.length - 1,
    }));
  }

  /** The rows a department reports for a period, with what is in force for each. */
  async sheet(department: string, period: Period): Promise<ReportingSheet> {
    const name = await this.reporting.departmentName(department);
    if (name === undefined) throw new DomainError('unknown_department', { code: department });
    const assigned = await this.reporting.assignedRows(department);
    const today = this.clock.today();
    const grace = this.config.reportGraceDays;
    const rows: ReportingSheet['rows'] = [];
    const codes = [...new Set(assigned.map((a) => a.indicator_code))];
    const facts = new Map(
      (await this.repository.indicatorFacts(this.database.db, codes)).map((f) => [f.code, f]),
    );
    const inForce = await this.repository.inForce(this.database.db, codes);
    const series = groupFigures(inForce);
    for (const a of assigned) {
      const f = facts.get(a.indicator_code);
      if (!f || f.plan.status !== 'published') continue;
      if (period < f.plan.firstPeriod || period > f.plan.lastPeriod) continue;
      const months = monthsPerPeriod(f.frequency);
      if (Number(period.slice(5, 7)) % months !== 0) continue;
      const derived = derive(series.get(a.indicator_code)?.get(a.region_code) ?? [], months);
      const current = derived.rows.get(period);
      const firstOfYear = Number(period.slice(5, 7)) <= months;
      const before = firstOfYear ? null : derived.points.get(previousPeriod(period, months));
      rows.push({
        indicator: a.indicator_code,
        indicatorName: a.indicator_name,
        unit: f.unit,
        kind: f.kind,
        frequency: f.frequency,
        region: a.region_code,
        regionName: a.region_name,
        period,
        state: periodState(period, today, f.dueDay, grace),
        closesOn: periodClosesOn(period, f.dueDay, grace),
        current: current
          ? {
              value: current.value,
              valueType: current.valueType,
              numerator: current.numerator,
              denominator: current.denominator,
              note: current.note,
              recordedAt: new Date(current.recordedAt).toISOString(),
            }
          : null,
        previousCumulative:
          f.kind !== 'cumulative' ? null : firstOfYear ? 0 : (before?.cumulative ?? null),
        numeratorLabel: a.numerator_label,
        denominatorLabel: a.denominator_label,
      });
    }
    return { department: { code: department, name }, period, rows };
  }
}
