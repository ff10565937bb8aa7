import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IndicatorDetailSchema,
  PlanDetailSchema,
  ProgressSchema,
  type MeasurementItem,
  type ProgressOut,
} from '@zhibiao/contracts';
import {
  addDays,
  computeProgress,
  deriveSeries,
  endOfBusinessDay,
  periodEnd,
  revisionsAsOf,
  startOfBusinessDay,
  type Comparator,
  type IsoDate,
  type Progress,
  type Revision,
  type Target,
} from '@zhibiao/core';
import {
  itemsAsRows,
  SubmissionsService,
} from '../../apps/api/src/measurements/submissions.service.js';
import { call, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// As-of correctness of progress: for any history of figures and target changes, the answer for
// asOf=D is the pure computation over the periods ended by D whose figures were recorded by the end
// of D (Asia/Shanghai), and the target in force on D — whatever was recorded after.

const PROVINCE = '370000';
const CITY = '370100';
// Never reports: the province's city sum is never complete, so the province has no figures.
const OTHER_CITY = '370200';
const UNIT = '个';
const GRACE_DAYS = 5;
const DAY_MS = 86_400_000;
const RUNS = 25;

let app: TestApp;
let submissions: SubmissionsService;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY: '2030-06-01', REPORT_GRACE_DAYS: String(GRACE_DAYS) });
  submissions = app.server.app.get(SubmissionsService);
});
afterAll(async () => {
  await app?.stop();
});

const figure = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  value: fc.integer({ min: 0, max: 5000 }),
  valueType: fc.constantFrom('increment' as const, 'cumulative' as const),
});
// Submissions days apart (or the same day), each recorded at any instant of its day.
const submission = fc.record({
  gapDays: fc.integer({ min: 0, max: 45 }),
  msIntoDay: fc.integer({ min: 0, max: DAY_MS - 1 }),
  figures: fc.array(figure, { minLength: 1, maxLength: 4 }),
});
// A new province target with its city sub-targets, or a new split of the province target.
const targetChange = fc.record({
  route: fc.constantFrom('target' as const, 'sub-targets' as const),
  // Often a shared day (the plan's first among them), so versions tie on their date.
  dayOfYear: fc.oneof(fc.integer({ min: 0, max: 364 }), fc.constantFrom(0, 90, 181)),
  value: fc.integer({ min: 0, max: 20_000 }),
  comparator: fc.constantFrom<Comparator>('>=', '>', '~'),
  tolerance: fc.option(fc.constantFrom(0.05, 0.2), { nil: undefined }),
  cityPercent: fc.integer({ min: 0, max: 100 }),
});
const scenario = fc.record({
  year: fc.integer({ min: 2001, max: 2028 }),
  dueDay: fc.integer({ min: 1, max: 28 }),
  // At least 5, so no figure (5000 at most) is over 1000 times the largest target and refused as
  // implausible (value_implausible): every submission here is meant to be applied.
  firstTarget: fc.integer({ min: 5, max: 20_000 }),
  firstDayOffset: fc.integer({ min: 0, max: 60 }),
  submissions: fc.array(submission, { minLength: 1, maxLength: 6 }),
  targetChanges: fc.array(targetChange, { maxLength: 4 }),
  extraDays: fc.array(fc.integer({ min: -30, max: 400 }), { maxLength: 3 }),
});

// A target version, in the order written (the later written wins a tie on the date).
interface Version {
  effectiveFrom: IsoDate;
  target: Target;
}

function lastWrittenOn(versions: readonly Version[], date: IsoDate): Target {
  return versions.filter((v) => v.effectiveFrom === date).at(-1)!.target;
}

// Strictly in force: the latest version effective on or before `day`, else none.
function effectiveOn(versions: readonly Version[], day: IsoDate): Target | null {
  const dates = versions.map((v) => v.effectiveFrom).filter((d) => d <= day);
  return dates.length === 0 ? null : lastWrittenOn(versions, dates.sort().at(-1)!);
}

// The target progress uses on `day`: the one in force, else the earliest (set later, still applies).
function targetOn(versions: readonly Version[], day: IsoDate): Target | null {
  if (versions.length === 0) return null;
  return (
    effectiveOn(versions, day) ??
    lastWrittenOn(versions, versions.map((v) => v.effectiveFrom).sort()[0]!)
  );
}

interface World {
  year: number;
  dueDay: number;
  deadline: IsoDate;
  revisions: Revision[];
  province: Version[];
  city: Version[];
}

