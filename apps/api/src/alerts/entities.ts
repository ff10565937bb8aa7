import { AlertEventEntity } from './alert-event.entity.js';
import { AlertRuleEntity } from './alert-rule.entity.js';
import { AlertSubscriptionEntity } from './alert-subscription.entity.js';
import { AlertTrackEntity } from './alert-track.entity.js';
import { AlertEntity } from './alert.entity.js';
import { InboxItemEntity } from './inbox-item.entity.js';
import { SilenceEntity } from './silence.entity.js';

export const ALERT_ENTITIES = [
  AlertRuleEntity,
  AlertTrackEntity,
  AlertEntity,
  AlertEventEntity,
  SilenceEntity,
  AlertSubscriptionEntity,
  InboxItemEntity,
];
