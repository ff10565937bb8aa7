import { z } from 'zod';
import {
  APPROVAL_ACTIONS,
  APPROVAL_STATES,
  PULL_FORMATS,
  PULL_OUTCOMES,
  PULL_PERIODS,
  PULL_TRIGGERS,
  REPORTING_KINDS,
  REPORTING_MESSAGE_KINDS,
  REPORTING_STATUSES,
} from '@zhibiao/core';
import { DepartmentRefSchema, IsoDateSchema } from './catalog.js';
import { PeriodSchema } from './measurements.js';
import { defineRoute } from './route.js';
import { PlanCodeSchema, TimestampSchema } from './supervision.js';
import { fieldMessage } from './validation.js';

// The monthly reporting cycle: who owes what for a period and where it stands (the calendar, with
// DHIS2's completeness and timeliness), the bureau's approval of a unit's figures, reminders to the
// units, and figures pulled from the units' own systems on a schedule. As of any day.

export {
  APPROVAL_ACTIONS,
  APPROVAL_STATES,
  PULL_FORMATS,
  PULL_OUTCOMES,
  PULL_PERIODS,
  PULL_TRIGGERS,
  REPORTING_KINDS,
  REPORTING_MESSAGE_KINDS,
  REPORTING_STATUSES,
  type ApprovalAction,
  type ApprovalState,
  type PullFormat,
  type PullOutcome,
  type PullPeriods,
  type PullTrigger,
  type ReportingKind,
  type ReportingMessageKind,
  type ReportingStatus,
} from '@zhibiao/core';

const IdSchema = z.string().regex(/^\d{1,18}$/);
const IdParams = z.strictObject({ id: IdSchema });
const PlanParams = z.strictObject({ code: PlanCodeSchema });
const DepartmentCodeSchema = z.string().min(1).max(64);
const RegionCodeSchema = z.string().regex(/^\d{6}$/);
const CodeNameSchema = z.object({ code: z.string(), name: z.string() });

// ─── The calendar ───────────────────────────────────────────────────────────────────────────────

/**
 * DHIS2's rates over a set of expected reports: completeness = reported / expected, timeliness = on
 * time / expected (null when nothing is expected). `reported` counts late ones too; a returned report
 * counts as reported (it was received) but not as on time unless its first submission was.
 */
export const ReportingRatesSchema = z.object({
  expected: z.number().int(),
  reported: z.number().int(),
  onTime: z.number().int(),
  completeness: z.number().nullable().describe('reported / expected, 0–1'),
  timeliness: z.number().nullable().describe('on time / expected, 0–1'),
});
export type ReportingRates = z.infer<typeof ReportingRatesSchema>;

export const ReportingStatusQuery = z.strictObject({
  period: PeriodSchema,
  plan: PlanCodeSchema.optional(),
  department: DepartmentCodeSchema.optional().describe("a reporter sees their own unit's only"),
  region: RegionCodeSchema.optional(),
  kind: z.enum(REPORTING_KINDS).optional(),
  status: z.enum(REPORTING_STATUSES).optional().describe('rows only; the rates count every row'),
  asOf: IsoDateSchema.optional().describe('as known at the end of that day (default today)'),
});

/** One expected report: a unit's figures of an indicator for a region, or a measure's lead report. */
export const ReportingStatusRowSchema = z.object({
  plan: z.string(),
  department: DepartmentRefSchema,
  kind: z.enum(REPORTING_KINDS),
  indicator: z
    .object({ code: z.string(), name: z.string(), frequency: z.string() })
    .nullable()
    .describe('figure rows'),
  measure: CodeNameSchema.nullable().describe('report rows'),
  region: CodeNameSchema.nullable().describe('figure rows'),
  due: IsoDateSchema.describe('the due day'),
  closesOn: IsoDateSchema.describe('the due day plus the grace: on time until the end of it'),
  status: z.enum(REPORTING_STATUSES),
  submittedAt: TimestampSchema.nullable().describe('the first submission'),
  lastRevisionAt: TimestampSchema.nullable(),
  reference: z
    .string()
    .nullable()
    .describe("figure rows: the first submission's id; report rows: the report's id"),
  approval: z
    .enum(APPROVAL_STATES)
    .nullable()
    .describe('figure rows of a plan and period under approval'),
  returnComment: z.string().nullable().describe('why it was returned, when it was'),
  source: z
    .object({ id: z.string(), name: z.string(), failing: z.boolean() })
    .nullable()
    .describe('the pull source that reports it, if any'),
});
export type ReportingStatusRow = z.infer<typeof ReportingStatusRowSchema>;

