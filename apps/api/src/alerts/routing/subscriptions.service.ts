import { Injectable } from '@nestjs/common';
import type { AlertSubscriptionOut } from '@zhibiao/contracts';
import { AuditService } from '../../audit/audit.service.js';
import { ReferenceService } from '../../catalog/reference.service.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { UsersService } from '../../users/users.service.js';
import type { Subscription } from './routing.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

function toSubscriptionOut(subscription: Subscription): AlertSubscriptionOut {
  return { ...subscription };
}

/** Subscriptions: which roles, users and departments hear of which alerts, in which channel. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly database: Database,
    private readonly repository: SubscriptionsRepository,
    private readonly references: ReferenceService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<AlertSubscriptionOut[]> {
    return (await this.repository.subscriptions(this.database.db)).map(toSubscriptionOut);
  }

  async create(body: {
    role?: AlertSubscriptionOut['role'] | undefined;
    user?: string | undefined;
    department?: string | undefined;
    ownDepartment: boolean;
    section?: string | undefined;
    minSeverity: AlertSubscriptionOut['minSeverity'];
    channel: AlertSubscriptionOut['channel'];
  }): Promise<AlertSubscriptionOut> {
    const created = await this.database.transaction(async (db) => {
      if (body.department && !(await this.references.departmentCodes(db)).has(body.department)) {
        throw new DomainError('unknown_department', { code: body.department });
      }
      if (body.user && !(await this.users.exists(body.user, db))) {
        throw new DomainError('user_not_found', { id: body.user });
      }
      const subscription = await this.repository.insert(db, {
        role: body.role ?? null,
        user: body.user ?? null,
        department: body.department ?? null,
        ownDepartment: body.ownDepartment,
        section: body.section ?? null,
        minSeverity: body.minSeverity,
        channel: body.channel,
      });
      await this.audit.record(
        {
          action: 'alert_subscription.create',
          entity: 'alert_subscription',
          entityId: subscription.id,
          after: body,
        },
        db,
      );
      return subscription;
    });
    return toSubscriptionOut(created);
  }

  async delete(id: string): Promise<void> {
    await this.database.transaction(async (db) => {
      if (!(await this.repository.delete(db, id))) {
        throw new DomainError('subscription_not_found', { id });
      }
      await this.audit.record(
        { action: 'alert_subscription.delete', entity: 'alert_subscription', entityId: id },
        db,
      );
    });
  }
}
