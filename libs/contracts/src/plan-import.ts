import { z } from 'zod';
import { COMPARATORS } from '@zhibiao/core';
import { defineRoute } from './route.js';
import { DIRECTIONS, INDICATOR_KINDS, PlanDetailSchema } from './catalog.js';

/** Longest plan text read, in bytes of UTF-8: a larger one answers 413. */
export const PLAN_TEXT_LIMIT_BYTES = 1_000_000;
/** A new plan's code as it is imported: letters, digits and hyphens, at most 32. */
export const PLAN_CODE_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

const Responsibility = {
  leadDepartments: z
    .array(z.string())
    .describe('names as the plan writes them, in Simplified Chinese'),
  supportDepartments: z.array(z.string()),
  leadDepartmentCodes: z.array(z.string()).describe('the known departments those names match'),
  supportDepartmentCodes: z.array(z.string()),
};

const Cited = {
  sourceText: z.string().describe('verbatim from the text'),
  start: z.number().int().describe('offset of sourceText in the text, for highlighting'),
  end: z.number().int(),
  section: z.string().nullable().describe('the numeral of its section'),
  task: z.string().nullable().describe('the numeral of its task'),
};

export const ExtractedTargetSchema = z.object({
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  comparator: z.enum(COMPARATORS),
  tolerance: z.number().optional(),
  kind: z.enum(['level', 'change']).describe('change: a growth or a fall (增长15%), not a level'),
  direction: z.enum(['increase', 'decrease']),
  deadline: z.iso.date().nullable(),
  ...Responsibility,
  ...Cited,
});

export const ExtractedMilestoneSchema = z.object({
  name: z.string(),
  deadline: z.iso.date().nullable(),
  ...Responsibility,
  ...Cited,
});

export const PlanExtractionSchema = z.object({
  plan: z.object({ title: z.string().nullable(), year: z.number().int().nullable() }),
  sections: z.array(
    z.object({
      numeral: z.string(),
      title: z.string(),
      tasks: z.array(z.object({ numeral: z.string(), title: z.string() })),
    }),
  ),
  targets: z.array(ExtractedTargetSchema),
  milestones: z.array(ExtractedMilestoneSchema),
  /** Department names the text uses that match no known department. */
  unmatchedDepartments: z.array(z.string()),
  warnings: z.array(z.string()).describe('what a reviewer should check, in Simplified Chinese'),
});
export type PlanExtractionOut = z.infer<typeof PlanExtractionSchema>;

export const ExtractBody = z.strictObject({
  text: z
    .string()
    .describe(
      `the plan, Simplified or Traditional Chinese, at most ${PLAN_TEXT_LIMIT_BYTES} bytes`,
    ),
  year: z.number().int().min(2000).max(2100).optional().describe('default: read from the text'),
});

// ─── drafts: an imported plan under review ───────────────────────────────────────────────────────

const rowCode = z.string().max(64);
const Row = {
  /** Stable within the draft: t1, t2 … for targets, m1 … for milestones. */
  key: z.string().max(16),
  /** Left out of the published plan when false. */
  include: z.boolean(),
  code: rowCode.describe('the indicator or milestone code it will get'),
  name: z.string().max(300),
  deadline: z.iso.date().nullable(),
  leadDepartments: z.array(z.string().max(64)).describe('codes of known departments'),
  supportDepartments: z.array(z.string().max(64)),
  unmatched: z
    .array(z.string().max(100))
    .describe('department names in the sentence no known department answers to'),
  section: z.string().max(16).nullable().describe('numeral of its section'),
  task: z.string().max(16).nullable().describe('numeral of its task'),
  sourceText: z.string().max(5000),
  start: z.number().int(),
  end: z.number().int(),
};

export const DraftTargetSchema = z.object({
  ...Row,
  unit: z.string().max(20),
  kind: z.enum(INDICATOR_KINDS),
  direction: z.enum(DIRECTIONS),
  comparator: z.enum(COMPARATORS),
  value: z.number().finite(),
  tolerance: z.number().gt(0).lt(1).nullable(),
});
export type DraftTarget = z.infer<typeof DraftTargetSchema>;

export const DraftMilestoneSchema = z.object(Row);
export type DraftMilestone = z.infer<typeof DraftMilestoneSchema>;

export const PlanImportSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  year: z.number().int(),
  status: z.enum(['draft', 'published']),
  text: z.string(),
  sections: PlanExtractionSchema.shape.sections,
  targets: z.array(DraftTargetSchema),
  milestones: z.array(DraftMilestoneSchema),
  warnings: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type PlanImport = z.infer<typeof PlanImportSchema>;

export const PlanImportSummarySchema = PlanImportSchema.omit({
  text: true,
  sections: true,
  targets: true,
  milestones: true,
  warnings: true,
}).extend({ targetCount: z.number().int(), milestoneCount: z.number().int() });

export const PlanImportBody = z.strictObject({
  code: z.string().regex(PLAN_CODE_PATTERN),
  title: z.string().trim().min(1).max(200),
  year: z.number().int().min(2000).max(2100),
  text: z.string(),
});

export const PlanImportUpdateBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  targets: z.array(DraftTargetSchema).max(2000).optional(),
  milestones: z.array(DraftMilestoneSchema).max(2000).optional(),
});

const ImportIdParams = z.strictObject({ id: z.string().regex(/^\d{1,18}$/) });

export const planImportRoutes = {
  extractPlan: defineRoute({
    method: 'POST',
    path: '/plans/extract',
    summary:
      'Read a plan’s text: sections, tasks, quantitative targets and milestones with their deadlines and departments, each with its sentence; stores nothing',
    tag: 'plan import',
    body: ExtractBody,
    response: PlanExtractionSchema,
    access: ['admin', 'analyst'],
  }),
  importPlan: defineRoute({
    method: 'POST',
    path: '/plans/import',
    summary:
      'Read a plan’s text into a draft for review: targets and milestones as editable rows, departments matched to known ones; invisible to dashboards until published',
    tag: 'plan import',
    body: PlanImportBody,
    response: PlanImportSchema,
    status: 201,
    access: ['admin'],
  }),
  listPlanImports: defineRoute({
    method: 'GET',
    path: '/plan-imports',
    summary: 'Imported plans, drafts first',
    tag: 'plan import',
    response: z.array(PlanImportSummarySchema),
    access: ['admin'],
  }),
  getPlanImport: defineRoute({
    method: 'GET',
    path: '/plan-imports/:id',
    summary: 'An imported plan with its text and rows',
    tag: 'plan import',
    params: ImportIdParams,
    response: PlanImportSchema,
    access: ['admin'],
  }),
  updatePlanImport: defineRoute({
    method: 'PUT',
    path: '/plan-imports/:id',
    summary: 'Save the reviewed rows of a draft (whole lists)',
    tag: 'plan import',
    params: ImportIdParams,
    body: PlanImportUpdateBody,
    response: PlanImportSchema,
    access: ['admin'],
  }),
  publishPlanImport: defineRoute({
    method: 'POST',
    path: '/plan-imports/:id/publish',
    summary:
      'Publish a reviewed draft as a plan: every included row is checked as the catalogue checks it; a row that fails is named with its field and the draft stays a draft',
    tag: 'plan import',
    params: ImportIdParams,
    body: z.strictObject({}),
    response: PlanDetailSchema,
    access: ['admin'],
  }),
  deletePlanImport: defineRoute({
    method: 'DELETE',
    path: '/plan-imports/:id',
    summary: 'Discard a draft',
    tag: 'plan import',
    params: ImportIdParams,
    response: z.undefined(),
    status: 204,
    access: ['admin'],
  }),
};
