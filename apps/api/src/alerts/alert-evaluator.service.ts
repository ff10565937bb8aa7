import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EvaluationSummary } from '@zhibiao/contracts';
import {
  ALERT_SEVERITIES,
  behindPace,
  dataAnomaly,
  DEFAULT_ALERT_RULES,
  addDays,
  endOfBusinessDay,
  escalationDue,
  milestoneLate,
  missingReport,
  NEW_TRACK,
  projectionShortfall,
  PROVINCE_REGION_CODE,
  severityOn,
  stalled,
  startOfBusinessDay,
  stepAlert,
  type AlertCondition,
  type AlertRuleKind,
  type AlertRuleParams,
  type AlertSeverity,
  type AlertTrack,
  type IsoDate,
} from '@zhibiao/core';
import { planDefaultAsOf } from '../catalog/default-as-of.js';
import type { IndicatorRow } from '../catalog/indicator.repository.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobLock } from '../database/job-lock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import {
  ProgressService,
  type PlanSnapshot,
  type RegionProgress,
} from '../progress/progress.service.js';
import {
  AlertsRepository,
  type AlertTrackRow,
  type RecipientRow,
  type SilenceRow,
  type SubscriptionRow,
} from './alerts.repository.js';

/** The demo replay leaves the inbox items of its last this-many days unread. */
const REPLAY_UNREAD_DAYS = 14;

/** Days after a plan's end during which it is still evaluated (its last figures come in). */
export const PLAN_AFTERLIFE_DAYS = 60;

/** The days the demo replay evaluates on: twice a month, after the due days and mid-month. */
export function replayDays(from: IsoDate, until: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let month = from.slice(0, 7); `${month}-01` <= until;) {
    for (const day of ['08', '22']) {
      const date = `${month}-${day}`;
      if (date >= from && date <= until) days.push(date);
    }
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  if (days.at(-1) !== until) days.push(until);
  return days;
}

/** One rule × subject × region, as one evaluation sees it. */
interface Check {
  kind: AlertRuleKind;
  subject: string;
  indicator: IndicatorRow | null;
  milestone: string | null;
  region: string;
  deadline: IsoDate;
  condition: AlertCondition;
  params: AlertRuleParams;
  enabled: boolean;
  /** Lead departments (silences and routing by department). */
  departments: readonly string[];
  section: string | null;
}

/** What routing needs to know about an alert. */
interface Routed {
  alertId: string;
  eventId: string;
  severity: AlertSeverity;
  departments: readonly string[];
  section: string | null;
  /** Escalations reach leaders whatever the severity they subscribed to. */
  escalation: boolean;
}

const trackKey = (kind: string, subject: string, region: string) => `${kind} ${subject} ${region}`;

function changesOf(
  indicator: IndicatorRow,
  points: RegionProgress['points'],
): { period: string; change: number; ytdDecrease: boolean }[] {
  return points.map((p, i) => {
    const before = points[i - 1];
    if (indicator.kind !== 'cumulative') {
      return { period: p.period, change: before ? p.value - before.value : 0, ytdDecrease: false };
    }
    // Year-to-date totals restart in January: the first month of a year is its own increment.
    const sameYear = before !== undefined && before.period.slice(0, 4) === p.period.slice(0, 4);
    const change = sameYear ? p.value - before.value : p.value;
    return { period: p.period, change, ytdDecrease: sameYear && change < 0 };
  });
}

/**
 * Evaluates every rule of the plans in progress as of a day: the conditions from the plan's progress,
 * the lifecycle from libs/core, the alerts, their history and the inbox routing in one transaction
 * per plan. Forward only: a plan evaluated as of a later day refuses an earlier one.
 */
