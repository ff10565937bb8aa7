import { z } from 'zod';
import { COMPARATORS, isIsoDate } from '@zhibiao/core';
import { DIRECTIONS, FREQUENCIES, INDICATOR_KINDS, PLAN_STATUSES } from '@zhibiao/contracts';

const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');

/** The curated catalogue file of a seeded plan (seeds/<plan>/catalogue.json). */
const structureCode = z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*(\.[0-9]+)?$/);
const departmentCodes = z.array(z.string());
/** A measure is its task's (or section's) code and its place there: DS2020-1.1-1, DS2020-5-1. */
const measureCode = z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*(\.[0-9]+)?-[0-9]+$/);

export const SeedCatalogueSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Raised when the file gains content; a database seeded from an older version gets what is new. */
  version: z.number().int().min(1).default(1),
  regions: z.array(
    z.strictObject({
      code: z.string().regex(/^\d{6}$/),
      name: z.string().min(1),
      /** The name in English pages (Qingdao for 青岛市); without it they show the Chinese. */
      nameEn: z.string().min(1).optional(),
      level: z.enum(['province', 'city', 'county']),
      parent: z
        .string()
        .regex(/^\d{6}$/)
        .nullable(),
    }),
  ),
  departments: z.array(
    z.strictObject({
      code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
      name: z.string().min(1),
      kind: z.enum(['provincial', 'city', 'central']),
      region: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
    }),
  ),
  plan: z.strictObject({
    code: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
    title: z.string().min(1),
    titleEn: z.string().optional(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    issuedOn: isoDate.nullable(),
    periodStart: isoDate,
    periodEnd: isoDate,
    status: z.enum(PLAN_STATUSES),
    sourceFile: z.string().min(1),
  }),
  sections: z
    .array(
      z.strictObject({
        code: structureCode,
        numeral: z.string().min(1),
        title: z.string().min(1),
        sourceText: z.string().min(1),
        tasks: z.array(
          z.strictObject({
            code: structureCode,
            numeral: z.string().min(1),
            title: z.string().min(1),
            sourceText: z.string().min(1),
          }),
        ),
      }),
    )
    .default([]),
  indicators: z.array(
    z.strictObject({
      code: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/),
      name: z.string().min(1),
      nameEn: z.string().optional(),
      description: z.string(),
      unit: z.string(),
      kind: z.enum(INDICATOR_KINDS),
      direction: z.enum(DIRECTIONS),
      frequency: z.enum(FREQUENCIES),
      dueDay: z.number().int().min(1).max(28),
      baseline: z.strictObject({ value: z.number(), date: isoDate }).nullable(),
      deadline: isoDate,
      target: z.strictObject({
        comparator: z.enum(COMPARATORS),
        value: z.number(),
        tolerance: z.number().gt(0).lt(1).optional(),
      }),
      lead: departmentCodes.min(1),
      /** Who reports every region (the seeded assignment) when it is not the first lead department. */
      reporter: z.string().optional(),
      support: departmentCodes,
      regions: z.enum(['province', 'cities']),
      section: structureCode.nullable().optional(),
      task: structureCode.nullable().optional(),
      sourceText: z.string().min(1),
    }),
  ),
  milestones: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/),
        name: z.string().min(1),
        nameEn: z.string().optional(),
        section: structureCode.nullable(),
        task: structureCode.nullable(),
        deadline: isoDate,
        lead: departmentCodes.min(1),
        support: departmentCodes,
        sourceText: z.string().min(1),
      }),
    )
    .default([]),
  /**
   * Groups of measures (举措): the text of a task that ends in a bracket of responsible units, verbatim,
   * with the indicators and milestones it serves. In plan order.
   */
  measures: z
    .array(
      z.strictObject({
        code: measureCode,
        name: z.string().min(1),
        nameEn: z.string().optional(),
        section: structureCode,
        /** Null for a group in a section without tasks. */
        task: structureCode.nullable(),
        /** Verbatim, found once in the task's (or section's) sourceText. */
        sourceText: z.string().min(1),
        lead: departmentCodes,
        support: departmentCodes,
        /** Only where the group states one (年底前, 年内). */
        deadline: isoDate.optional(),
        indicators: z.array(z.string()).default([]),
        milestones: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  subTargets: z
    .array(
      z.strictObject({
        indicator: z.string(),
        effectiveFrom: isoDate,
        note: z.string(),
        values: z.record(z.string().regex(/^\d{6}$/), z.number()),
      }),
    )
    .default([]),
  /**
   * What a later version changed in items an earlier version seeded, with the value the earlier one
   * had: a database seeded from before `version` gets the change where it still holds that value.
   */
  corrections: z
    .array(
      z.union([
        z.strictObject({
          version: z.number().int().min(2),
          indicator: z.string(),
          /** The indicator was reported by this department alone, for every region. */
          reporterWas: z.string(),
        }),
        z.strictObject({
          version: z.number().int().min(2),
          milestone: z.string(),
          /** The milestone's support departments, in order. */
          supportWas: departmentCodes,
        }),
      ]),
    )
    .default([]),
});
export type SeedCatalogue = z.infer<typeof SeedCatalogueSchema>;
export type SeedCorrection = SeedCatalogue['corrections'][number];
export type SeedMeasure = SeedCatalogue['measures'][number];

/** The text a measure is cut from: its task's, or its section's when it has no task. */
export function measureContext(catalogue: SeedCatalogue, measure: SeedMeasure): string | undefined {
  const section = catalogue.sections.find((s) => s.code === measure.section);
  if (measure.task === null) return section?.sourceText;
  return section?.tasks.find((t) => t.code === measure.task)?.sourceText;
}

/** Where a measure's sentence starts in its task's text, when it is there exactly once. */
export function measureOffset(text: string, sentence: string): number | null {
  const start = text.indexOf(sentence);
  return start < 0 || text.indexOf(sentence, start + 1) >= 0 ? null : start;
}
