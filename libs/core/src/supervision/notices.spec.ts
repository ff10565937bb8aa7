import { describe, expect, it } from 'vitest';
import { doneOnAsOf } from './completions.js';
import {
  nextNoticeSequence,
  noticeDueEvent,
  noticeNumber,
  noticeStanding,
  type NoticeEventFact,
} from './notices.js';

const raised: NoticeEventFact = { kind: 'raised', replyBy: '2020-06-10' };
const ev = (kind: NoticeEventFact['kind'], replyBy: string | null = null): NoticeEventFact => ({
  kind,
  replyBy,
});

describe(noticeStanding.name, () => {
  it('is open once raised, overdue only after its reply deadline', () => {
    expect(noticeStanding([raised], '2020-06-10')).toMatchObject({
      state: 'open',
      replyBy: '2020-06-10',
      overdue: false,
    });
    expect(noticeStanding([raised], '2020-06-11')).toMatchObject({ state: 'open', overdue: true });
  });

  it('is replied after a reply (never overdue), closed after closing', () => {
    expect(noticeStanding([raised, ev('replied')], '2020-07-01')).toMatchObject({
      state: 'replied',
      overdue: false,
    });
    expect(noticeStanding([raised, ev('replied'), ev('closed')], '2020-07-01').state).toBe(
      'closed',
    );
  });

  it('reopens with the new deadline, forgetting an earlier escalation', () => {
    const events = [
      raised,
      ev('overdue'),
      ev('escalated'),
      ev('closed'),
      ev('reopened', '2020-07-20'),
    ];
    expect(noticeStanding(events, '2020-07-01')).toEqual({
      state: 'open',
      replyBy: '2020-07-20',
      overdue: false,
      escalated: false,
      overdueRecorded: false,
    });
    expect(noticeStanding(events.slice(0, 3), '2020-07-01').escalated).toBe(true);
  });
});

describe(noticeDueEvent.name, () => {
  it('records overdue the day after the deadline, then escalates N days later, once', () => {
    expect(noticeDueEvent(noticeStanding([raised], '2020-06-10'), '2020-06-10', 3)).toBeNull();
    expect(noticeDueEvent(noticeStanding([raised], '2020-06-11'), '2020-06-11', 3)).toBe('overdue');
    const overdue = [raised, ev('overdue')];
    expect(noticeDueEvent(noticeStanding(overdue, '2020-06-13'), '2020-06-13', 3)).toBeNull();
    expect(noticeDueEvent(noticeStanding(overdue, '2020-06-14'), '2020-06-14', 3)).toBe(
      'escalated',
    );
    const escalated = [...overdue, ev('escalated')];
    expect(noticeDueEvent(noticeStanding(escalated, '2020-06-30'), '2020-06-30', 3)).toBeNull();
  });

  it('leaves replied and closed notices alone', () => {
    expect(
      noticeDueEvent(noticeStanding([raised, ev('replied')], '2020-08-01'), '2020-08-01', 3),
    ).toBeNull();
    expect(
      noticeDueEvent(noticeStanding([raised, ev('closed')], '2020-08-01'), '2020-08-01', 3),
    ).toBeNull();
  });
});

describe(noticeNumber.name, () => {
  it('numbers per year with three digits', () => {
    expect(noticeNumber(2020, 7)).toBe('DB-2020-007');
    expect(noticeNumber(2021, 1234)).toBe('DB-2021-1234');
  });
  it('takes the next number after the highest of the year', () => {
    expect(nextNoticeSequence(2020, [])).toBe(1);
    expect(nextNoticeSequence(2020, ['DB-2020-002', 'DB-2020-010', 'DB-2019-040'])).toBe(11);
  });
});

describe(doneOnAsOf.name, () => {
  const claim = { doneOn: '2020-06-28', confirmedOn: '2020-07-03' };
  it('counts a confirmed claim from its confirmation day, with the day it claims', () => {
    expect(doneOnAsOf(null, [claim], '2020-07-02')).toBeNull();
    expect(doneOnAsOf(null, [claim], '2020-07-03')).toBe('2020-06-28');
  });
  it('keeps the catalogue’s own done day', () => {
    expect(doneOnAsOf('2020-05-01', [claim], '2020-06-01')).toBe('2020-05-01');
    expect(doneOnAsOf('2020-09-01', [], '2020-06-01')).toBe('2020-09-01');
  });
});
