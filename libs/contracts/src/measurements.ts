import { z } from 'zod';
import { APPROVAL_STATES, FINDING_CODES } from '@zhibiao/core';
import { defineRoute } from './route.js';
import { CodeParams, IsoDateSchema } from './catalog.js';
import { CursorSchema } from './validation.js';

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const PeriodSchema = z.string().regex(PERIOD_PATTERN, 'YYYY-MM');

export const SUBMISSION_SOURCES = ['web', 'csv', 'xlsx', 'api', 'pull', 'seed'] as const;
export type SubmissionSource = (typeof SUBMISSION_SOURCES)[number];

/**
 * applied: every valid row is stored (rows equal to the current figure are left as they are);
 * partially_applied: `partial=true` stored the valid rows and reports the rest; rejected: nothing
 * stored. Dry runs answer valid or invalid and store nothing.
 */
export const SUBMISSION_STATUSES = [
  'applied',
  'partially_applied',
  'rejected',
  'valid',
  'invalid',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const VALUE_TYPES = ['increment', 'cumulative', 'level'] as const;

export const FindingSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  cell: z.string().nullable().describe('spreadsheet reference (D5) where the file has one'),
  code: z.enum(FINDING_CODES),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type FindingOut = z.infer<typeof FindingSchema>;

export const PREVIEW_ROWS = 200;

/** Findings listed per code: a ten-year backfill is late in every row, and one line says so. */
export const FINDINGS_PER_CODE = 500;

export const PreviewRowSchema = z.object({
  row: z.number().int(),
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

export const SubmissionReportSchema = z.object({
  submissionId: z.string().nullable().describe('null on a dry run'),
  status: z.enum(SUBMISSION_STATUSES),
  dryRun: z.boolean(),
  replayed: z
    .boolean()
    .describe(
      'an earlier result answered again, nothing stored: the same Idempotency-Key, or the same file when nothing in it differs from the figures in force (a finding says when it was sent)',
    ),
  accepted: z.number().int().describe('rows stored (or that would be, on a dry run)'),
  unchanged: z.number().int().describe('valid rows equal to the current figure: nothing to store'),
  rejected: z.number().int(),
  blank: z
    .number()
    .int()
    .describe(
      'rows left blank (no value, numerator or denominator): not reported this time, not checked, nothing stored',
    ),
  warnings: z.array(FindingSchema),
  errors: z.array(FindingSchema),
  findingCounts: z
    .record(z.string(), z.number().int())
    .describe(
      `how many findings of each code there were; each code lists its first ${FINDINGS_PER_CODE}`,
    ),
  preview: z
    .array(PreviewRowSchema)
    .optional()
    .describe(
      `dry runs only: the rows as read, every row with a finding and the first ${PREVIEW_ROWS} others`,
    ),
  code: z
    .literal('submission_rejected')
    .optional()
    .describe('a rejection (422) only: the error code every refusal carries'),
  message: z
    .string()
    .optional()
    .describe('a rejection (422) only: what happened, in the language of Accept-Language'),
});
export type SubmissionReport = z.infer<typeof SubmissionReportSchema>;

const nullableNumber = z.number().nullable().optional();

export const MeasurementItemSchema = z.strictObject({
  indicator: z.string(),
  region: z.string(),
  period: z.string().describe('YYYY-MM; quarterly and annual figures use the last month'),
  value: z
    .number()
    .nullable()
    .describe('for a ratio, may be null when numerator and denominator are given'),
  valueType: z
    .enum(['increment', 'cumulative', 'level'])
    .optional()
    .describe('counts: increment (the month) or cumulative (year to date); rates are levels'),
  numerator: nullableNumber,
  denominator: nullableNumber,
  note: z.string().max(2000).optional().describe('the reason of a late figure or a correction'),
});
export type MeasurementItem = z.infer<typeof MeasurementItemSchema>;

export const MEASUREMENT_ITEMS_LIMIT = 10_000;

export const MeasurementsBody = z.strictObject({
  items: z.array(MeasurementItemSchema).min(1).max(MEASUREMENT_ITEMS_LIMIT),
});

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const SubmitQuery = z.strictObject({
  dryRun: flag.describe('validate only: store nothing'),
  partial: flag.describe('store the valid rows and report the rest (default: all rows or none)'),
});

export const SeriesQuery = z.strictObject({
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('default 370000 (the province)'),
  from: PeriodSchema.optional(),
  to: PeriodSchema.optional(),
  asOf: IsoDateSchema.optional().describe(
    'what was known at the end of that day (Asia/Shanghai); default: the current revisions',
  ),
});

export const SeriesPointSchema = z.object({
  period: z.string(),
  value: z.number().nullable().describe('as reported (or summed over the cities)'),
  valueType: z.enum(VALUE_TYPES),
  cumulative: z.number().nullable(),
  increment: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  late: z.boolean(),
  submissionId: z.string().nullable().describe('null for a sum over the cities'),
  recordedAt: z.string().describe('ISO timestamp; for a sum, its latest city figure'),
  source: z.enum(['reported', 'cities']),
  regionsReported: z
    .number()
    .int()
    .nullable()
    .describe('for a sum over the cities: how many cities reported'),
});
export type SeriesPointOut = z.infer<typeof SeriesPointSchema>;

export const SeriesSchema = z.object({
  indicator: z.string(),
  region: z.string(),
  unit: z.string(),
  kind: z.enum(['cumulative', 'level', 'ratio']),
  frequency: z.enum(['monthly', 'quarterly', 'annual']),
  asOf: IsoDateSchema.nullable(),
  regionsExpected: z.number().int().nullable().describe('cities a province sum needs, or null'),
  points: z.array(SeriesPointSchema),
});
export type Series = z.infer<typeof SeriesSchema>;

export const HistoryQuery = z.strictObject({
  indicator: z.string(),
  region: z.string(),
  period: PeriodSchema,
});

export const ActorSchema = z.object({
  kind: z.string(),
  id: z.string().nullable(),
  name: z.string(),
});

export const RevisionSchema = z.object({
  id: z.string(),
  period: z.string(),
  value: z.number(),
  valueType: z.enum(VALUE_TYPES),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  note: z.string(),
  late: z.boolean(),
  recordedAt: z.string(),
  submissionId: z.string(),
  source: z.enum(SUBMISSION_SOURCES),
  actor: ActorSchema,
  department: z.string().nullable(),
  current: z.boolean(),
});
export type RevisionOut = z.infer<typeof RevisionSchema>;

export const SubmissionSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  source: z.enum(SUBMISSION_SOURCES),
  department: z.string().nullable(),
  actor: ActorSchema,
  fileName: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  sha256: z.string().nullable(),
  status: z.enum(SUBMISSION_STATUSES),
  accepted: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  warnings: z.number().int(),
  errors: z.number().int(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;

export const SubmissionDetailSchema = SubmissionSummarySchema.extend({
  report: SubmissionReportSchema,
});
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

export const SubmissionsQuery = z.strictObject({
  department: z.string().optional(),
  status: z.enum(SUBMISSION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: CursorSchema.optional().describe('submission id to page back from'),
});

export const IdParams = z.strictObject({ id: z.string().regex(/^\d{1,18}$/) });

export const ReportingQuery = z.strictObject({
  department: z.string().optional().describe("default: the caller's department"),
  period: PeriodSchema,
});

export const ReportingRowSchema = z.object({
  indicator: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  kind: z.enum(['cumulative', 'level', 'ratio']),
  frequency: z.enum(['monthly', 'quarterly', 'annual']),
  region: z.string(),
  regionName: z.string(),
  period: z.string().describe('the period this row reports (the quarter’s or year’s last month)'),
  state: z.enum(['future', 'open', 'late']),
  closesOn: IsoDateSchema.describe('last day figures are taken without a reason'),
  current: z
    .object({
      value: z.number(),
      valueType: z.enum(VALUE_TYPES),
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      note: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
  previousCumulative: z.number().nullable().describe('year to date at the period before'),
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
});
export type ReportingRow = z.infer<typeof ReportingRowSchema>;

/** Where the unit's figures of a plan under approval stand for the period (its own view). */
export const SheetApprovalSchema = z.object({
  plan: z.string(),
  state: z.enum(APPROVAL_STATES),
  lastApprovedAt: z.string().nullable(),
  returnComment: z.string().nullable().describe("the bureau's comment when returned"),
});

export const ReportingSheetSchema = z.object({
  department: z.object({ code: z.string(), name: z.string() }),
  period: z.string(),
  rows: z.array(ReportingRowSchema),
  approval: z
    .array(SheetApprovalSchema)
    .describe('one per plan of the sheet whose period is under approval; empty otherwise'),
});
export type ReportingSheet = z.infer<typeof ReportingSheetSchema>;

const writers = ['admin', 'reporter'] as const;

export const measurementRoutes = {
  submitMeasurements: defineRoute({
    method: 'POST',
    path: '/measurements',
    summary:
      'Report figures as JSON: every item is checked; all are stored or none (partial=true stores the valid ones). 422 with the report when rejected. Honors Idempotency-Key.',
    tag: 'measurements',
    query: SubmitQuery,
    body: MeasurementsBody,
    response: SubmissionReportSchema,
    alsoAnswers: { 422: 'Rejected: nothing stored; the report says why, row by row' },
    access: writers,
  }),
  uploadSubmission: defineRoute({
    method: 'POST',
    path: '/submissions',
    summary:
      'Upload a CSV (UTF-8, UTF-8 with BOM, GBK) or XLSX file as multipart field "file". Same report and rules as /measurements. The identical file again is checked against the figures in force: the earlier result when nothing differs, else stored anew; either way a finding says when it was sent before.',
    tag: 'measurements',
    query: SubmitQuery,
    response: SubmissionReportSchema,
    upload: { field: 'file' },
    alsoAnswers: {
      422: 'Rejected: nothing stored; the report says why, row by cell',
      503: 'upload_queue_full: more files are being read than UPLOAD_CONCURRENCY allows; try again after Retry-After seconds',
    },
    access: writers,
  }),
  listSubmissions: defineRoute({
    method: 'GET',
    path: '/submissions',
    summary: "Submissions, newest first (a reporter sees its department's)",
    tag: 'measurements',
    query: SubmissionsQuery,
    response: z.array(SubmissionSummarySchema),
  }),
  getSubmission: defineRoute({
    method: 'GET',
    path: '/submissions/:id',
    summary: 'One submission with its validation report',
    tag: 'measurements',
    params: IdParams,
    query: z.strictObject({}),
    response: SubmissionDetailSchema,
  }),
  getSubmissionFile: defineRoute({
    method: 'GET',
    path: '/submissions/:id/file',
    summary: 'The file as it was uploaded (or the JSON body of an API submission)',
    tag: 'measurements',
    params: IdParams,
    query: z.strictObject({}),
    response: z.unknown().describe('the original bytes'),
    produces: 'application/octet-stream',
  }),
  getSeries: defineRoute({
    method: 'GET',
    path: '/indicators/:code/series',
    summary:
      'Monthly points of an indicator for a region: current revisions, or as known at the end of asOf. The province of a city breakdown is the sum of the cities unless reported itself.',
    tag: 'measurements',
    params: CodeParams,
    query: SeriesQuery,
    response: SeriesSchema,
  }),
  getMeasurementHistory: defineRoute({
    method: 'GET',
    path: '/measurements/history',
    summary: 'Every revision of one figure, with who recorded it, when and why',
    tag: 'measurements',
    query: HistoryQuery,
    response: z.array(RevisionSchema),
  }),
  getReportingSheet: defineRoute({
    method: 'GET',
    path: '/reporting',
    summary:
      "The rows a department reports for a period, with the current figures (the entry form's grid)",
    tag: 'measurements',
    query: ReportingQuery,
    response: ReportingSheetSchema,
    access: ['admin', 'analyst', 'reporter'],
  }),
  getTemplate: defineRoute({
    method: 'GET',
    path: '/templates',
    summary:
      "An XLSX template prefilled with a department's rows for a period, with cell validation and an instructions sheet",
    tag: 'measurements',
    query: ReportingQuery,
    response: z.unknown(),
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    access: ['admin', 'analyst', 'reporter'],
  }),
};
