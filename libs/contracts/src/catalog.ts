import { z } from 'zod';
import { COMPARATORS } from '@zhibiao/core';
import { REPORT_PROGRESS, REPORT_STATES } from './report-states.js';
import { defineRoute } from './route.js';
import { fieldMessage } from './validation.js';

export const IsoDateSchema = z.iso.date();

export const PLAN_STATUSES = ['draft', 'published', 'closed'] as const;
export const INDICATOR_KINDS = ['cumulative', 'level', 'ratio'] as const;
export const DIRECTIONS = ['increase', 'decrease'] as const;
export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export const DEPARTMENT_KINDS = ['provincial', 'city', 'central'] as const;
export const MILESTONE_STATUSES = ['pending', 'done'] as const;

export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Codes: `DS2020`, `DS2020-5G`, `DS2020-M01`; sections and tasks add dots: `DS2020-1`, `DS2020-1.2`. */
export const CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
export const STRUCTURE_CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*(\.[0-9]+)?$/;
export const REGION_CODE_PATTERN = /^\d{6}$/;
export const DEPARTMENT_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const DepartmentRefSchema = z.object({ code: z.string(), name: z.string() });
export type DepartmentRef = z.infer<typeof DepartmentRefSchema>;

export const DepartmentSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(DEPARTMENT_KINDS),
  region: z.string().nullable().describe('GB/T 2260 code of a city government'),
});
export type Department = z.infer<typeof DepartmentSchema>;

export const RegionSchema = z.object({
  code: z.string().describe('GB/T 2260 code'),
  name: z.string(),
  nameEn: z.string().nullable().describe('the name in English (Qingdao); null: none given'),
  level: z.enum(REGION_LEVELS),
  parent: z.string().nullable(),
});
export type Region = z.infer<typeof RegionSchema>;

export const TargetSchema = z.object({
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  tolerance: z.number().optional().describe('relative tolerance of an "about" (~) target'),
});
export type TargetValue = z.infer<typeof TargetSchema>;

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
  closedOn: IsoDateSchema.nullable(),
  indicatorCount: z.number().int(),
  milestoneCount: z.number().int(),
  latestPeriod: z.string().nullable().describe('the latest month with figures (YYYY-MM)'),
  defaultAsOf: IsoDateSchema.describe(
    "the day views default to: when the latest figures were recorded (so the latest month with figures is known), else today; never past today nor past the plan's close day (its end, plus the latest due day of its indicators, plus REPORT_GRACE_DAYS)",
  ),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const IndicatorSummarySchema = z.object({
  code: z.string(),
  plan: z.string(),
  section: z.string().nullable(),
  task: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  target: TargetSchema.describe('the province target in force on the as-of date'),
  baseline: z.object({ value: z.number(), date: IsoDateSchema }).nullable(),
  deadline: IsoDateSchema,
  direction: z.enum(DIRECTIONS),
  frequency: z.enum(FREQUENCIES),
  leadDepartments: z.array(DepartmentRefSchema),
  supportDepartments: z.array(DepartmentRefSchema),
  regions: z.array(z.string()),
  hasSubTargets: z.boolean(),
  sourceText: z.string(),
});
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;

