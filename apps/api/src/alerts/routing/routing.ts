import type { AlertSubscriptionOut, Role } from '@zhibiao/contracts';
import { ALERT_SEVERITIES, type AlertSeverity } from '@zhibiao/core';

/** Who hears of what: a role's or one user's subscription, narrowed by department and section. */
export interface Subscription {
  id: string;
  role: Role | null;
  user: string | null;
  department: string | null;
  ownDepartment: boolean;
  section: string | null;
  minSeverity: AlertSeverity;
  channel: AlertSubscriptionOut['channel'];
}

/** A user who may receive alerts: enabled, with roles and a department. */
export interface Recipient {
  id: string;
  roles: readonly Role[];
  department: string | null;
}

/** What routing needs to know about an alert's event. */
export interface Routed {
  alertId: string;
  eventId: string;
  severity: AlertSeverity;
  /** The subject's lead departments. */
  departments: readonly string[];
  section: string | null;
  /** Escalations reach leaders whatever the severity they subscribed to. */
  escalation: boolean;
}

const rank = (severity: AlertSeverity) => ALERT_SEVERITIES.indexOf(severity);

/** Whether a subscription sends this event to this user. */
export function routes(subscription: Subscription, user: Recipient, event: Routed): boolean {
  if (subscription.user !== null && subscription.user !== user.id) return false;
  if (subscription.role !== null && !user.roles.includes(subscription.role)) return false;
  const leaderEscalation = event.escalation && user.roles.includes('leader');
  if (!leaderEscalation && rank(event.severity) < rank(subscription.minSeverity)) return false;
  if (subscription.section !== null && subscription.section !== event.section) return false;
  if (subscription.department !== null && !event.departments.includes(subscription.department)) {
    return false;
  }
  if (
    subscription.ownDepartment &&
    (user.department === null || !event.departments.includes(user.department))
  ) {
    return false;
  }
  return true;
}
