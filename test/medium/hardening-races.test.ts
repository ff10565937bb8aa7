import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmissionReportSchema, type MeasurementItem } from '@zhibiao/contracts';
import { AlertEvaluatorService } from '../../apps/api/src/alerts/evaluation/alert-evaluator.service.js';
import { API, call } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 13, items 3 and 4: the same thing arriving twice at once never answers 500. Two submissions
// with one Idempotency-Key, or of one file, store once and answer alike; every evaluation of a plan's
// alerts takes its turn, and an automatic one that fails is tried again.

const APP_TODAY = '2020-11-20';
const FIVE_G = 'DS2020-5G';

let app: TestApp;
let evaluator: AlertEvaluatorService;
/** What each evaluation did, in the order they ended. */
const outcomes: string[] = [];
/** Evaluations under way. */
let running = 0;
beforeAll(async () => {
  app = await startTestApp({
    APP_TODAY,
    DEMO_FIGURES: '1',
    ALERT_EVALUATION_MINUTES: '0',
    ALERT_RETRY_SECONDS: '0.5',
  });
  evaluator = app.server.app.get(AlertEvaluatorService);
  const evaluate = evaluator.evaluate.bind(evaluator);
  evaluator.evaluate = async (...args: Parameters<typeof evaluate>) => {
    running += 1;
    try {
      const summary = await evaluate(...args);
      outcomes.push('ok');
      return summary;
    } catch (error) {
      outcomes.push(`failed: ${String(error)}`);
      throw error;
    } finally {
      running -= 1;
    }
  };
});
afterAll(async () => {
  await app?.stop();
});

const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
  app.server.database.dataSource.query(sql, params);

function item(value: number, region = '370100'): MeasurementItem {
  return {
    indicator: FIVE_G,
    region,
    period: '2020-10',
    value,
    valueType: 'cumulative',
    note: 'correction',
  };
}

/**
 * Waits until `count` evaluations have ended and none has run for half a second (the evaluation after a
 * submission starts after its answer).
 */
async function settled(count = 0): Promise<void> {
  const until = Date.now() + 20_000;
  let quietSince = Date.now();
  while (Date.now() < until) {
    if (running > 0 || outcomes.length < count) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('one Idempotency-Key sent five times at once', () => {
  it('stores once; the other four answer with the same report, replayed', async () => {
    const key = 'race-key-1';
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.api(`${API}/measurements`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify({ items: [item(2700)] }),
        }),
      ),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const reports = await Promise.all(
      answers.map(async (res) => SubmissionReportSchema.parse(await res.json())),
    );
    expect(new Set(reports.map((r) => r.submissionId)).size).toBe(1);
    expect(reports.filter((r) => r.replayed)).toHaveLength(4);
    const rows = await query<{ n: string }>(
      `SELECT count(*) AS n FROM submission WHERE idempotency_key = $1`,
      [key],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('one file uploaded five times at once', () => {
  it('stores one submission; the others replay it', async () => {
    const csv = `indicator,region,period,value,valueType,note\n${FIVE_G},370200,2020-10,3900,cumulative,race\n`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => {
        const form = new FormData();
        form.append('file', new Blob([csv]), 'race.csv');
        return app.api(`${API}/submissions`, { method: 'POST', body: form });
      }),
    );
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await query<{ n: string }>(
      `SELECT count(*) AS n FROM submission WHERE file_name = 'race.csv'`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('evaluations of one plan at once', () => {
  it('never fail: a submission’s evaluation and five requested ones each take their turn', async () => {
    await settled();
    // A stricter pace rule, so that every evaluation below would fire new alerts: the moment two of
    // them could store the same alert twice.
    const rule = await call(app, 'PUT', '/alert-rules/behind_pace', {
      params: {
        threshold: 1.5,
        pendingEvaluations: 1,
        keepFiringForDays: 0,
        severity: 'warning',
        raiseWithinDays: null,
        escalateAfterDays: null,
      },
    });
    expect(rule.status, await rule.text()).toBe(200);
    const before = outcomes.length;
    const submitted = await call(app, 'POST', '/measurements', { items: [item(2800)] });
    expect(submitted.status, await submitted.text()).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(app, 'POST', '/alerts/evaluate')),
    );
    for (const res of answers) expect(res.status, await res.text()).toBe(200);
    // Five on request and the one after the submission.
    await settled(before + 6);
    expect(outcomes.slice(before)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    const open = await query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT kind, subject, region_code FROM alert
         WHERE status <> 'resolved' GROUP BY kind, subject, region_code HAVING count(*) > 1) twice`,
    );
    expect(Number(open[0]!.n)).toBe(0);
  });

  it('tries a failed automatic evaluation again, backing off, until it succeeds', async () => {
    await settled();
    const before = outcomes.length;
    // The next two evaluations fail as a database restart would fail them.
    let failuresLeft = 2;
    const evaluate = evaluator.evaluate.bind(evaluator);
    evaluator.evaluate = (...args: Parameters<typeof evaluate>) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        outcomes.push('failed: connection terminated');
        return Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      return evaluate(...args);
    };
    const started = Date.now();
    const submitted = await call(app, 'POST', '/measurements', { items: [item(2900)] });
    expect(submitted.status).toBe(200);
    await settled(before + 3);
    evaluator.evaluate = evaluate;
    expect(outcomes.slice(before)).toEqual([
      'failed: connection terminated',
      'failed: connection terminated',
      'ok',
    ]);
    // Retried after 0.5 s, then after 1 s: at least 1.5 s after the submission.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });
});

describe('the same thing created five times at once', () => {
  /** Five identical requests at once: one is taken, the others refused with a code, none fails. */
  async function fiveAtOnce(path: string, body: unknown): Promise<number[]> {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(app, 'POST', path, body)),
    );
    const statuses: number[] = [];
    for (const res of answers) {
      const text = await res.text();
      expect(res.status, text).toBeLessThan(500);
      if (res.status >= 400) expect(JSON.parse(text), text).toHaveProperty('code');
      statuses.push(res.status);
    }
    return statuses.sort();
  }

  it('a user: one is created, the others are told the name is taken', async () => {
    const statuses = await fiveAtOnce('/users', {
      username: 'twin-user',
      password: 'a-long-password-1',
      displayName: 'Twin',
      roles: ['analyst'],
    });
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400 || s === 409)).toHaveLength(4);
  });

  it('a plan: one is created, the others conflict', async () => {
    const statuses = await fiveAtOnce('/plans', {
      code: 'TWIN2021',
      title: '同时创建的方案',
      startYear: 2021,
      endYear: 2021,
    });
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400 || s === 409)).toHaveLength(4);
  });
});
