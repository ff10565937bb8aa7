import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PLAN_TEXT_LIMIT_BYTES,
  PlanDetailSchema,
  PlanExtractionSchema,
  PlanImportSchema,
} from '@zhibiao/contracts';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// POST /plans/extract reads a plan's text; the extraction's accuracy is measured in libs/core.

const SEED_TEXT = readFileSync(
  new URL('../../seeds/digital-shandong-2020/plan.zh-Hant.txt', import.meta.url),
  'utf8',
);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('POST /plans/extract', () => {
  it('reads the seed plan: its targets with their sentences, departments matched to codes', async () => {
    const extraction = await okBody(
      await call(app, 'POST', '/plans/extract', { text: SEED_TEXT }),
      PlanExtractionSchema,
    );
    expect(extraction.plan).toEqual({ title: '数字山东2020行动方案', year: 2020 });
    expect(extraction.targets).toHaveLength(12);
    const fiveG = extraction.targets.find((t) => t.value === 40_000)!;
    expect(fiveG).toMatchObject({
      unit: '个',
      comparator: '>=',
      deadline: '2020-12-31',
    });
    expect(fiveG.leadDepartmentCodes).toContain('industry-it');
    // The sentence is verbatim, where the offsets say.
    expect(SEED_TEXT.slice(fiveG.start, fiveG.end)).toBe(fiveG.sourceText);
    // The catalogue splits two sentences naming two deliverables each: 18 found for its 20.
    expect(extraction.milestones).toHaveLength(18);
    for (const item of [...extraction.targets, ...extraction.milestones]) {
      expect(SEED_TEXT.slice(item.start, item.end)).toBe(item.sourceText);
    }
    expect(extraction.unmatchedDepartments).toEqual([]);
  });

  it('answers a text that is no plan with no targets and a warning', async () => {
    const extraction = await okBody(
      await call(app, 'POST', '/plans/extract', { text: '今天天气很好。' }),
      PlanExtractionSchema,
    );
    expect(extraction.targets).toEqual([]);
    expect(extraction.warnings.length).toBeGreaterThan(0);
  });

  it('refuses a text over the limit with 413', async () => {
    const text = '数'.repeat(Math.ceil(PLAN_TEXT_LIMIT_BYTES / 3) + 1);
    await errorBody(await call(app, 'POST', '/plans/extract', { text }), 413, 'payload_too_large');
  });
});

describe('importing a plan: draft, review, publish', () => {
  it('reads the text into rows, refuses to publish a row without a lead department, then publishes', async () => {
    const draft = await okBody(
      await call(app, 'POST', '/plans/import', {
        code: 'ds2020b',
        title: '数字山东2020行动方案（导入）',
        year: 2020,
        text: SEED_TEXT,
      }),
      PlanImportSchema,
      201,
    );
    expect(draft).toMatchObject({ code: 'DS2020B', status: 'draft' });
    expect(draft.targets).toHaveLength(12);
    expect(draft.targets[0]).toMatchObject({ key: 't1', include: true, code: 'DS2020B-T01' });
    // Drafts are not plans: no dashboard lists them.
    const plans = (await (await call(app, 'GET', '/plans')).json()) as { code: string }[];
    expect(plans.map((p) => p.code)).not.toContain('DS2020B');
    // The same code again is refused while the draft stands.
    await errorBody(
      await call(app, 'POST', '/plans/import', {
        code: 'DS2020B',
        title: '再导入',
        year: 2020,
        text: SEED_TEXT,
      }),
      400,
      'validation_failed',
    );

    // A reviewer clears the third target's lead departments: publishing names that row and field.
    const targets = draft.targets.map((t, i) => (i === 2 ? { ...t, leadDepartments: [] } : t));
    await okBody(
      await call(app, 'PUT', `/plan-imports/${draft.id}`, { targets }),
      PlanImportSchema,
    );
    const refused = await errorBody(
      await call(app, 'POST', `/plan-imports/${draft.id}/publish`, {}),
      400,
      'validation_failed',
    );
    expect(refused.details).toMatchObject({
      issues: [{ path: 'body.targets.2.leadDepartments', code: 'import_lead_required' }],
    });
    expect(
      ((await (await call(app, 'GET', '/plans')).json()) as { code: string }[]).map((p) => p.code),
    ).not.toContain('DS2020B');

    // Left out instead, the rest publishes as a plan with its sections, targets and milestones.
    const fixed = draft.targets.map((t, i) => (i === 2 ? { ...t, include: false } : t));
    await call(app, 'PUT', `/plan-imports/${draft.id}`, { targets: fixed });
    const plan = await okBody(
      await call(app, 'POST', `/plan-imports/${draft.id}/publish`, {}),
      PlanDetailSchema,
    );
    expect(plan).toMatchObject({ code: 'DS2020B', status: 'published', indicatorCount: 11 });
    expect(plan.sections.length).toBeGreaterThan(0);
    expect(plan.milestoneCount).toBe(draft.milestones.length);
    const after = await okBody(
      await call(app, 'GET', `/plan-imports/${draft.id}`),
      PlanImportSchema,
    );
    expect(after.status).toBe('published');
    await errorBody(
      await call(app, 'POST', `/plan-imports/${draft.id}/publish`, {}),
      400,
      'validation_failed',
    );
  });
});
