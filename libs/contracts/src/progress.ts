import { z } from 'zod';
import { LIGHTS, PROGRESS_STATUSES } from '@zhibiao/core';
import { defineRoute } from './route.js';
import { CodeParams, IsoDateSchema, PlanCodeParams, TargetSchema } from './catalog.js';
import { LocalizedTextSchema } from './i18n.js';
import { fieldMessage } from './validation.js';

export const ProgressSchema = z.object({
  indicator: z.string(),
  region: z.string(),
  asOf: IsoDateSchema,
  actual: z
    .number()
    .nullable()
    .describe('the latest figure: year to date for counts, the level for rates'),
  actualPeriod: z.string().nullable(),
  expected: z.number().nullable().describe('what the plan curve expects by the end of that period'),
  planCurve: z
    .enum(['line', 'monthly'])
    .describe(
      'the straight line from the baseline to the target, or the department’s monthly plan',
    ),
  baseline: z.number().nullable(),
  target: TargetSchema.nullable().describe('in force on asOf for the region; null: none for it'),
  gap: z.number().nullable().describe('actual − expected, in the unit'),
  completion: z.number().nullable().describe('(actual − baseline) / (target − baseline)'),
  paceRatio: z.number().nullable().describe('(actual − baseline) / (expected − baseline)'),
  schedulePoints: z
    .number()
    .nullable()
    .describe(
      'ahead of the plan curve (序时进度) in percentage points: a percentage’s figure less the curve’s; otherwise completion less the share of the way to the target the curve expects by now; negative: behind',
    ),
  requiredMonthlyRate: z.number().nullable(),
  recentMonthlyRate: z.number().nullable().describe('over the last three months'),
  projection: z
    .object({
      method: z.enum(['linear', 'holt']),
      value: z.number(),
      low: z.number(),
      high: z.number(),
      interval: z.literal(0.8),
      path: z
        .array(
          z.object({ period: z.string(), value: z.number(), low: z.number(), high: z.number() }),
        )
        .describe('month by month from the one after the latest figure to the deadline’s'),
    })
    .nullable(),
  probability: z.number().nullable().describe('of meeting the target at the deadline'),
  status: z.enum(PROGRESS_STATUSES),
  explanation: LocalizedTextSchema,
});
export type ProgressOut = z.infer<typeof ProgressSchema>;

const StatusCountsSchema = z.record(z.enum(PROGRESS_STATUSES), z.number().int());

export const MILESTONE_PROGRESS_STATUSES = ['pending', 'done', 'late'] as const;
export type MilestoneProgressStatus = (typeof MILESTONE_PROGRESS_STATUSES)[number];

export const MilestoneProgressSchema = z.object({
  code: z.string(),
  name: z.string(),
  section: z.string().nullable(),
  task: z.string().nullable(),
  deadline: IsoDateSchema,
  status: z
    .enum(MILESTONE_PROGRESS_STATUSES)
    .describe('as of the day: done by then, late (deadline passed, not done), else pending'),
  doneOn: IsoDateSchema.nullable().describe('when done, if by the as-of day'),
  /** Done after its deadline. */
  doneLate: z.boolean(),
});
export type MilestoneProgress = z.infer<typeof MilestoneProgressSchema>;

const MilestoneCountsSchema = z.record(z.enum(MILESTONE_PROGRESS_STATUSES), z.number().int());

export const GroupProgressSchema = z.object({
  code: z.string(),
  title: z.string(),
  indicators: z.array(z.string()),
  /** Mean pace ratio of its targets: unitless, so targets in different units combine. */
  paceRatio: z.number().nullable(),
  probability: z.number().nullable(),
  counts: StatusCountsSchema,
  milestones: MilestoneCountsSchema,
  composite: z
    .number()
    .nullable()
    .describe(
      'targets and milestones together, 0…1: the mean of each target’s pace ratio capped at 1 and each milestone’s 1 (done) or 0 (late); milestones not yet due are left out',
    ),
  light: z
    .enum(LIGHTS)
    .describe(
      'the worst light of its targets and milestones (red: behind, overdue or late; yellow: at risk or figures overdue; green; none)',
    ),
});

export const CityProgressSchema = z.object({
  region: z.string(),
  name: z.string(),
  /** The mean pace ratio of the targets broken down by city that have one for this city. */
  paceRatio: z.number().nullable(),
  composite: z
    .number()
    .nullable()
    .describe('0…1: the mean of its targets’ pace ratios, each capped at 1'),
  light: z.enum(LIGHTS).describe('the worst light among its targets'),
  targets: z.number().int(),
  counts: StatusCountsSchema,
});
export type CityProgress = z.infer<typeof CityProgressSchema>;

export const PlanProgressSchema = z.object({
  plan: z.string(),
  asOf: IsoDateSchema,
  counts: StatusCountsSchema,
  indicators: z.array(ProgressSchema),
  sections: z.array(GroupProgressSchema),
  tasks: z.array(GroupProgressSchema),
  milestones: z.array(MilestoneProgressSchema),
  /** Each city's composite, furthest behind first. */
  cities: z.array(CityProgressSchema),
  /**
   * Furthest behind first: by percentage points behind the plan curve (schedulePoints), then by
   * probability — never by raw gaps in different units.
   */
  furthestBehind: z.array(z.string()),
});
export type PlanProgress = z.infer<typeof PlanProgressSchema>;