export const ReportingStatusSchema = z.object({
  period: PeriodSchema,
  asOf: IsoDateSchema,
  plan: z.string().nullable(),
  rates: ReportingRatesSchema,
  counts: z.record(z.enum(REPORTING_STATUSES), z.number().int()),
  byDepartment: z.array(z.object({ department: DepartmentRefSchema, rates: ReportingRatesSchema })),
  bySubject: z
    .array(
      z.object({
        kind: z.enum(REPORTING_KINDS),
        code: z.string(),
        name: z.string(),
        rates: ReportingRatesSchema,
      }),
    )
    .describe('per indicator (figure rows) and per measure (report rows)'),
  byRegion: z.array(z.object({ region: CodeNameSchema, rates: ReportingRatesSchema })),
  failingSources: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        department: DepartmentRefSchema,
        consecutiveFailures: z.number().int(),
        lastError: z.string().nullable(),
      }),
    )
    .describe('pull sources flagged after failing their maximum number of times in a row'),
  rows: z.array(ReportingStatusRowSchema),
});
export type ReportingStatusReport = z.infer<typeof ReportingStatusSchema>;

export const ReportingHistoryQuery = z.strictObject({
  department: DepartmentCodeSchema.optional().describe("default: the caller's unit"),
  plan: PlanCodeSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe("default: asOf's year"),
  asOf: IsoDateSchema.optional(),
});

/** A unit's year: each month's rates and status counts, figures and reports apart and together. */
export const ReportingHistorySchema = z.object({
  department: DepartmentRefSchema,
  year: z.number().int(),
  asOf: IsoDateSchema,
  months: z.array(
    z.object({
      period: PeriodSchema,
      rates: ReportingRatesSchema,
      figures: ReportingRatesSchema,
      reports: ReportingRatesSchema,
      counts: z.record(z.enum(REPORTING_STATUSES), z.number().int()),
    }),
  ),
});
export type ReportingHistory = z.infer<typeof ReportingHistorySchema>;

// ─── Approval ───────────────────────────────────────────────────────────────────────────────────

export const PlanApprovalSchema = z.object({
  plan: z.string(),
  approvalFrom: PeriodSchema.nullable().describe('the first period under approval; null: off'),
});

export const PlanApprovalBody = z.strictObject({
  approvalFrom: PeriodSchema.nullable(),
});

export const ApprovalEventSchema = z.object({
  id: z.string(),
  action: z.enum(APPROVAL_ACTIONS),
  comment: z.string(),
  edits: z.number().int().describe('figure revisions since the previous approval at that moment'),
  submissionId: z.string().nullable().describe('the correction that reopened the period'),
  actor: z.string(),
  at: TimestampSchema,
});
export type ApprovalEvent = z.infer<typeof ApprovalEventSchema>;

/** One figure of the unit's period changed since its last approval (or submitted, before any). */
export const ApprovalChangeSchema = z.object({
  indicator: CodeNameSchema,
  region: CodeNameSchema,
  approved: z.number().nullable().describe('the value in force at the last approval'),
  current: z.number(),
  revisions: z.number().int().describe('revisions since the last approval'),
  note: z.string(),
  recordedAt: TimestampSchema,
});

export const ApprovalRowSchema = z.object({
  plan: z.string(),
  department: DepartmentRefSchema,
  period: PeriodSchema,
  state: z.enum(APPROVAL_STATES),
  figures: z.number().int().describe("the unit's figures in force for the period"),
  editsSinceApproval: z.number().int(),
  lastApprovedAt: TimestampSchema.nullable(),
  changes: z.array(ApprovalChangeSchema),
  events: z.array(ApprovalEventSchema),
});
export type ApprovalRow = z.infer<typeof ApprovalRowSchema>;

export const ApprovalsQuery = z.strictObject({
  plan: PlanCodeSchema,
  period: PeriodSchema,
  department: DepartmentCodeSchema.optional(),
  state: z.enum(APPROVAL_STATES).optional(),
  asOf: IsoDateSchema.optional(),
});

export const ApprovalsSchema = z.object({
  plan: z.string(),
  period: PeriodSchema,
  asOf: IsoDateSchema,
  approvalFrom: PeriodSchema.nullable(),
  underApproval: z.boolean().describe('whether this period is under approval'),
  counts: z.record(z.enum(APPROVAL_STATES), z.number().int()),
  rows: z.array(ApprovalRowSchema),
});

