import { z } from 'zod';
import { ALERT_CAUSES } from './alert-causes.js';
import { DepartmentRefSchema, IsoDateSchema } from './catalog.js';
import { PeriodSchema } from './measurements.js';
import { REPORT_PROGRESS, REPORT_STATES } from './report-states.js';
import { defineRoute } from './route.js';

// The supervision of the plan's measures (举措) and node tasks (节点任务): the lead units' monthly
// progress reports, node tasks done with evidence, the bureau's supervision notices (督办) and the
// ledger (台账) built from them. Every revision is kept, so any past day can be shown again.

const IdSchema = z.string().regex(/^\d{1,18}$/);
const IdParams = z.strictObject({ id: IdSchema });
const MeasureCodeParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/) });
export const PlanCodeSchema = z.string().regex(/^[A-Za-z0-9-]{1,32}$/);
export const TimestampSchema = z.iso.datetime({ offset: true });

export const REVIEW_DECISIONS = ['confirm', 'return'] as const;

/** Evidence kinds the API accepts as files (by content, not only by the name's extension). */
export const EVIDENCE_FILE_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
} as const;

/** At most this many pieces of evidence on one report, completion or reply. */
export const EVIDENCE_MAX_ITEMS = 10;

export const EvidenceInSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('link'),
    title: z.string().trim().min(1).max(200),
    url: z
      .string()
      .trim()
      .max(2000)
      .regex(/^https?:\/\/\S+$/, 'http(s) URL'),
  }),
  z.strictObject({
    kind: z.literal('file'),
    id: IdSchema.describe('an evidence file uploaded with POST /evidence'),
  }),
]);

export const EvidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), title: z.string(), url: z.string() }),
  z.object({
    kind: z.literal('file'),
    id: z.string(),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    url: z.string().describe('where to download it: /api/v1/evidence/:id'),
  }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const EvidenceFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  uploadedAt: TimestampSchema,
  by: z.string(),
});

const text = (max: number) => z.string().trim().max(max);

export const MeasureReportBody = z.strictObject({
  period: PeriodSchema.describe('the month reported, YYYY-MM'),
  progress: text(4000).describe('进展情况: what was done; required to submit'),
  problems: text(4000).default('').describe('存在问题: what is in the way'),
  nextSteps: text(4000).default('').describe('下步计划: what comes next'),
  status: z.enum(REPORT_PROGRESS).describe('the unit’s own assessment'),
  evidence: z.array(EvidenceInSchema).max(EVIDENCE_MAX_ITEMS).default([]),
  submit: z.boolean().default(true).describe('false saves a draft'),
  department: z
    .string()
    .max(64)
    .optional()
    .describe("the reporting unit; a reporter's own unit by default (administrators name it)"),
});
export type MeasureReportIn = z.input<typeof MeasureReportBody>;

export const ReviewSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string(),
  by: z.string(),
  at: TimestampSchema,
});

export const MeasureReportSchema = z.object({
  id: z.string().describe('this revision'),
  measure: z.string(),
  measureName: z.string(),
  plan: z.string(),
  period: PeriodSchema,
  department: DepartmentRefSchema,
  role: z.enum(['lead', 'support']).describe("a support unit's part of the lead unit's report"),
  revision: z.number().int().describe('1 for the first version of this unit’s report of the month'),
  state: z.enum(REPORT_STATES),
  status: z.enum(REPORT_PROGRESS),
  progress: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  evidence: z.array(EvidenceSchema),
  recordedAt: TimestampSchema,
  by: z.string(),
  submittedAt: TimestampSchema.nullable(),
  late: z.boolean().describe('submitted after the due day of the following month'),
  review: ReviewSchema.nullable(),
});
export type MeasureReport = z.infer<typeof MeasureReportSchema>;

export const MeasureReportsQuery = z.strictObject({
  period: PeriodSchema.optional(),
  asOf: IsoDateSchema.optional().describe('as recorded by the end of that day (default now)'),
  history: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('every revision, not only the latest of each unit and month'),
});

export const ReportQueueQuery = z.strictObject({
  plan: PlanCodeSchema,
  period: PeriodSchema.optional(),
  state: z.enum(REPORT_STATES).optional(),
  department: z.string().max(64).optional(),
  asOf: IsoDateSchema.optional(),
});

export const ReviewBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string().trim().max(2000).default('').describe('required to return'),
});

/** Node tasks (节点任务) done with evidence, confirmed by the bureau. */
export const COMPLETION_STATES = ['claimed', 'confirmed', 'returned'] as const;

export const CompletionBody = z.strictObject({
  doneOn: IsoDateSchema.describe('the day it was done; not in the future'),
  note: text(2000).min(1),
  evidence: z.array(EvidenceInSchema).min(1).max(EVIDENCE_MAX_ITEMS),
});

