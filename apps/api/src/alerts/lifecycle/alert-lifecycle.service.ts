import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertEffect, AlertRuleKind, IsoDate } from '@zhibiao/core';
import type { Alert, OpenAlert } from './alert.js';
import { AlertsRepository } from './alerts.repository.js';

/** Which alert track an evaluation's effects are about. */
export interface TrackSubject {
  kind: AlertRuleKind;
  subject: string;
  indicator: string | null;
  milestone: string | null;
  region: string;
  plan: string;
}

/** An event recorded that goes to inboxes (the evaluation routes it). */
export interface RecordedEvent {
  alertId: string;
  eventId: string;
  /** Escalations reach leaders whatever the severity they subscribed to. */
  escalation: boolean;
}

/**
 * Where alerts are created, resolved, refreshed and escalated: an evaluation plans the effects
 * (libs/core planAlertStep) and records them here, each with its event in the alert's history.
 */
@Injectable()
export class AlertLifecycleService {
  constructor(private readonly repository: AlertsRepository) {}

  /** The alerts of these subjects that are not resolved, in `db`. */
  open(db: EntityManager, subjects: readonly string[]): Promise<OpenAlert[]> {
    return this.repository.open(db, subjects);
  }

  /**
   * Records the effects planned for one track, as of `asOf` at the moment `at`; answers the events
   * to route. `open` is the track's open alert (every effect but firing is about it).
   */
  async apply(
    db: EntityManager,
    track: TrackSubject,
    open: Alert | undefined,
    effects: readonly AlertEffect[],
    moment: { at: Date; asOf: IsoDate },
  ): Promise<RecordedEvent[]> {
    const { at, asOf } = moment;
    const recorded: RecordedEvent[] = [];
    const event = (
      alertId: string,
      fields: Pick<Parameters<AlertsRepository['insertEvent']>[1], 'kind' | 'status' | 'severity'> &
        Partial<Parameters<AlertsRepository['insertEvent']>[1]>,
    ) =>
      this.repository.insertEvent(db, {
        alertId,
        at,
        asOf,
        values: {},
        actor: null,
        note: null,
        ...fields,
      });
    for (const effect of effects) {
      if (effect.kind === 'fire') {
        const id = await this.fire(db, track, effect, moment);
        const eventId = await event(id, {
          kind: 'fired',
          status: 'firing',
          severity: effect.severity,
          values: effect.condition.values,
          note: effect.silence ? `silenced: ${effect.silence.reason}` : null,
        });
        if (effect.route) recorded.push({ alertId: id, eventId, escalation: false });
        continue;
      }
      if (!open) continue;
      switch (effect.kind) {
        case 'resolve': {
          await this.repository.resolve(db, open.id, at);
          const eventId = await event(open.id, {
            kind: 'resolved',
            status: 'resolved',
            severity: effect.severity,
            values: effect.values,
            note: effect.note,
          });
          if (effect.route) recorded.push({ alertId: open.id, eventId, escalation: false });
          break;
        }
        case 'refresh':
          await this.repository.refresh(db, open.id, {
            severity: effect.severity,
            values: effect.condition.values,
            message: effect.condition.message,
            asOf,
          });
          break;
        case 'severity_changed': {
          const eventId = await event(open.id, {
            kind: 'severity_changed',
            status: effect.status,
            severity: effect.to,
            values: effect.values,
            note: `${effect.from} → ${effect.to}`,
          });
          if (effect.route) recorded.push({ alertId: open.id, eventId, escalation: false });
          break;
        }
        case 'escalate': {
          await this.repository.escalate(db, open.id, at, effect.reason);
          const eventId = await event(open.id, {
            kind: 'escalated',
            status: effect.status,
            severity: effect.severity,
            values: { reason: effect.reason },
            note: effect.reason,
          });
          if (effect.route) recorded.push({ alertId: open.id, eventId, escalation: true });
          break;
        }
      }
    }
    return recorded;
  }

  /** A new alert: "again" after the track's latest resolved one, silenced under a silence. */
  private async fire(
    db: EntityManager,
    track: TrackSubject,
    effect: Extract<AlertEffect, { kind: 'fire' }>,
    moment: { at: Date; asOf: IsoDate },
  ): Promise<string> {
    return this.repository.insert(db, {
      kind: track.kind,
      subject: track.subject,
      indicator: track.indicator,
      milestone: track.milestone,
      region: track.region,
      plan: track.plan,
      severity: effect.severity,
      firedAt: moment.at,
      firedOn: moment.asOf,
      previousId: await this.repository.lastResolved(db, track.kind, track.subject, track.region),
      values: effect.condition.values,
      message: effect.condition.message,
      silenceId: effect.silence?.id ?? null,
    });
  }
}
