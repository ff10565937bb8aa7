import { Inject, Injectable } from '@nestjs/common';
import type { ReportingSheet, RevisionOut, Series, SeriesPointOut } from '@zhibiao/contracts';
import {
  approvalState,
  deriveRegion,
  endOfBusinessDay,
  groupFigures,
  monthsPerPeriod,
  periodClosesOn,
  periodState,
  previousPeriod,
  PROVINCE_REGION_CODE,
  regionPoints,
  type IndicatorFacts,
  type IsoDate,
  type Period,
} from '@zhibiao/core';
import { Clock } from '../common/clock.js';
import { ApprovalLocksService } from '../reporting/approval/approval-locks.service.js';
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

/** Reads of the figures: series as known on any day, a figure's revisions, a department's sheet. */
@Injectable()
export class SeriesService {
  constructor(
    private readonly database: Database,
    private readonly repository: MeasurementRepository,
    private readonly reporting: ReportingRepository,
    private readonly approvals: ApprovalLocksService,
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
    const summed = region === facts.province;
    // The figures that count (a unit's figures under approval once approved), as progress reads them.
    const rows = await this.repository.inForce(this.database.db, [facts.code], {
      counted: true,
      ...(summed ? {} : { region }),
      ...(query.asOf ? { before: endOfBusinessDay(query.asOf) } : {}),
    });
    const byRegion = groupFigures(rows).get(facts.code) ?? new Map<string, Measurement[]>();
    const { points: all, cities } = regionPoints(facts, region, byRegion);
    const points: SeriesPointOut[] = all
      .filter((p) => !((query.from && p.period < query.from) || (query.to && p.period > query.to)))
      .map((p) => ({ ...p, recordedAt: new Date(p.recordedAt).toISOString() }));
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
   * The revisions in force of the indicators named that count, every region: the latest recorded
   * before `before` when given (progress reads what was known at the end of its day); of a period
   * under approval, a unit's figures once approved.
   */
  figuresInForce(
    codes: readonly string[],
    options: { before?: Date } = {},
  ): Promise<Measurement[]> {
    return this.repository.inForce(this.database.db, codes, { ...options, counted: true });
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

  /**
   * The rows a department reports for a period, with what is in force for each (every revision: the
   * unit sees its own figures, approved or not), and where each plan under approval stands.
   */
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
      const derived = deriveRegion(series.get(a.indicator_code)?.get(a.region_code) ?? [], months);
      const current = derived.figures.get(period);
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
    const plans = [
      ...new Set(
        rows.map((row) => facts.get(row.indicator)?.plan.code).filter((p) => p !== undefined),
      ),
    ];
    const approval = (await this.approvals.unitPeriods(department, plans, period)).map((unit) => ({
      plan: unit.plan,
      state: approvalState(unit),
      lastApprovedAt: unit.lastApprovedAt?.toISOString() ?? null,
      returnComment: unit.lastEvent?.action === 'returned' ? unit.lastEvent.comment : null,
    }));
    return { department: { code: department, name }, period, rows, approval };
  }
}
