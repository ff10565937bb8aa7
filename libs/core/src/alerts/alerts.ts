import { modifiedZScores, OUTLIER_THRESHOLD, periodClosesOn } from '../figures/figure-checks.js';
import { lastDuePeriod, type ProgressStatus } from '../progress/progress.js';
import { chineseQuantity } from '../progress/sentence.js';
import { monthsPerPeriod, previousPeriod } from '../figures/series.js';
import { englishQuantity, meetsTarget, type Direction, type Target } from '../targets/target.js';
import { addDays, daysBetween, type IsoDate, type Period } from '../time/time.js';

// Shortfall alerts, pure: when each rule's condition holds (with the numbers that make it hold and one
// sentence in each language), how severe it is as the deadline nears, and the lifecycle of an alert
// across evaluations — pending for K evaluations, firing, kept firing for a while after the condition
// clears, resolved. The API stores the tracks and alerts and routes them; this decides.

export const ALERT_RULE_KINDS = [
  'projection_shortfall',
  'behind_pace',
  'stalled',
  'missing_report',
  'data_anomaly',
  'milestone_late',
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface AlertRuleParams {
  /**
   * The rule's number: projection_shortfall the probability of meeting the target below which it fires
   * (it also fires when the projection itself misses the target); behind_pace the pace ratio below
   * which it fires; stalled the periods without progress; missing_report the days past the due day;
   * data_anomaly the modified z-score beyond which an increment is an outlier. Unused by milestone_late.
   */
  threshold: number;
  /** Consecutive evaluations the condition must hold before the alert fires (1: at once). */
  pendingEvaluations: number;
  /** Days an alert keeps firing after its condition clears, so a flapping figure does not flap it. */
  keepFiringForDays: number;
  /** Severity while the deadline is far. */
  severity: AlertSeverity;
  /** Within this many days of the deadline the severity rises one step; null: never. */
  raiseWithinDays: number | null;
  /** An alert still unacknowledged this many days after it fired is escalated to leaders; null: never. */
  escalateAfterDays: number | null;
}

/** The defaults seeded for every rule; analysts tune them per indicator. */
export const DEFAULT_ALERT_RULES: Record<AlertRuleKind, AlertRuleParams> = {
  projection_shortfall: {
    threshold: 0.5,
    pendingEvaluations: 2,
    keepFiringForDays: 0,
    severity: 'warning',
    raiseWithinDays: 92,
    escalateAfterDays: 14,
  },
  behind_pace: {
    threshold: 0.9,
    pendingEvaluations: 1,
    keepFiringForDays: 0,
    severity: 'warning',
    raiseWithinDays: 92,
    escalateAfterDays: 14,
  },
  stalled: {
    threshold: 2,
    pendingEvaluations: 1,
    keepFiringForDays: 0,
    severity: 'warning',
    raiseWithinDays: 92,
    escalateAfterDays: 14,
  },
  missing_report: {
    threshold: 3,
    pendingEvaluations: 1,
    keepFiringForDays: 0,
    severity: 'warning',
    raiseWithinDays: null,
    escalateAfterDays: 7,
  },
  data_anomaly: {
    threshold: OUTLIER_THRESHOLD,
    pendingEvaluations: 1,
    keepFiringForDays: 0,
    severity: 'info',
    raiseWithinDays: null,
    escalateAfterDays: null,
  },
  milestone_late: {
    threshold: 0,
    pendingEvaluations: 1,
    keepFiringForDays: 0,
    severity: 'warning',
    raiseWithinDays: null,
    escalateAfterDays: 14,
  },
};

export type AlertValue = number | string | null;

/** Whether a rule's condition holds, with the numbers behind it and the sentence that says so. */
export interface AlertCondition {
  holds: boolean;
  values: Record<string, AlertValue>;
  message: { zh: string; en: string };
}

const NOT_HOLDING: AlertCondition = { holds: false, values: {}, message: { zh: '', en: '' } };

/** A share as a percentage, one decimal where whole numbers would blur it (89.5% is below 90%). */
const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`;
/** A difference: of a percentage it is in percentage points (90% − 88.4% is 1.6 个百分点). */
const zhDiff = (value: number, unit: string) =>
  unit === '%' ? `${Number(value.toFixed(1))}个百分点` : chineseQuantity(value, unit);
const enNumber = (value: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);
const en = (value: number, unit: string) =>
  englishQuantity(value, unit, Math.abs(value) >= 100 ? 0 : 1);
const enDiff = (value: number, unit: string) =>
  unit === '%' ? `${enNumber(value)} percentage points` : en(value, unit);

/** What the shortfall rules read of a target's progress. */
export interface ProgressFacts {
  status: ProgressStatus;
  actual: number | null;
  actualPeriod: Period | null;
  expected: number | null;
  paceRatio: number | null;
  /** Ahead of the plan curve in percentage points of the way to the target (negative: behind). */
  schedulePoints: number | null;
  probability: number | null;
  projection: { method: string; value: number; low: number; high: number } | null;
  target: Target | null;
  direction: Direction;
  unit: string;
  deadline: IsoDate;
}

const FINISHED: readonly ProgressStatus[] = ['achieved', 'no_data'];

/** The trend misses the target: probability below the threshold, or the projection short of it. */
export function projectionShortfall(progress: ProgressFacts, threshold: number): AlertCondition {
  const { projection, probability, target, unit } = progress;
  if (FINISHED.includes(progress.status) || !projection || probability === null || !target) {
    return NOT_HOLDING;
  }
  const misses = !meetsTarget(projection.value, target, progress.direction);
  if (probability >= threshold && !misses) return NOT_HOLDING;
  const shortfall = Math.abs(target.value - projection.value);
  const year = progress.deadline.slice(0, 4);
  const month = Number(progress.deadline.slice(5, 7));
  // Where a miss lies: below the target (an increase short of it), above it (a decrease, or an `=`
  // overshot), or on it (a strict comparator the projection only equals).
  const side =
    projection.value < target.value ? 'below' : projection.value > target.value ? 'above' : 'on';
  const missZh = {
    below: `，低于目标${chineseQuantity(target.value, unit)}，缺口约${zhDiff(shortfall, unit)}`,
    above: `，高于目标${chineseQuantity(target.value, unit)}约${zhDiff(shortfall, unit)}`,
    on: `，未满足目标要求（${chineseQuantity(target.value, unit)}）`,
  }[side];
  const missEn = {
    below: `, ${enDiff(shortfall, unit)} short of the target ${en(target.value, unit)}`,
    above: `, ${enDiff(shortfall, unit)} above the target ${en(target.value, unit)}`,
    on: `, which does not meet the target ${en(target.value, unit)}`,
  }[side];
  return {
    holds: true,
    values: {
      probability,
      threshold,
      projection: projection.value,
      low: projection.low,
      high: projection.high,
      method: projection.method,
      target: target.value,
      shortfall: misses ? shortfall : 0,
    },
    message: {
      zh:
        `按趋势推算，${year}年${month}月底预计${chineseQuantity(projection.value, unit)}` +
        (misses ? missZh : `，目标为${chineseQuantity(target.value, unit)}`) +
        `；达标概率${percent(probability)}（阈值${percent(threshold)}）。`,
      en:
        `The trend projects ${en(projection.value, unit)} for ${progress.deadline}` +
        (misses ? missEn : ` against the target ${en(target.value, unit)}`) +
        `; probability of meeting it ${percent(probability)} (threshold ${percent(threshold)}).`,
    },
  };
}

/** Behind the plan curve: the pace ratio below the threshold. */
export function behindPace(progress: ProgressFacts, threshold: number): AlertCondition {
  const { paceRatio, actual, expected, unit } = progress;
  if (FINISHED.includes(progress.status) || paceRatio === null) return NOT_HOLDING;
  if (actual === null || expected === null || progress.actualPeriod === null) return NOT_HOLDING;
  if (paceRatio >= threshold) return NOT_HOLDING;
  const gap = Math.abs(expected - actual);
  // How officials say it: behind the time-elapsed schedule by N percentage points of the target.
  const points = progress.schedulePoints === null ? null : Math.abs(progress.schedulePoints);
  const zhLead = points === null ? '' : `落后序时进度${Number(points.toFixed(1))}个百分点：`;
  const enLead =
    points === null
      ? ''
      : `${Number(points.toFixed(1))} percentage points behind the time-elapsed schedule: `;
  return {
    holds: true,
    values: {
      paceRatio,
      threshold,
      actual,
      expected,
      period: progress.actualPeriod,
      gap,
      schedulePoints: progress.schedulePoints,
    },
    message: {
      // A rate's lead is its gap already; a count's says the share, and the gap follows in its unit.
      zh: `${zhLead}截至${progress.actualPeriod}为${chineseQuantity(actual, unit)}，计划应达${chineseQuantity(expected, unit)}${unit === '%' && zhLead ? '' : `，落后约${zhDiff(gap, unit)}`}（进度比${percent(paceRatio)}，低于${percent(threshold)}）。`,
      en: `${enLead}${en(actual, unit)} by ${progress.actualPeriod} where the plan expects ${en(expected, unit)}${unit === '%' && enLead ? '' : `, about ${enDiff(gap, unit)} behind`} (pace ${percent(paceRatio)}, below ${percent(threshold)}).`,
    },
  };
}

/**
 * No progress in the last `periods` periods: each one's change (a count's increment, a rate's change
 * from the period before) is zero or goes the wrong way. `changes` are in period order.
 */
export function stalled(
  changes: readonly { period: Period; change: number }[],
  direction: Direction,
  periods: number,
  status: ProgressStatus,
  unit: string,
): AlertCondition {
  const n = Math.max(1, Math.round(periods));
  if (status === 'achieved' || changes.length < n) return NOT_HOLDING;
  const recent = changes.slice(-n);
  const still = recent.every((c) => (direction === 'increase' ? c.change <= 0 : c.change >= 0));
  if (!still) return NOT_HOLDING;
  const from = recent[0]!.period;
  const to = recent.at(-1)!.period;
  const total = recent.reduce((sum, c) => sum + c.change, 0);
  return {
    holds: true,
    values: { periods: n, from, to, change: total },
    message: {
      zh: `${from}至${to}连续${n}期没有进展（合计变化${zhDiff(total, unit)}）。`,
      en: `No progress for ${n} periods in a row, ${from} to ${to} (change ${enDiff(total, unit)} in all).`,
    },
  };
}

/**
 * A figure `days` days or more past its due day (the due day itself is day 0): the earliest period of
 * the plan, up to the latest whose due day plus `days` is on or before `asOf`, without a figure of its
 * own (`reported`: the periods that have one). A gap is named even when later months came in.
 */
export function missingReport(input: {
  asOf: IsoDate;
  frequency: 'monthly' | 'quarterly' | 'annual';
  dueDay: number;
  days: number;
  firstPeriod: Period;
  lastPeriod: Period;
  reported: ReadonlySet<Period>;
}): AlertCondition {
  const days = Math.max(0, Math.round(input.days));
  const step = monthsPerPeriod(input.frequency);
  let due = lastDuePeriod(input.asOf, input.frequency, input.dueDay, days);
  while (due > input.lastPeriod) due = previousPeriod(due, step);
  const missing: Period[] = [];
  for (let period = due; period >= input.firstPeriod; period = previousPeriod(period, step)) {
    if (!input.reported.has(period)) missing.unshift(period);
  }
  const first = missing[0];
  if (first === undefined) return NOT_HOLDING;
  const dueOn = periodClosesOn(first, input.dueDay, 0);
  const overdue = Math.round(daysBetween(dueOn, input.asOf));
  const latest =
    [...input.reported]
      .filter((p) => p <= due)
      .sort()
      .at(-1) ?? null;
  const more = missing.length - 1;
  return {
    holds: true,
    values: {
      period: first,
      dueOn,
      daysOverdue: overdue,
      missing: missing.length,
      lastReported: latest,
    },
    message: {
      zh:
        `${first}的数据应于${dueOn}前报送，已逾期${overdue}天` +
        (more > 0 ? `，此后另有${more}期未报` : '') +
        (latest ? `（最近一期为${latest}）` : '（尚无任何数据）') +
        '。',
      en:
        `The figure for ${first} was due by ${dueOn} and is ${overdue} days overdue` +
        (more > 0 ? `; ${more} later period${more === 1 ? '' : 's'} missing too` : '') +
        (latest ? ` (latest: ${latest})` : ' (no figures yet)') +
        '.',
    },
  };
}

/** How many recent periods an anomaly stays news: after that it is history. */
export const ANOMALY_WINDOW = 3;

/**
 * A recent figure looks wrong: an increment (or a rate's change) whose modified z-score among the
 * series' exceeds the threshold, or a year-to-date total below the month before (accepted as a
 * correction, with a reason). Only the last ANOMALY_WINDOW periods count.
 */
export function dataAnomaly(
  points: readonly { period: Period; change: number | null; ytdDecrease: boolean }[],
  threshold: number,
  unit: string,
): AlertCondition {
  const changes = points.filter((p): p is typeof p & { change: number } => p.change !== null);
  const scores = changes.length >= 5 ? modifiedZScores(changes.map((p) => p.change)) : [];
  const window = new Set(points.slice(-ANOMALY_WINDOW).map((p) => p.period));
  const outliers = changes
    .map((p, i) => ({ ...p, score: scores[i] ?? 0 }))
    .filter((p) => window.has(p.period) && Math.abs(p.score) > threshold);
  const decreases = points.filter((p) => window.has(p.period) && p.ytdDecrease);
  const worst = outliers.sort((a, b) => Math.abs(b.score) - Math.abs(a.score))[0];
  if (!worst && decreases.length === 0) return NOT_HOLDING;
  const zh: string[] = [];
  const enParts: string[] = [];
  if (worst) {
    zh.push(
      `${worst.period}的变化${zhDiff(worst.change, unit)}异常（修正z值${worst.score.toFixed(1)}，阈值${threshold}）`,
    );
    enParts.push(
      `the change of ${enDiff(worst.change, unit)} in ${worst.period} is an outlier (modified z-score ${worst.score.toFixed(1)}, threshold ${threshold})`,
    );
  }
  for (const d of decreases) {
    zh.push(`${d.period}累计值低于上月（已作为更正接受）`);
    enParts.push(
      `the year-to-date total of ${d.period} fell below the month before (accepted as a correction)`,
    );
  }
  return {
    holds: true,
    values: {
      period: worst?.period ?? decreases[0]!.period,
      change: worst?.change ?? null,
      zScore: worst ? Number(worst.score.toFixed(3)) : null,
      threshold,
      ytdDecreases: decreases.map((d) => d.period).join(',') || null,
    },
    message: {
      zh: `${zh.join('；')}。`,
      en: `${enParts.join('; ').replace(/^./, (c) => c.toUpperCase())}.`,
    },
  };
}

/** A milestone past its deadline and not done. */
export function milestoneLate(
  milestone: { name: string; deadline: IsoDate; status: 'pending' | 'done' | 'late' },
  asOf: IsoDate,
): AlertCondition {
  if (milestone.status !== 'late') return NOT_HOLDING;
  const days = Math.round(daysBetween(milestone.deadline, asOf));
  return {
    holds: true,
    values: { deadline: milestone.deadline, daysLate: days },
    message: {
      zh: `“${milestone.name}”应于${milestone.deadline}前完成，已逾期${days}天。`,
      en: `"${milestone.name}" was due by ${milestone.deadline} and is ${days} days late.`,
    },
  };
}

/** A rule's severity on `asOf`: one step up within `raiseWithinDays` of the deadline. */
export function severityOn(
  params: AlertRuleParams,
  asOf: IsoDate,
  deadline: IsoDate,
): AlertSeverity {
  const index = ALERT_SEVERITIES.indexOf(params.severity);
  if (params.raiseWithinDays === null) return params.severity;
  const raised = addDays(deadline, -params.raiseWithinDays) <= asOf;
  return ALERT_SEVERITIES[Math.min(ALERT_SEVERITIES.length - 1, index + (raised ? 1 : 0))]!;
}

// ─── the lifecycle ───────────────────────────────────────────────────────────────────────────────

export type OpenAlertStatus = 'firing' | 'acknowledged';

/** What an evaluation remembers of one rule × subject × region between evaluations. */
export interface AlertTrack {
  /** Consecutive evaluations the condition has held (0 when it did not last time). */
  streak: number;
  /** When the condition last held. */
  lastHeldAt: Date | null;
  /** The first evaluation, since it last held, at which the open alert's condition did not. */
  clearedAt: Date | null;
  /** The open alert, if any. */
  open: { status: OpenAlertStatus; severity: AlertSeverity } | null;
}

export const NEW_TRACK: AlertTrack = { streak: 0, lastHeldAt: null, clearedAt: null, open: null };

export type AlertTransition =
  /** Nothing to record. */
  | 'none'
  /** The condition holds but has not held for K evaluations yet. */
  | 'pending'
  /** A new alert. */
  | 'fire'
  /** The open alert's condition still holds (values refreshed, severity maybe changed). */
  | 'continue'
  /** The condition cleared, but the alert keeps firing for a while. */
  | 'keep'
  /** The open alert resolves. */
  | 'resolve';

/**
 * One evaluation of one track at `at`: whether the condition holds decides the next track and what
 * happens to the alert. Evaluating again with the same answer only continues. Keep-firing-for counts,
 * as Prometheus' `keep_firing_for` does, from the first evaluation at which the condition no longer
 * held; a condition back within it continues the same alert.
 */
export function stepAlert(
  track: AlertTrack,
  holds: boolean,
  severity: AlertSeverity,
  at: Date,
  params: Pick<AlertRuleParams, 'pendingEvaluations' | 'keepFiringForDays'>,
): { track: AlertTrack; transition: AlertTransition } {
  if (holds) {
    const streak = track.streak + 1;
    if (track.open) {
      return {
        track: { streak, lastHeldAt: at, clearedAt: null, open: { ...track.open, severity } },
        transition: 'continue',
      };
    }
    if (streak < Math.max(1, params.pendingEvaluations)) {
      return {
        track: { streak, lastHeldAt: at, clearedAt: null, open: null },
        transition: 'pending',
      };
    }
    return {
      track: { streak, lastHeldAt: at, clearedAt: null, open: { status: 'firing', severity } },
      transition: 'fire',
    };
  }
  if (!track.open) return { track: { ...track, streak: 0, clearedAt: null }, transition: 'none' };
  const clearedAt = track.clearedAt ?? at;
  if (at.getTime() < clearedAt.getTime() + params.keepFiringForDays * 86_400_000) {
    return { track: { ...track, streak: 0, clearedAt }, transition: 'keep' };
  }
  return {
    track: { streak: 0, lastHeldAt: track.lastHeldAt, clearedAt: null, open: null },
    transition: 'resolve',
  };
}

export type EscalationReason = 'unacknowledged' | 'catch_up_passed';

/**
 * Whether an open alert should go up to leaders on `today`: still unacknowledged `escalateAfterDays`
 * after it fired, or acknowledged with a catch-up date that has passed while it still fires.
 */
export function escalationDue(
  alert: {
    status: OpenAlertStatus;
    firedOn: IsoDate;
    catchUpDate: IsoDate | null;
  },
  today: IsoDate,
  escalateAfterDays: number | null,
): EscalationReason | null {
  if (alert.status === 'firing') {
    if (escalateAfterDays === null) return null;
    return addDays(alert.firedOn, escalateAfterDays) <= today ? 'unacknowledged' : null;
  }
  return alert.catchUpDate !== null && alert.catchUpDate < today ? 'catch_up_passed' : null;
}
