import { z } from 'zod';
import { LEDGER_STATUSES } from '@zhibiao/core';
import { DepartmentRefSchema, IsoDateSchema } from './catalog.js';
import { LocalizedTextSchema } from './i18n.js';
import { PeriodSchema } from './measurements.js';
import { REPORT_STATES } from './report-states.js';
import { defineRoute } from './route.js';
import { COMPLETION_STATES, PlanCodeSchema, TimestampSchema } from './supervision.js';

// The ledger (台账): every measure and node task of a plan with its units, its status for a month,
// the lead report behind it, the latest claim of completion and the open notices, as of any day.

export { LEDGER_STATUSES, type LedgerStatus } from '@zhibiao/core';

export const LedgerRowSchema = z.object({
  no: z.number().int().describe('序号'),
  kind: z.enum(['measure', 'milestone']),
  code: z.string(),
  section: z.string().nullable(),
  task: z.string().nullable(),
  name: z.string().describe('任务举措'),
  leadDepartments: z.array(DepartmentRefSchema),
  supportDepartments: z.array(DepartmentRefSchema),
  deadline: IsoDateSchema.nullable().describe('完成时限'),
  status: z.enum(LEDGER_STATUSES),
  statusText: LocalizedTextSchema,
  report: z
    .object({
      id: z.string(),
      period: PeriodSchema,
      state: z.enum(REPORT_STATES),
      progress: z.string(),
      problems: z.string(),
      nextSteps: z.string(),
    })
    .nullable()
    .describe("a measure's lead report for the period as known on asOf"),
  completion: z
    .object({ id: z.string(), state: z.enum(COMPLETION_STATES), doneOn: IsoDateSchema })
    .nullable()
    .describe("a node task's latest claim of completion"),
  openNotices: z.number().int(),
  cities: z.array(z.string()).describe('region codes of the cities the measure names'),
  updatedAt: TimestampSchema.nullable(),
});
export type LedgerRow = z.infer<typeof LedgerRowSchema>;

export const LedgerQuery = z.strictObject({
  plan: PlanCodeSchema,
  period: PeriodSchema.optional().describe('default: the last month before asOf'),
  asOf: IsoDateSchema.optional().describe('as known at the end of that day (default today)'),
  department: z.string().max(64).optional().describe('lead or support unit'),
  section: z.string().max(64).optional(),
  status: z.enum(LEDGER_STATUSES).optional(),
  city: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  lang: z.enum(['zh', 'en']).optional().describe('XLSX only: the language of its headings'),
});

export const LedgerSchema = z.object({
  plan: z.string(),
  period: PeriodSchema,
  asOf: IsoDateSchema,
  counts: z.record(z.enum(LEDGER_STATUSES), z.number().int()),
  rows: z.array(LedgerRowSchema),
});
export type Ledger = z.infer<typeof LedgerSchema>;

export const ledgerRoutes = {
  getLedger: defineRoute({
    method: 'GET',
    path: '/ledger',
    summary: 'The ledger (台账): every measure and node task with its units, status and report',
    tag: 'supervision',
    query: LedgerQuery,
    response: LedgerSchema,
  }),
  getLedgerXlsx: defineRoute({
    method: 'GET',
    path: '/ledger.xlsx',
    summary: 'The ledger as the workbook a supervision office sends up',
    tag: 'supervision',
    query: LedgerQuery,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    response: z.unknown(),
  }),
};