@Injectable()
export class AlertEvaluatorService {
  constructor(
    private readonly database: Database,
    private readonly repository: AlertsRepository,
    private readonly progress: ProgressService,
    private readonly clock: Clock,
    private readonly lock: JobLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The moment an evaluation as of `asOf` happens: now for today, the end of that day before. */
  private momentOf(asOf: IsoDate): Date {
    const today = this.clock.today();
    return asOf >= today ? this.clock.stamp() : new Date(endOfBusinessDay(asOf).getTime() - 1);
  }

  async evaluate(
    asOf: IsoDate = this.clock.today(),
    options: { plans?: readonly string[]; at?: Date } = {},
  ): Promise<EvaluationSummary> {
    const today = this.clock.today();
    if (asOf > today) {
      assertNoProblems([{ path: 'asOf', key: 'as_of_future', values: { asOf, today } }]);
    }
    const at = options.at ?? this.momentOf(asOf);
    // In progress: published, started, and not past its end by more than the time its last figures
    // take to come in. A closed plan keeps its final states.
    const plans: { code: string }[] = await this.database.db.query(
      `SELECT code FROM plan WHERE status = 'published' AND period_start <= $1::date
          AND $1::date <= period_end + ${PLAN_AFTERLIFE_DAYS}
          AND ($2::text[] IS NULL OR code = ANY($2::text[])) ORDER BY code`,
      [asOf, options.plans ?? null],
    );
    const summary: EvaluationSummary = {
      plans: plans.map((p) => p.code),
      asOf,
      tracks: 0,
      fired: 0,
      resolved: 0,
      escalated: 0,
      open: 0,
    };
    for (const plan of plans) {
      // Every evaluation of a plan — after a submission, on the schedule, on request, in any replica —
      // takes its turn: the snapshot and the transaction that applies it are never interleaved with
      // another's, so the second sees what the first stored.
      const result = await this.lock.serialize(`alerts:${plan.code}`, async () => {
        const snapshot = await this.progress.snapshot(plan.code, asOf);
        return this.database.transaction((db) => this.evaluatePlan(db, snapshot, at));
      });
      summary.tracks += result.tracks;
      summary.fired += result.fired;
      summary.resolved += result.resolved;
      summary.escalated += result.escalated;
      summary.open += result.open;
    }
    return summary;
  }

  /**
   * Replays a plan's evaluations from its start — or the day it was issued, if later: nobody evaluated
   * a plan before it existed — to `until`, as if they had run then (the demo year): the alert centre
   * then shows what leaders would have seen, when they would have seen it. Until the plan's default
   * as-of day unless told.
   */
  async replay(plan: string, until?: IsoDate): Promise<EvaluationSummary[]> {
    const last =
      until ??
      (await planDefaultAsOf(
        this.database.db,
        { plan },
        this.clock.today(),
        this.config.reportGraceDays,
      ));
    const rows: { start: string }[] = await this.database.db.query(
      `SELECT to_char(GREATEST(period_start, COALESCE(issued_on, period_start)), 'YYYY-MM-DD') AS start
         FROM plan WHERE code = $1`,
      [plan],
    );
    const start = rows[0]?.start;
    if (!start) return [];
    const summaries: EvaluationSummary[] = [];
    for (const day of replayDays(start, last)) {
      summaries.push(await this.evaluate(day, { plans: [plan] }));
    }
    // A year of alerts would bury the inbox: what came before the last fortnight counts as read.
    await this.repository.markReadBefore(
      startOfBusinessDay(addDays(last, -REPLAY_UNREAD_DAYS)),
      this.clock.now(),
    );
    return summaries;
  }

  private async evaluatePlan(
    db: EntityManager,
    snapshot: PlanSnapshot,
    at: Date,
  ): Promise<Omit<EvaluationSummary, 'plans' | 'asOf'>> {
    const { asOf } = snapshot;
    const subjects = [
      ...snapshot.indicators.map((i) => i.code),
      ...snapshot.milestones.map((m) => m.code),
    ];
    const last = await this.repository.lastEvaluated(db, subjects);
    if (last !== null && last > asOf) {
      const values = { plan: snapshot.plan, asOf, last };
      throw new DomainError('alerts_evaluated_later', values, values);
    }
    const checks = await this.checks(db, snapshot);
    const tracks = new Map(
      (await this.repository.tracks(db, subjects)).map((t) => [
        trackKey(t.kind, t.subject, t.region_code),
        t,
      ]),
    );
    const open = new Map(
      (await this.repository.openAlerts(db, subjects)).map((a) => [
        trackKey(a.kind, a.subject, a.region_code),
        a,
      ]),
    );
    const silences = await this.repository.activeSilences(db, at);
    const routed: Routed[] = [];
    const saved: AlertTrackRow[] = [];
    let fired = 0;
    let resolved = 0;
    let escalated = 0;
    let stillOpen = 0;

    for (const check of checks) {
      const key = trackKey(check.kind, check.subject, check.region);
      const stored = tracks.get(key);
      const alert = open.get(key);
      const holds = check.enabled && check.condition.holds;
      const severity = severityOn(check.params, asOf, check.deadline);
      // Evaluating the same day again does not count as one more evaluation.
      const sameDayHeld = stored?.last_as_of === asOf && stored.last_held_as_of === asOf;
      const track: AlertTrack = stored
        ? {
            streak: Math.max(0, stored.streak - (sameDayHeld ? 1 : 0)),
            lastHeldAt: stored.last_held_at,
            clearedAt: stored.cleared_at,
            open: alert ? { status: alert.status as 'firing' | 'acknowledged', severity } : null,
          }
        : { ...NEW_TRACK, open: alert ? { status: 'firing', severity } : null };
      const step = stepAlert(track, holds, severity, at, check.params);
      saved.push({
        kind: check.kind,
        subject: check.subject,
        region_code: check.region,
        streak: step.track.streak,
        last_held_at: step.track.lastHeldAt,
        last_held_as_of: holds ? asOf : (stored?.last_held_as_of ?? null),
        cleared_at: step.track.clearedAt,
        last_as_of: asOf,
      });
      const route = (alertId: string, eventId: string, escalation = false) =>
        routed.push({
          alertId,
          eventId,
          severity,
          departments: check.departments,
          section: check.section,
          escalation,
        });

      if (step.transition === 'fire') {
        const silence = silenceFor(silences, check);
        const id = await this.repository.insertAlert(db, {
          kind: check.kind,
          subject: check.subject,
          indicator_code: check.indicator?.code ?? null,
          milestone_code: check.milestone,
          region_code: check.region,
          plan_code: snapshot.plan,
          severity,
          status: 'firing',
          fired_at: at,
          fired_as_of: asOf,
          previous_id: await this.repository.lastResolved(
            db,
            check.kind,
            check.subject,
            check.region,
          ),
          values: check.condition.values,
          message: check.condition.message,
          silence_id: silence?.id ?? null,
        });
        const eventId = await this.repository.insertEvent(db, {
          alert_id: id,
          at,
          as_of: asOf,
          kind: 'fired',
          status: 'firing',
          severity,
          values: check.condition.values,
          actor: null,
          note: silence ? `silenced: ${silence.reason}` : null,
        });
        if (!silence) route(id, eventId);
        fired += 1;
        stillOpen += 1;
        continue;
      }
      if (!alert) continue;
      if (step.transition === 'resolve') {
        await this.repository.resolveAlert(db, alert.id, at);
        const eventId = await this.repository.insertEvent(db, {
          alert_id: alert.id,
          at,
          as_of: asOf,
          kind: 'resolved',
          status: 'resolved',
          severity: alert.severity,
          values: check.enabled ? check.condition.values : {},
          actor: null,
          note: check.enabled ? null : 'rule disabled',
        });
        if (!alert.silence_id) route(alert.id, eventId);
        resolved += 1;
        continue;
      }
      stillOpen += 1;
      if (step.transition === 'continue') {
        await this.repository.refreshAlert(db, alert.id, {
          severity,
          values: check.condition.values,
          message: check.condition.message,
          asOf,
        });
        if (severity !== alert.severity) {
          const eventId = await this.repository.insertEvent(db, {
            alert_id: alert.id,
            at,
            as_of: asOf,
            kind: 'severity_changed',
            status: alert.status,
            severity,
            values: check.condition.values,
            actor: null,
            note: `${alert.severity} → ${severity}`,
          });
          if (!alert.silence_id) route(alert.id, eventId);
        }
      }
      const reason = escalationDue(
        {
          status: alert.status as 'firing' | 'acknowledged',
          firedOn: alert.fired_as_of,
          catchUpDate: alert.catch_up_date,
        },
        asOf,
        check.params.escalateAfterDays,
      );
      if (reason && alert.escalation_reason !== reason) {
        await this.repository.escalateAlert(db, alert.id, at, reason);
        const eventId = await this.repository.insertEvent(db, {
          alert_id: alert.id,
          at,
          as_of: asOf,
          kind: 'escalated',
          status: alert.status,
          severity,
          values: { reason },
          actor: null,
          note: reason,
        });
        if (!alert.silence_id) route(alert.id, eventId, true);
        escalated += 1;
      }
    }
    await this.repository.saveTracks(db, saved);
    await this.deliver(db, routed, at);
    return { tracks: checks.length, fired, resolved, escalated, open: stillOpen };
  }

  /** Every rule × subject × region of the plan with its condition on the day. */
  private async checks(db: EntityManager, snapshot: PlanSnapshot): Promise<Check[]> {
    const rules = await this.repository.rules(db);
    const ruleFor = (kind: AlertRuleKind, indicator: string | null) => {
      const own = indicator
        ? rules.find((r) => r.kind === kind && r.indicator_code === indicator)
        : undefined;
      const fallback = rules.find((r) => r.kind === kind && r.indicator_code === null);
      const row = own ?? fallback;
      return {
        params: { ...DEFAULT_ALERT_RULES[kind], ...row?.params },
        enabled: row?.enabled ?? true,
      };
    };
    const { asOf } = snapshot;
    const planRows: { first_period: string; last_period: string }[] = await db.query(
      `SELECT to_char(period_start, 'YYYY-MM') AS first_period, to_char(period_end, 'YYYY-MM') AS last_period
         FROM plan WHERE code = $1`,
      [snapshot.plan],
    );
    const span = planRows[0]!;
    const checks: Check[] = [];
    for (const indicator of snapshot.indicators) {
      const departments = indicator.departments.filter((d) => d.role === 'lead').map((d) => d.code);
      const hasCities = indicator.regions.some((r) => r !== PROVINCE_REGION_CODE);
      for (const { progress, points, reported } of snapshot.regions.get(indicator.code) ?? []) {
        const facts = {
          status: progress.status,
          actual: progress.actual,
          actualPeriod: progress.actualPeriod,
          expected: progress.expected,
          paceRatio: progress.paceRatio,
          schedulePoints: progress.schedulePoints,
          probability: progress.probability,
          projection: progress.projection,
          target: progress.target,
          direction: indicator.direction,
          unit: indicator.unit,
          deadline: indicator.deadline,
        };
        const changes = changesOf(indicator, points);
        const conditions: [AlertRuleKind, (params: AlertRuleParams) => AlertCondition][] = [];
        if (progress.target) {
          conditions.push(
            ['projection_shortfall', (p) => projectionShortfall(facts, p.threshold)],
            ['behind_pace', (p) => behindPace(facts, p.threshold)],
            [
              'stalled',
              (p) =>
                stalled(changes, indicator.direction, p.threshold, progress.status, indicator.unit),
            ],
          );
        }
        // Figures come from the cities where a target is broken down: the province is their sum.
        const reports = hasCities ? progress.region !== PROVINCE_REGION_CODE : true;
        if (reports && indicator.regions.includes(progress.region)) {
          conditions.push(
            [
              'missing_report',
              (p) =>
                missingReport({
                  asOf,
                  frequency: indicator.frequency,
                  dueDay: indicator.due_day,
                  days: p.threshold,
                  firstPeriod: span.first_period,
                  lastPeriod: span.last_period,
                  reported: new Set(reported),
                }),
            ],
            ['data_anomaly', (p) => dataAnomaly(changes, p.threshold, indicator.unit)],
          );
        }
        for (const [kind, evaluate] of conditions) {
          const { params, enabled } = ruleFor(kind, indicator.code);
          checks.push({
            kind,
            subject: indicator.code,
            indicator,
            milestone: null,
            region: progress.region,
            deadline: indicator.deadline,
            condition: enabled
              ? evaluate(params)
              : { holds: false, values: {}, message: { zh: '', en: '' } },
            params,
            enabled,
            departments,
            section: indicator.section_code,
          });
        }
      }
    }
    const milestoneDepartments: { milestone_code: string; department_code: string }[] =
      await db.query(
        `SELECT md.milestone_code, md.department_code FROM milestone_department md
         JOIN milestone m ON m.code = md.milestone_code
        WHERE m.plan_code = $1 AND md.role = 'lead'`,
        [snapshot.plan],
      );
    for (const milestone of snapshot.milestones) {
      const { params, enabled } = ruleFor('milestone_late', null);
      checks.push({
        kind: 'milestone_late',
        subject: milestone.code,
        indicator: null,
        milestone: milestone.code,
        region: PROVINCE_REGION_CODE,
        deadline: milestone.deadline,
        condition: milestoneLate(milestone, asOf),
        params,
        enabled,
        departments: milestoneDepartments
          .filter((d) => d.milestone_code === milestone.code)
          .map((d) => d.department_code),
        section: milestone.section,
      });
    }
    return checks;
  }

  /**
   * The demo's inbox for users created after its replay (demo users added on a later start): every
   * event of the demo plans' alerts that the subscriptions route to them, as the replay would have
   * delivered it — at the moment of its evaluation, read when older than the replay's last fortnight.
   */
  async deliverDemoInbox(
    userIds: readonly string[],
    plans: readonly { plan: string; day: IsoDate }[],
  ): Promise<number> {
    if (userIds.length === 0 || plans.length === 0) return 0;
    return this.database.transaction(async (db) => {
      const subscriptions = (await this.repository.subscriptions(db)).filter(
        (s) => s.channel === 'inbox',
      );
      const users = (await this.repository.recipients(db)).filter((u) => userIds.includes(u.id));
      const items: {
        userId: string;
        alertId: string;
        eventId: string;
        at: Date;
        readAt: Date | null;
      }[] = [];
      for (const { plan, day } of plans) {
        const readBefore = startOfBusinessDay(addDays(day, -REPLAY_UNREAD_DAYS));
        for (const event of await this.repository.routedEvents(db, plan)) {
          const routed: Routed = {
            alertId: event.alert_id,
            eventId: event.event_id,
            severity: event.severity as AlertSeverity,
            departments: event.departments,
            section: event.section_code,
            escalation: event.kind === 'escalated',
          };
          for (const user of users) {
            if (!subscriptions.some((s) => routes(s, user, routed))) continue;
            items.push({
              userId: user.id,
              alertId: event.alert_id,
              eventId: event.event_id,
              at: event.at,
              readAt: event.at < readBefore ? this.clock.now() : null,
            });
          }
        }
      }
      await this.repository.deliver(db, items);
      return items.length;
    });
  }

  /** Puts each event in the inbox of everyone a subscription routes it to. */
  private async deliver(db: EntityManager, routed: readonly Routed[], at: Date): Promise<void> {
    if (routed.length === 0) return;
    const subscriptions = (await this.repository.subscriptions(db)).filter(
      (s) => s.channel === 'inbox',
    );
    const users = await this.repository.recipients(db);
    const items: { userId: string; alertId: string; eventId: string; at: Date }[] = [];
    for (const event of routed) {
      for (const user of users) {
        if (subscriptions.some((s) => routes(s, user, event))) {
          items.push({ userId: user.id, alertId: event.alertId, eventId: event.eventId, at });
        }
      }
    }
    await this.repository.deliver(db, items);
  }
}

const rank = (severity: string) => ALERT_SEVERITIES.indexOf(severity as AlertSeverity);

/** Whether a subscription sends this event to this user. */
export function routes(subscription: SubscriptionRow, user: RecipientRow, event: Routed): boolean {
  if (subscription.user_id !== null && subscription.user_id !== user.id) return false;
  if (subscription.role !== null && !user.roles.includes(subscription.role)) return false;
  const leaderEscalation = event.escalation && user.roles.includes('leader');
  if (!leaderEscalation && rank(event.severity) < rank(subscription.min_severity)) return false;
  if (subscription.section_code !== null && subscription.section_code !== event.section)
    return false;
  if (
    subscription.department_code !== null &&
    !event.departments.includes(subscription.department_code)
  ) {
    return false;
  }
  if (
    subscription.own_department &&
    (user.department_code === null || !event.departments.includes(user.department_code))
  ) {
    return false;
  }
  return true;
}

/** The first active silence that covers the check: by indicator, department or rule, all that are set. */
function silenceFor(silences: readonly SilenceRow[], check: Check): SilenceRow | undefined {
  return silences.find(
    (s) =>
      (s.indicator_code === null || s.indicator_code === check.indicator?.code) &&
      (s.department_code === null || check.departments.includes(s.department_code)) &&
      (s.kind === null || s.kind === check.kind),
  );
}
