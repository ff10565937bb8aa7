import { z } from 'zod';
import { COMPARATORS, isIsoDate } from '@zhibiao/core';
import { DIRECTIONS, FREQUENCIES, INDICATOR_KINDS, PLAN_STATUSES } from '@zhibiao/contracts';

const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');

/** The curated catalogue file of a seeded plan (seeds/<plan>/catalogue.json). */
const structureCode = z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*(\.[0-9]+)?$/);
const departmentCodes = z.array(z.string());

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
