import { Injectable } from '@nestjs/common';
import type {
  Acknowledge,
  AlertCause,
  AlertDetail,
  AlertOut,
  AlertRuleOut,
  AlertSubscriptionOut,
  SilenceOut,
} from '@zhibiao/contracts';
import {
  DEFAULT_ALERT_RULES,
  type AlertRuleKind,
  type AlertRuleParams,
  type AlertSeverity,
} from '@zhibiao/core';
import { principalName, type Principal } from '../auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import {
  AlertsRepository,
  type AlertEventRow,
  type AlertFilter,
  type AlertRow,
  type AlertRuleRow,
  type SilenceRow,
  type SubscriptionRow,
} from './alerts.repository.js';

export function toAlert(row: AlertRow): AlertOut {
  return {
    id: row.id,
    rule: row.kind as AlertRuleKind,
    plan: row.plan_code,
    indicator: row.indicator_code,
    milestone: row.milestone_code,
    subjectName: row.subject_name ?? row.subject,
    region: row.region_code,
    regionName: row.region_name ?? row.region_code,
    departments: row.departments ?? [],
    severity: row.severity as AlertSeverity,
    status: row.status as AlertOut['status'],
    firedAt: row.fired_at.toISOString(),
    firedAsOf: row.fired_as_of,
    evaluatedAsOf: row.evaluated_as_of,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    values: row.values,
    message: row.message,
    previousId: row.previous_id,
    silenced: row.silence_id !== null,
    escalated: row.escalated_at !== null,
    acknowledgement:
      row.acknowledged_at === null
        ? null
        : {
            at: row.acknowledged_at.toISOString(),
            by: row.acknowledged_by ?? '',
            comment: row.comment ?? '',
            cause: (row.cause ?? 'other') as AlertCause,
            plan: row.catch_up_plan ?? '',
            catchUpDate: row.catch_up_date ?? '',
          },
  };
}

function toEvent(row: AlertEventRow): AlertDetail['history'][number] {
  return {
    id: row.id,
    at: row.at.toISOString(),
    asOf: row.as_of,
    kind: row.kind as AlertDetail['history'][number]['kind'],
    status: row.status as AlertOut['status'],
    severity: row.severity as AlertSeverity,
    values: row.values,
    actor: row.actor,
    note: row.note,
  };
}

function toRule(row: AlertRuleRow): AlertRuleOut {
  return {
    rule: row.kind as AlertRuleKind,
    indicator: row.indicator_code,
    enabled: row.enabled,
    params: { ...DEFAULT_ALERT_RULES[row.kind as AlertRuleKind], ...row.params },
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  };
}

function toSubscription(row: SubscriptionRow): AlertSubscriptionOut {
  return {
    id: row.id,
    role: row.role as AlertSubscriptionOut['role'],
    user: row.user_id,
    department: row.department_code,
    ownDepartment: row.own_department,
    section: row.section_code,
    minSeverity: row.min_severity as AlertSeverity,
    channel: row.channel as AlertSubscriptionOut['channel'],
  };
}

function toSilence(row: SilenceRow, now: Date): SilenceOut {
  return {
    id: row.id,
    indicator: row.indicator_code,
    department: row.department_code,
    rule: row.kind as AlertRuleKind | null,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    reason: row.reason,
    createdBy: row.created_by,
    active: row.starts_at <= now && row.ends_at > now,
  };
}

