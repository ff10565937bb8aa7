import { previousPeriod } from '../figures/series.js';
import { addDays, daysBetween, periodOf, type IsoDate, type Period } from '../time/time.js';
import type { ReportingMessageKind, ReportingStatus } from './states.js';

// Reminders (催报): what a unit still owes on a day, and whether the scheduled job reminds it of it
// today. Pure; the calendar says where each expected report stands.

/** What a reminder needs to know of an expected report: where it stands and when it is due. */
export interface OwedFacts {
  status: ReportingStatus;
  due: IsoDate;
}

/** The reminders the scheduled job sends; the bureau's by hand are `reminder_manual`. */
export type ScheduledReminderKind = Extract<
  ReportingMessageKind,
  'reminder_before_due' | 'reminder_overdue'
>;

/**
 * The periods a reminder on `today` looks at: the previous month and every earlier month of its year
 * (January first), where anything may still be missing or returned.
 */
export function reminderPeriods(today: IsoDate): Period[] {
  const last = previousPeriod(periodOf(today));
  const periods: Period[] = [];
  for (let month = 1; month <= Number(last.slice(5, 7)); month += 1) {
    periods.push(`${last.slice(0, 4)}-${String(month).padStart(2, '0')}`);
  }
  return periods;
}

/** The first day of an expected report's before-due window: `daysBefore` days before its due day. */
export function reminderWindowOpens(due: IsoDate, daysBefore: number): IsoDate {
  return addDays(due, -daysBefore);
}

/**
 * Whether a unit owes an expected report on `today`: `missing` or `returned`; or `due` and, unless
 * `daysBefore` is null (the bureau's reminder by hand), within its before-due window. Never one that
 * was received (`submitted`, `late`).
 */
export function isOwed(row: OwedFacts, today: IsoDate, daysBefore: number | null): boolean {
  switch (row.status) {
    case 'missing':
    case 'returned':
      return true;
    case 'due':
      return daysBefore === null || today >= reminderWindowOpens(row.due, daysBefore);
    case 'submitted':
    case 'late':
      return false;
  }
}

/** The rows a unit owes on `today`, in their order (see `isOwed`). */
export function owedRows<T extends OwedFacts>(
  rows: readonly T[],
  today: IsoDate,
  daysBefore: number | null,
): T[] {
  return rows.filter((row) => isOwed(row, today, daysBefore));
}

/** Whether anything owed is overdue: missing, or returned and awaiting resubmission. */
export function isOverdue(owed: readonly OwedFacts[]): boolean {
  return owed.some((row) => row.status === 'missing' || row.status === 'returned');
}

export interface ReminderFacts {
  /** What the unit owes today (`owedRows` with the before-due window). */
  owed: readonly OwedFacts[];
  today: IsoDate;
  /** REMINDER_DAYS_BEFORE: the before-due window opens that many days before the due day. */
  daysBefore: number;
  /** REMINDER_REPEAT_DAYS: an overdue unit is reminded again after that many days. */
  repeatDays: number;
  /** The business day of the unit's latest reminder of any kind, or null when it never got one. */
  lastReminder: IsoDate | null;
}

/**
 * The reminder the scheduled job sends a unit today, or null: nothing owed → none; anything missing
 * or returned → `reminder_overdue`, unless the unit got a reminder within the last `repeatDays − 1`
 * days (so every `repeatDays` days while it lasts); else `reminder_before_due`, once per window —
 * not when the unit got a reminder since the latest window among what it owes opened. Never two a day.
 */
export function scheduledReminder(facts: ReminderFacts): ScheduledReminderKind | null {
  const { owed, today, lastReminder } = facts;
  if (owed.length === 0) return null;
  if (lastReminder !== null && lastReminder >= today) return null;
  if (isOverdue(owed)) {
    if (lastReminder !== null && daysBetween(lastReminder, today) < facts.repeatDays) return null;
    return 'reminder_overdue';
  }
  const opened = owed
    .map((row) => reminderWindowOpens(row.due, facts.daysBefore))
    .reduce((latest, day) => (day > latest ? day : latest));
  if (lastReminder !== null && lastReminder >= opened) return null;
  return 'reminder_before_due';
}

/** The plan a message names: the one plan all its items belong to, or null when they span several. */
export function messagePlan(plans: readonly string[]): string | null {
  const distinct = new Set(plans);
  return distinct.size === 1 ? ([...distinct][0] ?? null) : null;
}
