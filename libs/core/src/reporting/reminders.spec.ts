import { describe, expect, it } from 'vitest';
import {
  isOwed,
  isOverdue,
  messagePlan,
  owedRows,
  reminderPeriods,
  reminderWindowOpens,
  scheduledReminder,
  type OwedFacts,
  type ReminderFacts,
} from './reminders.js';

const due = (day: string): OwedFacts => ({ status: 'due', due: day });
const missing: OwedFacts = { status: 'missing', due: '2021-04-05' };
const returned: OwedFacts = { status: 'returned', due: '2021-04-05' };

const facts = (over: Partial<ReminderFacts>): ReminderFacts => ({
  owed: [],
  today: '2021-05-03',
  daysBefore: 3,
  repeatDays: 3,
  lastReminder: null,
  ...over,
});

describe('reminderPeriods', () => {
  it('looks at the previous month and every earlier month of its year', () => {
    expect(reminderPeriods('2021-05-03')).toEqual(['2021-01', '2021-02', '2021-03', '2021-04']);
    expect(reminderPeriods('2021-02-28')).toEqual(['2021-01']);
  });

  it('in January looks back at the whole previous year', () => {
    const periods = reminderPeriods('2021-01-04');
    expect(periods).toHaveLength(12);
    expect([periods[0], periods[11]]).toEqual(['2020-01', '2020-12']);
  });
});

describe('isOwed', () => {
  it('owes what is missing or returned, whatever the day', () => {
    expect(isOwed(missing, '2021-05-03', 3)).toBe(true);
    expect(isOwed(returned, '2021-05-03', 3)).toBe(true);
  });

  it('owes what is due from its window on: daysBefore days before the due day', () => {
    expect(reminderWindowOpens('2021-05-05', 3)).toBe('2021-05-02');
    expect(isOwed(due('2021-05-05'), '2021-05-01', 3)).toBe(false);
    expect(isOwed(due('2021-05-05'), '2021-05-02', 3)).toBe(true);
    expect(isOwed(due('2021-05-05'), '2021-05-05', 0)).toBe(true);
    expect(isOwed(due('2021-05-05'), '2021-05-04', 0)).toBe(false);
  });

  it('by hand (no window) owes anything due', () => {
    expect(isOwed(due('2021-05-28'), '2021-05-01', null)).toBe(true);
  });

  it('never owes what was received, on time or late', () => {
    for (const status of ['submitted', 'late'] as const) {
      expect(isOwed({ status, due: '2021-05-05' }, '2021-05-04', null)).toBe(false);
      expect(isOwed({ status, due: '2021-05-05' }, '2021-05-04', 3)).toBe(false);
    }
  });

  it('owedRows keeps the owed rows in their order', () => {
    const rows = [
      { ...due('2021-05-05'), id: 1 },
      { status: 'submitted' as const, due: '2021-05-05', id: 2 },
      { ...missing, id: 3 },
      { ...due('2021-05-20'), id: 4 },
    ];
    expect(owedRows(rows, '2021-05-03', 3).map((r) => r.id)).toEqual([1, 3]);
    expect(owedRows(rows, '2021-05-03', null).map((r) => r.id)).toEqual([1, 3, 4]);
    expect(isOverdue(owedRows(rows, '2021-05-03', 3))).toBe(true);
    expect(isOverdue([due('2021-05-05')])).toBe(false);
  });
});

describe('scheduledReminder', () => {
  it('sends nothing when nothing is owed', () => {
    expect(scheduledReminder(facts({ owed: [] }))).toBeNull();
  });

  it('sends a before-due reminder once per window', () => {
    const owed = [due('2021-05-05')];
    expect(scheduledReminder(facts({ owed, today: '2021-05-02' }))).toBe('reminder_before_due');
    // Reminded on the day the window opened: not again on the next days.
    expect(
      scheduledReminder(facts({ owed, today: '2021-05-04', lastReminder: '2021-05-02' })),
    ).toBeNull();
    // A reminder before the window opened (an earlier period's) does not count.
    expect(
      scheduledReminder(facts({ owed, today: '2021-05-04', lastReminder: '2021-04-20' })),
    ).toBe('reminder_before_due');
  });

  it('sends another before-due reminder when a later window opens', () => {
    const owed = [due('2021-05-05'), due('2021-05-10')];
    expect(
      scheduledReminder(facts({ owed, today: '2021-05-07', lastReminder: '2021-05-02' })),
    ).toBe('reminder_before_due');
    expect(
      scheduledReminder(facts({ owed, today: '2021-05-08', lastReminder: '2021-05-07' })),
    ).toBeNull();
  });

  it('sends an overdue reminder when anything is missing or returned, again every repeatDays', () => {
    expect(scheduledReminder(facts({ owed: [due('2021-05-05'), missing] }))).toBe(
      'reminder_overdue',
    );
    expect(scheduledReminder(facts({ owed: [returned] }))).toBe('reminder_overdue');
    const owed = [missing];
    const on = (today: string) =>
      scheduledReminder(facts({ owed, today, lastReminder: '2021-05-03' }));
    expect(on('2021-05-04')).toBeNull();
    expect(on('2021-05-05')).toBeNull();
    expect(on('2021-05-06')).toBe('reminder_overdue');
    expect(
      scheduledReminder(
        facts({ owed, today: '2021-05-04', lastReminder: '2021-05-03', repeatDays: 1 }),
      ),
    ).toBe('reminder_overdue');
  });

  it('never sends two the same day', () => {
    expect(
      scheduledReminder(
        facts({ owed: [missing], today: '2021-05-03', lastReminder: '2021-05-03' }),
      ),
    ).toBeNull();
    expect(
      scheduledReminder(
        facts({ owed: [missing], today: '2021-05-03', lastReminder: '2021-05-03', repeatDays: 0 }),
      ),
    ).toBeNull();
  });
});

describe('messagePlan', () => {
  it('names the one plan of the items, or none when they span several', () => {
    expect(messagePlan(['A', 'A'])).toBe('A');
    expect(messagePlan(['A', 'B'])).toBeNull();
    expect(messagePlan([])).toBeNull();
  });
});
