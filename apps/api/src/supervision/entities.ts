import {
  MilestoneCompletionEntity,
  MilestoneCompletionReviewEntity,
} from './completions/completion.entity.js';
import { SupervisionNoticeEntity, SupervisionNoticeEventEntity } from './notices/notice.entity.js';

export const SUPERVISION_ENTITIES = [
  MilestoneCompletionEntity,
  MilestoneCompletionReviewEntity,
  SupervisionNoticeEntity,
  SupervisionNoticeEventEntity,
];
