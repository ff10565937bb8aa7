import type { AlertCause, AlertDetail, AlertOut } from '@zhibiao/contracts';
import type {
  AlertCondition,
  AlertRuleKind,
  AlertSeverity,
  IsoDate,
  OpenAlertStatus,
} from '@zhibiao/core';

export type AlertStatus = OpenAlertStatus | 'resolved';
/** An alert not yet resolved: the one a track has open. */
export type OpenAlert = Alert & { status: OpenAlertStatus };

export function isOpenAlert(alert: Alert): alert is OpenAlert {
  return alert.status !== 'resolved';
}

export type AlertEventKind = AlertDetail['history'][number]['kind'];

/** An alert as stored: one rule × subject × region, from firing to resolving. */
export interface Alert {
  id: string;
  kind: AlertRuleKind;
  /** The indicator's or milestone's code. */
  subject: string;
  indicator: string | null;
  milestone: string | null;
  region: string;
  plan: string;
  severity: AlertSeverity;
  status: AlertStatus;
  firedAt: Date;
  firedOn: IsoDate;
  /** The latest as-of day an evaluation refreshed it. */
  evaluatedOn: IsoDate;
  resolvedAt: Date | null;
  /** The track's alert resolved before this one fired. */
  previousId: string | null;
  values: AlertCondition['values'];
  message: AlertCondition['message'];
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  comment: string | null;
  cause: AlertCause | null;
  catchUpPlan: string | null;
  catchUpDate: IsoDate | null;
  escalatedAt: Date | null;
  escalationReason: string | null;
  /** The silence it fired under: nothing of it reaches an inbox. */
  silenceId: string | null;
}

/** An alert with the names a reader needs: its subject's, its region's, its lead departments. */
export interface AlertView extends Alert {
  subjectName: string;
  regionName: string;
  departments: { code: string; name: string }[];
}

/** One entry of an alert's history. */
export interface AlertEvent {
  id: string;
  alertId: string;
  at: Date;
  asOf: IsoDate;
  kind: AlertEventKind;
  status: AlertStatus;
  severity: AlertSeverity;
  values: AlertCondition['values'];
  actor: string | null;
  note: string | null;
}

export function toAlertOut(alert: AlertView): AlertOut {
  return {
    id: alert.id,
    rule: alert.kind,
    plan: alert.plan,
    indicator: alert.indicator,
    milestone: alert.milestone,
    subjectName: alert.subjectName,
    region: alert.region,
    regionName: alert.regionName,
    departments: alert.departments,
    severity: alert.severity,
    status: alert.status,
    firedAt: alert.firedAt.toISOString(),
    firedAsOf: alert.firedOn,
    evaluatedAsOf: alert.evaluatedOn,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    values: alert.values,
    message: alert.message,
    previousId: alert.previousId,
    silenced: alert.silenceId !== null,
    escalated: alert.escalatedAt !== null,
    acknowledgement:
      alert.acknowledgedAt === null
        ? null
        : {
            at: alert.acknowledgedAt.toISOString(),
            by: alert.acknowledgedBy ?? '',
            comment: alert.comment ?? '',
            cause: alert.cause ?? 'other',
            plan: alert.catchUpPlan ?? '',
            catchUpDate: alert.catchUpDate ?? '',
          },
  };
}

export function toEventOut(event: AlertEvent): AlertDetail['history'][number] {
  return {
    id: event.id,
    at: event.at.toISOString(),
    asOf: event.asOf,
    kind: event.kind,
    status: event.status,
    severity: event.severity,
    values: event.values,
    actor: event.actor,
    note: event.note,
  };
}
