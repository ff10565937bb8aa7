import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AlertDetailSchema,
  AlertRuleSchema,
  AlertSchema,
  EvaluationSummarySchema,
  IndicatorDetailSchema,
  InboxSchema,
  PlanDetailSchema,
  ProgressSchema,
  SilenceSchema,
  SubmissionReportSchema,
  type Acknowledge,
  type AlertDetail,
  type AlertOut,
  type MeasurementItem,
} from '@zhibiao/contracts';
import { DEFAULT_ALERT_RULES, type AlertRuleParams, type IsoDate } from '@zhibiao/core';
import { historyDays } from '../../apps/api/src/alerts/evaluation/alert-evaluator.service.js';
import { Clock } from '../../apps/api/src/common/clock.js';
import {
  itemsAsRows,
  SubmissionsService,
} from '../../apps/api/src/measurements/submissions.service.js';
import {
  callAs,
  createApiKey,
  createSignedInUser,
  type Credentials,
  type SignedIn,
} from '../support/accounts.js';
import { call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Shortfall alerts over the API and a real database: the demo year as its history run leaves it, then
// the lifecycle of alerts on a small plan of our own, evaluated day by day with the clock pinned.

const AlertList = z.array(AlertSchema);

/** How the messages write a share: one decimal where it matters (89.5%). */
const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`;

const listAlerts = async (app: TestApp, query: string): Promise<AlertOut[]> =>
  okBody(await call(app, 'GET', `/alerts?limit=500&${query}`), AlertList);
const detailOf = async (app: TestApp, id: string): Promise<AlertDetail> =>
  okBody(await call(app, 'GET', `/alerts/${id}`), AlertDetailSchema);
const kindsOf = (alert: AlertDetail) => alert.history.map((e) => [e.kind, e.asOf]);

describe('the demo year, replayed at first start', () => {
  const demo = JSON.parse(
    readFileSync(
      new URL('../../seeds/digital-shandong-2020/demo-figures.json', import.meta.url),
      'utf8',
    ),
  ) as {
    day: string;
    submissions: {
      recordedAt: string;
      items: { indicator: string; region: string; period: string; value: number }[];
    }[];
  };
  // The 8th and 22nd of every month from the day the plan was issued (2020-04-03) to the day the
  // demo shows (2020-11-08): nobody evaluated the plan before it existed.
  const HISTORY_DAYS = [
    ...Array.from({ length: 7 }, (_, i) => `2020-${String(i + 4).padStart(2, '0')}`).flatMap(
      (month) => [`${month}-08`, `${month}-22`],
    ),
    '2020-11-08',
  ];

  let app: TestApp;
  let alerts: AlertOut[];
  const details = new Map<string, AlertDetail>();
  beforeAll(async () => {
    app = await startTestApp({ DEMO_FIGURES: '1' });
    alerts = await listAlerts(app, '');
    for (const alert of alerts) details.set(alert.id, await detailOf(app, alert.id));
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The one alert of a track, or the several in the order they fired. */
  const track = (rule: string, subject: string, region = '370000') =>
    alerts
      .filter((a) => a.rule === rule && (a.indicator ?? a.milestone) === subject)
      .filter((a) => a.region === region)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((a) => details.get(a.id)!);

  /** A province total of the demo figures (increments) by period, and the day each was recorded. */
  const provinceIncrements = (indicator: string) => {
    const byPeriod = new Map<string, { sum: number; recorded: Set<string> }>();
    for (const submission of demo.submissions) {
      for (const item of submission.items.filter((i) => i.indicator === indicator)) {
        const entry = byPeriod.get(item.period) ?? { sum: 0, recorded: new Set<string>() };
        entry.sum += item.value;
        entry.recorded.add(submission.recordedAt.slice(0, 10));
        byPeriod.set(item.period, entry);
      }
    }
    return byPeriod;
  };

  it('evaluates on the 8th and 22nd of each month from the day the plan was issued to the demo’s day', async () => {
    expect(historyDays('2020-04-03', demo.day)).toEqual(HISTORY_DAYS);
    const plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
    expect(plan.issuedOn).toBe('2020-04-03');
    // The demo's clock stands on its day; views default to when October's figures were approved
    // (recorded on the 5th, approved on the 6th: under approval they count from then).
    expect(demo.day).toBe('2020-11-08');
    expect(plan.defaultAsOf).toBe('2020-11-06');
    const evaluated = alerts.flatMap((a) => details.get(a.id)!.history.map((e) => e.asOf));
    expect(evaluated.filter((day) => day < '2020-04-08')).toEqual([]);
    expect(evaluated).toContain('2020-11-08');
    expect(alerts.length).toBeGreaterThan(0);
    // All of them in one page.
    expect(alerts.length).toBeLessThan(500);
    expect(new Set(alerts.map((a) => a.plan))).toEqual(new Set(['DS2020']));
  });

  it('finds DS2020-SMART-AGRI behind pace and short of its target from April, for good', async () => {
    // The premise, from the demo figures: the cities report January to March (0, 0 and 4 bases in
    // all) in the backfill of 2020-04-07, after the plan was issued, and the province's year-to-date
    // total stays far under the plan line (0 on 2019-12-31 to 100 on 2020-12-31) every month: 0 of
    // 8.5 in January ... 51 of 83.3 in October, a pace of 0.61.
    const increments = provinceIncrements('DS2020-SMART-AGRI');
    for (const period of ['2020-01', '2020-02', '2020-03']) {
      expect(increments.get(period)?.recorded).toEqual(new Set(['2020-04-07']));
    }
    let total = 0;
    for (const [period, { sum }] of [...increments].sort(([a], [b]) => a.localeCompare(b))) {
      total += sum;
      const monthEnd = new Date(Date.UTC(2020, Number(period.slice(5, 7)), 0));
      const expected = (100 * (monthEnd.getTime() - Date.UTC(2019, 11, 31))) / (366 * 86_400_000);
      expect(total / expected, period).toBeLessThan(0.9);
    }
    expect(total).toBe(51);

    // behind_pace fires at once (pendingEvaluations 1) on the first evaluation, 2020-04-08, which
    // sees January to March: 4 of 24.9. It never clears, so it is never resolved. Unacknowledged 14
    // days later it goes to the leaders (2020-04-22); within 92 days of the deadline (from
    // 2020-09-30) it is critical, from the first evaluation after that day: 2020-10-08.
    const [pace, ...paceAgain] = track('behind_pace', 'DS2020-SMART-AGRI');
    expect(paceAgain).toEqual([]);
    expect(pace).toMatchObject({
      firedAsOf: '2020-04-08',
      status: 'firing',
      severity: 'critical',
      escalated: true,
      resolvedAt: null,
      previousId: null,
    });
    expect(kindsOf(pace!)).toEqual([
      ['fired', '2020-04-08'],
      ['escalated', '2020-04-22'],
      ['severity_changed', '2020-10-08'],
    ]);
    expect(pace!.history[0]?.values).toMatchObject({ actual: 4, period: '2020-03' });
    expect(pace!.history[0]?.values.paceRatio as number).toBeLessThan(0.2);
    expect(pace!.values).toMatchObject({ actual: 51, period: '2020-10' });

    // projection_shortfall needs a projection, which needs three figures: known from the backfill of
    // 2020-04-07. It holds on 2020-04-08 (pending, the first of the two evaluations it needs) and
    // fires on the next one, 2020-04-22 (no figure came in between, so it held there too). 14 days
    // later (2020-05-06) it is escalated, on the next evaluation: 2020-05-08.
    for (const day of ['2020-03-22', '2020-04-08']) {
      const progress = await okBody(
        await call(app, 'GET', `/indicators/DS2020-SMART-AGRI/progress?asOf=${day}`),
        ProgressSchema,
      );
      if (day === '2020-03-22') expect(progress.projection, day).toBeNull();
      else expect(progress.probability, day).toBeLessThan(0.5);
    }
    const [shortfall, ...shortfallAgain] = track('projection_shortfall', 'DS2020-SMART-AGRI');
    expect(shortfallAgain).toEqual([]);
    expect(shortfall).toMatchObject({ firedAsOf: '2020-04-22', status: 'firing' });
    expect(kindsOf(shortfall!)).toEqual([
      ['fired', '2020-04-22'],
      ['escalated', '2020-05-08'],
      ['severity_changed', '2020-10-08'],
    ]);
    expect(shortfall!.values).toMatchObject({ target: 100, threshold: 0.5 });
    expect(shortfall!.values.probability as number).toBeLessThan(0.5);
  });

  it('never finds DS2020-SMART-AGRI stalled: its empty first months came in with March’s bases', () => {
    // January and February add 0 bases, two periods without progress, but nobody evaluated the plan
    // before it was issued: the first evaluation (2020-04-08) already sees March's 4 (all three in
    // the backfill of 2020-04-07), so the condition never holds.
    const increments = provinceIncrements('DS2020-SMART-AGRI');
    expect(increments.get('2020-01')?.sum).toBe(0);
    expect(increments.get('2020-02')?.sum).toBe(0);
    expect(increments.get('2020-03')).toEqual({ sum: 4, recorded: new Set(['2020-04-07']) });
    expect(track('stalled', 'DS2020-SMART-AGRI')).toEqual([]);
    // Nor any missing report of the months before the plan was issued.
    expect(alerts.filter((a) => a.rule === 'missing_report' && a.firedAsOf < '2020-05-01')).toEqual(
      [],
    );
  });

  it('finds DS2020-STARTUPS missing its July figure three days after it was due, and keeps it open', () => {
    // July was never reported. Its due day is 2020-08-05 (dueDay 5 of the next month); missing_report
    // fires 3 days past it, from 2020-08-08, which is an evaluation day: it fires then. On 2020-07-22
    // the latest period due was June (due 2020-07-05), reported that day. Nothing reports July later,
    // so it never resolves; unacknowledged for 7 days (2020-08-15) it is escalated on the next
    // evaluation, 2020-08-22. missing_report does not rise near the deadline (raiseWithinDays null).
    const periods = [...provinceIncrements('DS2020-STARTUPS').keys()];
    expect(periods).not.toContain('2020-07');
    expect(periods).toContain('2020-06');

    const [missing, ...again] = track('missing_report', 'DS2020-STARTUPS');
    expect(again).toEqual([]);
    expect(missing).toMatchObject({
      firedAsOf: '2020-08-08',
      status: 'firing',
      severity: 'warning',
      escalated: true,
    });
    expect(kindsOf(missing!)).toEqual([
      ['fired', '2020-08-08'],
      ['escalated', '2020-08-22'],
    ]);
    expect(missing!.history[0]?.values).toEqual({
      period: '2020-07',
      dueOn: '2020-08-05',
      daysOverdue: 3,
      missing: 1,
      lastReported: '2020-06',
    });
  });

  it('resolves Zibo’s hazchem monitoring behind pace in May and fires it again in July, linked to the first', async () => {
    // DS2020-HAZCHEM-MONITORING in Zibo (370700) is a rate: its plan line runs from January's 67.7%
    // (2020-01-31) to 100% on 2020-12-31. March's 72.9% (in the backfill of 2020-04-07) against 73.5%
    // expected is a pace of 0.899 < 0.9: fired on 2020-04-08. April's 75.9% of 76.4% (0.945, recorded
    // 2020-05-05) clears it: resolved on 2020-05-08. May's 0.909 keeps it clear; June's 80.7% of
    // 82.3% (0.893, recorded 2020-07-05) fires it again on 2020-07-08, as a new alert after the first.
    const paceOn = async (day: string) =>
      (
        await okBody(
          await call(
            app,
            'GET',
            `/indicators/DS2020-HAZCHEM-MONITORING/progress?region=370700&asOf=${day}`,
          ),
          ProgressSchema,
        )
      ).paceRatio!;
    // Nothing was known before the backfill.
    expect(await paceOn('2020-04-06')).toBeNull();
    expect(await paceOn('2020-04-08')).toBeLessThan(0.9);
    expect(await paceOn('2020-05-08')).toBeGreaterThanOrEqual(0.9);
    expect(await paceOn('2020-06-08')).toBeGreaterThanOrEqual(0.9);
    expect(await paceOn('2020-07-08')).toBeLessThan(0.9);

    const [first, second, ...more] = track('behind_pace', 'DS2020-HAZCHEM-MONITORING', '370700');
    expect(more).toEqual([]);
    expect(first).toMatchObject({ firedAsOf: '2020-04-08', status: 'resolved', previousId: null });
    expect(kindsOf(first!)).toEqual([
      ['fired', '2020-04-08'],
      ['escalated', '2020-04-22'],
      ['resolved', '2020-05-08'],
    ]);
    expect(second).toMatchObject({ firedAsOf: '2020-07-08', previousId: first!.id });
    expect(second!.status).not.toBe('resolved');
    expect(second!.history[0]?.values).toMatchObject({ actual: 80.7, period: '2020-06' });
  });

  it('keeps at most one open alert per rule, subject and region, each one after the last resolved', () => {
    const tracks = new Map<string, AlertOut[]>();
    for (const alert of alerts) {
      const key = `${alert.rule} ${alert.indicator ?? alert.milestone} ${alert.region}`;
      tracks.set(key, [...(tracks.get(key) ?? []), alert]);
    }
    for (const [key, list] of tracks) {
      const ordered = list.sort((a, b) => Number(a.id) - Number(b.id));
      expect(ordered.filter((a) => a.status !== 'resolved').length, key).toBeLessThanOrEqual(1);
      expect(ordered[0]?.previousId, key).toBeNull();
      for (let i = 1; i < ordered.length; i++) {
        const before = ordered[i - 1]!;
        expect(before.status, key).toBe('resolved');
        expect(ordered[i]?.previousId, key).toBe(before.id);
        const resolvedOn = details.get(before.id)!.history.at(-1)!.asOf;
        expect(ordered[i]!.firedAsOf > resolvedOn, key).toBe(true);
      }
    }
  });

  it('starts every history with its fired event, and ends a resolved alert’s with its resolved event', () => {
    for (const alert of details.values()) {
      const context = `alert ${alert.id} ${alert.rule} ${alert.indicator} ${alert.region}`;
      expect(alert.history[0], context).toMatchObject({
        kind: 'fired',
        asOf: alert.firedAsOf,
        status: 'firing',
      });
      expect(
        alert.history.filter((e) => e.kind === 'fired'),
        context,
      ).toHaveLength(1);
      expect(HISTORY_DAYS, context).toContain(alert.firedAsOf);
      const asOfs = alert.history.map((e) => e.asOf);
      expect(asOfs, context).toEqual([...asOfs].sort());
      const resolved = alert.history.filter((e) => e.kind === 'resolved');
      if (alert.status === 'resolved') {
        expect(resolved, context).toHaveLength(1);
        expect(alert.history.at(-1)?.kind, context).toBe('resolved');
        expect(alert.resolvedAt, context).not.toBeNull();
      } else {
        expect(resolved, context).toEqual([]);
        expect(alert.resolvedAt, context).toBeNull();
      }
      // Nobody acknowledged anything in the demo.
      expect(alert.acknowledgement, context).toBeNull();
    }
  });

  it('names the numbers in both languages', () => {
    const rules = new Set<string>();
    for (const alert of alerts) {
      const { values, message } = alert;
      const context = `alert ${alert.id} ${alert.rule}: ${message.en}`;
      rules.add(alert.rule);
      switch (alert.rule) {
        case 'behind_pace': {
          const pace = percent(values.paceRatio as number);
          expect(message.en, context).toContain(`(pace ${pace}, below ${percent(0.9)})`);
          expect(message.zh, context).toContain(`（进度比${pace}，低于90%）`);
          // Said as officials say it: behind the time-elapsed schedule, in percentage points.
          const points = Math.abs(values.schedulePoints as number).toFixed(1);
          expect(message.zh, context).toContain(`落后序时进度${Number(points)}个百分点`);
          expect(message.en, context).toContain(`by ${values.period as string}`);
          break;
        }
        case 'projection_shortfall': {
          const probability = percent(values.probability as number);
          expect(message.en, context).toContain(`probability of meeting it ${probability}`);
          expect(message.en, context).toContain('(threshold 50%)');
          expect(message.zh, context).toContain(`达标概率${probability}（阈值50%）`);
          break;
        }
        case 'missing_report':
          expect(message.en, context).toContain(
            `The figure for ${values.period as string} was due by ${values.dueOn as string} and is ${values.daysOverdue as number} days overdue`,
          );
          expect(message.zh, context).toContain(`已逾期${values.daysOverdue as number}天`);
          break;
        case 'stalled':
          expect(message.en, context).toContain(
            `No progress for ${values.periods as number} periods in a row, ${values.from as string} to ${values.to as string}`,
          );
          expect(message.zh, context).toContain(`连续${values.periods as number}期没有进展`);
          break;
        case 'data_anomaly':
          expect(message.en, context).toContain(values.period as string);
          expect(message.zh, context).toContain(values.period as string);
          break;
        case 'milestone_late':
          expect(message.en, context).toContain(`${values.daysLate as number} days late`);
          break;
      }
    }
    expect([...rules].sort()).toEqual(
      ['behind_pace', 'data_anomaly', 'missing_report', 'projection_shortfall'].sort(),
    );
  });
});

// ─── the lifecycle on a plan of our own ──────────────────────────────────────────────────────────

// Pinned after every day the walk evaluates: each explicit evaluation is of a past day, so it
// happens "at the end of that day", and keep-firing-for and escalations count in those days.
const TODAY = '2022-07-20';
const PLAN = 'TP-ALERTS';
// Far behind the whole year: 10 a month towards 1,200.
const LAG = 'TP-ALERTS-LAG';
// Behind, then the target met in April, then April corrected down: behind again.
const FLIP = 'TP-ALERTS-FLIP';
const LEAD = 'big-data-bureau';
const OTHER = 'industry-it';
const PROVINCE = '370000';

type Person = Awaited<ReturnType<typeof createSignedInUser>>;

const rule = (params: Partial<AlertRuleParams>, base: AlertRuleParams): AlertRuleParams => ({
  ...base,
  ...params,
});

describe('alerts of a plan, evaluated day by day with the clock set', () => {
  let app: TestApp;
  let submissions: SubmissionsService;
  let leader: Person;
  let analyst: Person;
  let reporter: Person;
  let otherReporter: Person;
  let leadKey: Credentials;
  let otherKey: Credentials;

  beforeAll(async () => {
    // Evaluations only when asked or after a submission: no interval in the way.
    app = await startTestApp({ APP_TODAY: TODAY, ALERT_EVALUATION_MINUTES: '0' });
    submissions = app.server.app.get(SubmissionsService);
    // Everyone exists before the first evaluation, so routing reaches them all.
    leader = await createSignedInUser(app, { roles: ['leader'] });
    analyst = await createSignedInUser(app, { roles: ['analyst'] });
    reporter = await createSignedInUser(app, { roles: ['reporter'], department: LEAD });
    otherReporter = await createSignedInUser(app, { roles: ['reporter'], department: OTHER });
    leadKey = { bearer: (await createApiKey(app, LEAD)).key };
    otherKey = { bearer: (await createApiKey(app, OTHER)).key };

    await okBody(
      await call(app, 'POST', '/plans', {
        code: PLAN,
        title: '预警测试',
        startYear: 2022,
        endYear: 2022,
      }),
      PlanDetailSchema,
      201,
    );
    for (const code of [LAG, FLIP]) {
      await okBody(
        await call(app, 'POST', `/plans/${PLAN}/indicators`, {
          code,
          name: `预警测试指标 ${code}`,
          unit: '个',
          kind: 'cumulative',
          direction: 'increase',
          frequency: 'monthly',
          dueDay: 5,
          deadline: '2022-12-31',
          target: { comparator: '>=', value: 1200 },
          leadDepartments: [LEAD],
          regions: [PROVINCE],
        }),
        IndicatorDetailSchema,
        201,
      );
    }
    expect((await call(app, 'PATCH', `/plans/${PLAN}`, { status: 'published' })).status).toBe(200);

    // Each month's figures on its due day (the 5th of the next month), as increments.
    const month = (indicator: string, period: string, value: number): MeasurementItem => ({
      indicator,
      region: PROVINCE,
      period,
      value,
      valueType: 'increment',
      note: '预警测试',
    });
    await record('2022-02-05', [month(LAG, '2022-01', 10), month(FLIP, '2022-01', 10)]);
    await record('2022-03-05', [month(LAG, '2022-02', 10), month(FLIP, '2022-02', 12)]);
    await record('2022-04-05', [month(LAG, '2022-03', 10), month(FLIP, '2022-03', 11)]);
    // FLIP meets its target in April (1,233 of 1,200)...
    await record('2022-05-05', [month(LAG, '2022-04', 10), month(FLIP, '2022-04', 1200)]);
    // ...until April is corrected to 9 a month later.
    await record('2022-06-05', [
      month(LAG, '2022-05', 10),
      month(FLIP, '2022-04', 9),
      month(FLIP, '2022-05', 10),
    ]);
    await record('2022-07-05', [month(LAG, '2022-06', 10), month(FLIP, '2022-06', 10)]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  /**
   * Stores figures as recorded at 10:00 on `day`. As the demo seed: a `seed` submission does not
   * start the evaluation after submissions, which would evaluate as of today (TODAY) and, forward
   * only, shut out the earlier days this walk evaluates.
   */
  async function record(day: IsoDate, items: MeasurementItem[]): Promise<void> {
    const result = await submissions.submit(
      {
        source: 'seed',
        rows: itemsAsRows(items),
        file: {
          name: null,
          contentType: 'application/json',
          content: Buffer.from(JSON.stringify({ day, items })),
        },
        dryRun: false,
        partial: false,
      },
      { kind: 'system', department: LEAD, recordedAt: new Date(`${day}T10:00:00+08:00`) },
      'en',
    );
    expect(result.report.status, JSON.stringify(result.report)).toBe('applied');
  }

  // The walk's day: the latest day evaluated. People act on it (acknowledge, silence), so the dates
  // they promise are measured against it, with the clock set to it while they do.
  let walkDay: IsoDate = TODAY;
  const evaluate = async (asOf: IsoDate) => {
    const summary = await okBody(
      await call(app, 'POST', `/alerts/evaluate?asOf=${asOf}`),
      EvaluationSummarySchema,
    );
    walkDay = asOf;
    return summary;
  };
  const onWalkDay = async <T>(act: () => Promise<T>): Promise<T> => {
    const clock = app.server.app.get(Clock);
    clock.pin(walkDay);
    try {
      return await act();
    } finally {
      clock.pin(TODAY);
    }
  };
  const open = (indicator: string, rule: string) =>
    listAlerts(app, `indicator=${indicator}&rule=${rule}&status=open`);
  const inboxOf = async (who: SignedIn) =>
    okBody(await callAs(app, who.bearer, 'GET', '/inbox?limit=200'), InboxSchema);
  const acknowledge = (who: Credentials, id: string, body: Partial<Acknowledge> = {}) =>
    onWalkDay(() =>
      callAs(app, who, 'POST', `/alerts/${id}/acknowledge`, {
        comment: '资金到位晚于预期',
        cause: 'funding',
        plan: '6月起每月新增120个',
        catchUpDate: '2022-09-30',
        ...body,
      }),
    );

  // Filled as the walk goes.
  const ids = {
    lagPace: '',
    flipPace: '',
    lagShortfall: '',
    flipShortfall: '',
    flipPaceAgain: '',
  };

  it('tunes the default behind_pace rule: only info, kept firing for 10 days after it clears', async () => {
    // The default rule: the walk does not lean on tuning one indicator's, tested on its own below.
    const params = rule(
      { severity: 'info', raiseWithinDays: null, keepFiringForDays: 10 },
      DEFAULT_ALERT_RULES.behind_pace,
    );
    const tuned = await okBody(
      await call(app, 'PUT', '/alert-rules/behind_pace', { params }),
      AlertRuleSchema,
    );
    expect(tuned).toMatchObject({ rule: 'behind_pace', indicator: null, enabled: true, params });
    expect(tuned.updatedBy).toBe('admin');
    const rules = await okBody(await call(app, 'GET', '/alert-rules'), z.array(AlertRuleSchema));
    expect(rules).toHaveLength(6);
    expect(rules.find((r) => r.rule === 'behind_pace')?.params).toEqual(params);
    expect(rules.find((r) => r.rule === 'projection_shortfall')?.params).toEqual(
      DEFAULT_ALERT_RULES.projection_shortfall,
    );
  });

  it('fires behind_pace at once and holds projection_shortfall pending on its first evaluation', async () => {
    // 2022-04-08: January to March are known (30 for LAG, 33 for FLIP) against 293.4 on the plan
    // line (0 on 2022-01-01 to 1,200 on 2022-12-31, at 2022-03-31); three figures give a projection
    // far short of 1,200. behind_pace needs one evaluation, projection_shortfall two.
    const summary = await evaluate('2022-04-08');
    expect(summary).toMatchObject({ plans: [PLAN], asOf: '2022-04-08', fired: 2, resolved: 0 });
    expect(await listAlerts(app, `plan=${PLAN}&rule=projection_shortfall`)).toEqual([]);

    const [lagPace] = await open(LAG, 'behind_pace');
    const [flipPace] = await open(FLIP, 'behind_pace');
    ids.lagPace = lagPace!.id;
    ids.flipPace = flipPace!.id;
    const expected = (1200 * 89) / 364;
    expect(lagPace).toMatchObject({
      firedAsOf: '2022-04-08',
      status: 'firing',
      severity: 'info',
      plan: PLAN,
      region: PROVINCE,
      departments: [{ code: LEAD, name: expect.any(String) as unknown }],
      silenced: false,
      escalated: false,
      previousId: null,
    });
    expect(lagPace!.values.actual).toBe(30);
    expect(lagPace!.values.expected).toBeCloseTo(expected, 6);
    expect(lagPace!.values.paceRatio).toBeCloseTo(30 / expected, 6);
    expect(lagPace!.message.en).toContain(`(pace ${percent(30 / expected)}, below 90%)`);
    expect(flipPace).toMatchObject({ firedAsOf: '2022-04-08', severity: 'info' });
    expect(flipPace!.values.actual).toBe(33);
  });

  it('changes nothing when the same day is evaluated again: no pending one fires, no duplicate', async () => {
    const before = await listAlerts(app, `plan=${PLAN}`);
    const histories = await Promise.all(before.map(async (a) => detailOf(app, a.id)));
    const summary = await evaluate('2022-04-08');
    expect(summary).toMatchObject({ fired: 0, resolved: 0, escalated: 0, open: 2 });
    const after = await listAlerts(app, `plan=${PLAN}`);
    expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
    for (const alert of histories) {
      expect((await detailOf(app, alert.id)).history).toEqual(alert.history);
    }
  });

  it('fires projection_shortfall on its second evaluation, and escalates the unacknowledged', async () => {
    // 2022-04-22: no new figure, the projection still falls short: the second evaluation in a row.
    // The behind_pace alerts of 2022-04-08 have waited 14 days unacknowledged: escalated.
    const summary = await evaluate('2022-04-22');
    expect(summary).toMatchObject({ fired: 2, escalated: 2, resolved: 0, open: 4 });
    const [lagShortfall] = await open(LAG, 'projection_shortfall');
    const [flipShortfall] = await open(FLIP, 'projection_shortfall');
    ids.lagShortfall = lagShortfall!.id;
    ids.flipShortfall = flipShortfall!.id;
    expect(lagShortfall).toMatchObject({ firedAsOf: '2022-04-22', severity: 'warning' });
    expect(lagShortfall!.values.projection as number).toBeLessThan(1200);
    expect(lagShortfall!.message.en).toContain(`The trend projects`);
    expect(lagShortfall!.message.en).toContain('short of the target 1,200');

    for (const id of [ids.lagPace, ids.flipPace]) {
      const alert = await detailOf(app, id);
      expect(alert.escalated).toBe(true);
      expect(kindsOf(alert)).toEqual([
        ['fired', '2022-04-08'],
        ['escalated', '2022-04-22'],
      ]);
      expect(alert.history[1]?.values).toEqual({ reason: 'unacknowledged' });
    }
  });

  it('routes by role: the leader hears of warnings and escalations, the analyst of everything too', async () => {
    // So far: both behind_pace alerts fired (info) and were escalated; both projection_shortfall
    // alerts fired (warning). Reporters hear of their own department's targets (info and up); the
    // other department's reporter of nothing.
    const items = async (who: SignedIn) =>
      (await inboxOf(who)).items.map((i) => `${i.event} ${i.alert?.id}`).sort();
    const all = [
      `fired ${ids.lagPace}`,
      `fired ${ids.flipPace}`,
      `escalated ${ids.lagPace}`,
      `escalated ${ids.flipPace}`,
      `fired ${ids.lagShortfall}`,
      `fired ${ids.flipShortfall}`,
    ].sort();
    expect(await items(analyst)).toEqual(all);
    expect(await items(reporter)).toEqual(all);
    // The info alerts' firing does not reach the leader; their escalation does.
    expect(await items(leader)).toEqual(
      all.filter((i) => i !== `fired ${ids.lagPace}` && i !== `fired ${ids.flipPace}`),
    );
    expect(await items(otherReporter)).toEqual([]);
    // Administrators hear of warnings and up; an escalation of an info alert is for leaders.
    const admin = await okBody(await call(app, 'GET', '/inbox?limit=200'), InboxSchema);
    expect(admin.items.map((i) => `${i.event} ${i.alert?.id}`).sort()).toEqual(
      [`fired ${ids.lagShortfall}`, `fired ${ids.flipShortfall}`].sort(),
    );
    expect((await inboxOf(leader)).unread).toBe(4);
    expect((await inboxOf(analyst)).unread).toBe(6);
    expect((await inboxOf(otherReporter)).unread).toBe(0);
  });

  it('marks one inbox item read, and then all; never another user’s', async () => {
    const inbox = await inboxOf(leader);
    const first = inbox.items[0]!;
    const read = (who: SignedIn, path: string) => callAs(app, who.bearer, 'POST', path, {});
    // Someone else's item: nothing happens to it.
    expect((await read(analyst, `/inbox/${first.id}/read`)).status).toBe(204);
    expect((await inboxOf(leader)).unread).toBe(4);
    expect((await inboxOf(analyst)).unread).toBe(6);

    expect((await read(leader, `/inbox/${first.id}/read`)).status).toBe(204);
    const after = await inboxOf(leader);
    expect(after.unread).toBe(3);
    expect(after.items.find((i) => i.id === first.id)?.read).toBe(true);
    const unread = await okBody(
      await callAs(app, leader.bearer, 'GET', '/inbox?unread=true'),
      InboxSchema,
    );
    expect(unread.items.map((i) => i.id)).not.toContain(first.id);
    expect(unread.items).toHaveLength(3);

    expect((await read(leader, '/inbox/read-all')).status).toBe(204);
    const none = await inboxOf(leader);
    expect(none.unread).toBe(0);
    expect(none.items.every((i) => i.read)).toBe(true);
    expect((await inboxOf(analyst)).unread).toBe(6);
  });

  it('keeps a cleared alert firing for keepFiringForDays, resolves one without at once', async () => {
    // 2022-05-08: FLIP's April (recorded 2022-05-05) meets the target. Its behind_pace clears and
    // keeps firing for 10 days from this evaluation; its projection_shortfall (keep 0) resolves now.
    // LAG's projection_shortfall, fired 2022-04-22, is 14 days unacknowledged on 2022-05-06:
    // escalated on this evaluation.
    const summary = await evaluate('2022-05-08');
    expect(summary).toMatchObject({ fired: 0, resolved: 1, escalated: 1 });
    expect((await detailOf(app, ids.flipPace)).status).toBe('firing');
    const flipShortfall = await detailOf(app, ids.flipShortfall);
    expect(flipShortfall.status).toBe('resolved');
    expect(kindsOf(flipShortfall)).toEqual([
      ['fired', '2022-04-22'],
      ['resolved', '2022-05-08'],
    ]);
    const lagShortfall = await detailOf(app, ids.lagShortfall);
    expect(kindsOf(lagShortfall).at(-1)).toEqual(['escalated', '2022-05-08']);
    // The leader hears of the escalation and of the resolution (both warnings).
    const leaderInbox = await inboxOf(leader);
    expect(leaderInbox.unread).toBe(2);
    expect(
      leaderInbox.items
        .filter((i) => !i.read)
        .map((i) => `${i.event} ${i.alert?.id}`)
        .sort(),
    ).toEqual([`escalated ${ids.lagShortfall}`, `resolved ${ids.flipShortfall}`].sort());
  });

  it('refuses an acknowledgement from a reporter or key of another department: alert_not_yours', async () => {
    for (const who of [otherReporter.bearer, otherKey]) {
      await errorBody(await acknowledge(who, ids.lagShortfall), 403, 'alert_not_yours');
    }
    expect((await detailOf(app, ids.lagShortfall)).status).toBe('firing');
  });

  it('refuses to acknowledge a resolved alert: alert_resolved', async () => {
    await errorBody(await acknowledge(reporter.bearer, ids.flipShortfall), 409, 'alert_resolved');
  });

  it('refuses a catch-up date before the day the alert fired, naming catchUpDate', async () => {
    const issues = await issuesOf(
      await acknowledge(reporter.bearer, ids.lagShortfall, { catchUpDate: '2022-04-21' }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ path: 'body.catchUpDate', code: 'catch_up_before_fired' }),
    ]);
  });

  it('refuses a catch-up date that is not ahead of the as-of day, naming catchUpDate', async () => {
    // The walk stands on 2022-05-08: a date after the alert fired (2022-04-22) but not after that
    // day is no promise; the day after is the first one accepted (checked below with the real answer).
    for (const catchUpDate of ['2022-04-30', '2022-05-08']) {
      const issues = await issuesOf(
        await acknowledge(reporter.bearer, ids.lagShortfall, { catchUpDate }),
      );
      expect(issues, catchUpDate).toEqual([
        expect.objectContaining({ path: 'body.catchUpDate', code: 'catch_up_not_ahead' }),
      ]);
    }
    // Six years on is not ahead of the as-of day either when the clock says 2028.
    const clock = app.server.app.get(Clock);
    clock.pin('2028-06-01');
    try {
      const issues = await issuesOf(
        await callAs(app, reporter.bearer, 'POST', `/alerts/${ids.lagShortfall}/acknowledge`, {
          comment: '资金到位晚于预期',
          cause: 'funding',
          plan: '6月起每月新增120个',
          catchUpDate: '2022-09-30',
        }),
      );
      expect(issues).toEqual([
        expect.objectContaining({ path: 'body.catchUpDate', code: 'catch_up_not_ahead' }),
      ]);
    } finally {
      clock.pin(TODAY);
    }
    expect((await detailOf(app, ids.lagShortfall)).status).toBe('firing');
  });

  it('lets the lead department acknowledge, with its comment, cause, plan and catch-up date', async () => {
    const body: Acknowledge = {
      comment: '二季度资金到位晚于预期',
      cause: 'funding',
      plan: '6月起每月新增150个',
      catchUpDate: '2022-05-20',
    };
    const acknowledged = await okBody(
      await acknowledge(reporter.bearer, ids.lagShortfall, body),
      AlertDetailSchema,
    );
    expect(acknowledged).toMatchObject({
      status: 'acknowledged',
      // Acknowledging answers the escalation.
      escalated: false,
      acknowledgement: {
        by: reporter.user.username,
        comment: body.comment,
        cause: 'funding',
        plan: body.plan,
        catchUpDate: '2022-05-20',
      },
    });
    const event = acknowledged.history.find((e) => e.kind === 'acknowledged');
    expect(event).toMatchObject({
      status: 'acknowledged',
      actor: reporter.user.username,
      values: { cause: 'funding', catchUpDate: '2022-05-20' },
    });
    expect(event?.note).toContain(body.comment);
    expect(event?.note).toContain(body.plan);
    expect((await listAlerts(app, `plan=${PLAN}&status=acknowledged`)).map((a) => a.id)).toEqual([
      ids.lagShortfall,
    ]);

    // The lead department's key and an analyst may too; the day after the as-of day is fine.
    const byKey = await okBody(
      await acknowledge(leadKey, ids.lagPace, { catchUpDate: '2022-05-09' }),
      AlertDetailSchema,
    );
    expect(byKey.acknowledgement?.by).toMatch(/^zbk_/);
    const byAnalyst = await okBody(
      await acknowledge(analyst.bearer, ids.flipPace, { cause: 'data' }),
      AlertDetailSchema,
    );
    expect(byAnalyst).toMatchObject({ status: 'acknowledged', acknowledgement: { cause: 'data' } });
  });

  it('resolves the kept alert on the first evaluation 10 days after its condition cleared', async () => {
    // Cleared on 2022-05-08: still firing on 2022-05-17 (9 days), resolved on 2022-05-18 (10 days).
    await evaluate('2022-05-17');
    expect((await detailOf(app, ids.flipPace)).status).toBe('acknowledged');
    await evaluate('2022-05-18');
    const flipPace = await detailOf(app, ids.flipPace);
    expect(flipPace.status).toBe('resolved');
    expect(flipPace.history.filter((e) => e.kind !== 'acknowledged').map((e) => e.kind)).toEqual([
      'fired',
      'escalated',
      'resolved',
    ]);
    expect(flipPace.history.find((e) => e.kind === 'resolved')?.asOf).toBe('2022-05-18');
    await errorBody(await acknowledge(analyst.bearer, ids.flipPace), 409, 'alert_resolved');
  });

  it('escalates an acknowledged alert again once its catch-up date has passed', async () => {
    // Catch-up by 2022-05-20: not passed as of that day, passed as of 2022-05-21.
    expect(await evaluate('2022-05-20')).toMatchObject({ escalated: 0 });
    expect((await detailOf(app, ids.lagShortfall)).escalated).toBe(false);
    expect(await evaluate('2022-05-21')).toMatchObject({ escalated: 1 });
    const lagShortfall = await detailOf(app, ids.lagShortfall);
    expect(lagShortfall).toMatchObject({ status: 'acknowledged', escalated: true });
    const escalations = lagShortfall.history.filter((e) => e.kind === 'escalated');
    expect(escalations.map((e) => [e.asOf, e.values.reason])).toEqual([
      ['2022-05-08', 'unacknowledged'],
      ['2022-05-21', 'catch_up_passed'],
    ]);
    const leaderItems = (await inboxOf(leader)).items;
    expect(
      leaderItems.filter((i) => i.alert?.id === ids.lagShortfall && i.event === 'escalated'),
    ).toHaveLength(2);
  });

  it('only moves forward: an earlier day than the last evaluated is refused', async () => {
    const refused = await errorBody(
      await call(app, 'POST', '/alerts/evaluate?asOf=2022-05-20'),
      409,
      'alerts_evaluated_later',
    );
    for (const value of [PLAN, '2022-05-20', '2022-05-21'])
      expect(refused.message).toContain(value);
  });

  it('refuses a silence that ends before now, naming endsAt', async () => {
    // The walk stands on 2022-05-21: a silence over by then would tell nobody of nothing.
    const issues = await issuesOf(
      await onWalkDay(() =>
        call(app, 'POST', '/silences', {
          indicator: FLIP,
          startsAt: '2022-05-01T00:00:00+08:00',
          endsAt: '2022-05-20T00:00:00+08:00',
          reason: '4月数据更正中',
        }),
      ),
    );
    expect(issues).toEqual([
      expect.objectContaining({ path: 'body.endsAt', code: 'silence_ends_past' }),
    ]);
    const silences = await okBody(await call(app, 'GET', '/silences'), z.array(SilenceSchema));
    expect(silences.filter((s) => s.indicator === FLIP)).toEqual([]);
  });

  it('fires again after a resolve as a new alert, silenced under a silence: recorded, nobody told', async () => {
    const silence = await okBody(
      await onWalkDay(() =>
        call(app, 'POST', '/silences', {
          indicator: FLIP,
          startsAt: '2022-06-01T00:00:00+08:00',
          endsAt: '2022-07-01T00:00:00+08:00',
          reason: '4月数据更正中',
        }),
      ),
      SilenceSchema,
      201,
    );
    expect(silence).toMatchObject({ indicator: FLIP, department: null, rule: null });
    const inboxes = await Promise.all([leader, analyst, reporter].map(inboxOf));

    // 2022-06-08: April corrected to 9 (recorded 2022-06-05): 52 by May, behind again.
    const summary = await evaluate('2022-06-08');
    expect(summary.fired).toBe(1);
    const [again] = await open(FLIP, 'behind_pace');
    ids.flipPaceAgain = again!.id;
    expect(again).toMatchObject({
      firedAsOf: '2022-06-08',
      previousId: ids.flipPace,
      silenced: true,
      status: 'firing',
    });
    expect(again!.values.actual).toBe(52);
    expect((await detailOf(app, again!.id)).history[0]?.note).toBe(`silenced: ${silence.reason}`);
    // Nobody's inbox has it.
    for (const [i, who] of [leader, analyst, reporter].entries()) {
      const inbox = await inboxOf(who);
      expect(inbox.items.filter((item) => item.alert?.id === again!.id)).toEqual([]);
      expect(inbox.unread).toBe(inboxes[i]!.unread);
    }
    // FLIP's projection_shortfall holds again: pending, not fired.
    expect(await open(FLIP, 'projection_shortfall')).toEqual([]);
  });

  it('evaluates as of today after a user submits figures', async () => {
    // A figure the lead department's reporter sends through the API starts an evaluation of every
    // plan in progress as of today (2022-07-20): the second evaluation in a row at which FLIP's
    // projection falls short, so it fires — after the one resolved on 2022-05-08. The silenced
    // behind_pace alert is escalated (14 days), still telling nobody.
    const before = (await inboxOf(analyst)).unread;
    const res = await callAs(app, reporter.bearer, 'POST', '/measurements', {
      items: [
        {
          indicator: LAG,
          region: PROVINCE,
          period: '2022-06',
          value: 11,
          valueType: 'increment',
          note: '更正6月数据',
        },
      ],
    });
    expect(SubmissionReportSchema.parse(await res.json())).toMatchObject({ accepted: 1 });

    await expect
      .poll(() => open(FLIP, 'projection_shortfall'), { timeout: 15_000, interval: 200 })
      .toEqual([expect.objectContaining({ firedAsOf: TODAY, previousId: ids.flipShortfall })]);
    const again = await detailOf(app, ids.flipPaceAgain);
    expect(kindsOf(again)).toEqual([
      ['fired', '2022-06-08'],
      ['escalated', TODAY],
    ]);
    const analystInbox = await inboxOf(analyst);
    // The analyst hears of FLIP's projection and of LAG's June correction: 11 among steady tens is
    // an outlier (data_anomaly, info). The submitted figure is recorded on the pinned today, so the
    // evaluation it starts sees it.
    expect(analystInbox.unread).toBe(before + 2);
    expect(
      analystInbox.items.slice(0, 2).map((i) => [i.event, i.alert?.rule, i.alert?.indicator]),
    ).toEqual([
      ['fired', 'projection_shortfall', FLIP],
      ['fired', 'data_anomaly', LAG],
    ]);
    expect(analystInbox.items.filter((i) => i.alert?.id === ids.flipPaceAgain)).toEqual([]);
    // Forward only, for the scheduler too.
    await errorBody(
      await call(app, 'POST', '/alerts/evaluate?asOf=2022-07-19'),
      409,
      'alerts_evaluated_later',
    );
  });

  // After the last evaluation of the walk: changing rules and silences now changes no alert above.

  it('tunes a rule for one indicator, and goes back to the default when that is deleted', async () => {
    const params = rule({ threshold: 3 }, DEFAULT_ALERT_RULES.stalled);
    const tuned = await okBody(
      await call(app, 'PUT', `/indicators/${LAG}/alert-rules/stalled`, { params }),
      AlertRuleSchema,
    );
    expect(tuned).toMatchObject({ rule: 'stalled', indicator: LAG, enabled: true, params });
    const rules = await okBody(
      await call(app, 'GET', `/alert-rules?indicator=${LAG}`),
      z.array(AlertRuleSchema),
    );
    expect(rules.filter((r) => r.rule === 'stalled').map((r) => r.indicator)).toEqual([null, LAG]);
    expect((await call(app, 'DELETE', `/indicators/${LAG}/alert-rules/stalled`)).status).toBe(204);
    // Nothing tuned any more: nothing to delete.
    expect((await call(app, 'DELETE', `/indicators/${LAG}/alert-rules/stalled`)).status).toBe(404);
  });

  it('ends a silence, and answers 404 for one that does not exist', async () => {
    const silence = await okBody(
      await call(app, 'POST', '/silences', {
        rule: 'stalled',
        endsAt: '2099-01-01T00:00:00+08:00',
        reason: '测试结束静默',
      }),
      SilenceSchema,
      201,
    );
    expect(silence.active).toBe(true);
    expect((await call(app, 'DELETE', `/silences/${silence.id}`)).status).toBe(204);
    const silences = await okBody(await call(app, 'GET', '/silences'), z.array(SilenceSchema));
    expect(silences.find((s) => s.id === silence.id)?.active).toBe(false);
    await errorBody(await call(app, 'DELETE', '/silences/987654321'), 404, 'silence_not_found');
  });
});
