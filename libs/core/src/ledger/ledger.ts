// The ledger (台账): one status word per measure and node task for a month, as a supervision office
// writes it in its 状态 column, from the lead units' reports and the node tasks' completions.

import { addDays, type IsoDate, type Period } from '../time/time.js';

/** 已完成 / 按序时推进 / 滞后 / 未启动 / 未报送. */
export const LEDGER_STATUSES = [
  'done',
  'on_track',
  'behind',
  'not_started',
  'not_reported',
] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export const LEDGER_STATUS_WORDS: Record<LedgerStatus, { zh: string; en: string }> = {
  done: { zh: '已完成', en: 'Done' },
  on_track: { zh: '按序时推进', en: 'On track' },
  behind: { zh: '滞后', en: 'Behind' },
  not_started: { zh: '未启动', en: 'Not started' },
  not_reported: { zh: '未报送', en: 'Not reported' },
};

/** A lead unit's report as the ledger needs it: its own assessment and where it stands. */
export interface LedgerReportFacts {
  status: 'on_track' | 'behind' | 'done' | 'not_started';
  state: 'draft' | 'submitted' | 'returned' | 'confirmed';
}

// The worse of two lead units' reports is the measure's: one unit behind holds the whole group.
const SEVERITY: Record<LedgerReportFacts['status'], number> = {
  behind: 0,
  not_started: 1,
  on_track: 2,
  done: 3,
};

/**
 * The lead report that speaks for a measure in a month: among the lead units' reports sent to the
 * bureau (drafts are the unit's own), the one with the worst assessment; null when none was sent.
 */
export function decisiveReport<R extends LedgerReportFacts>(reports: readonly R[]): R | null {
  let chosen: R | null = null;
  for (const report of reports) {
    if (report.state === 'draft') continue;
    if (chosen === null || SEVERITY[report.status] < SEVERITY[chosen.status]) chosen = report;
  }
  return chosen;
}

/**
 * A measure's status for the month: its decisive report's assessment; without one, done when an
 * earlier month's report said done (a finished measure is not reported again), else not reported.
 */
export function measureLedgerStatus(
  decisive: LedgerReportFacts | null,
  doneEarlier: boolean,
): LedgerStatus {
  if (decisive) return decisive.status;
  return doneEarlier ? 'done' : 'not_reported';
}

/**
 * A node task's status on `asOf`: done once the bureau confirmed it (or the catalogue says so),
 * behind past its deadline (完成时限) when not, on track before it. A claim waiting for the bureau's
 * check is not done yet.
 */
export function milestoneLedgerStatus(
  milestone: { deadline: IsoDate; doneOn: IsoDate | null },
  asOf: IsoDate,
): LedgerStatus {
  if (milestone.doneOn !== null && milestone.doneOn <= asOf) return 'done';
  return asOf > milestone.deadline ? 'behind' : 'on_track';
}

/**
 * The month a ledger shows by default: the last month that ended by `asOf` (reports of a month are
 * filed early in the next), kept within the plan's years.
 */
export function defaultLedgerPeriod(
  asOf: IsoDate,
  plan: { startYear: number; endYear: number },
): Period {
  const lastMonth = addDays(`${asOf.slice(0, 7)}-01`, -1).slice(0, 7);
  if (lastMonth < `${plan.startYear}-01`) return `${plan.startYear}-01`;
  if (lastMonth > `${plan.endYear}-12`) return `${plan.endYear}-12`;
  return lastMonth;
}

/**
 * The cities a measure names, by region code: a city is named by its name with or without 市
 * (济南市, 济南), matched where it is not part of a longer place name already matched.
 */
export function citiesNamed(
  text: string,
  cities: readonly { code: string; name: string }[],
): string[] {
  const found: string[] = [];
  for (const city of cities) {
    const short = city.name.endsWith('市') ? city.name.slice(0, -1) : city.name;
    if (short.length >= 2 && text.includes(short)) found.push(city.code);
  }
  return found;
}

/**
 * Text as a spreadsheet shows it, never as a formula: a cell beginning with = + - @ or a tab or
 * carriage return is what spreadsheet programs (and a later save as CSV) may run as a formula or a
 * DDE call, so it gets a leading apostrophe (OWASP's advice for CSV injection).
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