export const CompletionSchema = z.object({
  id: z.string(),
  milestone: z.string(),
  milestoneName: z.string(),
  plan: z.string(),
  state: z.enum(COMPLETION_STATES),
  doneOn: IsoDateSchema,
  note: z.string(),
  evidence: z.array(EvidenceSchema),
  department: DepartmentRefSchema.nullable(),
  by: z.string(),
  recordedAt: TimestampSchema,
  review: ReviewSchema.nullable(),
});
export type Completion = z.infer<typeof CompletionSchema>;

/** 督办: a supervision notice the bureau raises on a measure, node task or indicator. */
export const NOTICE_SUBJECTS = ['measure', 'milestone', 'indicator'] as const;
export const NOTICE_STATES = ['open', 'replied', 'closed'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_EVENT_KINDS = [
  'raised',
  'replied',
  'closed',
  'reopened',
  'overdue',
  'escalated',
] as const;

export const NoticeBody = z.strictObject({
  subject: z.strictObject({ kind: z.enum(NOTICE_SUBJECTS), code: z.string().max(64) }),
  department: z
    .string()
    .max(64)
    .optional()
    .describe('the unit it is addressed to; the subject’s first lead unit by default'),
  problem: text(2000).min(1).describe('what is wrong'),
  requirement: text(2000).min(1).describe('what is required'),
  replyBy: IsoDateSchema.describe('the reply deadline'),
});

export const AlertNoticeBody = z.strictObject({
  requirement: text(2000).min(1),
  replyBy: IsoDateSchema,
});

export const NoticeReplyBody = z.strictObject({
  comment: text(2000).min(1),
  cause: z.enum(ALERT_CAUSES),
  plan: text(2000).min(1).describe('the catch-up plan'),
  catchUpDate: IsoDateSchema,
  evidence: z.array(EvidenceInSchema).max(EVIDENCE_MAX_ITEMS).default([]),
});

export const NoticeDecisionBody = z.strictObject({
  comment: text(2000).min(1),
  replyBy: IsoDateSchema.optional().describe('reopening: a new reply deadline'),
});

export const NoticeEventSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_EVENT_KINDS),
  at: TimestampSchema,
  by: z.string().nullable(),
  comment: z.string().nullable(),
  reply: z
    .object({
      cause: z.enum(ALERT_CAUSES),
      plan: z.string(),
      catchUpDate: IsoDateSchema,
      evidence: z.array(EvidenceSchema),
    })
    .nullable(),
});

export const NoticeSchema = z.object({
  id: z.string(),
  number: z.string().describe('督办 number shown to people: DB-2020-007'),
  plan: z.string(),
  subject: z.object({ kind: z.enum(NOTICE_SUBJECTS), code: z.string(), name: z.string() }),
  department: DepartmentRefSchema,
  problem: z.string(),
  requirement: z.string(),
  replyBy: IsoDateSchema,
  state: z.enum(NOTICE_STATES),
  overdue: z.boolean().describe('open past its reply deadline'),
  escalated: z.boolean(),
  alert: z.string().nullable().describe('the alert it was raised from'),
  raisedAt: TimestampSchema,
  raisedBy: z.string(),
  lastReply: NoticeEventSchema.shape.reply,
  updatedAt: TimestampSchema,
});
export type Notice = z.infer<typeof NoticeSchema>;

export const NoticeDetailSchema = NoticeSchema.extend({ events: z.array(NoticeEventSchema) });

export const NoticeListQuery = z.strictObject({
  plan: PlanCodeSchema.optional(),
  state: z.enum([...NOTICE_STATES, 'overdue']).optional(),
  department: z.string().max(64).optional(),
  subject: z.string().max(64).optional().describe('a measure, node task or indicator code'),
  asOf: IsoDateSchema.optional(),
});