type Expected = Omit<Progress, 'target'> & { target: Target | null };

// What progress must answer, restated from the pure model only.
function expectedProgress(world: World, region: string, day: IsoDate): Expected {
  // Known by the end of D, of a period over by D, year to date.
  const known = deriveSeries(revisionsAsOf(world.revisions, endOfBusinessDay(day).getTime()));
  const points =
    region === CITY
      ? known
          .filter((p) => periodEnd(p.period) <= day && p.cumulative !== null)
          .map((p) => ({ period: p.period, value: p.cumulative! }))
      : [];
  const target = targetOn(region === CITY ? world.city : world.province, day);
  const progress = computeProgress({
    asOf: day,
    kind: 'cumulative',
    direction: 'increase',
    frequency: 'monthly',
    dueDay: world.dueDay,
    graceDays: GRACE_DAYS,
    baseline: null,
    planStart: `${world.year}-01-01`,
    deadline: world.deadline,
    target: target ?? { comparator: '>=', value: Number.NaN },
    points: target ? points : [],
    unit: UNIT,
  });
  if (target) return { ...progress, target };
  // No target for the region: the figures are still shown, nothing is measured against them.
  const latest = points.at(-1);
  return {
    ...progress,
    actual: latest?.value ?? null,
    actualPeriod: latest?.period ?? null,
    target: null,
  };
}

