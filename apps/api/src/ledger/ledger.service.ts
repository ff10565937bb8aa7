import { Injectable } from '@nestjs/common';
import type { Ledger, LedgerRow } from '@zhibiao/contracts';
import {
  LEDGER_STATUS_WORDS,
  LEDGER_STATUSES,
  citiesNamed,
  decisiveReport,
  defaultLedgerPeriod,
  endOfBusinessDay,
  measureLedgerStatus,
  milestoneLedgerStatus,
  reportPeriodProblem,
  type LedgerStatus,
} from '@zhibiao/core';
import { Clock } from '../common/clock.js';
import type { RouteIn } from '../common/contract.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import {
  LedgerRepository,
  type LedgerItemFacts,
  type LedgerReportRow,
  type UnitRef,
} from './ledger.repository.js';

export type LedgerQueryIn = RouteIn<'getLedger'>['query'];

/** A ledger with what the workbook needs beside the rows. */
export interface LedgerWithPlan extends Ledger {
  planTitle: string;
}

/**
 * The ledger (台账): every measure and node task of a plan with its units, its status for a month and
 * the lead report behind it, its open notices, as known at the end of the as-of day.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  async build(query: LedgerQueryIn): Promise<LedgerWithPlan> {
    const plan = await this.ledger.plan(query.plan);
    if (!plan) throw new DomainError('plan_not_found', { code: query.plan });
    // Today by default, as the review queue and the notices: a report sent since the plan's latest
    // figures is on the ledger (the figures' default day would hide it).
    const asOf = query.asOf ?? this.clock.today();
    const period = query.period ?? defaultLedgerPeriod(asOf, plan);
    if (reportPeriodProblem(period, plan, '9999-12-31') === 'outside_plan') {
      // A month of the future is a ledger with nothing reported yet; one outside the plan is a mistake.
      assertNoProblems([
        {
          path: 'query.period',
          key: 'report_period_outside_plan',
          values: { period, start: plan.startYear, end: plan.endYear },
        },
      ]);
    }
    const known = endOfBusinessDay(asOf);
    const [measures, milestones, reports, doneEarlier, completions, notices, cities] =
      await Promise.all([
        this.ledger.measures(plan.code),
        this.ledger.milestones(plan.code, known),
        this.ledger.reports(plan.code, period, known),
        this.ledger.doneBefore(plan.code, period, known),
        this.ledger.completions(plan.code, known),
        this.ledger.openNotices(plan.code, known),
        this.ledger.cities(),
      ]);

    const reportsOf = groupBy(reports, (report) => report.measureCode);
    const completionOf = new Map(completions.map((c) => [c.milestoneCode, c]));
    const rows: Omit<LedgerRow, 'no'>[] = [];
    for (const measure of measures) {
      const leads = new Set(unitsOf(measure, 'lead').map((unit) => unit.code));
      const leadReports = (reportsOf.get(measure.code) ?? []).filter((r) =>
        leads.has(r.departmentCode),
      );
      const decisive = decisiveReport(leadReports);
      const status = measureLedgerStatus(decisive, doneEarlier.has(measure.code));
      const notice = notices.get(`measure:${measure.code}`);
      rows.push({
        ...common(measure, status, cities),
        kind: 'measure',
        report: decisive && reportOut(decisive, period),
        completion: null,
        openNotices: notice?.open ?? 0,
        updatedAt: latest([...leadReports.map((r) => r.updatedAt), notice?.updatedAt]),
      });
    }
    for (const milestone of milestones) {
      const status = milestoneLedgerStatus(milestone, asOf);
      const completion = completionOf.get(milestone.code) ?? null;
      const notice = notices.get(`milestone:${milestone.code}`);
      rows.push({
        ...common(milestone, status, cities),
        kind: 'milestone',
        report: null,
        completion: completion && {
          id: completion.id,
          state: completion.state,
          doneOn: completion.doneOn,
        },
        openNotices: notice?.open ?? 0,
        updatedAt: latest([completion?.updatedAt, notice?.updatedAt]),
      });
    }

    const filtered = rows.filter(
      (row) =>
        (!query.department ||
          [...row.leadDepartments, ...row.supportDepartments].some(
            (unit) => unit.code === query.department,
          )) &&
        (!query.section || row.section === query.section) &&
        (!query.city || row.cities.includes(query.city)),
    );
    // The counts are of the rows the other filters leave, so each status shows how many it has.
    const counts = Object.fromEntries(LEDGER_STATUSES.map((s) => [s, 0])) as Record<
      LedgerStatus,
      number
    >;
    for (const row of filtered) counts[row.status] += 1;
    return {
      plan: plan.code,
      planTitle: plan.title,
      period,
      asOf,
      counts,
      rows: filtered
        .map((row, index) => ({ no: index + 1, ...row }))
        .filter((row) => !query.status || row.status === query.status),
    };
  }
}

function common(
  item: LedgerItemFacts,
  status: LedgerStatus,
  cities: { code: string; name: string }[],
): Pick<
  LedgerRow,
  | 'code'
  | 'section'
  | 'task'
  | 'name'
  | 'leadDepartments'
  | 'supportDepartments'
  | 'deadline'
  | 'status'
  | 'statusText'
  | 'cities'
> {
  return {
    code: item.code,
    section: item.sectionCode,
    task: item.taskCode,
    name: item.name,
    leadDepartments: unitsOf(item, 'lead').map(ref),
    supportDepartments: unitsOf(item, 'support').map(ref),
    deadline: item.deadline,
    status,
    statusText: LEDGER_STATUS_WORDS[status],
    cities: citiesNamed(item.sourceText, cities),
  };
}

function unitsOf(item: LedgerItemFacts, role: UnitRef['role']): UnitRef[] {
  return item.departments.filter((unit) => unit.role === role);
}

function ref(unit: UnitRef): { code: string; name: string } {
  return { code: unit.code, name: unit.name };
}

function reportOut(report: LedgerReportRow, period: string): NonNullable<LedgerRow['report']> {
  return {
    id: report.id,
    period,
    state: report.state,
    progress: report.progress,
    problems: report.problems,
    nextSteps: report.nextSteps,
  };
}

function latest(times: (Date | undefined)[]): string | null {
  const known = times.filter((t): t is Date => t !== undefined);
  if (known.length === 0) return null;
  return new Date(Math.max(...known.map((t) => new Date(t).getTime()))).toISOString();
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