const AsOfQuery = z.strictObject({
  asOf: IsoDateSchema.optional().describe(
    'default: the day the plan’s latest figures were recorded, capped at today',
  ),
});

/** More values than any real series (a monthly one over 80 years): the assessments refuse them. */
export const ASSESSMENT_VALUES_LIMIT = 1_000;

export const AssessmentBody = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('opensdg'),
    baseYear: z.number().int(),
    baseValue: z.number(),
    currentYear: z.number().int(),
    currentValue: z.number(),
    target: z.number().nullable().optional(),
    targetYear: z.number().int(),
    direction: z.enum(['increase', 'decrease']),
    limit: z.number().nullable().optional(),
  }),
  z.strictObject({
    method: z.literal('opensdg-aggregate'),
    scores: z.array(z.number().min(-5).max(5)).max(ASSESSMENT_VALUES_LIMIT),
    allTargetsAchieved: z.boolean(),
  }),
  z.strictObject({
    method: z.literal('holt'),
    values: z.array(z.number()).min(2).max(ASSESSMENT_VALUES_LIMIT),
    alpha: z.number().min(0).max(1).optional(),
    beta: z.number().min(0).max(1).optional(),
    horizon: z.number().int().min(0).max(1200),
  }),
  z.strictObject({
    method: z.literal('linear'),
    points: z
      .array(z.tuple([z.number(), z.number()]))
      .min(1)
      .max(ASSESSMENT_VALUES_LIMIT),
    horizon: z.number().optional().describe('x to forecast at'),
  }),
]);
export type Assessment = z.infer<typeof AssessmentBody>;

export const AssessmentResultSchema = z.union([
  z.object({
    status: z.string(),
    progressValue: z.number().nullable(),
    score: z.number().nullable(),
  }),
  z.object({ status: z.string(), score: z.number().nullable() }),
  z.object({
    forecast: z.array(z.number()),
    level: z.number(),
    trend: z.number(),
    alpha: z.number(),
    beta: z.number(),
  }),
  z.object({
    slope: z.number(),
    intercept: z.number(),
    r2: z.number(),
    forecast: z.number().optional(),
  }),
]);

export const MonthlyPlanItemSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, fieldMessage('period_format')),
  value: z.number().finite(),
});

export const MonthlyPlanSchema = z.object({
  indicator: z.string(),
  region: z.string(),
  asOf: IsoDateSchema,
  /** Empty: no monthly plan, the straight line. */
  items: z.array(MonthlyPlanItemSchema),
  recordedAt: z.iso.datetime({ offset: true }).nullable(),
  recordedBy: z.string().nullable(),
  note: z.string(),
});
export type MonthlyPlan = z.infer<typeof MonthlyPlanSchema>;

export const MonthlyPlanBody = z.strictObject({
  region: z.string().regex(/^\d{6}$/),
  items: z
    .array(MonthlyPlanItemSchema)
    .max(1200)
    .describe(
      'the value expected by the end of each period (year to date for counts); [] returns to the line',
    ),
  note: z.string().max(500).default(''),
});
export type MonthlyPlanInput = z.infer<typeof MonthlyPlanBody>;

export const progressRoutes = {
  getMonthlyPlan: defineRoute({
    method: 'GET',
    path: '/indicators/:code/monthly-plan',
    summary:
      'The monthly plan of a target for a region in force on a day (empty: the straight line)',
    tag: 'progress',
    params: CodeParams,
    query: z.strictObject({
      region: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
      asOf: IsoDateSchema.optional().describe('default: today'),
    }),
    response: MonthlyPlanSchema,
  }),
  setMonthlyPlan: defineRoute({
    method: 'PUT',
    path: '/indicators/:code/monthly-plan',
    summary:
      'Enter the lead department’s monthly plan for a target and region (a new version; [] returns to the straight line)',
    tag: 'progress',
    params: CodeParams,
    body: MonthlyPlanBody,
    response: MonthlyPlanSchema,
    access: ['admin', 'reporter'],
  }),
  getIndicatorProgress: defineRoute({
    method: 'GET',
    path: '/indicators/:code/progress',
    summary:
      'Progress of one target for a region as of a day: actual, plan curve, gap, completion, pace, rates, projection with its 80% interval, probability, status, one sentence',
    tag: 'progress',
    params: CodeParams,
    query: AsOfQuery.extend({
      region: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
    }),
    response: ProgressSchema,
  }),
  getRegionsProgress: defineRoute({
    method: 'GET',
    path: '/indicators/:code/regions/progress',
    summary: 'Progress of one target for each region it is reported for, the province first',
    tag: 'progress',
    params: CodeParams,
    query: AsOfQuery,
    response: z.array(ProgressSchema),
  }),
  getPlanProgress: defineRoute({
    method: 'GET',
    path: '/plans/:code/progress',
    summary:
      "Every target's province progress, counts by status, sections and tasks with their milestones, each city's composite, furthest behind",
    tag: 'progress',
    params: PlanCodeParams,
    query: AsOfQuery,
    response: PlanProgressSchema,
  }),
  assess: defineRoute({
    method: 'POST',
    path: '/assessments',
    summary:
      'Stateless calculations any system or auditor can reproduce: the Open SDG progress measure and its aggregation, Holt’s method, a least-squares line',
    tag: 'progress',
    body: AssessmentBody,
    response: AssessmentResultSchema,
  }),
};
