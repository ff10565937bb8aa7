import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_TEXT_LIMIT_BYTES, PlanExtractionSchema } from '@zhibiao/contracts';
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
