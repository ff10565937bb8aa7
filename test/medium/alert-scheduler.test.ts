import { afterAll, describe, expect, it } from 'vitest';
import type { EvaluationSummary } from '@zhibiao/contracts';
import { AlertEvaluatorService } from '../../apps/api/src/alerts/evaluation/alert-evaluator.service.js';
import { AlertSchedulerService } from '../../apps/api/src/alerts/evaluation/alert-scheduler.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('stopping the app while alerts are being evaluated', () => {
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.database.drop();
  });

  it('waits for the evaluation to finish before the database closes, and starts no more', async () => {
    app = await startTestApp({ APP_TODAY: '2020-11-12', ALERT_EVALUATION_MINUTES: '0' });
    const scheduler = app.server.app.get(AlertSchedulerService);
    const evaluator = app.server.app.get(AlertEvaluatorService);

    // The evaluation is held up a little before it touches the database, as a slow one would be.
    const events: string[] = [];
    let started!: () => void;
    const evaluating = new Promise<void>((resolve) => (started = resolve));
    const evaluate = evaluator.evaluate.bind(evaluator);
    let outcome: Promise<unknown> | undefined;
    evaluator.evaluate = (asOf: string) => {
      started();
      outcome = new Promise((resolve) => setTimeout(resolve, 300)).then(() => evaluate(asOf));
      void outcome.then(
        () => events.push('evaluated'),
        () => events.push('evaluation failed'),
      );
      return outcome as ReturnType<typeof evaluate>;
    };

    const run = scheduler.run('test');
    await evaluating;
    await app.server.close();
    events.push('closed');
    await run;

    expect(events).toEqual(['evaluated', 'closed']);
    const summary = (await outcome) as EvaluationSummary;
    expect(summary).toMatchObject({ plans: ['DS2020'], asOf: '2020-11-12' });

    // Once stopping, a request to evaluate (a late submission's hook) does nothing.
    let asked = false;
    evaluator.evaluate = () => {
      asked = true;
      return Promise.reject(new Error('must not run'));
    };
    await scheduler.run('after stopping');
    expect(asked).toBe(false);
  });
});
