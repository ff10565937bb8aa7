import type { AlertCause, Notice } from '@zhibiao/contracts';
import { noticeStanding, type IsoDate } from '@zhibiao/core';
import type { RouteOut } from '../../common/contract.js';
import { presentEvidence } from '../evidence.js';
import type { NoticeEventRecord, NoticeRecord, StoredReply } from './notices.repository.js';

// A notice and its events as the API answers them: its standing (state, deadline, overdue,
// escalated) derived from its events as of a day, its last reply. File evidence carries its id
// here; NoticesService has EvidenceService fill in name, size and type. And who hears of each event.

type NoticeDetail = RouteOut<'getNotice'>;

export function toNotice(
  record: NoticeRecord,
  events: readonly NoticeEventRecord[],
  today: IsoDate,
): Notice {
  const standing = noticeStanding(
    [{ kind: 'raised', replyBy: record.replyBy }, ...events.filter((e) => e.kind !== 'raised')],
    today,
  );
  const lastReply = [...events].reverse().find((e) => e.kind === 'replied')?.reply ?? null;
  const last = events.at(-1);
  return {
    id: record.id,
    number: record.number,
    plan: record.plan,
    subject: record.subject,
    department: record.department,
    problem: record.problem,
    requirement: record.requirement,
    replyBy: standing.replyBy,
    state: standing.state,
    overdue: standing.overdue,
    escalated: standing.escalated,
    alert: record.alertId,
    raisedAt: record.raisedAt.toISOString(),
    raisedBy: record.raisedBy,
    lastReply: lastReply && presentReply(lastReply),
    updatedAt: (last?.at ?? record.raisedAt).toISOString(),
  };
}

function presentReply(reply: StoredReply) {
  return {
    cause: reply.cause as AlertCause,
    plan: reply.plan,
    catchUpDate: reply.catchUpDate,
    evidence: presentEvidence(reply.evidence),
  };
}

export function toEvent(event: NoticeEventRecord): NoticeDetail['events'][number] {
  return {
    id: event.id,
    kind: event.kind,
    at: event.at.toISOString(),
    by: event.actor,
    comment: event.comment,
    reply: event.reply && presentReply(event.reply),
  };
}

/**
 * Who hears of a notice's event: raised, reopened and overdue reach the addressed unit's reporters;
 * a reply reaches analysts and the one who raised it; an escalation reaches leaders and analysts.
 */
export function routeNoticeEvent(
  kind: NoticeEventRecord['kind'],
  notice: NoticeRecord,
  users: readonly {
    id: string;
    username: string;
    roles: readonly string[];
    department: string | null;
  }[],
): string[] {
  const reporters = users.filter(
    (u) => u.roles.includes('reporter') && u.department === notice.department.code,
  );
  const analysts = users.filter((u) => u.roles.includes('analyst'));
  const leaders = users.filter((u) => u.roles.includes('leader'));
  const to =
    kind === 'raised' || kind === 'reopened' || kind === 'overdue'
      ? reporters
      : kind === 'replied'
        ? [...analysts, ...users.filter((u) => u.username === notice.raisedBy)]
        : kind === 'escalated'
          ? [...leaders, ...analysts]
          : [];
  return [...new Set(to.map((u) => u.id))];
}
