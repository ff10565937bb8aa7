import { z } from 'zod';
import { COMPARATORS } from '@zhibiao/core';
import {
  CODE_PATTERN,
  CodeParams,
  DEPARTMENT_CODE_PATTERN,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_KINDS,
  IndicatorDetailSchema,
  IsoDateSchema,
  MILESTONE_STATUSES,
  MilestoneSchema,
  PlanCodeParams,
  PlanDetailSchema,
  REGION_CODE_PATTERN,
  STRUCTURE_CODE_PATTERN,
} from './catalog.js';
import { defineRoute } from './route.js';
import { fieldMessage } from './validation.js';

const code = (max: number) =>
  z
    .string()
    .max(max, fieldMessage('code_too_long'))
    .regex(CODE_PATTERN, fieldMessage('code_format'));
const structureCode = z.string().max(64).regex(STRUCTURE_CODE_PATTERN, fieldMessage('code_format'));
const departmentCode = z.string().regex(DEPARTMENT_CODE_PATTERN, fieldMessage('department_code'));
const regionCode = z.string().regex(REGION_CODE_PATTERN, fieldMessage('region_code'));
const year = z.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().max(max);

export const TargetInputSchema = z.strictObject({
  comparator: z.enum(COMPARATORS),
  value: z.number().finite(),
  tolerance: z.number().gt(0).lt(1).optional(),
});

export const PlanCreateSchema = z.strictObject({
  code: code(32),
  title: text(200).min(1),
  titleEn: text(300).optional(),
  startYear: year,
  endYear: year,
  issuedOn: IsoDateSchema.nullable().optional(),
  periodStart: IsoDateSchema.optional().describe('default: 1 January of startYear'),
  periodEnd: IsoDateSchema.optional().describe('default: 31 December of endYear'),
  status: z.enum(['draft', 'published']).default('draft'),
  sourceText: z.string().max(1_000_000).default(''),
});
export type PlanCreate = z.infer<typeof PlanCreateSchema>;

export const PlanUpdateSchema = z.strictObject({
  title: text(200).min(1).optional(),
  titleEn: text(300).nullable().optional(),
  startYear: year.optional(),
  endYear: year.optional(),
  issuedOn: IsoDateSchema.nullable().optional(),
  periodStart: IsoDateSchema.optional(),
  periodEnd: IsoDateSchema.optional(),
  status: z.enum(['draft', 'published']).optional(),
  sourceText: z.string().max(1_000_000).optional(),
});
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;

export const PlanCloseSchema = z.strictObject({
  closedOn: IsoDateSchema.optional().describe('default: today'),
});

const SubTargetInputSchema = z.strictObject({ region: regionCode, value: z.number().finite() });

export const ThresholdsInputSchema = z
  .strictObject({
    onTrackProbability: z.number().min(0).max(1).optional(),
    atRiskProbability: z.number().min(0).max(1).optional(),
    onTrackPace: z.number().min(0).max(10).optional(),
    atRiskPace: z.number().min(0).max(10).optional(),
  })
  .describe('any of the status thresholds; the others keep their defaults');

export const IndicatorCreateSchema = z.strictObject({
  code: code(64),
  name: text(200).min(1),
  nameEn: text(300).optional(),
  description: text(2000).default(''),
  unit: text(20),
  kind: z.enum(INDICATOR_KINDS),
  numeratorLabel: text(100).optional(),
  denominatorLabel: text(100).optional(),
  direction: z.enum(DIRECTIONS).default('increase'),
  frequency: z.enum(FREQUENCIES).default('monthly'),
  dueDay: z.number().int().min(1).max(28).default(5),
  thresholds: ThresholdsInputSchema.nullable().default(null),
  baseline: z
    .strictObject({ value: z.number().finite(), date: IsoDateSchema })
    .nullable()
    .default(null),
  deadline: IsoDateSchema,
  target: TargetInputSchema,
  section: structureCode.nullable().default(null),
  task: structureCode.nullable().default(null),
  leadDepartments: z.array(departmentCode).min(1),
  supportDepartments: z.array(departmentCode).default([]),
  regions: z
    .array(regionCode)
    .min(1)
    .default(['370000'])
    .describe('the province and/or cities it is reported by'),
  sourceText: z.string().max(5000).default(''),
});
export type IndicatorCreate = z.infer<typeof IndicatorCreateSchema>;

