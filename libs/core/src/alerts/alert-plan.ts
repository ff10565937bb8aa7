import type { IsoDate } from '../time/time.js';
import {
  escalationDue,
  NEW_TRACK,
  severityOn,
  stepAlert,
  type AlertCondition,
  type AlertRuleParams,
  type AlertSeverity,
  type AlertTrack,
  type EscalationReason,
  type OpenAlertStatus,
} from './alerts.js';

// One evaluation of one rule × subject × region turned into what to record: the track to keep and
// the effects on its alert (fire, resolve, refresh, a new severity, an escalation). `stepAlert` says
// which way the track goes; this says what that means for the stored alert, so the API only loads
// and applies.

/** A track as stored between evaluations. */
export interface StoredAlertTrack {
  streak: number;
  lastHeldAt: Date | null;
  /** The as-of day the condition last held. */
  lastHeldAsOf: IsoDate | null;
  clearedAt: Date | null;
  /** The as-of day last evaluated. */
  lastAsOf: IsoDate;
}

/** What the plan needs to know of the track's open alert. */
export interface OpenAlertState {
  status: OpenAlertStatus;
  severity: AlertSeverity;
  firedOn: IsoDate;
  catchUpDate: IsoDate | null;
  escalationReason: string | null;
  /** It fired while a silence covered it: nothing of it is routed to inboxes. */
  silenced: boolean;
}

export interface AlertStepInput {
  /** The stored track; null on the first evaluation. */
  track: StoredAlertTrack | null;
  /** The track's open alert, if any. */
  open: OpenAlertState | null;
  enabled: boolean;
  /** The rule's condition on the day (not holding when the rule is disabled). */
  condition: AlertCondition;
  params: AlertRuleParams;
  /** The subject's deadline: the severity steps up near it. */
  deadline: IsoDate;
  asOf: IsoDate;
  /** The moment of the evaluation. */
  at: Date;
  /** The active silence that covers the track: an alert that fires now fires silenced. */
  silence: { id: string; reason: string } | null;
}

/** What happens to the stored alert; `route` says whether its event goes to inboxes. */
export type AlertEffect =
  | {
      kind: 'fire';
      severity: AlertSeverity;
      condition: AlertCondition;
      silence: { id: string; reason: string } | null;
      route: boolean;
    }
  | {
      kind: 'resolve';
      /** The alert's severity as it resolves. */
      severity: AlertSeverity;
      values: AlertCondition['values'];
      note: string | null;
      route: boolean;
    }
  | { kind: 'refresh'; severity: AlertSeverity; condition: AlertCondition }
  | {
      kind: 'severity_changed';
      status: OpenAlertStatus;
      from: AlertSeverity;
      to: AlertSeverity;
      values: AlertCondition['values'];
      route: boolean;
    }
  | {
      kind: 'escalate';
      status: OpenAlertStatus;
      severity: AlertSeverity;
      reason: EscalationReason;
      route: boolean;
    };

export interface AlertStep {
  /** The track to store. */
  track: StoredAlertTrack;
  /** The effects on the alert, in the order they are recorded. */
  effects: AlertEffect[];
  /** The rule's severity on the day: what routing compares with a subscription's minimum. */
  severity: AlertSeverity;
  /** Whether the track has an open alert after this evaluation. */
  open: boolean;
}

/**
 * Plans one evaluation of one track. Evaluating the same day again does not count as one more
 * evaluation. A new alert fires (silenced, when a silence covers it); an open one resolves, or
 * continues with its values refreshed, a severity change recorded, and an escalation when one is
 * due and not already recorded for the same reason.
 */
export function planAlertStep(input: AlertStepInput): AlertStep {
  const { track: stored, open, asOf, at, params, condition } = input;
  const holds = input.enabled && condition.holds;
  const severity = severityOn(params, asOf, input.deadline);
  const sameDayHeld = stored?.lastAsOf === asOf && stored.lastHeldAsOf === asOf;
  const before: AlertTrack = stored
    ? {
        streak: Math.max(0, stored.streak - (sameDayHeld ? 1 : 0)),
        lastHeldAt: stored.lastHeldAt,
        clearedAt: stored.clearedAt,
        open: open ? { status: open.status, severity } : null,
      }
    : { ...NEW_TRACK, open: open ? { status: 'firing', severity } : null };
  const step = stepAlert(before, holds, severity, at, params);
  const track: StoredAlertTrack = {
    streak: step.track.streak,
    lastHeldAt: step.track.lastHeldAt,
    lastHeldAsOf: holds ? asOf : (stored?.lastHeldAsOf ?? null),
    clearedAt: step.track.clearedAt,
    lastAsOf: asOf,
  };
  const result = (effects: AlertEffect[], stillOpen: boolean): AlertStep => ({
    track,
    effects,
    severity,
    open: stillOpen,
  });

  if (step.transition === 'fire') {
    const { silence } = input;
    return result([{ kind: 'fire', severity, condition, silence, route: silence === null }], true);
  }
  if (!open) return result([], false);
  const route = !open.silenced;
  if (step.transition === 'resolve') {
    return result(
      [
        {
          kind: 'resolve',
          severity: open.severity,
          values: input.enabled ? condition.values : {},
          note: input.enabled ? null : 'rule disabled',
          route,
        },
      ],
      false,
    );
  }
  const effects: AlertEffect[] = [];
  if (step.transition === 'continue') {
    effects.push({ kind: 'refresh', severity, condition });
    if (severity !== open.severity) {
      effects.push({
        kind: 'severity_changed',
        status: open.status,
        from: open.severity,
        to: severity,
        values: condition.values,
        route,
      });
    }
  }
  const reason = escalationDue(
    { status: open.status, firedOn: open.firedOn, catchUpDate: open.catchUpDate },
    asOf,
    params.escalateAfterDays,
  );
  if (reason && open.escalationReason !== reason) {
    effects.push({ kind: 'escalate', status: open.status, severity, reason, route });
  }
  return result(effects, true);
}
