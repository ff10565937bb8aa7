import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Notice, NoticeState, ValidationProblem } from '@zhibiao/contracts';
import {
  addDays,
  endOfBusinessDay,
  startOfBusinessDay,
  noticeDueEvent,
  noticeNumber,
  nextNoticeSequence,
  noticeStanding,
  type IsoDate,
} from '@zhibiao/core';
import { AlertsService } from '../../alerts/lifecycle/alerts.service.js';
import { HISTORY_UNREAD_DAYS, InboxService } from '../../alerts/routing/inbox.service.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import type { RouteIn, RouteOut } from '../../common/contract.js';
import { DomainError } from '../../common/domain-error.js';
import { assertNoProblems } from '../../common/validation-failed.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { EvidenceService } from '../../measure-reports/evidence.service.js';
import { evidenceProblems, isStaff, type Actor } from '../evidence.js';
import { routeNoticeEvent, toEvent, toNotice } from './notices.mappers.js';
import {
  NoticesRepository,
  type NoticeEventRecord,
  type NoticeRecord,
  type NoticeSubjectKind,
  type StoredReply,
} from './notices.repository.js';

type NoticeDetail = RouteOut<'getNotice'>;
type NoticeIn = RouteIn<'raiseNotice'>['body'];
type ReplyIn = RouteIn<'replyNotice'>['body'];
type DecisionIn = RouteIn<'closeNotice'>['body'];

/** No as-of day: everything recorded so far. */
const EVERYTHING = new Date('9999-12-31T00:00:00Z');

const NOT_FOUND = {
  measure: 'measure_not_found',
  milestone: 'milestone_not_found',
  indicator: 'indicator_not_found',
} as const;

/** When something is recorded and the business day it counts on (the demo's past moments). */
export interface At {
  at: Date;
  today: IsoDate;
}

/**
 * Supervision notices (督办): the bureau raises one on a measure, node task or indicator for one of
 * its units; the unit replies with a cause and catch-up plan; the bureau closes or reopens it. An open
 * notice past its reply deadline is marked overdue, and escalated to leaders some days later. Each
 * step reaches the people concerned in their inbox.
 */
