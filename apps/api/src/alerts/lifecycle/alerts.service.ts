import { Injectable } from '@nestjs/common';
import type { Acknowledge, AlertDetail, AlertOut } from '@zhibiao/contracts';
import { principalName, type Principal } from '../../auth/principal.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { assertNoProblems } from '../../common/validation-failed.js';
import { Database } from '../../database/database.js';
import { toAlertOut, toEventOut } from './alert.js';
import { AlertsRepository, type AlertFilter } from './alerts.repository.js';

/** Reading alerts and their history; acknowledging them. (Evaluations fire and resolve them.) */
@Injectable()
export class AlertsService {
  constructor(
    private readonly database: Database,
    private readonly repository: AlertsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(filter: AlertFilter): Promise<AlertOut[]> {
    return (await this.repository.list(filter)).map(toAlertOut);
  }

  async get(id: string): Promise<AlertDetail> {
    const alert = await this.repository.find(this.database.db, id);
    if (!alert) throw new DomainError('alert_not_found', { id });
    const history = await this.repository.events(this.database.db, id);
    return { ...toAlertOut(alert), history: history.map(toEventOut) };
  }

  /** The alerts with these ids, as the API shows them, by id (the inbox's items). */
  async byIds(ids: readonly string[]): Promise<Map<string, AlertOut>> {
    const alerts = await this.repository.views(this.database.db, ids);
    return new Map(alerts.map((a) => [a.id, toAlertOut(a)]));
  }

  /**
   * The lead department (a reporter of it), an analyst or an administrator answers an open alert with
   * a comment, the cause, a catch-up plan and date. Acknowledging again replaces the answer.
   */
  async acknowledge(principal: Principal, id: string, body: Acknowledge): Promise<AlertDetail> {
    await this.database.transaction(async (db) => {
      const alert = await this.repository.lock(db, id);
      if (!alert) throw new DomainError('alert_not_found', { id });
      if (alert.status === 'resolved') throw new DomainError('alert_resolved', { id });
      const read = (await this.repository.views(db, [id]))[0];
      const leads = (read?.departments ?? []).map((d) => d.code);
      const staff = principal.roles.includes('admin') || principal.roles.includes('analyst');
      if (!staff && (!principal.departmentCode || !leads.includes(principal.departmentCode))) {
        throw new DomainError('alert_not_yours', { id });
      }
      // A catch-up date is a promise: after the day the alert fired, and ahead of today.
      const today = this.clock.today();
      if (body.catchUpDate < alert.firedOn) {
        assertNoProblems([
          {
            path: 'catchUpDate',
            key: 'catch_up_before_fired',
            values: { date: body.catchUpDate, fired: alert.firedOn },
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
        alertId: id,
        at,
        asOf: today,
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
}