/** Reading alerts, acknowledging them, tuning rules, silences and the inbox. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly database: Database,
    private readonly repository: AlertsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(filter: AlertFilter): Promise<AlertOut[]> {
    return (await this.repository.list(filter)).map(toAlert);
  }

  async get(id: string): Promise<AlertDetail> {
    const row = await this.repository.find(this.database.db, id);
    if (!row) throw new DomainError('alert_not_found', { id });
    const history = await this.repository.events(this.database.db, id);
    return { ...toAlert(row), history: history.map(toEvent) };
  }

  /**
   * The lead department (a reporter of it), an analyst or an administrator answers an open alert with
   * a comment, the cause, a catch-up plan and date. Acknowledging again replaces the answer.
   */
  async acknowledge(principal: Principal, id: string, body: Acknowledge): Promise<AlertDetail> {
    await this.database.transaction(async (db) => {
      const alert = await this.repository.find(db, id, true);
      if (!alert) throw new DomainError('alert_not_found', { id });
      if (alert.status === 'resolved') throw new DomainError('alert_resolved', { id });
      const read = (await this.repository.readRows(db, [id]))[0];
      const leads = (read?.departments ?? []).map((d) => d.code);
      const staff = principal.roles.includes('admin') || principal.roles.includes('analyst');
      if (!staff && (!principal.departmentCode || !leads.includes(principal.departmentCode))) {
        throw new DomainError('alert_not_yours', { id });
      }
      // A catch-up date is a promise: after the day the alert fired, and ahead of today.
      const today = this.clock.today();
      if (body.catchUpDate < alert.fired_as_of) {
        assertNoProblems([
          {
            path: 'catchUpDate',
            key: 'catch_up_before_fired',
            values: { date: body.catchUpDate, fired: alert.fired_as_of },
          },
        ]);
      }
      if (body.catchUpDate <= today) {
        assertNoProblems([
          {
            path: 'catchUpDate',
            key: 'catch_up_not_ahead',
            values: { date: body.catchUpDate, today },
          },
        ]);
      }
      const at = this.clock.stamp();
      const by = principalName(principal);
      await this.repository.acknowledge(db, id, { at, by, ...body });
      await this.repository.insertEvent(db, {
        alert_id: id,
        at,
        as_of: today,
        kind: 'acknowledged',
        status: 'acknowledged',
        severity: alert.severity,
        values: { cause: body.cause, catchUpDate: body.catchUpDate },
        actor: by,
        note: `${body.comment}\n${body.plan}`,
      });
      await this.audit.record(
        {
          action: 'alert.acknowledge',
          entity: 'alert',
          entityId: id,
          after: { cause: body.cause, catchUpDate: body.catchUpDate },
        },
        db,
      );
    });
    return this.get(id);
  }

  async rules(indicator?: string): Promise<AlertRuleOut[]> {
    return (await this.repository.rules(this.database.db, indicator)).map(toRule);
  }

  async setRule(
    principal: Principal,
    kind: AlertRuleKind,
    indicator: string | null,
    body: { enabled: boolean; params: AlertRuleParams },
  ): Promise<AlertRuleOut> {
    await this.database.transaction(async (db) => {
      if (indicator !== null) {
        const found: unknown[] = await db.query(`SELECT 1 FROM indicator WHERE code = $1`, [
          indicator,
        ]);
        if (found.length === 0) throw new DomainError('indicator_not_found', { code: indicator });
      }
      await this.repository.upsertRule(db, {
        kind,
        indicator,
        params: body.params,
        enabled: body.enabled,
        by: principalName(principal),
      });
      await this.audit.record(
        {
          action: 'alert_rule.set',
          entity: 'alert_rule',
          entityId: indicator ? `${kind}:${indicator}` : kind,
          after: { enabled: body.enabled, params: body.params },
        },
        db,
      );
    });
    const rows = await this.repository.rules(this.database.db, indicator ?? undefined);
    return toRule(rows.find((r) => r.kind === kind && r.indicator_code === indicator)!);
  }

  async deleteRule(kind: AlertRuleKind, indicator: string): Promise<void> {
    await this.database.transaction(async (db) => {
      if (!(await this.repository.deleteRule(db, kind, indicator))) {
        throw new DomainError('alert_rule_not_found', { code: indicator, rule: kind });
      }
      await this.audit.record(
        {
          action: 'alert_rule.delete',
          entity: 'alert_rule',
          entityId: `${kind}:${indicator}`,
          after: {},
        },
        db,
      );
    });
  }

  async subscriptions(): Promise<AlertSubscriptionOut[]> {
    return (await this.repository.subscriptions(this.database.db)).map(toSubscription);
  }

  async createSubscription(body: {
    role?: AlertSubscriptionOut['role'] | undefined;
    user?: string | undefined;
    department?: string | undefined;
    ownDepartment: boolean;
    section?: string | undefined;
    minSeverity: AlertSeverity;
    channel: AlertSubscriptionOut['channel'];
  }): Promise<AlertSubscriptionOut> {
    const row = await this.database.transaction(async (db) => {
      if (body.department) {
        const found: unknown[] = await db.query(`SELECT 1 FROM department WHERE code = $1`, [
          body.department,
        ]);
        if (found.length === 0) {
          throw new DomainError('unknown_department', { code: body.department });
        }
      }
      if (body.user) {
        const found: unknown[] = await db.query(`SELECT 1 FROM app_user WHERE id = $1`, [
          body.user,
        ]);
        if (found.length === 0) throw new DomainError('user_not_found', { id: body.user });
      }
      const created = await this.repository.insertSubscription(db, {
        role: body.role ?? null,
        user_id: body.user ?? null,
        department_code: body.department ?? null,
        own_department: body.ownDepartment,
        section_code: body.section ?? null,
        min_severity: body.minSeverity,
        channel: body.channel,
      });
      await this.audit.record(
        {
          action: 'alert_subscription.create',
          entity: 'alert_subscription',
          entityId: created.id,
          after: body,
        },
        db,
      );
      return created;
    });
    return toSubscription(row);
  }

  async deleteSubscription(id: string): Promise<void> {
    await this.database.transaction(async (db) => {
      if (!(await this.repository.deleteSubscription(db, id))) {
        throw new DomainError('subscription_not_found', { id });
      }
      await this.audit.record(
        { action: 'alert_subscription.delete', entity: 'alert_subscription', entityId: id },
        db,
      );
    });
  }

  async silences(): Promise<SilenceOut[]> {
    const now = this.clock.stamp();
    return (await this.repository.silences(now)).map((s) => toSilence(s, now));
  }

  async createSilence(
    principal: Principal,
    body: {
      indicator?: string | undefined;
      department?: string | undefined;
      rule?: AlertRuleKind | undefined;
      startsAt?: string | undefined;
      endsAt: string;
      reason: string;
    },
  ): Promise<SilenceOut> {
    const now = this.clock.stamp();
    const startsAt = body.startsAt ? new Date(body.startsAt) : now;
    const endsAt = new Date(body.endsAt);
    // Its end is a promise: a silence over before now would silence nothing.
    if (endsAt <= now) {
      assertNoProblems([
        {
          path: 'endsAt',
          key: 'silence_ends_past',
          values: { end: endsAt.toISOString(), now: now.toISOString() },
        },
      ]);
    }
    if (endsAt <= startsAt) {
      assertNoProblems([
        {
          path: 'endsAt',
          key: 'silence_window',
          values: { start: startsAt.toISOString(), end: endsAt.toISOString() },
        },
      ]);
    }
    const row = await this.database.transaction(async (db) => {
      if (body.indicator) {
        const found: unknown[] = await db.query(`SELECT 1 FROM indicator WHERE code = $1`, [
          body.indicator,
        ]);
        if (found.length === 0) {
          throw new DomainError('indicator_not_found', { code: body.indicator });
        }
      }
      if (body.department) {
        const found: unknown[] = await db.query(`SELECT 1 FROM department WHERE code = $1`, [
          body.department,
        ]);
        if (found.length === 0) {
          throw new DomainError('unknown_department', { code: body.department });
        }
      }
      const created = await this.repository.insertSilence(db, {
        indicator_code: body.indicator ?? null,
        department_code: body.department ?? null,
        kind: body.rule ?? null,
        starts_at: startsAt,
        ends_at: endsAt,
        reason: body.reason,
        created_by: principalName(principal),
      });
      await this.audit.record(
        {
          action: 'silence.create',
          entity: 'silence',
          entityId: `${created.id}`,
          after: { indicator: body.indicator, department: body.department, rule: body.rule },
        },
        db,
      );
      return created;
    });
    return toSilence(row, this.clock.stamp());
  }

  async endSilence(id: string): Promise<void> {
    await this.database.transaction(async (db) => {
      if (!(await this.repository.endSilence(db, id, this.clock.stamp()))) {
        throw new DomainError('silence_not_found', { id });
      }
      await this.audit.record(
        {
          action: 'silence.end',
          entity: 'silence',
          entityId: id,
          after: {},
        },
        db,
      );
    });
  }

  async inbox(
    principal: Principal,
    unreadOnly: boolean,
    limit: number,
  ): Promise<{
    unread: number;
    items: {
      id: string;
      at: string;
      read: boolean;
      event: AlertDetail['history'][number]['kind'];
      alert: AlertOut;
    }[];
  }> {
    if (principal.kind !== 'user') return { unread: 0, items: [] };
    const items = await this.repository.inbox(principal.id, unreadOnly, limit);
    const alerts = new Map(
      (
        await this.repository.readRows(this.database.db, [...new Set(items.map((i) => i.alert_id))])
      ).map((a) => [a.id, toAlert(a)]),
    );
    return {
      unread: await this.repository.unreadCount(principal.id),
      items: items.flatMap((i) => {
        const alert = alerts.get(i.alert_id);
        return alert
          ? [
              {
                id: i.id,
                at: i.created_at.toISOString(),
                read: i.read_at !== null,
                event: i.kind as AlertDetail['history'][number]['kind'],
                alert,
              },
            ]
          : [];
      }),
    };
  }

  async markRead(principal: Principal, id: string | null): Promise<void> {
    if (principal.kind !== 'user') return;
    await this.repository.markRead(principal.id, id, this.clock.now());
  }
}
