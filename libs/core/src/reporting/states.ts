// The words of the monthly reporting cycle, shared by the API, the web app and the checks.

/**
 * Where one expected report stands for a period (DHIS2's data-set report, per row):
 * `due` — not yet past its due day plus grace, nothing received; `submitted` — received on time;
 * `late` — received after the due day plus grace; `missing` — past the due day plus grace, nothing;
 * `returned` — sent back by the bureau, awaiting resubmission.
 */
export const REPORTING_STATUSES = ['due', 'submitted', 'late', 'missing', 'returned'] as const;
export type ReportingStatus = (typeof REPORTING_STATUSES)[number];

/** What is expected of a unit: figures of an indicator for a region, or a measure's progress report. */
export const REPORTING_KINDS = ['figure', 'report'] as const;
export type ReportingKind = (typeof REPORTING_KINDS)[number];

/**
 * A unit's figures for a period under approval: nothing submitted yet; `pending` — submitted (or
 * corrected since the last approval), waiting for the bureau; `approved` — locked; `returned`.
 */
export const APPROVAL_STATES = ['not_submitted', 'pending', 'approved', 'returned'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** Steps of an approval's life, recorded as events. */
export const APPROVAL_ACTIONS = ['approved', 'returned', 'reopened'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** Messages to a unit's reporters. At most one reminder (of any kind) per unit per day. */
export const REPORTING_MESSAGE_KINDS = [
  'reminder_before_due',
  'reminder_overdue',
  'reminder_manual',
  'approval_returned',
  'pull_failing',
] as const;
export type ReportingMessageKind = (typeof REPORTING_MESSAGE_KINDS)[number];

export const PULL_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type PullFormat = (typeof PULL_FORMATS)[number];

/** Which periods a pull asks for: the month before the run, or every period still open. */
export const PULL_PERIODS = ['previous', 'open'] as const;
export type PullPeriods = (typeof PULL_PERIODS)[number];

export const PULL_TRIGGERS = ['schedule', 'retry', 'manual'] as const;
export type PullTrigger = (typeof PULL_TRIGGERS)[number];

export const PULL_OUTCOMES = ['succeeded', 'rejected', 'failed'] as const;
export type PullOutcome = (typeof PULL_OUTCOMES)[number];