export const TargetVersionSchema = z.object({
  id: z.string(),
  region: z.string(),
  effectiveFrom: IsoDateSchema,
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  tolerance: z.number().nullable(),
  note: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type TargetVersion = z.infer<typeof TargetVersionSchema>;

export const SubTargetSchema = z.object({ region: z.string(), value: z.number() });
export type SubTarget = z.infer<typeof SubTargetSchema>;

export const ThresholdsSchema = z.object({
  onTrackProbability: z.number(),
  atRiskProbability: z.number(),
  onTrackPace: z.number(),
  atRiskPace: z.number(),
});

export const IndicatorDetailSchema = IndicatorSummarySchema.extend({
  description: z.string(),
  dueDay: z.number().int(),
  thresholds: ThresholdsSchema.describe(
    'when its status is on track, at risk or off track: by the probability of meeting the target where there is a projection, by the pace ratio where there is not',
  ),
  thresholdsCustom: z.boolean().describe('false: the documented defaults'),
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
  asOf: IsoDateSchema,
  subTargets: z.array(SubTargetSchema).describe('city sub-targets in force on the as-of date'),
  targetHistory: z.array(TargetVersionSchema).describe('every target version, newest first'),
});
export type IndicatorDetail = z.infer<typeof IndicatorDetailSchema>;

export const MilestoneSchema = z.object({
  code: z.string(),
  plan: z.string(),
  section: z.string().nullable(),
  task: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  deadline: IsoDateSchema,
  status: z.enum(MILESTONE_STATUSES),
  doneOn: IsoDateSchema.nullable(),
  leadDepartments: z.array(DepartmentRefSchema),
  supportDepartments: z.array(DepartmentRefSchema),
  sourceText: z.string(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const MeasureSchema = z.object({
  code: z.string().describe('the task code and the place in the task: DS2020-1.1-1'),
  plan: z.string(),
  section: z.string().nullable(),
  task: z.string().nullable().describe('null for a group in a section without tasks'),
  name: z.string(),
  nameEn: z.string().nullable(),
  leadDepartments: z.array(DepartmentRefSchema).describe('牵头单位 (lead units)'),
  supportDepartments: z.array(DepartmentRefSchema).describe('配合单位 (support units)'),
  deadline: IsoDateSchema.nullable().describe('only where the plan states one (年底前, 年内)'),
  indicators: z.array(z.string()).describe('codes of the indicators the measure serves'),
  milestones: z.array(z.string()).describe('codes of the milestones (节点任务) it serves'),
  latestReport: z
    .object({
      id: z.string(),
      period: z.string().describe('YYYY-MM'),
      department: DepartmentRefSchema,
      state: z.enum(REPORT_STATES),
      status: z.enum(REPORT_PROGRESS),
      recordedAt: z.iso.datetime({ offset: true }),
    })
    .nullable()
    .describe("the lead units' latest report of the latest month reported"),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const MeasureDetailSchema = MeasureSchema.extend({
  sourceText: z.string().describe('the group of measures verbatim, its bracket of units included'),
  sourceStart: z
    .number()
    .int()
    .describe("offset of sourceText in its task's sourceText (the section's when no task)"),
  sourceEnd: z.number().int(),
});
export type MeasureDetail = z.infer<typeof MeasureDetailSchema>;

export const TaskSchema = z.object({
  code: z.string(),
  numeral: z.string(),
  title: z.string(),
  sourceText: z.string(),
  indicators: z.array(z.string()),
  milestones: z.array(z.string()),
});
export type Task = z.infer<typeof TaskSchema>;

export const SectionSchema = z.object({
  code: z.string(),
  numeral: z.string(),
  title: z.string(),
  sourceText: z
    .string()
    .describe('the section heading; measures under no task are in the tasks or here'),
  tasks: z.array(TaskSchema),
  indicators: z.array(z.string()).describe('indicators under the section directly (no task)'),
  milestones: z.array(z.string()).describe('milestones under the section directly (no task)'),
});
export type Section = z.infer<typeof SectionSchema>;

export const PlanDetailSchema = PlanSummarySchema.extend({
  sourceText: z.string(),
  sections: z.array(SectionSchema),
  milestones: z.array(MilestoneSchema),
});
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

const lookupCode = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/, fieldMessage('code_format'));
export const PlanCodeParams = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, fieldMessage('plan_code')),
});
export const CodeParams = z.strictObject({ code: lookupCode });
export const PlanQuery = z.strictObject({
  plan: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, fieldMessage('plan_code')),
});
export const AsOfQuery = z.strictObject({
  asOf: IsoDateSchema.optional().describe(
    'YYYY-MM-DD; targets in force on that day (default today)',
  ),
});

export const catalogRoutes = {
  listPlans: defineRoute({
    method: 'GET',
    path: '/plans',
    summary: 'Plans in the catalogue, newest first (drafts too)',
    tag: 'catalog',
    query: z.strictObject({}),
    response: z.array(PlanSummarySchema),
  }),
  getPlan: defineRoute({
    method: 'GET',
    path: '/plans/:code',
    summary: 'A plan with its sections, tasks and milestones, and its text as issued',
    tag: 'catalog',
    params: PlanCodeParams,
    query: z.strictObject({}),
    response: PlanDetailSchema,
  }),
  listPlanIndicators: defineRoute({
    method: 'GET',
    path: '/plans/:code/indicators',
    summary: "A plan's quantitative targets with their departments and source sentences",
    tag: 'catalog',
    params: PlanCodeParams,
    query: AsOfQuery,
    response: z.array(IndicatorSummarySchema),
  }),
  getIndicator: defineRoute({
    method: 'GET',
    path: '/indicators/:code',
    summary: 'One indicator with its target history and the city sub-targets in force',
    tag: 'catalog',
    params: CodeParams,
    query: AsOfQuery,
    response: IndicatorDetailSchema,
  }),
  listMeasures: defineRoute({
    method: 'GET',
    path: '/measures',
    summary:
      "A plan's groups of measures (举措) in plan order, with lead and support units, deadline and the indicators and milestones they serve",
    tag: 'catalog',
    query: PlanQuery,
    response: z.array(MeasureSchema),
  }),
  getMeasure: defineRoute({
    method: 'GET',
    path: '/measures/:code',
    summary: 'One group of measures with its sentence verbatim and its offsets in its task',
    tag: 'catalog',
    params: CodeParams,
    query: z.strictObject({}),
    response: MeasureDetailSchema,
  }),
  listDepartments: defineRoute({
    method: 'GET',
    path: '/departments',
    summary: 'Departments: provincial departments, city governments, central agency branches',
    tag: 'catalog',
    query: z.strictObject({}),
    response: z.array(DepartmentSchema),
  }),
  listRegions: defineRoute({
    method: 'GET',
    path: '/regions',
    summary: 'Regions by GB/T 2260 code: the province and its cities',
    tag: 'catalog',
    query: z.strictObject({}),
    response: z.array(RegionSchema),
  }),
};
