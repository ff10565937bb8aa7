import { Inject, Injectable } from '@nestjs/common';
import type {
  ReportingHistory,
  ReportingStatusReport,
  ReportingStatusRow,
} from '@zhibiao/contracts';
import {
  approvalState,
  derivedReportState,
  endOfBusinessDay,
  expectsFigures,
  figureDueDays,
  historyMonths,
  reportDueDays,
  reportingRates,
  reportingStatus,
  statusCounts,
  submittedOnTime,
  underApproval,
  withinPlanPeriods,
  type ApprovalState,
  type IsoDate,
  type Period,
  type ReportingKind,
} from '@zhibiao/core';
import type { Principal } from '../../auth/principal.js';
import { Clock } from '../../common/clock.js';
import type { RouteIn } from '../../common/contract.js';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import {
  StatusRepository,
  figureKey,
  unitKey,
  type CodeName,
  type SourceFacts,
} from './status.repository.js';

export type StatusQueryIn = RouteIn<'getReportingStatus'>['query'];
export type HistoryQueryIn = RouteIn<'getReportingHistory'>['query'];

/** A row of the calendar with what the rates need beside it. */
interface CalendarRow extends ReportingStatusRow {
  period: Period;
  received: boolean;
  onTime: boolean;
}

interface RowFilter {
  plan?: string;
  department?: string;
  region?: string;
  kind?: ReportingKind;
}

/** Admins, analysts and leaders see every unit; anyone else (a reporter, a unit's key) their own. */
function seesEveryUnit(principal: Principal): boolean {
  return principal.roles.some((r) => r === 'admin' || r === 'analyst' || r === 'leader');
}

/**
 * The reporting calendar: for a period, every expected report (a unit's figures of an indicator for a
 * region, a lead unit's report on a measure), its due day and where it stands as of a day, with
 * DHIS2's completeness and timeliness; and a unit's year of it month by month.
 */
