import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EvaluationSummary } from '@zhibiao/contracts';
import { endOfBusinessDay, planAlertStep, type IsoDate } from '@zhibiao/core';
import { DefaultAsOfService } from '../../catalog/default-as-of.service.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { assertNoProblems } from '../../common/validation-failed.js';
import { Database } from '../../database/database.js';
import { JobLock } from '../../database/job-lock.js';
import { ProgressService, type PlanSnapshot } from '../../progress/progress.service.js';
import { AlertLifecycleService } from '../lifecycle/alert-lifecycle.service.js';
import { AlertRulesService } from '../rules/alert-rules.service.js';
import { InboxService } from '../routing/inbox.service.js';
import type { Routed } from '../routing/routing.js';
import { coveringSilence } from '../silences/silence.js';
import { SilencesService } from '../silences/silences.service.js';
import { AlertEvaluationRepository, type TrackRecord } from './alert-evaluation.repository.js';
import { checksOf, type Check } from './checks.js';

/** The days a history run evaluates on: twice a month, after the due days and mid-month. */
export function historyDays(from: IsoDate, until: IsoDate): IsoDate[] {
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

const trackKey = (kind: string, subject: string, region: string) => `${kind} ${subject} ${region}`;

/**
 * Evaluates every rule of the plans in progress as of a day: loads the plan's progress (its
 * snapshot), the rules, tracks, open alerts and silences; decides each track with libs/core
 * planAlertStep; applies the effects (lifecycle/), routes their events (routing/) — in one
 * transaction per plan. Forward only: a plan evaluated as of a later day refuses an earlier one.
 */
@Injectable()
export class AlertEvaluatorService {
  constructor(
    private readonly database: Database,
    private readonly repository: AlertEvaluationRepository,
    private readonly progress: ProgressService,
    private readonly rules: AlertRulesService,
    private readonly silences: SilencesService,
    private readonly lifecycle: AlertLifecycleService,
    private readonly inbox: InboxService,
    private readonly defaultAsOf: DefaultAsOfService,
    private readonly clock: Clock,
    private readonly lock: JobLock,
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
    const plans = await this.repository.plansInProgress(asOf, options.plans ?? null);
    const summary: EvaluationSummary = {
      plans,
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
      const result = await this.lock.serialize(`alerts:${plan}`, async () => {
        const snapshot = await this.progress.snapshot(plan, asOf);
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
   * Runs a plan's evaluations over its past days (its history run) from its start — or the day it was issued, if later: nobody evaluated
   * a plan before it existed — to `until`, as if they had run then (the demo year): the alert centre
   * then shows what leaders would have seen, when they would have seen it. Until the plan's default
   * as-of day unless told.
   */
  async evaluateHistory(plan: string, until?: IsoDate): Promise<EvaluationSummary[]> {
    const last = until ?? (await this.defaultAsOf.of({ plan }));
    const start = await this.repository.historyStart(plan);
    if (!start) return [];
    const summaries: EvaluationSummary[] = [];
    for (const day of historyDays(start, last)) {
      summaries.push(await this.evaluate(day, { plans: [plan] }));
    }
    await this.inbox.markHistoryRead(last);
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
    // Load.
    const last = await this.repository.lastEvaluated(db, subjects);
    if (last !== null && last > asOf) {
      const values = { plan: snapshot.plan, asOf, last };
      throw new DomainError('alerts_evaluated_later', values, values);
    }
    const checks = await this.checks(db, snapshot);
    const tracks = new Map(
      (await this.repository.tracks(db, subjects)).map((t) => [
        trackKey(t.kind, t.subject, t.region),
        t,
      ]),
    );
    const open = new Map(
      (await this.lifecycle.open(db, subjects)).map((a) => [
        trackKey(a.kind, a.subject, a.region),
        a,
      ]),
    );
    const silences = await this.silences.active(db, at);
    const routed: Routed[] = [];
    const saved: TrackRecord[] = [];
    const counts = { fired: 0, resolved: 0, escalated: 0, open: 0 };

    for (const check of checks) {
      const key = trackKey(check.kind, check.subject, check.region);
      const alert = open.get(key);
      const silence = coveringSilence(silences, check);
      // Decide.
      const step = planAlertStep({
        track: tracks.get(key) ?? null,
        open: alert
          ? {
              status: alert.status,
              severity: alert.severity,
              firedOn: alert.firedOn,
              catchUpDate: alert.catchUpDate,
              escalationReason: alert.escalationReason,
              silenced: alert.silenceId !== null,
            }
          : null,
        enabled: check.enabled,
        condition: check.condition,
        params: check.params,
        deadline: check.deadline,
        asOf,
        at,
        silence: silence ? { id: silence.id, reason: silence.reason } : null,
      });
      saved.push({ kind: check.kind, subject: check.subject, region: check.region, ...step.track });
      // Apply.
      const recorded = await this.lifecycle.apply(
        db,
        { ...check, plan: snapshot.plan },
        alert,
        step.effects,
        { at, asOf },
      );
      for (const event of recorded) {
        routed.push({
          ...event,
          severity: step.severity,
          departments: check.departments,
          section: check.section,
        });
      }
      for (const effect of step.effects) {
        if (effect.kind === 'fire') counts.fired += 1;
        if (effect.kind === 'resolve') counts.resolved += 1;
        if (effect.kind === 'escalate') counts.escalated += 1;
      }
      if (step.open) counts.open += 1;
    }
    await this.repository.saveTracks(db, saved);
    await this.inbox.deliver(db, routed, at);
    return { tracks: checks.length, ...counts };
  }

  /** Every rule × subject × region of the plan with its condition on the day. */
  private async checks(db: EntityManager, snapshot: PlanSnapshot): Promise<Check[]> {
    const rule = await this.rules.resolver(db);
    const span = await this.repository.span(db, snapshot.plan);
    const milestoneLeads = await this.repository.milestoneLeads(db, snapshot.plan);
    return checksOf(snapshot, { rule, span, milestoneLeads });
  }
}
