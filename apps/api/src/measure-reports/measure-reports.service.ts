import { Injectable } from '@nestjs/common';
import type {
  Measure,
  MeasureReport,
  MeasureReportBody,
  ReportQueueQuery,
  ReportState,
  ReviewBody,
  ValidationProblem,
} from '@zhibiao/contracts';
import {
  businessDateOf,
  derivedReportState,
  endOfBusinessDay,
  isReportLate,
  reportPeriodProblem,
  type IsoDate,
} from '@zhibiao/core';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { principalName, type Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { citerOf, EvidenceService } from './evidence.service.js';
import {
  MeasureReportRepository,
  type MeasureContext,
  type NewReport,
  type ReportRow,
  type StoredEvidence,
} from './measure-report.repository.js';

export type ReportIn = z.output<typeof MeasureReportBody>;
type QueueQuery = z.output<typeof ReportQueueQuery>;
type ReviewIn = z.output<typeof ReviewBody>;

/** A report of the demo year (seeds/<plan>/demo-reports.json), recorded at the moment it says. */
export interface DemoReportEvent {
  kind: 'report';
  at: Date;
  measure: string;
  period: string;
  department: string;
  by: string;
  submit: boolean;
  status: NewReport['status'];
  progress: string;
  problems: string;
  nextSteps: string;
  evidence: StoredEvidence[];
}

/** The bureau's review of a unit's latest revision in the demo year. */
export interface DemoReviewEvent {
  kind: 'review';
  at: Date;
  measure: string;
  period: string;
  department: string;
  by: string;
  decision: 'confirm' | 'return';
  comment: string;
}

const isAdmin = (principal: Principal) => principal.roles.includes('admin');

/**
 * Monthly progress reports on measures (举措进展): each unit that leads or supports a measure files
 * one per month (进展情况, 存在问题, 下步计划, its own assessment), saved as drafts or submitted, every save
 * a new revision; the bureau confirms a submitted report or returns it with a comment.
 */
@Injectable()
export class MeasureReportsService {
  constructor(
    private readonly database: Database,
    private readonly repository: MeasureReportRepository,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A measure's reports: the latest revision of each unit and month as of `asOf`, or every one. */
  async listForMeasure(
    code: string,
    query: { period?: string | undefined; asOf?: IsoDate | undefined; history: boolean },
  ): Promise<MeasureReport[]> {
    const measure = await this.repository.measure(this.database.db, code);
    if (!measure) throw new DomainError('measure_not_found', { code });
    const rows = await this.repository.list({
      measure: code,
      ...(query.period ? { period: query.period } : {}),
      ...(query.asOf ? { before: endOfBusinessDay(query.asOf) } : {}),
      history: query.history,
    });
    return this.present(rows);
  }

  /** A plan's latest reports (as of `asOf`) by state, month and unit: the bureau's queue. */
  async queue(query: QueueQuery): Promise<MeasureReport[]> {
    if (!(await this.repository.planExists(query.plan))) {
      throw new DomainError('plan_not_found', { code: query.plan });
    }
    const rows = await this.repository.list({
      plan: query.plan,
      ...(query.period ? { period: query.period } : {}),
      ...(query.department ? { department: query.department } : {}),
      ...(query.asOf ? { before: endOfBusinessDay(query.asOf) } : {}),
    });
    const reports = await this.present(rows);
    return query.state ? reports.filter((r) => r.state === query.state) : reports;
  }

  /** Saves or submits a unit's report of a month: a new revision, in one transaction, audited. */
  async file(principal: Principal, code: string, body: ReportIn): Promise<MeasureReport> {
    const measure = await this.repository.measure(this.database.db, code);
    if (!measure) throw new DomainError('measure_not_found', { code });
    const department = await this.unitOf(principal, measure, body.department);
    const role = measure.departments.find((d) => d.code === department)?.role;
    if (!role) return this.refuseUnit(measure, department);
    if (measure.planStatus === 'closed')
      throw new DomainError('plan_closed', { code: measure.plan });
    const id = await this.database.transaction(async (db) => {
      const problems = this.reportProblems(measure, body);
      const { stored, problems: evidenceProblems } = await this.evidence.check(
        db,
        body.evidence,
        citerOf(principal),
        department,
      );
      assertNoProblems([...problems, ...evidenceProblems]);
      return this.record(db, measure, {
        period: body.period,
        department,
        role,
        submit: body.submit,
        status: body.status,
        progress: body.progress,
        problems: body.problems,
        nextSteps: body.nextSteps,
        evidence: stored,
        by: principalName(principal),
        at: this.clock.stamp(),
      });
    });
    return this.one(id);
  }

  /** Confirms a submitted latest revision, or returns it with a comment. */
  async review(principal: Principal, id: string, body: ReviewIn): Promise<MeasureReport> {
    await this.database.transaction(async (db) => {
      const target = await this.repository.reviewTarget(db, id);
      if (!target) throw new DomainError('measure_report_not_found', { id });
      if (target.revision < target.latestRevision) {
        throw new DomainError('report_superseded', { id, revision: target.latestRevision });
      }
      if (target.state === 'draft') throw new DomainError('report_not_submitted', { id });
      if (target.decision !== null) {
        throw new DomainError('report_already_reviewed', { id, decision: target.decision });
      }
      if (body.decision === 'return' && body.comment === '') {
        assertNoProblems([{ path: 'comment', key: 'review_comment_required' }]);
      }
      await this.repository.insertReviews(db, [
        {
          reportId: id,
          decision: body.decision,
          comment: body.comment,
          reviewedBy: principalName(principal),
          reviewedAt: this.clock.stamp(),
        },
      ]);
      await this.audit.record(
        {
          action: 'measure_report.review',
          entity: 'measure_report',
          entityId: id,
          before: { state: 'submitted' },
          after: {
            state: body.decision === 'confirm' ? 'confirmed' : 'returned',
            comment: body.comment,
          },
        },
        db,
      );
    });
    return this.one(id);
  }

  /** Each measure's lead units' latest report of the latest month reported, by measure code. */
  async latestLeadReports(filter: {
    plan?: string;
    measure?: string;
  }): Promise<Map<string, NonNullable<Measure['latestReport']>>> {
    const rows = await this.repository.latestLead(filter);
    return new Map(
      rows.map((row) => [
        row.measure,
        {
          id: row.id,
          period: row.period,
          department: row.department,
          state: derivedReportState(row.state, row.decision),
          status: row.status,
          recordedAt: row.recordedAt.toISOString(),
        },
      ]),
    );
  }

  /**
   * The demo year's reports and reviews, each recorded at the moment it says, in one transaction:
   * loaded once into a plan that has none (returns false when it had some). For the seed only: no
   * route records a report at another moment than now.
   */
  async loadDemo(
    plan: string,
    events: readonly (DemoReportEvent | DemoReviewEvent)[],
  ): Promise<{ reports: number; reviews: number } | false> {
    if (await this.repository.planHasReports(plan)) return false;
    return this.database.transaction(async (db) => {
      const measures = new Map(
        (await this.repository.measures(db, { plan })).map((m) => [m.code, m]),
      );
      const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
      // In memory: the revisions so far of each unit's month, so the rows go in a few statements.
      const units = new Map<
        string,
        { last: number; firstSubmittedAt: Date | null; index: number }
      >();
      const reports: NewReport[] = [];
      const reviews: { index: number; event: DemoReviewEvent }[] = [];
      for (const event of ordered) {
        const key = `${event.measure} ${event.period} ${event.department}`;
        const measure = measures.get(event.measure);
        const role = measure?.departments.find((d) => d.code === event.department)?.role;
        if (!measure || !role) {
          throw new Error(`demo report: ${key} is not a unit of a measure of ${plan}`);
        }
        const unit = units.get(key);
        if (event.kind === 'review') {
          const latest = unit ? reports[unit.index] : undefined;
          if (!unit || latest?.state !== 'submitted') {
            throw new Error(`demo review of ${key}: no submitted report to review`);
          }
          reviews.push({ index: unit.index, event });
          continue;
        }
        const problem = reportPeriodProblem(event.period, measure, businessDateOf(event.at));
        if (problem || (event.submit && event.progress === '')) {
          throw new Error(`demo report ${key}: ${problem ?? 'no progress'}`);
        }
        const firstSubmittedAt = unit?.firstSubmittedAt ?? (event.submit ? event.at : null);
        reports.push({
          measure: event.measure,
          period: event.period,
          department: event.department,
          role,
          revision: (unit?.last ?? 0) + 1,
          state: event.submit ? 'submitted' : 'draft',
          status: event.status,
          progress: event.progress,
          problems: event.problems,
          nextSteps: event.nextSteps,
          evidence: event.evidence,
          late: isReportLate(
            event.period,
            firstSubmittedAt ? businessDateOf(firstSubmittedAt) : null,
          ),
          recordedBy: event.by,
          recordedAt: event.at,
        });
        units.set(key, {
          last: (unit?.last ?? 0) + 1,
          firstSubmittedAt,
          index: reports.length - 1,
        });
      }
      const ids: string[] = [];
      for (let start = 0; start < reports.length; start += 200) {
        ids.push(...(await this.repository.insert(db, reports.slice(start, start + 200))));
      }
      await this.repository.insertReviews(
        db,
        reviews.map(({ index, event }) => ({
          reportId: ids[index]!,
          decision: event.decision,
          comment: event.comment,
          reviewedBy: event.by,
          reviewedAt: event.at,
        })),
      );
      await this.audit.record(
        {
          action: 'measure_report.demo_load',
          entity: 'plan',
          entityId: plan,
          after: { reports: reports.length, reviews: reviews.length },
        },
        db,
      );
      return { reports: reports.length, reviews: reviews.length };
    });
  }

  /**
   * The unit a report is for: an administrator names it (or is of one); anyone else reports for their
   * own unit only, and naming another is refused like a unit that is not on the measure.
   */
  private async unitOf(
    principal: Principal,
    measure: MeasureContext,
    named: string | undefined,
  ): Promise<string> {
    if (isAdmin(principal)) {
      const department = named ?? principal.departmentCode;
      if (!department) throw new DomainError('department_required');
      if (!(await this.repository.departmentExists(this.database.db, department))) {
        throw new DomainError('unknown_department', { code: department });
      }
      return department;
    }
    const own = principal.departmentCode;
    if (!own || (named !== undefined && named !== own)) {
      return this.refuseUnit(measure, named ?? own ?? '—');
    }
    return own;
  }

  /** 403 measure_not_led, with the refusal in the audit trail. */
  private async refuseUnit(measure: MeasureContext, department: string): Promise<never> {
    await this.audit.record({
      action: 'measure_report.file',
      entity: 'measure_report',
      entityId: measure.code,
      outcome: 'denied',
      after: { department },
    });
    throw new DomainError('measure_not_led', {
      code: measure.code,
      departments: measure.departments.map((d) => d.name).join('、') || '—',
    });
  }

  private reportProblems(measure: MeasureContext, body: ReportIn): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const today = this.clock.today();
    switch (reportPeriodProblem(body.period, measure, today)) {
      case 'outside_plan':
        problems.push({
          path: 'period',
          key: 'report_period_outside_plan',
          values: { period: body.period, start: measure.startYear, end: measure.endYear },
        });
        break;
      case 'not_begun':
        problems.push({
          path: 'period',
          key: 'report_period_not_begun',
          values: { period: body.period, today },
        });
        break;
      case null:
        break;
    }
    if (body.submit && body.progress === '') {
      problems.push({ path: 'progress', key: 'report_progress_required' });
    }
    return problems;
  }

  /** Stores one revision, audited with the revision it follows. */
  private async record(
    db: EntityManager,
    measure: MeasureContext,
    input: {
      period: string;
      department: string;
      role: 'lead' | 'support';
      submit: boolean;
      status: NewReport['status'];
      progress: string;
      problems: string;
      nextSteps: string;
      evidence: StoredEvidence[];
      by: string;
      at: Date;
    },
  ): Promise<string> {
    const so = await this.repository.revisionsOf(db, measure.code, input.period, input.department);
    const firstSubmittedAt = so.firstSubmittedAt ?? (input.submit ? input.at : null);
    const report: NewReport = {
      measure: measure.code,
      period: input.period,
      department: input.department,
      role: input.role,
      revision: so.last + 1,
      state: input.submit ? 'submitted' : 'draft',
      status: input.status,
      progress: input.progress,
      problems: input.problems,
      nextSteps: input.nextSteps,
      evidence: input.evidence,
      late: isReportLate(input.period, firstSubmittedAt ? businessDateOf(firstSubmittedAt) : null),
      recordedBy: input.by,
      recordedAt: input.at,
    };
    const [id] = await this.repository.insert(db, [report]);
    await this.audit.record(
      {
        action: input.submit ? 'measure_report.submit' : 'measure_report.save_draft',
        entity: 'measure_report',
        entityId: id!,
        before: so.lastId ? { id: so.lastId, revision: so.last } : null,
        after: { ...report, recordedAt: report.recordedAt.toISOString() },
      },
      db,
    );
    return id!;
  }

  private async one(id: string): Promise<MeasureReport> {
    const rows = await this.repository.list({ id, history: true });
    const [report] = await this.present(rows);
    if (!report) throw new DomainError('measure_report_not_found', { id });
    return report;
  }

  private async present(rows: readonly ReportRow[]): Promise<MeasureReport[]> {
    const evidence = await this.evidence.presentMany(rows.map((row) => row.evidence));
    return rows.map((row, index) => toReport(row, evidence[index] ?? []));
  }
}

function toReport(row: ReportRow, evidence: MeasureReport['evidence']): MeasureReport {
  const state: ReportState = derivedReportState(row.state, row.review?.decision ?? null);
  return {
    id: row.id,
    measure: row.measure,
    measureName: row.measureName,
    plan: row.plan,
    period: row.period,
    department: row.department,
    role: row.role,
    revision: row.revision,
    state,
    status: row.status,
    progress: row.progress,
    problems: row.problems,
    nextSteps: row.nextSteps,
    evidence,
    recordedAt: row.recordedAt.toISOString(),
    by: row.recordedBy,
    submittedAt: row.state === 'submitted' ? row.recordedAt.toISOString() : null,
    late: row.late,
    review: row.review
      ? {
          decision: row.review.decision,
          comment: row.review.comment,
          by: row.review.by,
          at: row.review.at.toISOString(),
        }
      : null,
  };
}