export const supervisionRoutes = {
  uploadEvidence: defineRoute({
    method: 'POST',
    path: '/evidence',
    summary:
      'Upload one evidence file (PDF, image, DOCX, XLSX) to cite in a report, completion or reply',
    tag: 'supervision',
    access: ['admin', 'analyst', 'reporter'],
    upload: { field: 'file' },
    status: 201,
    response: EvidenceFileSchema,
  }),
  getEvidence: defineRoute({
    method: 'GET',
    path: '/evidence/:id',
    summary: 'Download an evidence file as uploaded',
    tag: 'supervision',
    params: IdParams,
    query: z.strictObject({}),
    produces: 'application/octet-stream',
    response: z.unknown(),
  }),
  listMeasureReports: defineRoute({
    method: 'GET',
    path: '/measures/:code/reports',
    summary: "A measure's monthly progress reports, lead and support units', with their reviews",
    tag: 'supervision',
    params: MeasureCodeParams,
    query: MeasureReportsQuery,
    response: z.array(MeasureReportSchema),
  }),
  fileMeasureReport: defineRoute({
    method: 'POST',
    path: '/measures/:code/reports',
    summary:
      "Save or submit a unit's monthly progress report on a measure (a new revision; every one kept)",
    tag: 'supervision',
    access: ['admin', 'reporter'],
    params: MeasureCodeParams,
    body: MeasureReportBody,
    status: 201,
    response: MeasureReportSchema,
  }),
  listReportQueue: defineRoute({
    method: 'GET',
    path: '/measure-reports',
    summary: "A plan's latest reports by state: the bureau's review queue, a unit's month",
    tag: 'supervision',
    query: ReportQueueQuery,
    response: z.array(MeasureReportSchema),
  }),
  reviewMeasureReport: defineRoute({
    method: 'POST',
    path: '/measure-reports/:id/review',
    summary: 'Confirm a submitted report, or return it to the unit with a comment',
    tag: 'supervision',
    access: ['admin', 'analyst'],
    params: IdParams,
    body: ReviewBody,
    response: MeasureReportSchema,
  }),
  listCompletions: defineRoute({
    method: 'GET',
    path: '/milestones/:code/completions',
    summary: "A node task's claims of completion with their evidence and the bureau's decisions",
    tag: 'supervision',
    params: MeasureCodeParams,
    query: z.strictObject({}),
    response: z.array(CompletionSchema),
  }),
  claimCompletion: defineRoute({
    method: 'POST',
    path: '/milestones/:code/completions',
    summary: 'Report a node task done, with the date and evidence; it counts once confirmed',
    tag: 'supervision',
    access: ['admin', 'analyst', 'reporter'],
    params: MeasureCodeParams,
    body: CompletionBody,
    status: 201,
    response: CompletionSchema,
  }),
  listCompletionQueue: defineRoute({
    method: 'GET',
    path: '/milestone-completions',
    summary: "A plan's claims of completion waiting for the bureau (or in another state)",
    tag: 'supervision',
    query: z.strictObject({
      plan: PlanCodeSchema,
      state: z.enum(COMPLETION_STATES).optional(),
    }),
    response: z.array(CompletionSchema),
  }),
  reviewCompletion: defineRoute({
    method: 'POST',
    path: '/milestone-completions/:id/review',
    summary: 'Confirm a node task done (it counts from today) or return the claim with a comment',
    tag: 'supervision',
    access: ['admin', 'analyst'],
    params: IdParams,
    body: ReviewBody,
    response: CompletionSchema,
  }),
  listNotices: defineRoute({
    method: 'GET',
    path: '/notices',
    summary: 'Supervision notices (督办), newest first',
    tag: 'supervision',
    query: NoticeListQuery,
    response: z.array(NoticeSchema),
  }),
  getNotice: defineRoute({
    method: 'GET',
    path: '/notices/:id',
    summary: 'One supervision notice with its history',
    tag: 'supervision',
    params: IdParams,
    query: z.strictObject({}),
    response: NoticeDetailSchema,
  }),
  raiseNotice: defineRoute({
    method: 'POST',
    path: '/notices',
    summary: 'Raise a supervision notice on a measure, node task or indicator for its unit',
    tag: 'supervision',
    access: ['admin', 'analyst'],
    body: NoticeBody,
    status: 201,
    response: NoticeDetailSchema,
  }),
  raiseAlertNotice: defineRoute({
    method: 'POST',
    path: '/alerts/:id/notice',
    summary: "Turn a shortfall alert into a supervision notice to its indicator's lead unit",
    tag: 'supervision',
    access: ['admin', 'analyst'],
    params: IdParams,
    body: AlertNoticeBody,
    status: 201,
    response: NoticeDetailSchema,
  }),
  replyNotice: defineRoute({
    method: 'POST',
    path: '/notices/:id/reply',
    summary: 'The unit answers a notice: cause, catch-up plan and date',
    tag: 'supervision',
    access: ['admin', 'analyst', 'reporter'],
    params: IdParams,
    body: NoticeReplyBody,
    response: NoticeDetailSchema,
  }),
  closeNotice: defineRoute({
    method: 'POST',
    path: '/notices/:id/close',
    summary: 'The bureau closes a notice',
    tag: 'supervision',
    access: ['admin', 'analyst'],
    params: IdParams,
    body: NoticeDecisionBody,
    response: NoticeDetailSchema,
  }),
  reopenNotice: defineRoute({
    method: 'POST',
    path: '/notices/:id/reopen',
    summary: 'The bureau reopens a notice, with a new reply deadline',
    tag: 'supervision',
    access: ['admin', 'analyst'],
    params: IdParams,
    body: NoticeDecisionBody,
    response: NoticeDetailSchema,
  }),
};
