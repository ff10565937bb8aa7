import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndicatorDetailSchema, PlanDetailSchema, type MeasurementItem } from '@zhibiao/contracts';
import {
  addDays,
  deriveSeries,
  endOfBusinessDay,
  revisionsAsOf,
  startOfBusinessDay,
  type Revision,
} from '@zhibiao/core';
import { SeriesService } from '../../apps/api/src/measurements/series.service.js';
import {
  itemsAsRows,
  SubmissionsService,
} from '../../apps/api/src/measurements/submissions.service.js';
import { call, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Any sequence of submissions and corrections, stored through the real service and database, reads
// back as the pure model says: the current series, and the series as known at the end of any day.

const PLAN = 'TP-PROPERTY';
const INDICATOR = 'TP-PROPERTY-COUNT';
const REGION = '370100';
const FIRST_YEAR = 2001;
const RUNS = 25;

let app: TestApp;
let submissions: SubmissionsService;
let seriesService: SeriesService;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY: '2030-06-01' });
  await okBody(
    await call(app, 'POST', '/plans', {
      code: PLAN,
      title: '性质测试',
      startYear: FIRST_YEAR,
      endYear: FIRST_YEAR + RUNS + 5,
    }),
    PlanDetailSchema,
    201,
  );
  await okBody(
    await call(app, 'POST', `/plans/${PLAN}/indicators`, {
      code: INDICATOR,
      name: '性质测试指标',
      unit: '个',
      kind: 'cumulative',
      deadline: `${FIRST_YEAR + RUNS + 5}-12-31`,
      target: { comparator: '>=', value: 10 },
      leadDepartments: ['big-data-bureau'],
      regions: ['370000', REGION],
    }),
    IndicatorDetailSchema,
    201,
  );
  expect((await call(app, 'PATCH', `/plans/${PLAN}`, { status: 'published' })).status).toBe(200);
  submissions = app.server.app.get(SubmissionsService);
  seriesService = app.server.app.get(SeriesService);
});
afterAll(async () => {
  await app?.stop();
});

const month = fc.integer({ min: 1, max: 6 });
const figure = fc.record({
  month,
  value: fc.integer({ min: 0, max: 5000 }),
  valueType: fc.constantFrom('increment' as const, 'cumulative' as const),
});
/** Submissions a few days apart, each a handful of figures (a later one may correct an earlier). */
const history = fc.array(
  fc.record({
    gapDays: fc.integer({ min: 0, max: 20 }),
    figures: fc.array(figure, { minLength: 1, maxLength: 4 }),
  }),
  { minLength: 1, maxLength: 6 },
);

let run = 0;

describe('stored revisions', () => {
  it('reconstruct the current and as-of series the pure model gives, for any history', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const year = FIRST_YEAR + run++;
        // Recorded in the next year: every period is over, so each figure needs (and has) a reason.
        let day = `${year + 1}-01-01`;
        const model: Revision[] = [];
        const days: string[] = [];
        let sequence = 0;
        for (const step of steps) {
          day = addDays(day, step.gapDays);
          days.push(day);
          const byMonth = new Map(step.figures.map((f) => [f.month, f]));
          const items: MeasurementItem[] = [...byMonth.values()].map((f) => ({
            indicator: INDICATOR,
            region: REGION,
            period: `${year}-${String(f.month).padStart(2, '0')}`,
            value: f.value,
            valueType: f.valueType,
            note: 'property',
          }));
          const recordedAt = new Date(startOfBusinessDay(day).getTime() + 10 * 3600_000 + sequence);
          const result = await submissions.submit(
            {
              source: 'pull',
              rows: itemsAsRows(items),
              file: {
                name: null,
                contentType: 'application/json',
                content: Buffer.from(JSON.stringify(items) + sequence),
              },
              dryRun: false,
              partial: false,
            },
            { kind: 'system', department: 'big-data-bureau', recordedAt },
            'en',
          );
          // A batch the checks refuse (a year-to-date fall without… it has a reason, so none should) stores nothing.
          if (result.report.status !== 'applied') continue;
          for (const it of items) {
            model.push({
              period: it.period,
              value: it.value as number,
              valueType: it.valueType!,
              recordedAt: recordedAt.getTime(),
              sequence: sequence++,
            });
          }
        }
        const expectSeries = async (asOf: string | undefined) => {
          const stored = await seriesService.series(INDICATOR, {
            region: REGION,
            from: `${year}-01`,
            to: `${year}-12`,
            ...(asOf ? { asOf } : {}),
          });
          const expected = deriveSeries(
            revisionsAsOf(model, asOf ? endOfBusinessDay(asOf).getTime() : undefined),
          );
          expect(
            stored.points.map((p) => [p.period, p.value, p.valueType, p.cumulative, p.increment]),
          ).toEqual(
            expected.map((p) => [
              p.period,
              p.reported.value,
              p.reported.valueType,
              p.cumulative,
              p.increment,
            ]),
          );
        };
        await expectSeries(undefined);
        for (const d of [addDays(days[0]!, -1), ...days]) await expectSeries(d);
      }),
      { numRuns: RUNS },
    );
  });
});