export const IndicatorUpdateSchema = z.strictObject({
  name: text(200).min(1).optional(),
  nameEn: text(300).nullable().optional(),
  description: text(2000).optional(),
  unit: text(20).optional(),
  kind: z.enum(INDICATOR_KINDS).optional(),
  numeratorLabel: text(100).nullable().optional(),
  denominatorLabel: text(100).nullable().optional(),
  direction: z.enum(DIRECTIONS).optional(),
  frequency: z.enum(FREQUENCIES).optional(),
  dueDay: z.number().int().min(1).max(28).optional(),
  thresholds: ThresholdsInputSchema.nullable().optional().describe('null: back to the defaults'),
  baseline: z
    .strictObject({ value: z.number().finite(), date: IsoDateSchema })
    .nullable()
    .optional(),
  deadline: IsoDateSchema.optional(),
  section: structureCode.nullable().optional(),
  task: structureCode.nullable().optional(),
  leadDepartments: z.array(departmentCode).min(1).optional(),
  supportDepartments: z.array(departmentCode).optional(),
  regions: z.array(regionCode).min(1).optional(),
  sourceText: z.string().max(5000).optional(),
});
export type IndicatorUpdate = z.infer<typeof IndicatorUpdateSchema>;

export const TargetChangeSchema = z.strictObject({
  effectiveFrom: IsoDateSchema,
  comparator: z.enum(COMPARATORS),
  value: z.number().finite(),
  tolerance: z.number().gt(0).lt(1).optional(),
  note: text(500).min(1).describe('why the target changes: the document or decision behind it'),
  subTargets: z
    .array(SubTargetInputSchema)
    .optional()
    .describe(
      'new city sub-targets from the same date; required when the old ones would no longer sum',
    ),
});
export type TargetChange = z.infer<typeof TargetChangeSchema>;

export const SubTargetsChangeSchema = z.strictObject({
  effectiveFrom: IsoDateSchema,
  note: text(500).min(1),
  items: z.array(SubTargetInputSchema).min(1),
});
export type SubTargetsChange = z.infer<typeof SubTargetsChangeSchema>;

export const MilestoneCreateSchema = z.strictObject({
  code: code(64),
  name: text(300).min(1),
  nameEn: text(300).optional(),
  deadline: IsoDateSchema,
  section: structureCode.nullable().default(null),
  task: structureCode.nullable().default(null),
  leadDepartments: z.array(departmentCode).min(1),
  supportDepartments: z.array(departmentCode).default([]),
  sourceText: z.string().max(5000).default(''),
});
export type MilestoneCreate = z.infer<typeof MilestoneCreateSchema>;

export const MilestoneUpdateSchema = z.strictObject({
  name: text(300).min(1).optional(),
  nameEn: text(300).nullable().optional(),
  deadline: IsoDateSchema.optional(),
  section: structureCode.nullable().optional(),
  task: structureCode.nullable().optional(),
  leadDepartments: z.array(departmentCode).min(1).optional(),
  supportDepartments: z.array(departmentCode).optional(),
  status: z.enum(MILESTONE_STATUSES).optional(),
  doneOn: IsoDateSchema.nullable()
    .optional()
    .describe('when it was done; default today when status becomes done'),
  sourceText: z.string().max(5000).optional(),
});
export type MilestoneUpdate = z.infer<typeof MilestoneUpdateSchema>;

const NoContent = z.undefined();

