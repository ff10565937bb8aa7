import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ROLES } from '@zhibiao/contracts';
import { ALERT_SEVERITIES } from '@zhibiao/core';
import { oneOf } from '../../database/rows.js';
import type { Recipient, Subscription } from './routing.js';

interface SubscriptionRow {
  id: string;
  role: string | null;
  user_id: string | null;
  department_code: string | null;
  own_department: boolean;
  section_code: string | null;
  min_severity: string;
  channel: string;
}

const SUBSCRIPTION_COLUMNS = `id, role, user_id, department_code, own_department, section_code, min_severity, channel`;

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    role: row.role === null ? null : oneOf(ROLES, row.role, 'alert_subscription.role'),
    user: row.user_id,
    department: row.department_code,
    ownDepartment: row.own_department,
    section: row.section_code,
    minSeverity: oneOf(ALERT_SEVERITIES, row.min_severity, 'alert_subscription.min_severity'),
    channel: oneOf(['inbox', 'email', 'robot'], row.channel, 'alert_subscription.channel'),
  };
}

/** SQL of alert subscriptions and of who may receive alerts. */
@Injectable()
export class SubscriptionsRepository {
  async subscriptions(db: EntityManager): Promise<Subscription[]> {
    const rows: SubscriptionRow[] = await db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM alert_subscription ORDER BY id`,
    );
    return rows.map(toSubscription);
  }

  async insert(db: EntityManager, subscription: Omit<Subscription, 'id'>): Promise<Subscription> {
    const rows: SubscriptionRow[] = await db.query(
      `INSERT INTO alert_subscription (role, user_id, department_code, own_department, section_code,
                                       min_severity, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [
        subscription.role,
        subscription.user,
        subscription.department,
        subscription.ownDepartment,
        subscription.section,
        subscription.minSeverity,
        subscription.channel,
      ],
    );
    return toSubscription(rows[0]!);
  }

  async delete(db: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH gone AS (DELETE FROM alert_subscription WHERE id = $1 RETURNING id) SELECT id FROM gone`,
      [id],
    );
    return rows.length > 0;
  }

  /** Every enabled user, who may receive alerts. */
  async recipients(db: EntityManager): Promise<Recipient[]> {
    const rows: { id: string; roles: string[]; department_code: string | null }[] = await db.query(
      `SELECT id, roles, department_code FROM app_user WHERE NOT disabled ORDER BY id`,
    );
    return rows.map((row) => ({
      id: row.id,
      roles: row.roles.map((role) => oneOf(ROLES, role, 'app_user.roles')),
      department: row.department_code,
    }));
  }
}
