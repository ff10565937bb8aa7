import { z } from 'zod';
import { COMPARATORS } from '@zhibiao/core';
import { defineRoute } from './route.js';
import { fieldMessage } from './validation.js';

export const IsoDateSchema = z.iso.date();

export const DepartmentRefSchema = z.object({
  code: z.string(),
  name: z.string(),
});
export type DepartmentRef = z.infer<typeof DepartmentRefSchema>;

export const PLAN_STATUSES = ['draft', 'published', 'closed'] as const;
export const INDICATOR_KINDS = ['cumulative', 'level', 'ratio'] as const;
export const DIRECTIONS = ['increase', 'decrease'] as const;
export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;

export const PlanSummarySchema = z.object({
  code: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  issuedOn: IsoDateSchema.nullable(),
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  status: z.enum(PLAN_STATUSES),
  indicatorCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const TargetSchema = z.object({
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  tolerance: z.number().optional(),
});

export const IndicatorSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  target: TargetSchema,
  baseline: z.object({ value: z.number(), date: IsoDateSchema }).nullable(),
  deadline: IsoDateSchema,
  direction: z.enum(DIRECTIONS),
  frequency: z.enum(FREQUENCIES),
  leadDepartments: z.array(DepartmentRefSchema),
  supportDepartments: z.array(DepartmentRefSchema),
  regions: z.array(z.string()),
  sourceText: z.string(),
});
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;

const PlanCodeParams = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, fieldMessage('plan_code')),
});

export const catalogRoutes = {
  listPlans: defineRoute({
    method: 'GET',
    path: '/plans',
    summary: 'Plans in the catalogue, newest first',
    tag: 'catalog',
    query: z.strictObject({}),
    response: z.array(PlanSummarySchema),
  }),
  listPlanIndicators: defineRoute({
    method: 'GET',
    path: '/plans/:code/indicators',
    summary: "A plan's quantitative targets with their departments and source sentences",
    tag: 'catalog',
    params: PlanCodeParams,
    query: z.strictObject({}),
    response: z.array(IndicatorSummarySchema),
  }),
};
