import { z } from 'zod';
import { COMPARATORS } from '@zhibiao/core';
import { defineRoute } from './route.js';

/** Longest plan text read, in bytes of UTF-8: a larger one answers 413. */
export const PLAN_TEXT_LIMIT_BYTES = 1_000_000;

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
};