export const ApprovalDecisionBody = z.strictObject({
  plan: PlanCodeSchema,
  period: PeriodSchema,
  department: DepartmentCodeSchema.optional().describe(
    'one unit; omitted: every unit whose figures for the period are pending',
  ),
  action: z.enum(['approve', 'return']),
  comment: z.string().max(2000).default(''),
});

// ─── Reminders and other messages to a unit ─────────────────────────────────────────────────────

export const ReportingMessageItemSchema = z.object({
  kind: z.enum([...REPORTING_KINDS, 'source']),
  plan: z.string().nullable(),
  period: PeriodSchema.nullable(),
  indicator: CodeNameSchema.nullable(),
  measure: CodeNameSchema.nullable(),
  region: CodeNameSchema.nullable(),
  source: CodeNameSchema.nullable().describe('a failing pull source (code: its id)'),
  due: IsoDateSchema.nullable(),
  status: z.enum(REPORTING_STATUSES).nullable(),
  detail: z.string().nullable().describe("a return's comment, a source's last error"),
});
export type ReportingMessageItem = z.infer<typeof ReportingMessageItemSchema>;

export const ReportingMessageSchema = z.object({
  id: z.string(),
  kind: z.enum(REPORTING_MESSAGE_KINDS),
  plan: z.string().nullable(),
  department: DepartmentRefSchema,
  sentOn: IsoDateSchema,
  at: TimestampSchema,
  actor: z.string().nullable().describe('who sent it by hand; null for the scheduled job'),
  comment: z.string().nullable(),
  items: z.array(ReportingMessageItemSchema),
  recipients: z.number().int().describe("the unit's reporters whose inbox it reached"),
});
export type ReportingMessage = z.infer<typeof ReportingMessageSchema>;

export const RemindersQuery = z.strictObject({
  department: DepartmentCodeSchema.optional(),
  plan: PlanCodeSchema.optional(),
  kind: z.enum(REPORTING_MESSAGE_KINDS).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const SendReminderBody = z.strictObject({
  department: DepartmentCodeSchema,
  plan: PlanCodeSchema.optional(),
  comment: z.string().max(1000).optional(),
});

// ─── Pull sources ───────────────────────────────────────────────────────────────────────────────

export const PullRunSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  trigger: z.enum(PULL_TRIGGERS),
  attempt: z.number().int(),
  periods: z.array(PeriodSchema),
  startedAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  outcome: z.enum(PULL_OUTCOMES).nullable().describe('null while running'),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  submissionId: z.string().nullable(),
});
export type PullRun = z.infer<typeof PullRunSchema>;

export const PullSourceSchema = z.object({
  id: z.string(),
  department: DepartmentRefSchema,
  name: z.string(),
  url: z.string(),
  format: z.enum(PULL_FORMATS),
  cron: z.string(),
  indicators: z.array(z.string()),
  periods: z.enum(PULL_PERIODS),
  authHeader: z
    .object({ name: z.string() })
    .nullable()
    .describe('the header sent (its value is stored encrypted and never answered)'),
  enabled: z.boolean(),
  maxFailures: z.number().int(),
  consecutiveFailures: z.number().int(),
  nextRunAt: TimestampSchema.nullable(),
  flaggedAt: TimestampSchema.nullable(),
  lastRun: PullRunSchema.nullable(),
  createdBy: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type PullSource = z.infer<typeof PullSourceSchema>;

const HeaderSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, fieldMessage('header_name'))
    .default('Authorization'),
  value: z.string().min(1).max(4000),
});

const UrlSchema = z
  .string()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/i, fieldMessage('url_not_http'));

export const PullSourceBody = z.strictObject({
  department: DepartmentCodeSchema,
  name: z.string().trim().min(1).max(200),
  url: UrlSchema.describe('http(s); {period} is replaced by each period asked for (YYYY-MM)'),
  format: z.enum(PULL_FORMATS),
  cron: z.string().trim().min(1).max(100).describe('5 or 6 fields, Asia/Shanghai time'),
  indicators: z.array(z.string().min(1).max(64)).min(1).max(200),
  periods: z.enum(PULL_PERIODS).default('previous'),
  authHeader: HeaderSchema.nullable().optional(),
  enabled: z.boolean().default(true),
  maxFailures: z.number().int().min(1).max(20).default(3),
});

export const PullSourcePatchBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  url: UrlSchema.optional(),
  format: z.enum(PULL_FORMATS).optional(),
  cron: z.string().trim().min(1).max(100).optional(),
  indicators: z.array(z.string().min(1).max(64)).min(1).max(200).optional(),
  periods: z.enum(PULL_PERIODS).optional(),
  authHeader: HeaderSchema.nullable().optional().describe('null removes it; omitted keeps it'),
  enabled: z.boolean().optional(),
  maxFailures: z.number().int().min(1).max(20).optional(),
});

