import { addDays, type IsoDate } from '../time/time.js';

// 督办: a supervision notice's state is what its events say, read in order.

export type NoticeEventKind =
  'raised' | 'replied' | 'closed' | 'reopened' | 'overdue' | 'escalated';
export type NoticeStateName = 'open' | 'replied' | 'closed';

/** One event of a notice as its state needs it; `replyBy` is a raise's or a reopen's deadline. */
export interface NoticeEventFact {
  kind: NoticeEventKind;
  replyBy: IsoDate | null;
}

/** Where a notice stands after its events, on `today`. */
export interface NoticeStanding {
  state: NoticeStateName;
  /** The reply deadline in force: the raise's, or the latest reopen's. */
  replyBy: IsoDate;
  /** Open (not replied) past its reply deadline. */
  overdue: boolean;
  /** An escalation was recorded since the last raise or reopen. */
  escalated: boolean;
  /** An overdue event was recorded since the last raise or reopen. */
  overdueRecorded: boolean;
}

/**
 * The state of a notice from its events, oldest first: open after raised or reopened, replied after a
 * reply, closed after closed; overdue when open past the reply deadline in force on `today`.
 */
export function noticeStanding(events: readonly NoticeEventFact[], today: IsoDate): NoticeStanding {
  let state: NoticeStateName = 'open';
  let replyBy: IsoDate = '';
  let escalated = false;
  let overdueRecorded = false;
  for (const event of events) {
    switch (event.kind) {
      case 'raised':
      case 'reopened':
        state = 'open';
        if (event.replyBy !== null) replyBy = event.replyBy;
        escalated = false;
        overdueRecorded = false;
        break;
      case 'replied':
        state = 'replied';
        break;
      case 'closed':
        state = 'closed';
        break;
      case 'overdue':
        overdueRecorded = true;
        break;
      case 'escalated':
        escalated = true;
        break;
    }
  }
  return {
    state,
    replyBy,
    overdue: state === 'open' && replyBy !== '' && replyBy < today,
    escalated,
    overdueRecorded,
  };
}

/**
 * What the overdue job records for a notice on `today`: `overdue` once an open notice is past its
 * reply deadline, `escalated` `escalateAfterDays` days after the deadline passed, else nothing. One
 * step per run: an escalation always follows an overdue event.
 */
export function noticeDueEvent(
  standing: NoticeStanding,
  today: IsoDate,
  escalateAfterDays: number,
): 'overdue' | 'escalated' | null {
  if (!standing.overdue) return null;
  if (!standing.overdueRecorded) return 'overdue';
  // Overdue from the day after the deadline; escalated N days after that.
  if (!standing.escalated && addDays(standing.replyBy, 1 + escalateAfterDays) <= today) {
    return 'escalated';
  }
  return null;
}

/** A notice's number as people quote it: DB-2020-007, numbered per plan and year. */
export function noticeNumber(year: number, sequence: number): string {
  return `DB-${year}-${String(sequence).padStart(3, '0')}`;
}

/** The sequence of the next notice of a year, given the numbers already taken that year. */
export function nextNoticeSequence(year: number, taken: readonly string[]): number {
  const prefix = `DB-${year}-`;
  let max = 0;
  for (const number of taken) {
    if (!number.startsWith(prefix)) continue;
    const n = Number(number.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}