export const catalogAdminRoutes = {
  createPlan: defineRoute({
    method: 'POST',
    path: '/plans',
    summary: 'Create a plan (a draft unless status says published)',
    tag: 'catalog admin',
    access: ['admin'],
    body: PlanCreateSchema,
    response: PlanDetailSchema,
    status: 201,
  }),
  updatePlan: defineRoute({
    method: 'PATCH',
    path: '/plans/:code',
    summary: 'Change a plan; a closed plan must be reopened first',
    tag: 'catalog admin',
    access: ['admin'],
    params: PlanCodeParams,
    body: PlanUpdateSchema,
    response: PlanDetailSchema,
  }),
  deletePlan: defineRoute({
    method: 'DELETE',
    path: '/plans/:code',
    summary: 'Delete a draft plan with everything in it (published plans are closed, not deleted)',
    tag: 'catalog admin',
    access: ['admin'],
    params: PlanCodeParams,
    response: NoContent,
    status: 204,
  }),
  closePlan: defineRoute({
    method: 'POST',
    path: '/plans/:code/close',
    summary:
      'Close a plan at year end: its catalogue and figures freeze, dashboards keep showing it',
    tag: 'catalog admin',
    access: ['admin'],
    params: PlanCodeParams,
    body: PlanCloseSchema,
    response: PlanDetailSchema,
  }),
  reopenPlan: defineRoute({
    method: 'POST',
    path: '/plans/:code/reopen',
    summary: 'Reopen a closed plan for corrections',
    tag: 'catalog admin',
    access: ['admin'],
    params: PlanCodeParams,
    body: z.strictObject({}),
    response: PlanDetailSchema,
  }),
  createIndicator: defineRoute({
    method: 'POST',
    path: '/plans/:code/indicators',
    summary: 'Add a quantitative target to a plan',
    tag: 'catalog admin',
    access: ['admin'],
    params: PlanCodeParams,
    body: IndicatorCreateSchema,
    response: IndicatorDetailSchema,
    status: 201,
  }),
  updateIndicator: defineRoute({
    method: 'PATCH',
    path: '/indicators/:code',
    summary: 'Change an indicator (its target changes through PUT …/target, keeping history)',
    tag: 'catalog admin',
    access: ['admin'],
    params: CodeParams,
    body: IndicatorUpdateSchema,
    response: IndicatorDetailSchema,
  }),
  deleteIndicator: defineRoute({
    method: 'DELETE',
    path: '/indicators/:code',
    summary: 'Remove an indicator from its plan',
    tag: 'catalog admin',
    access: ['admin'],
    params: CodeParams,
    response: NoContent,
    status: 204,
  }),
  changeTarget: defineRoute({
    method: 'PUT',
    path: '/indicators/:code/target',
    summary:
      'Set the province target from a date (a new version; earlier ones stay in the history)',
    tag: 'catalog admin',
    access: ['admin'],
    params: CodeParams,
    body: TargetChangeSchema,
    response: IndicatorDetailSchema,
  }),
  changeSubTargets: defineRoute({
    method: 'PUT',
    path: '/indicators/:code/sub-targets',
    summary:
      'Set every city sub-target from a date; counts must sum to the province target then in force',
    tag: 'catalog admin',
    access: ['admin'],
    params: CodeParams,
    body: SubTargetsChangeSchema,
    response: IndicatorDetailSchema,
  }),
  deleteTargetVersion: defineRoute({
    method: 'DELETE',
    path: '/indicators/:code/targets/:id',
    summary:
      'Remove a target change made by mistake: the version and every version written with it (a province target and its sub-targets); the first province version stays',
    tag: 'catalog admin',
    access: ['admin'],
    params: z.strictObject({
      code: CodeParams.shape.code,
      id: z.string().regex(/^\d{1,18}$/, fieldMessage('target_version_id')),
    }),
    response: NoContent,
    status: 204,
  }),
  createMilestone: defineRoute({
    method: 'POST',
    path: '/plans/:code/milestones',
    summary: 'Add a milestone to a plan',
    tag: 'catalog admin',
    access: ['admin'],
    params: PlanCodeParams,
    body: MilestoneCreateSchema,
    response: MilestoneSchema,
    status: 201,
  }),
  updateMilestone: defineRoute({
    method: 'PATCH',
    path: '/milestones/:code',
    summary: 'Change a milestone, or mark it done',
    tag: 'catalog admin',
    access: ['admin'],
    params: CodeParams,
    body: MilestoneUpdateSchema,
    response: MilestoneSchema,
  }),
  deleteMilestone: defineRoute({
    method: 'DELETE',
    path: '/milestones/:code',
    summary: 'Remove a milestone',
    tag: 'catalog admin',
    access: ['admin'],
    params: CodeParams,
    response: NoContent,
    status: 204,
  }),
};