@Injectable()
export class StatusService {
  constructor(
    private readonly repository: StatusRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(principal: Principal, query: StatusQueryIn): Promise<ReportingStatusReport> {
    const department = this.visibleUnit(principal, query.department);
    await this.checkNames(query.plan, department);
    const asOf = query.asOf ?? this.clock.today();
    const filter: RowFilter = {
      plan: query.plan,
      department,
      region: query.region,
      kind: query.kind,
    };
    const sources = await this.repository.sources(department, endOfBusinessDay(asOf));
    const rows = await this.rows([query.period], filter, asOf, sources);
    return {
      period: query.period,
      asOf,
      plan: query.plan ?? null,
      rates: reportingRates(rows),
      counts: statusCounts(rows),
      byDepartment: groupRates(
        rows,
        (row) => row.department.code,
        (row) => row.department,
      )
        .sort((a, b) => a.key.localeCompare(b.key))
        .map(({ label, rates }) => ({ department: label, rates })),
      bySubject: groupRates(
        rows,
        (row) => `${row.kind}|${row.indicator?.code ?? row.measure?.code ?? ''}`,
        (row) => ({
          kind: row.kind,
          code: row.indicator?.code ?? row.measure?.code ?? '',
          name: row.indicator?.name ?? row.measure?.name ?? '',
        }),
      ).map(({ label, rates }) => ({ ...label, rates })),
      byRegion: groupRates(
        rows.filter((row) => row.region !== null),
        (row) => row.region?.code ?? '',
        (row) => row.region ?? { code: '', name: '' },
      )
        .sort((a, b) => a.key.localeCompare(b.key))
        .map(({ label, rates }) => ({ region: label, rates })),
      failingSources: sources
        .filter((source) => source.failing)
        .map((source) => ({
          id: source.id,
          name: source.name,
          department: source.department,
          consecutiveFailures: source.consecutiveFailures,
          lastError: source.lastError,
        })),
      rows: rows
        .filter((row) => !query.status || row.status === query.status)
        .map(({ period: _period, received: _received, onTime: _onTime, ...row }) => row),
    };
  }

  async history(principal: Principal, query: HistoryQueryIn): Promise<ReportingHistory> {
    const visible = this.visibleUnit(principal, query.department);
    const code = visible ?? principal.departmentCode;
    if (!code) throw new DomainError('department_required');
    const department = await this.checkNames(query.plan, code);
    const asOf = query.asOf ?? this.clock.today();
    const year = query.year ?? Number(asOf.slice(0, 4));
    const plans = await this.repository.plans(query.plan);
    const months = historyMonths(year, plans, asOf);
    // The history shows no sources: none are read.
    const rows = await this.rows(months, { plan: query.plan, department: code }, asOf, []);
    const byMonth = new Map<Period, CalendarRow[]>(months.map((month) => [month, []]));
    for (const row of rows) byMonth.get(row.period)?.push(row);
    return {
      department: department ?? { code, name: code },
      year,
      asOf,
      months: months.map((period) => {
        const of = byMonth.get(period) ?? [];
        return {
          period,
          rates: reportingRates(of),
          figures: reportingRates(of.filter((row) => row.kind === 'figure')),
          reports: reportingRates(of.filter((row) => row.kind === 'report')),
          counts: statusCounts(of),
        };
      }),
    };
  }

  /**
   * Every expected report of the periods with its period, as of the end of `asOf`, for the plan and
   * unit if named; no access check (the reminders' job and the bureau's reminder ask it).
   */
  expectedRows(query: {
    periods: readonly Period[];
    plan?: string;
    department?: string;
    asOf: IsoDate;
  }): Promise<(ReportingStatusRow & { period: Period })[]> {
    return this.rows(
      query.periods,
      { plan: query.plan, department: query.department },
      query.asOf,
      [],
    );
  }

  /**
   * The unit a caller may look at: a reporter (or a unit's key) their own, and naming another unit,
   * or having none, is refused; the bureau's staff whichever they name (undefined: all).
   */
  private visibleUnit(principal: Principal, requested: string | undefined): string | undefined {
    if (seesEveryUnit(principal)) return requested;
    const own = principal.departmentCode;
    if (!own || (requested !== undefined && requested !== own)) {
      throw new DomainError('reporting_other_department', { department: own ?? '—' });
    }
    return own;
  }

  /** Refuses an unknown plan or unit; answers the unit's name. */
  private async checkNames(
    plan: string | undefined,
    department: string | undefined,
  ): Promise<CodeName | null> {
    if (plan !== undefined && !(await this.repository.planExists(plan))) {
      throw new DomainError('plan_not_found', { code: plan });
    }
    if (department === undefined) return null;
    const found = await this.repository.department(department);
    if (!found) throw new DomainError('unknown_department', { code: department });
    return found;
  }

  /**
   * Every expected report of the periods as of the end of `asOf`, in plan order: figure rows (by
   * indicator, region, unit), then report rows (by measure, lead unit); period by period. `sources`:
   * the pull sources (as of the same day) that figure rows name.
   */
  private async rows(
    periods: readonly Period[],
    filter: RowFilter,
    asOf: IsoDate,
    sources: readonly SourceFacts[],
  ): Promise<CalendarRow[]> {
    const plans = (await this.repository.plans(filter.plan)).filter((plan) =>
      periods.some((period) => withinPlanPeriods(period, plan.first, plan.last)),
    );
    if (plans.length === 0 || periods.length === 0) return [];
    const codes = plans.map((plan) => plan.code);
    const planOf = new Map(plans.map((plan) => [plan.code, plan]));
    const known = endOfBusinessDay(asOf);
    const figures = filter.kind !== 'report';
    // A region narrows everything: reports on measures have none.
    const reports = filter.kind !== 'figure' && filter.region === undefined;
    const underAny = plans.some((plan) =>
      periods.some((period) => underApproval(plan.approvalFrom, period)),
    );
    const [assignments, received, unitRevisions, events, leads, reportsIn] = await Promise.all([
      figures ? this.repository.assignments(codes, filter) : [],
      figures
        ? this.repository.figureReceipts(codes, periods, known, filter.region)
        : new Map<string, never>(),
      figures && underAny
        ? this.repository.unitRevisions(codes, periods, known)
        : new Map<string, Date>(),
      figures && underAny
        ? this.repository.lastApprovalEvents(codes, periods, known)
        : new Map<string, never>(),
      reports ? this.repository.leads(codes, filter.department) : [],
      reports
        ? this.repository.reportReceipts(codes, periods, known, filter.department)
        : new Map<string, never>(),
    ]);
    const sourceOf = sourceIndex(sources);
    const grace = this.config.reportGraceDays;

    const rows: CalendarRow[] = [];
    for (const period of periods) {
      for (const a of assignments) {
        const plan = planOf.get(a.plan);
        if (!plan || !withinPlanPeriods(period, plan.first, plan.last)) continue;
        if (!expectsFigures(a.indicator.frequency, period)) continue;
        const { due, closesOn } = figureDueDays(period, a.indicator.dueDay, grace);
        const receipt = received.get(figureKey(a.indicator.code, a.region.code, period));
        const unit = unitKey(a.plan, a.department.code, period);
        const lastEvent = events.get(unit) ?? null;
        const approval: ApprovalState | null = underApproval(plan.approvalFrom, period)
          ? approvalState({ lastEvent, lastRevisionAt: unitRevisions.get(unit) ?? null })
          : null;
        const returned = approval === 'returned';
        const firstSubmittedAt = receipt?.firstAt ?? null;
        const source = sourceOf.get(`${a.department.code}|${a.indicator.code}`) ?? null;
        rows.push({
          period,
          plan: a.plan,
          department: a.department,
          kind: 'figure',
          indicator: {
            code: a.indicator.code,
            name: a.indicator.name,
            frequency: a.indicator.frequency,
          },
          measure: null,
          region: a.region,
          due,
          closesOn,
          status: reportingStatus({ returned, firstSubmittedAt, closesOn, asOf }),
          received: firstSubmittedAt !== null,
          onTime: submittedOnTime(firstSubmittedAt, closesOn),
          submittedAt: firstSubmittedAt?.toISOString() ?? null,
          lastRevisionAt: receipt?.lastAt.toISOString() ?? null,
          reference: receipt?.firstSubmission ?? null,
          approval,
          returnComment: returned ? (lastEvent?.comment ?? null) : null,
          source: source && { id: source.id, name: source.name, failing: source.failing },
        });
      }
      for (const lead of leads) {
        const plan = planOf.get(lead.plan);
        if (!plan || !withinPlanPeriods(period, plan.first, plan.last)) continue;
        const { due, closesOn } = reportDueDays(period);
        const receipt = reportsIn.get(unitKey(lead.measure.code, lead.department.code, period));
        const returned =
          receipt !== undefined &&
          derivedReportState(receipt.latestState, receipt.decision) === 'returned';
        const firstSubmittedAt = receipt?.firstSubmittedAt ?? null;
        rows.push({
          period,
          plan: lead.plan,
          department: lead.department,
          kind: 'report',
          indicator: null,
          measure: lead.measure,
          region: null,
          due,
          closesOn,
          status: reportingStatus({ returned, firstSubmittedAt, closesOn, asOf }),
          received: firstSubmittedAt !== null,
          onTime: submittedOnTime(firstSubmittedAt, closesOn),
          submittedAt: firstSubmittedAt?.toISOString() ?? null,
          lastRevisionAt: receipt?.lastSubmittedAt?.toISOString() ?? null,
          reference: receipt?.latestId ?? null,
          approval: null,
          returnComment: returned ? (receipt?.comment ?? null) : null,
          source: null,
        });
      }
    }
    return rows;
  }
}

/** The enabled source reporting each unit's indicator (the first registered), by `unit|indicator`. */
function sourceIndex(sources: readonly SourceFacts[]): Map<string, SourceFacts> {
  const index = new Map<string, SourceFacts>();
  for (const source of sources) {
    if (!source.enabled) continue;
    for (const indicator of source.indicators) {
      const key = `${source.department.code}|${indicator}`;
      if (!index.has(key)) index.set(key, source);
    }
  }
  return index;
}

/** The rates of the rows grouped by `key`, in order of first appearance, labelled by `label`. */
function groupRates<L>(
  rows: readonly CalendarRow[],
  key: (row: CalendarRow) => string,
  label: (row: CalendarRow) => L,
): { key: string; label: L; rates: ReturnType<typeof reportingRates> }[] {
  const groups = new Map<string, { label: L; rows: CalendarRow[] }>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.rows.push(row);
    else groups.set(k, { label: label(row), rows: [row] });
  }
  return [...groups].map(([k, group]) => ({
    key: k,
    label: group.label,
    rates: reportingRates(group.rows),
  }));
}