// ─── Routes ─────────────────────────────────────────────────────────────────────────────────────

const bureau = ['admin', 'analyst'] as const;

export const reportingRoutes = {
  getReportingStatus: defineRoute({
    method: 'GET',
    path: '/reporting/status',
    summary:
      "Who owes what for a period and where it stands (due, submitted, late, missing, returned), with DHIS2's completeness and timeliness by unit, indicator or measure, and city",
    tag: 'reporting',
    query: ReportingStatusQuery,
    response: ReportingStatusSchema,
  }),
  getReportingHistory: defineRoute({
    method: 'GET',
    path: '/reporting/history',
    summary: "A unit's year of reporting: each month's completeness, timeliness and statuses",
    tag: 'reporting',
    query: ReportingHistoryQuery,
    response: ReportingHistorySchema,
  }),
  setPlanApproval: defineRoute({
    method: 'PUT',
    path: '/plans/:code/approval',
    summary:
      "Turn the approval of figures on from a period (the units' figures count once the bureau approves them) or off",
    tag: 'reporting',
    params: PlanParams,
    body: PlanApprovalBody,
    response: PlanApprovalSchema,
    access: ['admin'],
  }),
  listApprovals: defineRoute({
    method: 'GET',
    path: '/reporting/approvals',
    summary:
      "Each unit's figures for a period under approval: state, edits since the last approval and what changed, events",
    tag: 'reporting',
    query: ApprovalsQuery,
    response: ApprovalsSchema,
  }),
  decideApproval: defineRoute({
    method: 'POST',
    path: '/reporting/approvals',
    summary:
      "Approve (lock) or return a unit's figures for a period, or every pending unit's at once",
    tag: 'reporting',
    body: ApprovalDecisionBody,
    response: z.object({ events: z.array(ApprovalEventSchema.extend({ department: z.string() })) }),
    status: 201,
    access: bureau,
  }),
  listReminders: defineRoute({
    method: 'GET',
    path: '/reporting/reminders',
    summary: 'Reminders and other messages sent to units, newest first: who was told what, when',
    tag: 'reporting',
    query: RemindersQuery,
    response: z.object({ items: z.array(ReportingMessageSchema) }),
  }),
  sendReminder: defineRoute({
    method: 'POST',
    path: '/reporting/reminders',
    summary: 'Remind a unit now of exactly what it still owes (at most one reminder a unit a day)',
    tag: 'reporting',
    body: SendReminderBody,
    response: ReportingMessageSchema,
    status: 201,
    access: bureau,
  }),
  listPullSources: defineRoute({
    method: 'GET',
    path: '/reporting/sources',
    summary: "The units' pull sources with their state and last run",
    tag: 'reporting',
    query: z.strictObject({ department: DepartmentCodeSchema.optional() }),
    response: z.object({ items: z.array(PullSourceSchema) }),
    access: bureau,
  }),
  createPullSource: defineRoute({
    method: 'POST',
    path: '/reporting/sources',
    summary: "Register a unit's source of figures fetched on a cron schedule",
    tag: 'reporting',
    body: PullSourceBody,
    response: PullSourceSchema,
    status: 201,
    access: ['admin'],
  }),
  updatePullSource: defineRoute({
    method: 'PATCH',
    path: '/reporting/sources/:id',
    summary: 'Change a pull source (omitted fields are kept)',
    tag: 'reporting',
    params: IdParams,
    body: PullSourcePatchBody,
    response: PullSourceSchema,
    access: ['admin'],
  }),
  deletePullSource: defineRoute({
    method: 'DELETE',
    path: '/reporting/sources/:id',
    summary: 'Remove a pull source and its runs (its submissions stay)',
    tag: 'reporting',
    params: IdParams,
    response: z.undefined(),
    status: 204,
    access: ['admin'],
  }),
  runPullSource: defineRoute({
    method: 'POST',
    path: '/reporting/sources/:id/run',
    summary: 'Pull now, and answer with the run once it ended',
    tag: 'reporting',
    params: IdParams,
    body: z.strictObject({}),
    response: PullRunSchema,
    status: 201,
    access: ['admin'],
  }),
  listPullRuns: defineRoute({
    method: 'GET',
    path: '/reporting/sources/:id/runs',
    summary: "A pull source's runs, newest first",
    tag: 'reporting',
    params: IdParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ items: z.array(PullRunSchema) }),
    access: bureau,
  }),
};
