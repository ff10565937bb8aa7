/** Why a target slipped, as the department acknowledging an alert or answering a notice says. */
export const ALERT_CAUSES = [
  'funding',
  'approval',
  'construction',
  'seasonal',
  'data',
  'policy',
  'other',
] as const;
