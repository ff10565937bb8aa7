import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  APPROVAL_STATES,
  type ApprovalEvent,
  type ApprovalRow,
  type ApprovalState,
  type ReportingMessageItem,
} from '@zhibiao/contracts';
import { approvalState, endOfBusinessDay } from '@zhibiao/core';
import { AuditService } from '../../audit/audit.service.js';
import { principalName, type Principal } from '../../auth/principal.js';
import { Clock } from '../../common/clock.js';
import type { RouteIn, RouteOut } from '../../common/contract.js';
import { DomainError } from '../../common/domain-error.js';
import { assertNoProblems } from '../../common/validation-failed.js';
import { Database } from '../../database/database.js';
import { FiguresEvents } from '../../measurements/figures-events.js';
import { ReportingMessagesService } from '../messages/reporting-messages.service.js';
import {
  ApprovalRepository,
  type ApprovalEventRow,
  type PlanApprovalFacts,
  type UnitRevision,
} from './approval.repository.js';

type DecisionIn = RouteIn<'decideApproval'>['body'];
type ApprovalsIn = RouteIn<'listApprovals'>['query'];

const BUREAU_ROLES = ['admin', 'analyst', 'leader'] as const;

/** A reporter (and nothing more) sees its own unit only. */
function ownUnitOnly(principal: Principal): string | null {
  if (principal.roles.some((role) => (BUREAU_ROLES as readonly string[]).includes(role))) {
    return null;
  }
  return principal.departmentCode ?? '';
}

const isUnderApproval = (plan: PlanApprovalFacts, period: string): boolean =>
  plan.approvalFrom !== null && period >= plan.approvalFrom;

function toEvent(event: ApprovalEventRow): ApprovalEvent {
  return {
    id: event.id,
    action: event.action,
    comment: event.comment,
    edits: event.edits,
    submissionId: event.submissionId,
    actor: event.actor,
    at: event.at.toISOString(),
  };
}

/** What a unit's period comes to from its revisions and events (oldest first). */
function unitFacts(revisions: readonly UnitRevision[], events: readonly ApprovalEventRow[]) {
  const last = events.at(-1);
  const lastRevisionAt = revisions.reduce<Date | null>(
    (latest, r) => (latest === null || r.recordedAt > latest ? r.recordedAt : latest),
    null,
  );
  const lastApprovedAt = events.filter((e) => e.action === 'approved').at(-1)?.at ?? null;
  const state = approvalState({
    lastEvent: last ? { action: last.action, at: last.at } : null,
    lastRevisionAt,
  });
  const since = revisions.filter((r) => lastApprovedAt === null || r.recordedAt > lastApprovedAt);
  return { state, lastRevisionAt, lastApprovedAt, since };
}

const figureKey = (r: UnitRevision): string => `${r.indicator.code} ${r.region.code}`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The bureau's approval of a unit's figures per period (a per-plan setting, off by default): a unit's
 * figures of a period under approval count in progress and alerts once approved; approved is locked
 * for the unit until a correction with a reason reopens it. Every step is an event (who, when, why),
 * audited.
 */
@Injectable()
export class ApprovalService {
  constructor(
    private readonly database: Database,
    private readonly repository: ApprovalRepository,
    private readonly audit: AuditService,
    private readonly messages: ReportingMessagesService,
    private readonly figures: FiguresEvents,
    private readonly clock: Clock,
  ) {}

  private async plan(code: string): Promise<PlanApprovalFacts> {
    const plan = await this.repository.plan(code);
    if (!plan) throw new DomainError('plan_not_found', { code });
    return plan;
  }

