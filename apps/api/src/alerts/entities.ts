import { AlertTrackEntity } from './evaluation/alert-track.entity.js';
import { AlertEventEntity } from './lifecycle/alert-event.entity.js';
import { AlertEntity } from './lifecycle/alert.entity.js';
import { AlertSubscriptionEntity } from './routing/alert-subscription.entity.js';
import { InboxItemEntity } from './routing/inbox-item.entity.js';
import { AlertRuleEntity } from './rules/alert-rule.entity.js';
import { SilenceEntity } from './silences/silence.entity.js';

export const ALERT_ENTITIES = [
  AlertRuleEntity,
  AlertTrackEntity,
  AlertEntity,
  AlertEventEntity,
  SilenceEntity,
  AlertSubscriptionEntity,
  InboxItemEntity,
];