// JSON has no NaN or Infinity: the API sends them as null.
function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function expectClose(actual: number | null, expected: number | null, what: string): void {
  const wanted = finite(expected);
  if (wanted === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(wanted, 6);
}

// Field by field: fields added to the answer later do not break the comparison.
function expectSameProgress(answer: ProgressOut, expected: Expected, context: string): void {
  expect(answer.asOf, context).toBe(expected.asOf);
  expect(answer.actual, `${context}: actual`).toBe(expected.actual);
  expect(answer.actualPeriod, `${context}: actualPeriod`).toBe(expected.actualPeriod);
  expect(answer.target, `${context}: target`).toEqual(expected.target);
  expect(answer.status, `${context}: status`).toBe(expected.status);
  expectClose(answer.expected, expected.expected, `${context}: expected`);
  expectClose(answer.baseline, expected.baseline, `${context}: baseline`);
  expectClose(answer.gap, expected.gap, `${context}: gap`);
  expectClose(answer.completion, expected.completion, `${context}: completion`);
  expectClose(answer.paceRatio, expected.paceRatio, `${context}: paceRatio`);
  expectClose(
    answer.requiredMonthlyRate,
    expected.requiredMonthlyRate,
    `${context}: requiredMonthlyRate`,
  );
  expectClose(
    answer.recentMonthlyRate,
    expected.recentMonthlyRate,
    `${context}: recentMonthlyRate`,
  );
  expectClose(answer.probability, expected.probability, `${context}: probability`);
  if (expected.projection === null) {
    expect(answer.projection, `${context}: projection`).toBeNull();
  } else {
    expect(answer.projection?.method, `${context}: projection method`).toBe(
      expected.projection.method,
    );
    expectClose(
      answer.projection?.value ?? null,
      expected.projection.value,
      `${context}: projection`,
    );
    expectClose(answer.projection?.low ?? null, expected.projection.low, `${context}: low`);
    expectClose(answer.projection?.high ?? null, expected.projection.high, `${context}: high`);
  }
}

let run = 0;

describe('progress as of a day', () => {
  it('uses only the figures known by the end of that day and the target in force on it', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        run += 1;
        const plan = `PP${run}`;
        const indicator = `PP${run}-COUNT`;
        const start = `${s.year}-01-01`;
        const world: World = {
          year: s.year,
          dueDay: s.dueDay,
          deadline: `${s.year}-12-31`,
          revisions: [],
          province: [{ effectiveFrom: start, target: { comparator: '>=', value: s.firstTarget } }],
          city: [],
        };

        await okBody(
          await call(app, 'POST', '/plans', {
            code: plan,
            title: '进度性质测试',
            startYear: s.year,
            endYear: s.year,
          }),
          PlanDetailSchema,
          201,
        );
        await okBody(
          await call(app, 'POST', `/plans/${plan}/indicators`, {
            code: indicator,
            name: '进度性质测试指标',
            unit: UNIT,
            kind: 'cumulative',
            direction: 'increase',
            frequency: 'monthly',
            dueDay: s.dueDay,
            deadline: world.deadline,
            target: { comparator: '>=', value: s.firstTarget },
            leadDepartments: ['big-data-bureau'],
            regions: [PROVINCE, CITY, OTHER_CITY],
          }),
          IndicatorDetailSchema,
          201,
        );

        // Target changes, all written before any answer is read.
        const effectiveDays: IsoDate[] = [];
        for (const change of s.targetChanges) {
          // 364 days on is still in the year, leap or not.
          const day = addDays(start, change.dayOfYear);
          effectiveDays.push(day);
          if (change.route === 'target') {
            const target: Target = {
              comparator: change.comparator,
              value: change.value,
              ...(change.comparator === '~' && change.tolerance !== undefined
                ? { tolerance: change.tolerance }
                : {}),
            };
            const cityValue = Math.round((change.value * change.cityPercent) / 100);
            await okBody(
              await call(app, 'PUT', `/indicators/${indicator}/target`, {
                effectiveFrom: day,
                ...target,
                note: '性质测试',
                subTargets: [
                  { region: CITY, value: cityValue },
                  { region: OTHER_CITY, value: change.value - cityValue },
                ],
              }),
              IndicatorDetailSchema,
            );
            world.province.push({ effectiveFrom: day, target });
            world.city.push({ effectiveFrom: day, target: { ...target, value: cityValue } });
          } else {
            // A new split of the province target strictly in force that day, in its comparator.
            const province = effectiveOn(world.province, day)!;
            const cityValue = Math.round((province.value * change.cityPercent) / 100);
            await okBody(
              await call(app, 'PUT', `/indicators/${indicator}/sub-targets`, {
                effectiveFrom: day,
                note: '性质测试',
                items: [
                  { region: CITY, value: cityValue },
                  { region: OTHER_CITY, value: province.value - cityValue },
                ],
              }),
              IndicatorDetailSchema,
            );
            world.city.push({
              effectiveFrom: day,
              target: { comparator: province.comparator, value: cityValue },
            });
          }
        }
        expect((await call(app, 'PATCH', `/plans/${plan}`, { status: 'published' })).status).toBe(
          200,
        );

        // Figures for months already over on the day they are recorded (the checks refuse others).
        let day = addDays(`${s.year}-02-01`, s.firstDayOffset);
        const submissionDays: IsoDate[] = [];
        let sequence = 0;
        for (const step of s.submissions) {
          day = addDays(day, step.gapDays);
          submissionDays.push(day);
          const lastOver = Number(day.slice(0, 4)) > s.year ? 12 : Number(day.slice(5, 7)) - 1;
          const byMonth = new Map(
            step.figures.map((f) => [((f.month - 1) % lastOver) + 1, f] as const),
          );
          const items: MeasurementItem[] = [...byMonth].map(([month, f]) => ({
            indicator,
            region: CITY,
            period: `${s.year}-${String(month).padStart(2, '0')}`,
            value: f.value,
            valueType: f.valueType,
            // Late figures and year-to-date falls need a reason; every figure has one.
            note: 'property',
          }));
          const recordedAt = new Date(startOfBusinessDay(day).getTime() + step.msIntoDay);
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
          expect(result.report.status, JSON.stringify(result.report)).toBe('applied');
          for (const item of items) {
            world.revisions.push({
              period: item.period,
              value: item.value as number,
              valueType: item.valueType!,
              recordedAt: recordedAt.getTime(),
              sequence: sequence++,
            });
          }
        }

        // Before the first figure, on and between the days figures arrive, around every target
        // change, at the plan's start and deadline, after it, and a few anywhere.
        const between = submissionDays
          .slice(1)
          .map((d, i) =>
            addDays(submissionDays[i]!, Math.floor(dayGap(submissionDays[i]!, d) / 2)),
          );
        const asOfDays = new Set<IsoDate>([
          addDays(submissionDays[0]!, -1),
          ...submissionDays,
          ...between,
          ...effectiveDays.flatMap((d) => [addDays(d, -1), d]),
          start,
          world.deadline,
          addDays(world.deadline, 1),
          ...s.extraDays.map((offset) => addDays(start, offset)),
        ]);
        for (const asOf of [...asOfDays].sort()) {
          for (const region of [CITY, PROVINCE]) {
            const answer = await okBody(
              await call(
                app,
                'GET',
                `/indicators/${indicator}/progress?region=${region}&asOf=${asOf}`,
              ),
              ProgressSchema,
            );
            expectSameProgress(
              answer,
              expectedProgress(world, region, asOf),
              `${indicator} ${region} as of ${asOf}`,
            );
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

function dayGap(from: IsoDate, to: IsoDate): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}