  /** Turns approval on from a period of the plan, or off (null). */
  async setPlanApproval(
    code: string,
    approvalFrom: string | null,
  ): Promise<RouteOut<'setPlanApproval'>> {
    const plan = await this.plan(code);
    if (
      approvalFrom !== null &&
      (approvalFrom < plan.firstPeriod || approvalFrom > plan.lastPeriod)
    ) {
      assertNoProblems([
        {
          path: 'approvalFrom',
          key: 'approval_from_period',
          values: {
            period: approvalFrom,
            start: plan.firstPeriod.slice(0, 4),
            end: plan.lastPeriod.slice(0, 4),
          },
        },
      ]);
    }
    await this.database.transaction(async (db) => {
      const before = await this.repository.lockPlan(db, plan.code);
      if (before === undefined) throw new DomainError('plan_not_found', { code });
      await this.repository.setApprovalFrom(db, plan.code, approvalFrom);
      await this.audit.record(
        {
          action: 'plan.approval',
          entity: 'plan',
          entityId: plan.code,
          before: { approvalFrom: before },
          after: { approvalFrom },
        },
        db,
      );
    });
    // What counts in progress changed: alerts look again.
    await this.figuresChanged(plan.code);
    return { plan: plan.code, approvalFrom };
  }

  /** Each unit's figures for a plan's period: state, edits and changes since approval, events. */
  async list(query: ApprovalsIn, principal: Principal): Promise<RouteOut<'listApprovals'>> {
    const plan = await this.plan(query.plan);
    const own = ownUnitOnly(principal);
    if (own !== null && query.department !== undefined && query.department !== own) {
      throw new DomainError('reporting_other_department', { department: own });
    }
    const department = own ?? query.department;
    if (
      department !== undefined &&
      (await this.repository.departmentName(department)) === undefined
    ) {
      throw new DomainError('unknown_department', { code: department });
    }
    const asOf = query.asOf ?? this.clock.today();
    const before = endOfBusinessDay(asOf);
    const scope = { ...(department === undefined ? {} : { department }), before };
    const units = (await this.repository.units(plan.code, query.period, before)).filter(
      (unit) => department === undefined || unit.code === department,
    );
    const revisionsOf = groupBy(
      await this.repository.revisions(plan.code, query.period, scope),
      (r) => r.department,
    );
    const eventsOf = groupBy(
      await this.repository.events(plan.code, query.period, scope),
      (e) => e.department,
    );
    const rows: ApprovalRow[] = units.map((unit) =>
      this.row(
        plan.code,
        query.period,
        unit,
        revisionsOf.get(unit.code) ?? [],
        eventsOf.get(unit.code) ?? [],
      ),
    );
    const counts = Object.fromEntries(APPROVAL_STATES.map((s) => [s, 0])) as Record<
      ApprovalState,
      number
    >;
    for (const row of rows) counts[row.state] += 1;
    return {
      plan: plan.code,
      period: query.period,
      asOf,
      approvalFrom: plan.approvalFrom,
      underApproval: isUnderApproval(plan, query.period),
      counts,
      rows: query.state === undefined ? rows : rows.filter((row) => row.state === query.state),
    };
  }

  private row(
    plan: string,
    period: string,
    unit: { code: string; name: string },
    revisions: readonly UnitRevision[],
    events: readonly ApprovalEventRow[],
  ): ApprovalRow {
    const { state, lastApprovedAt, since } = unitFacts(revisions, events);
    const byFigure = groupBy(revisions, figureKey);
    const changes = [...groupBy(since, figureKey).entries()].map(([key, changed]) => {
      const current = changed.at(-1)!;
      const approved =
        lastApprovedAt === null
          ? undefined
          : (byFigure.get(key) ?? []).filter((r) => r.recordedAt <= lastApprovedAt).at(-1);
      return {
        indicator: current.indicator,
        region: current.region,
        approved: approved?.value ?? null,
        current: current.value,
        revisions: changed.length,
        note: current.note,
        recordedAt: current.recordedAt.toISOString(),
      };
    });
    return {
      plan,
      department: unit,
      period,
      state,
      figures: byFigure.size,
      editsSinceApproval: since.length,
      lastApprovedAt: lastApprovedAt?.toISOString() ?? null,
      changes,
      events: events.map(toEvent),
    };
  }

