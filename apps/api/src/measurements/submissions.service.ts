import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  findingMessage,
  type Language,
  type MeasurementItem,
  type SubmissionSource,
} from '@zhibiao/contracts';
import {
  businessDateOf,
  checkFigures,
  submissionOutcome,
  type CheckContext,
  type FigureColumn,
  type Finding,
  type FindingCode,
  type IndicatorFacts,
  type RawFigureRow,
  type StoredFigure,
} from '@zhibiao/core';
import type { EntityManager } from 'typeorm';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { AuditService } from '../audit/audit.service.js';
import { FiguresEvents } from './figures-events.js';
import { principalName, type Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import { ApprovalLocksService } from '../reporting/approval/approval-locks.service.js';
import { MeasurementRepository } from './measurement.repository.js';
import type { Submission } from './measurement.js';
import {
  capFindings,
  httpStatusOf,
  previewRows,
  renderReport,
  storedReport,
  type StoredReport,
  type SubmitResult,
} from './submission-report.js';

export { httpStatusOf, storedReport, type SubmitResult } from './submission-report.js';

/** A batch of figures on its way in, whichever way it came. */
export interface Incoming {
  source: SubmissionSource;
  rows: RawFigureRow[];
  /** Findings of reading the file (columns, merged cells, formulas …). */
  fileFindings?: Finding[];
  /** The file could not be used at all. */
  fatal?: boolean;
  /** Column positions of a file, to name cells (D5). */
  columns?: Partial<Record<FigureColumn, number>>;
  file: { name: string | null; contentType: string; content: Buffer };
  dryRun: boolean;
  partial: boolean;
  idempotencyKey?: string | undefined;
}

/**
 * Who sends: a signed-in user or key; a unit's pull source (as the system, reporting only what the
 * unit is assigned); or the system (the demo seed, replaying its own dates).
 */
export type Sender =
  | { kind: 'principal'; principal: Principal }
  | { kind: 'pull'; sourceId: string; name: string; department: string }
  | { kind: 'system'; department: string; recordedAt: Date };

/** The actor a submission records. */
function actorOf(sender: Sender): {
  kind: 'user' | 'api_key' | 'system';
  id: string | null;
  name: string;
} {
  switch (sender.kind) {
    case 'system':
      return { kind: 'system', id: null, name: 'system' };
    case 'pull':
      return { kind: 'system', id: `pull:${sender.sourceId}`, name: `数据源：${sender.name}` };
    case 'principal':
      return {
        kind: sender.principal.kind,
        id: sender.principal.id,
        name: principalName(sender.principal),
      };
  }
}

/** JSON items as rows: the n-th item is row n, so findings point at `items[n-1]`. */
export function itemsAsRows(items: readonly MeasurementItem[]): RawFigureRow[] {
  return items.map((item, index) => ({
    row: index + 1,
    cells: {
      indicator: item.indicator,
      region: item.region,
      period: item.period,
      value: item.value,
      valueType: item.valueType ?? null,
      numerator: item.numerator ?? null,
      denominator: item.denominator ?? null,
      note: item.note ?? null,
    },
  }));
}

/** What a report says about a file sent before. */
const SENT_BEFORE_CODES: ReadonlySet<FindingCode> = new Set([
  'file_sent_before_unchanged',
  'file_sent_before_changes',
  'changes_back',
]);

const isFile = (incoming: Incoming): boolean =>
  incoming.source === 'csv' || incoming.source === 'xlsx';

/** What makes two submissions the same one: the caller's Idempotency-Key, and a file's bytes. */
function replayKeys(
  incoming: Incoming,
  actor: { kind: string; id: string | null },
  department: string | null,
  sha256: string,
): string[] {
  const keys: string[] = [];
  if (incoming.idempotencyKey) {
    keys.push(`idempotency:${actor.kind}:${actor.id ?? ''}:${incoming.idempotencyKey}`);
  }
  if (isFile(incoming)) {
    keys.push(`file:${department ?? ''}:${sha256}:${incoming.partial}`);
  }
  return keys;
}

/**
 * Takes figures in: checks every row (libs/core checkFigures) inside the transaction that stores
 * them, and stores what they come to (libs/core submissionOutcome) — the submission with its report
 * and original bytes, and the figures as new revisions: all rows or none, or the valid ones with
 * `partial`.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly database: Database,
    private readonly repository: MeasurementRepository,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: FiguresEvents,
    private readonly approvals: ApprovalLocksService,
  ) {}

  async submit(incoming: Incoming, sender: Sender, language: Language): Promise<SubmitResult> {
    const actor = actorOf(sender);
    const department =
      sender.kind === 'principal' ? sender.principal.departmentCode : sender.department;
    const sha256 = createHash('sha256').update(incoming.file.content).digest('hex');

    let changed: string[] = [];
    const result = await this.database.transaction(async (db): Promise<SubmitResult> => {
      if (!incoming.dryRun) {
        // The same key or the same file sent twice at once: the second waits here for the first to
        // commit, then answers with its result (the key) or is checked against what it stored (the
        // file) instead of storing the batch again.
        await this.repository.lockSubmissionKeys(
          db,
          replayKeys(incoming, actor, department, sha256),
        );
        const replay = await this.replayKey(db, incoming, actor, sha256, language);
        if (replay) return replay;
      }
      // The same file stored before is checked like any other against the figures in force now:
      // a figure changed since (by a form, another file) must not hide behind its earlier answer.
      const earlier = isFile(incoming)
        ? await this.repository.findStoredFile(db, sha256, department, incoming.partial)
        : undefined;
      const codes = [
        ...new Set(
          incoming.rows.map((r) =>
            String(r.cells.indicator ?? '')
              .trim()
              .toUpperCase(),
          ),
        ),
      ].filter(Boolean);
      await this.repository.lockIndicators(db, codes);
      const { context, planOf, locked } = await this.context(db, codes, sender, department);
      const outcome = submissionOutcome({
        rows: incoming.rows,
        checked: incoming.fatal ? undefined : checkFigures(incoming.rows, context),
        fileFindings: incoming.fileFindings ?? [],
        columns: incoming.columns,
        dryRun: incoming.dryRun,
        partial: incoming.partial,
        earlier: earlier && {
          submission: earlier.id,
          day: businessDateOf(earlier.createdAt),
          rejected: earlier.rejected,
        },
        inForce: (indicator, region) => context.inForce(indicator, region),
      });
      if (earlier && outcome.repeats && !incoming.dryRun) {
        return this.replayed(earlier, language, outcome.sentAgain);
      }
      const { status, findings, toStore } = outcome;
      const report: StoredReport = {
        status,
        accepted: outcome.accepted,
        unchanged: outcome.unchanged,
        rejected: outcome.rejected,
        blank: outcome.blank,
        ...capFindings(findings),
      };
      if (incoming.dryRun) {
        return {
          httpStatus: 200,
          report: {
            ...renderReport(report, null, true, false, language),
            preview: previewRows(incoming.rows, findings),
          },
        };
      }
      const recordedAt = sender.kind === 'system' ? sender.recordedAt : this.clock.stamp();
      const id = await this.repository.insertSubmission(db, {
        departmentCode: department,
        actor,
        source: incoming.source,
        fileName: incoming.file.name,
        fileSize: incoming.file.content.length,
        sha256,
        idempotencyKey: incoming.idempotencyKey ?? null,
        partial: incoming.partial,
        status,
        accepted: report.accepted,
        unchanged: report.unchanged,
        rejected: report.rejected,
        warningCount: findings.filter((f) => f.severity === 'warning').length,
        errorCount: findings.filter((f) => f.severity === 'error').length,
        report,
        createdAt: recordedAt,
      });
      await this.repository.insertFile(db, id, incoming.file.contentType, incoming.file.content);
      if (status !== 'rejected') {
        await this.repository.insertMeasurements(db, id, recordedAt, toStore);
        changed = [...new Set(toStore.map((f) => f.indicator))];
        if (department !== null && locked.size > 0) {
          await this.reopen(db, { id, department, actor, at: recordedAt }, toStore, planOf, locked);
        }
      }
      await this.recordAudit(db, id, incoming, report, findings);
      return {
        httpStatus: httpStatusOf(status),
        report: renderReport(report, id, false, false, language),
      };
    });
    if (changed.length > 0) this.events.emit({ indicators: changed, source: incoming.source });
    return result;
  }

  /** The earlier answer to the same Idempotency-Key: a retry stores nothing. */
  private async replayKey(
    db: EntityManager,
    incoming: Incoming,
    actor: { kind: string; id: string | null },
    sha256: string,
    language: Language,
  ): Promise<SubmitResult | undefined> {
    if (!incoming.idempotencyKey) return undefined;
    const earlier = await this.repository.findByIdempotencyKey(db, actor, incoming.idempotencyKey);
    if (!earlier) return undefined;
    if (earlier.sha256 !== sha256 || earlier.partial !== incoming.partial) {
      throw new DomainError('idempotency_conflict', { key: incoming.idempotencyKey });
    }
    return this.replayed(earlier, language);
  }

  /** An earlier submission's report answered again, with what is said about sending it again. */
  private replayed(
    earlier: Submission,
    language: Language,
    said: readonly Finding[] = [],
  ): SubmitResult {
    const report = storedReport(earlier, language, true);
    if (said.length === 0) return { httpStatus: httpStatusOf(report.status), report };
    // What the earlier report said about its own sending gives way to what is said about this one.
    const counts = { ...report.findingCounts };
    for (const code of SENT_BEFORE_CODES) delete counts[code];
    for (const finding of said) counts[finding.code] = (counts[finding.code] ?? 0) + 1;
    report.warnings = [
      ...said.map((f) => ({
        ...f,
        cell: null,
        message: findingMessage(f.code, language, f.values),
      })),
      ...report.warnings.filter((f) => !SENT_BEFORE_CODES.has(f.code)),
    ];
    report.findingCounts = counts;
    return { httpStatus: httpStatusOf(report.status), report };
  }

  /**
   * Corrections of periods the bureau approved reopen them: one 'reopened' event per plan and
   * period, with the reasons given and how many figures changed, audited.
   */
  private async reopen(
    db: EntityManager,
    submission: {
      id: string;
      department: string;
      actor: { id: string | null; name: string };
      at: Date;
    },
    stored: readonly { indicator: string; period: string; note: string }[],
    planOf: ReadonlyMap<string, string>,
    locked: ReadonlyMap<string, Date>,
  ): Promise<void> {
    const touched = new Map<
      string,
      { plan: string; period: string; notes: Set<string>; edits: number }
    >();
    for (const figure of stored) {
      const plan = planOf.get(figure.indicator);
      const key = `${plan} ${figure.period}`;
      if (plan === undefined || !locked.has(key)) continue;
      const entry = touched.get(key) ?? { plan, period: figure.period, notes: new Set(), edits: 0 };
      entry.notes.add(figure.note.trim());
      entry.edits += 1;
      touched.set(key, entry);
    }
    for (const { plan, period, notes, edits } of touched.values()) {
      await this.approvals.reopen(db, {
        plan,
        department: submission.department,
        period,
        comment: [...notes].filter(Boolean).join('; '),
        edits,
        submissionId: submission.id,
        actor: submission.actor,
        at: submission.at,
      });
    }
  }

  private async context(
    db: EntityManager,
    codes: readonly string[],
    sender: Sender,
    department: string | null,
  ): Promise<{
    context: CheckContext;
    planOf: Map<string, string>;
    locked: Map<string, Date>;
  }> {
    // One after another: a transaction is one connection, which runs one query at a time.
    const facts = await this.repository.indicatorFacts(db, codes);
    const regions = await this.repository.regionCodes(db);
    const inForceRows = await this.repository.inForce(db, codes);
    // The system (the demo seed) may report anything; a caller what its assignments allow; a pull
    // source what its unit's reporters may.
    const mayReport =
      sender.kind === 'system'
        ? () => true
        : await this.assignments.reportable(
            sender.kind === 'principal'
              ? sender.principal
              : {
                  kind: 'api_key',
                  id: `pull:${sender.sourceId}`,
                  prefix: '',
                  name: sender.name,
                  roles: ['reporter'],
                  departmentCode: sender.department,
                },
            db,
          );
    const byCode = new Map<string, IndicatorFacts>(facts.map((f) => [f.code, f]));
    const series = new Map<string, StoredFigure[]>();
    for (const row of inForceRows) {
      const key = `${row.indicator} ${row.region}`;
      const list = series.get(key) ?? [];
      list.push(row);
      series.set(key, list);
    }
    const today = sender.kind === 'system' ? businessDateOf(sender.recordedAt) : this.clock.today();
    // The periods the bureau approved for this unit are locked: one query for the submission.
    const planOf = new Map(facts.map((f) => [f.code, f.plan.code]));
    const locked =
      department === null
        ? new Map<string, Date>()
        : await this.approvals.lockedPeriods(db, department, [...new Set(planOf.values())]);
    const context: CheckContext = {
      today,
      graceDays: this.config.reportGraceDays,
      reporter:
        sender.kind === 'principal'
          ? (department ?? principalName(sender.principal))
          : sender.department,
      indicator: (code) => byCode.get(code),
      regionExists: (code) => regions.has(code),
      mayReport,
      inForce: (indicator, region) => series.get(`${indicator} ${region}`) ?? [],
      lockedSince: (plan, period) => {
        const at = locked.get(`${plan} ${period}`);
        return at === undefined ? null : businessDateOf(at);
      },
    };
    return { context, planOf, locked };
  }

  private async recordAudit(
    db: EntityManager,
    id: string,
    incoming: Incoming,
    report: StoredReport,
    findings: readonly Finding[],
  ): Promise<void> {
    const refused = findings.filter((f) => f.code === 'outside_assignment');
    if (refused.length > 0) {
      await this.audit.record(
        {
          action: 'figure.write',
          entity: 'submission',
          entityId: id,
          outcome: 'denied',
          after: { rows: refused.map((f) => ({ row: f.row, ...f.values })) },
        },
        db,
      );
    }
    await this.audit.record(
      {
        action: 'submission.create',
        entity: 'submission',
        entityId: id,
        after: {
          source: incoming.source,
          file: incoming.file.name,
          status: report.status,
          accepted: report.accepted,
          unchanged: report.unchanged,
          rejected: report.rejected,
        },
      },
      db,
    );
  }
}
