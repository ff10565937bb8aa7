import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanDetailSchema, PlanImportSchema, type PlanImport } from '@zhibiao/contracts';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// POST /plan-imports/:id/publish is one transaction: the draft's status, the check that its codes are
// free, the plan it becomes and the audit entry all happen, or none of them does.

const SEED_TEXT = readFileSync(
  new URL('../../seeds/digital-shandong-2020/plan.zh-Hant.txt', import.meta.url),
  'utf8',
);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY: '2021-01-20' });
});
afterAll(async () => {
  await app?.stop();
});

async function draftOf(code: string): Promise<PlanImport> {
  return okBody(
    await call(app, 'POST', '/plans/import', {
      code,
      title: `导入 ${code}`,
      year: 2021,
      text: SEED_TEXT,
    }),
    PlanImportSchema,
    201,
  );
}

async function planCodes(): Promise<string[]> {
  return ((await (await call(app, 'GET', '/plans')).json()) as { code: string }[]).map(
    (p) => p.code,
  );
}

describe('publishing a draft plan', () => {
  it('leaves nothing behind when its audit entry cannot be written: no plan, still a draft', async () => {
    const draft = await draftOf('PUBA');
    const db = app.server.database.db;
    await db.query(`CREATE FUNCTION refuse_publish_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'plan_import.publish' THEN RAISE EXCEPTION 'audit refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER refuse_publish_audit BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_publish_audit()`);
    try {
      const res = await call(app, 'POST', `/plan-imports/${draft.id}/publish`, {});
      await res.body?.cancel();
      expect(res.status).toBe(500);
    } finally {
      await db.query(`DROP TRIGGER refuse_publish_audit ON audit_log`);
      await db.query(`DROP FUNCTION refuse_publish_audit()`);
    }
    expect(await planCodes()).not.toContain('PUBA');
    await errorBody(await call(app, 'GET', '/indicators/PUBA-T01'), 404, 'indicator_not_found');
    const after = await okBody(
      await call(app, 'GET', `/plan-imports/${draft.id}`),
      PlanImportSchema,
    );
    expect(after).toMatchObject({ status: 'draft', publishedAt: null });

    // With the audit trail writable again it publishes whole.
    const plan = await okBody(
      await call(app, 'POST', `/plan-imports/${draft.id}/publish`, {}),
      PlanDetailSchema,
    );
    expect(plan).toMatchObject({ code: 'PUBA', status: 'published', indicatorCount: 12 });
  });

  it('publishes once when asked twice at the same time; the second is told it is no draft any more', async () => {
    const draft = await draftOf('PUBB');
    const answers = await Promise.all(
      [0, 1].map(async () => {
        const res = await call(app, 'POST', `/plan-imports/${draft.id}/publish`, {});
        const body = (await res.json()) as { code?: string; details?: unknown };
        return { status: res.status, code: body.code, details: JSON.stringify(body.details) };
      }),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, JSON.stringify(answers.map((a) => [a.status, a.code]))).toEqual([200, 400]);
    const refused = answers.find((a) => a.status === 400);
    expect(refused?.code).toBe('validation_failed');
    expect(refused?.details).toContain('import_not_draft');
    const audit = (await (
      await call(app, 'GET', `/audit?entity=plan_import&action=plan_import.publish`)
    ).json()) as { entityId: string }[];
    expect(audit.filter((entry) => entry.entityId === draft.id)).toHaveLength(1);
  });

  it('refuses a draft whose code a plan took after it was drafted, and changes nothing', async () => {
    const draft = await draftOf('PUBC');
    // Another draft of the same text takes the indicator codes first (a plan code of its own).
    const other = await draftOf('PUBD');
    const taken = other.targets.map((t, i) => ({ ...t, code: draft.targets[i]!.code }));
    await okBody(
      await call(app, 'PUT', `/plan-imports/${other.id}`, {
        targets: taken,
        milestones: other.milestones.map((m) => ({ ...m, include: false })),
      }),
      PlanImportSchema,
    );
    await okBody(
      await call(app, 'POST', `/plan-imports/${other.id}/publish`, {}),
      PlanDetailSchema,
    );
    const refused = await errorBody(
      await call(app, 'POST', `/plan-imports/${draft.id}/publish`, {}),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(refused.details)).toContain('duplicate_code');
    expect(await planCodes()).not.toContain('PUBC');
    const after = await okBody(
      await call(app, 'GET', `/plan-imports/${draft.id}`),
      PlanImportSchema,
    );
    expect(after.status).toBe('draft');
  });
});