@Injectable()
export class NoticesService implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly repository: NoticesRepository,
    private readonly alerts: AlertsService,
    private readonly inbox: InboxService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly evidence: EvidenceService,
  ) {}

  /** The evidence files of notices' replies with their name, size and type (one query). */
  private async completeFiles(notices: readonly (Notice | NoticeDetail)[]): Promise<void> {
    await this.evidence.completeFiles(
      notices.flatMap((n) => [
        n.lastReply?.evidence,
        ...('events' in n ? n.events.map((e) => e.reply?.evidence) : []),
      ]),
    );
  }

  onModuleInit(): void {
    this.inbox.useNoticePresenter((ids) => this.byIds(ids));
  }

  private now(): At {
    return { at: this.clock.stamp(), today: this.clock.today() };
  }

  async list(query: RouteIn<'listNotices'>['query']): Promise<Notice[]> {
    const today = query.asOf ?? this.clock.today();
    const before = query.asOf ? endOfBusinessDay(query.asOf) : EVERYTHING;
    const records = await this.repository.list({
      plan: query.plan ?? null,
      department: query.department ?? null,
      subject: query.subject ?? null,
      before,
    });
    const events = await this.repository.events(
      records.map((r) => r.id),
      before,
    );
    const notices = records
      .map((r) =>
        toNotice(
          r,
          events.filter((e) => e.noticeId === r.id),
          today,
        ),
      )
      .filter((n) =>
        query.state === undefined
          ? true
          : query.state === 'overdue'
            ? n.overdue
            : n.state === query.state,
      );
    await this.completeFiles(notices);
    return notices;
  }

  async get(id: string, db: EntityManager = this.database.db): Promise<NoticeDetail> {
    const record = await this.repository.find(id, db);
    if (!record) throw new DomainError('notice_not_found', { id });
    const events = await this.repository.events([id], EVERYTHING, db);
    const notice = { ...toNotice(record, events, this.clock.today()), events: events.map(toEvent) };
    await this.completeFiles([notice]);
    return notice;
  }

  /** Notices by id, as they stand today (the inbox's items). */
  async byIds(ids: readonly string[]): Promise<Map<string, Notice>> {
    const result = new Map<string, Notice>();
    if (ids.length === 0) return result;
    const events = await this.repository.events(ids, EVERYTHING);
    for (const id of ids) {
      const record = await this.repository.find(id);
      if (record) {
        result.set(
          id,
          toNotice(
            record,
            events.filter((e) => e.noticeId === id),
            this.clock.today(),
          ),
        );
      }
    }
    await this.completeFiles([...result.values()]);
    return result;
  }

  async raise(
    actor: Actor,
    body: NoticeIn,
    when: At = this.now(),
    alertId: string | null = null,
  ): Promise<NoticeDetail> {
    const subject = await this.repository.subject(body.subject.kind, body.subject.code);
    if (!subject) throw new DomainError(NOT_FOUND[body.subject.kind], { code: body.subject.code });
    const department = body.department ?? subject.lead[0] ?? '';
    const problems: ValidationProblem[] = [];
    if (![...subject.lead, ...subject.support].includes(department)) {
      problems.push({
        path: 'department',
        key: 'notice_department',
        values: { code: department || '—', subject: subject.code },
      });
    }
    if (body.replyBy < when.today) {
      problems.push({
        path: 'replyBy',
        key: 'reply_by_past',
        values: { date: body.replyBy, today: when.today },
      });
    }
    assertNoProblems(problems);
    const id = await this.database.transaction(async (db) => {
      const year = Number(when.today.slice(0, 4));
      const number = noticeNumber(
        year,
        nextNoticeSequence(year, await this.repository.numbersOfYear(db, year)),
      );
      const id = await this.repository.insert(db, {
        number,
        plan: subject.plan,
        subjectKind: subject.kind,
        subjectCode: subject.code,
        department,
        problem: body.problem,
        requirement: body.requirement,
        replyBy: body.replyBy,
        alertId,
        raisedBy: actor.name,
        raisedAt: when.at,
      });
      await this.record(db, id, {
        kind: 'raised',
        comment: null,
        reply: null,
        replyBy: body.replyBy,
        actor: actor.name,
        at: when.at,
      });
      await this.audited(db, 'notice.raise', id, null);
      return id;
    });
    return this.get(id);
  }

  /** One step from a shortfall alert: about its indicator or node task, to its first lead unit. */
  async raiseFromAlert(
    actor: Actor,
    alertId: string,
    body: RouteIn<'raiseAlertNotice'>['body'],
    when: At = this.now(),
  ): Promise<NoticeDetail> {
    const alert = await this.alerts.get(alertId);
    const subject: { kind: NoticeSubjectKind; code: string } = alert.indicator
      ? { kind: 'indicator', code: alert.indicator }
      : { kind: 'milestone', code: alert.milestone ?? '' };
    return this.raise(
      actor,
      {
        subject,
        department: alert.departments[0]?.code,
        problem: alert.message.zh,
        requirement: body.requirement,
        replyBy: body.replyBy,
      },
      when,
      alertId,
    );
  }

  /** The addressed unit (a reporter of it), an analyst or an administrator answers. */
  async reply(
    actor: Actor,
    id: string,
    body: ReplyIn,
    when: At = this.now(),
  ): Promise<NoticeDetail> {
    const known = await this.repository.find(id);
    if (!known) throw new DomainError('notice_not_found', { id });
    if (!isStaff(actor) && actor.department !== known.department.code) {
      await this.audit.record({
        action: 'notice.reply',
        entity: 'supervision_notice',
        entityId: id,
        outcome: 'denied',
      });
      throw new DomainError('notice_not_addressed', {
        number: known.number,
        department: known.department.name,
      });
    }
    await this.database.transaction(async (db) => {
      const cited = await this.evidence.check(
        db,
        body.evidence,
        { name: actor.name, department: actor.department },
        known.department.code,
      );
      assertNoProblems([...evidenceProblems(body.evidence), ...cited.problems]);
      const { record, state } = await this.lockState(db, id, when.today);
      if (state === 'closed') throw new DomainError('notice_closed', { number: record.number });
      const reply: StoredReply = {
        cause: body.cause,
        plan: body.plan,
        catchUpDate: body.catchUpDate,
        evidence: body.evidence,
      };
      await this.record(db, id, {
        kind: 'replied',
        comment: body.comment,
        reply,
        replyBy: null,
        actor: actor.name,
        at: when.at,
      });
      await this.audited(db, 'notice.reply', id, record);
    });
    return this.get(id);
  }

  async close(
    actor: Actor,
    id: string,
    body: DecisionIn,
    when: At = this.now(),
  ): Promise<NoticeDetail> {
    await this.database.transaction(async (db) => {
      const { record, state } = await this.lockState(db, id, when.today);
      if (state === 'closed') throw new DomainError('notice_not_open', { number: record.number });
      await this.record(db, id, {
        kind: 'closed',
        comment: body.comment,
        reply: null,
        replyBy: null,
        actor: actor.name,
        at: when.at,
      });
      await this.audited(db, 'notice.close', id, record);
    });
    return this.get(id);
  }

  async reopen(
    actor: Actor,
    id: string,
    body: DecisionIn,
    when: At = this.now(),
  ): Promise<NoticeDetail> {
    await this.database.transaction(async (db) => {
      const { record, state } = await this.lockState(db, id, when.today);
      if (state !== 'closed') throw new DomainError('notice_not_closed', { number: record.number });
      if (body.replyBy === undefined) {
        assertNoProblems([{ path: 'replyBy', key: 'reply_by_required' }]);
      } else if (body.replyBy < when.today) {
        assertNoProblems([
          {
            path: 'replyBy',
            key: 'reply_by_past',
            values: { date: body.replyBy, today: when.today },
          },
        ]);
      }
      await this.record(db, id, {
        kind: 'reopened',
        comment: body.comment,
        reply: null,
        replyBy: body.replyBy ?? null,
        actor: actor.name,
        at: when.at,
      });
      await this.audited(db, 'notice.reopen', id, record);
    });
    return this.get(id);
  }

  /**
   * The overdue job's work for `today`: an open notice past its reply deadline gets an `overdue`
   * event, and `NOTICE_ESCALATION_DAYS` later an `escalated` one (leaders hear of it). Idempotent.
   */
  async recordOverdue(when: At = this.now()): Promise<{ overdue: number; escalated: number }> {
    return this.database.transaction(async (db) => {
      const counts = { overdue: 0, escalated: 0 };
      // As known at that moment (the demo replays past days).
      const before = new Date(when.at.getTime() + 1);
      const ids = await this.repository.notClosedIds(db, before);
      const all = await this.repository.events(ids, before, db);
      for (const id of ids) {
        const events = all.filter((e) => e.noticeId === id);
        // A run after a long pause catches up: overdue, then escalated, in one go.
        for (let step = 0; step < 2; step += 1) {
          const due = noticeDueEvent(
            noticeStanding(events, when.today),
            when.today,
            this.config.noticeEscalationDays,
          );
          if (due === null) break;
          const event = {
            noticeId: id,
            kind: due,
            comment: null,
            reply: null,
            replyBy: null,
            actor: null,
            at: when.at,
          };
          const eventId = await this.record(db, id, event);
          events.push({ ...event, id: eventId });
          counts[due] += 1;
          await this.audit.record(
            { action: `notice.${due}`, entity: 'supervision_notice', entityId: id },
            db,
          );
        }
      }
      return counts;
    });
  }

  /**
   * The demo's notices for demo users created after it was loaded (a later start): every event of
   * the plans' notices that routing gives them, at its moment, read when older than the demo's last
   * fortnight (as the history run leaves alerts).
   */
  async deliverDemoInbox(
    userIds: readonly string[],
    plans: readonly { plan: string; day: IsoDate }[],
  ): Promise<void> {
    if (userIds.length === 0) return;
    const notices = new Map<string, NoticeRecord[]>();
    for (const { plan } of plans) {
      notices.set(
        plan,
        await this.repository.list({ plan, department: null, subject: null, before: EVERYTHING }),
      );
    }
    await this.database.transaction(async (db) => {
      const users = (await this.repository.recipients(db)).filter((u) => userIds.includes(u.id));
      for (const { plan, day } of plans) {
        const readBefore = startOfBusinessDay(addDays(day, -HISTORY_UNREAD_DAYS));
        const records = notices.get(plan) ?? [];
        const events = await this.repository.events(
          records.map((r) => r.id),
          EVERYTHING,
          db,
        );
        for (const event of events) {
          const notice = records.find((r) => r.id === event.noticeId)!;
          await this.inbox.deliverNoticeEvent(
            db,
            routeNoticeEvent(event.kind, notice, users),
            event.id,
            event.at,
            event.at < readBefore ? this.clock.now() : null,
          );
        }
      }
    });
  }

  private async lockState(
    db: EntityManager,
    id: string,
    today: IsoDate,
  ): Promise<{ record: NoticeRecord; state: NoticeState }> {
    const record = await this.repository.lock(db, id);
    if (!record) throw new DomainError('notice_not_found', { id });
    const events = await this.repository.events([id], EVERYTHING, db);
    return { record, state: noticeStanding(events, today).state };
  }

  /** Records an event and puts it in the inboxes of those it concerns. */
  private async record(
    db: EntityManager,
    noticeId: string,
    event: Omit<NoticeEventRecord, 'id' | 'noticeId'>,
  ): Promise<string> {
    const eventId = await this.repository.insertEvent(db, { ...event, noticeId });
    const notice = await this.repository.find(noticeId, db);
    if (!notice) return eventId;
    const to = routeNoticeEvent(event.kind, notice, await this.repository.recipients(db));
    await this.inbox.deliverNoticeEvent(db, to, eventId, event.at);
    return eventId;
  }

  private async audited(
    db: EntityManager,
    action: string,
    id: string,
    before: NoticeRecord | null,
  ): Promise<void> {
    const after = await this.repository.find(id, db);
    await this.audit.record(
      {
        action,
        entity: 'supervision_notice',
        entityId: id,
        before: before && { number: before.number, department: before.department.code },
        after: after && {
          number: after.number,
          subject: after.subject,
          department: after.department.code,
          replyBy: after.replyBy,
        },
      },
      db,
    );
  }
}