  /** Approves or returns one unit's period, or every pending unit's. */
  async decide(body: DecisionIn, principal: Principal): Promise<RouteOut<'decideApproval'>> {
    const plan = await this.plan(body.plan);
    if (!isUnderApproval(plan, body.period)) {
      throw new DomainError('approval_not_enabled', { plan: plan.code, period: body.period });
    }
    const comment = body.comment.trim();
    if (body.action === 'return' && comment === '') {
      assertNoProblems([{ path: 'comment', key: 'return_comment_required', values: {} }]);
    }
    if (body.department !== undefined) {
      const name = await this.repository.departmentName(body.department);
      if (name === undefined)
        throw new DomainError('unknown_department', { code: body.department });
    }
    const indicators = await this.repository.indicatorCodes(plan.code);
    const decided = await this.database.transaction(async (db) => {
      // Submissions of the plan's figures wait (and a decision waits for them): what is decided on
      // is what is stored.
      await this.repository.lockIndicators(db, indicators);
      const departments =
        body.department !== undefined
          ? [body.department]
          : [
              ...new Set(
                (await this.repository.revisions(plan.code, body.period, {}, db)).map(
                  (r) => r.department,
                ),
              ),
            ].sort();
      const events: (ApprovalEvent & { department: string })[] = [];
      for (const department of departments) {
        const event = await this.decideOne(db, plan.code, department, body, comment, principal, {
          onlyPending: body.department === undefined,
        });
        if (event) events.push({ ...toEvent(event), department });
      }
      if (events.length === 0) {
        throw new DomainError('approval_nothing_pending', { period: body.period });
      }
      return events;
    });
    await this.figuresChanged(plan.code, indicators);
    return { events: decided };
  }

  /** One unit's decision in the caller's transaction; null when skipped (not pending, whole period). */
  private async decideOne(
    db: EntityManager,
    plan: string,
    department: string,
    body: DecisionIn,
    comment: string,
    principal: Principal,
    options: { onlyPending: boolean },
  ): Promise<ApprovalEventRow | null> {
    await this.repository.lockUnitPeriod(db, plan, department, body.period);
    const scope = { department };
    const revisions = await this.repository.revisions(plan, body.period, scope, db);
    const events = await this.repository.events(plan, body.period, scope, db);
    const { state, lastApprovedAt } = unitFacts(revisions, events);
    if (options.onlyPending && state !== 'pending') return null;
    const values = {
      department: (await this.repository.departmentName(department, db)) ?? department,
      period: body.period,
    };
    if (state === 'not_submitted') throw new DomainError('approval_nothing_submitted', values);
    if (state === 'returned') throw new DomainError('approval_already_returned', values);
    if (state === 'approved' && body.action === 'approve') {
      throw new DomainError('approval_already_approved', values);
    }
    const at = this.clock.stamp();
    const action = body.action === 'approve' ? 'approved' : 'returned';
    const event = await this.repository.insertEvent(db, {
      plan,
      department,
      period: body.period,
      action,
      comment,
      edits: await this.repository.editsSince(db, plan, department, body.period, lastApprovedAt),
      submissionId: null,
      actor: principalName(principal),
      actorId: principal.id,
      at,
    });
    await this.audit.record(
      {
        action: body.action === 'approve' ? 'approval.approve' : 'approval.return',
        entity: 'approval_event',
        entityId: event.id,
        before: { state },
        after: { plan, department, period: body.period, action, comment, edits: event.edits },
      },
      db,
    );
    if (action === 'returned') {
      const latest = [...groupBy(revisions, figureKey).values()].map((list) => list.at(-1)!);
      const items: ReportingMessageItem[] = latest.map((r) => ({
        kind: 'figure',
        plan,
        period: body.period,
        indicator: r.indicator,
        measure: null,
        region: r.region,
        source: null,
        due: null,
        status: 'returned',
        detail: comment,
      }));
      await this.messages.send(db, {
        kind: 'approval_returned',
        plan,
        department,
        sentOn: this.clock.today(),
        items,
        comment,
        actor: principalName(principal),
        at,
      });
    }
    return event;
  }

  /** What counts changed: the same evaluation of alerts a submission sets off. */
  private async figuresChanged(plan: string, indicators?: readonly string[]): Promise<void> {
    const codes = indicators ?? (await this.repository.indicatorCodes(plan));
    if (codes.length > 0) this.figures.emit({ indicators: codes, source: 'approval' });
  }
}
