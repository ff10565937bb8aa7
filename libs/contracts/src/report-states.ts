// The words of a measure's monthly progress report, shared by the catalogue (each measure's latest
// report) and the supervision routes.

/** A lead unit's own assessment of a measure in a month: 按序时推进 / 滞后 / 已完成 / 未启动. */
export const REPORT_PROGRESS = ['on_track', 'behind', 'done', 'not_started'] as const;
export type ReportProgress = (typeof REPORT_PROGRESS)[number];

/**
 * Where a report stands: a draft (the unit's, not yet sent), submitted (waiting for the bureau's
 * check), returned (sent back with a comment, to be resubmitted), confirmed (checked by the bureau).
 */
export const REPORT_STATES = ['draft', 'submitted', 'returned', 'confirmed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
