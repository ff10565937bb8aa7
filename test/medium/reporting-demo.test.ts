import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApprovalsSchema,
  PlanProgressSchema,
  ProgressSchema,
  PullRunSchema,
  PullSourceSchema,
  ReportingHistorySchema,
  ReportingStatusSchema,
  type ReportingStatusRow,
} from '@zhibiao/contracts';
import { call, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The demo year's reporting cycle as the bureau sees it on the demo's day (2020-11-08): two units
// always late, DS2020-STARTUPS' July never reported, approval from July with 省教育厅's August returned
// and corrected and its October waiting, and the 5G pull source's runs.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ DEMO_FIGURES: '1' });
});
afterAll(async () => {
  await app?.stop();
});

async function status(query: string) {
  return okBody(
    await call(app, 'GET', `/reporting/status?plan=DS2020&${query}`),
    ReportingStatusSchema,
  );
}

const figureRows = (rows: readonly ReportingStatusRow[], department: string) =>
  rows.filter((r) => r.kind === 'figure' && r.department.code === department);

describe('the demo reporting cycle', () => {
  it('shows the two late units late every month since the plan was issued, and the others on time', async () => {
    const september = await status('period=2020-09');
    for (const unit of ['general-office', 'human-resources-social-security']) {
      const rows = figureRows(september.rows, unit);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.status === 'late')).toBe(true);
    }
    const onTime = figureRows(september.rows, 'education');
    expect(onTime.length).toBe(16); // the 16 cities: the province is their sum
    expect(onTime.every((r) => r.status === 'submitted')).toBe(true);
    // Every figure came in, not every one in time.
    const figures = await status('period=2020-09&kind=figure');
    expect(figures.rates.completeness).toBe(1);
    expect(figures.rates.timeliness).toBeLessThan(1);
    const late = figures.rows.filter((r) => r.status === 'late').length;
    expect(figures.rates.onTime).toBe(figures.rates.expected - late);

    const history = await okBody(
      await call(app, 'GET', '/reporting/history?department=general-office&year=2020'),
      ReportingHistorySchema,
    );
    const months = history.months.filter((m) => m.period >= '2020-04' && m.period <= '2020-09');
    expect(months.map((m) => m.figures.timeliness)).toEqual(months.map(() => 0));
    expect(months.map((m) => m.figures.completeness)).toEqual(months.map(() => 1));
  });

  it("has October still due for the late units on the demo's day, and STARTUPS' July missing", async () => {
    const october = await status('period=2020-10');
    expect(october.asOf).toBe('2020-11-08');
    for (const unit of ['general-office', 'human-resources-social-security']) {
      const rows = figureRows(october.rows, unit);
      expect(rows.map((r) => [r.status, r.closesOn])).toEqual(
        rows.map(() => ['due', '2020-11-10']),
      );
    }
    const july = await status('period=2020-07&kind=figure');
    const startups = july.rows.find((r) => r.indicator?.code === 'DS2020-STARTUPS');
    expect(startups).toMatchObject({ status: 'missing', submittedAt: null });
    expect(july.rates.completeness).toBeLessThan(1);
  });

  it('returned 省教育厅’s August and approved it after the correction; its October waits', async () => {
    const august = await okBody(
      await call(
        app,
        'GET',
        '/reporting/approvals?plan=DS2020&period=2020-08&department=education',
      ),
      ApprovalsSchema,
    );
    expect(august).toMatchObject({ approvalFrom: '2020-07', underApproval: true });
    const [row] = august.rows;
    expect(row?.state).toBe('approved');
    expect(row?.events.map((e) => e.action)).toEqual(['returned', 'approved']);
    expect(row?.events[0]?.comment).toContain('淄博市');

    const october = await okBody(
      await call(app, 'GET', '/reporting/approvals?plan=DS2020&period=2020-10'),
      ApprovalsSchema,
    );
    const education = october.rows.find((r) => r.department.code === 'education');
    expect(education?.state).toBe('pending');
    expect(education?.changes.length).toBe(17);
    expect(october.counts.pending).toBeGreaterThanOrEqual(1);

    // Pending figures do not count yet: the target's latest counted month is September.
    const campus = await okBody(
      await call(app, 'GET', '/indicators/DS2020-DIGITAL-CAMPUS/progress'),
      ProgressSchema,
    );
    expect(campus.actualPeriod).toBe('2020-09');
    // The plan's default day is the latest figure recorded or approved: October's approvals of the 6th.
    const plan = await okBody(await call(app, 'GET', '/plans/DS2020/progress'), PlanProgressSchema);
    expect(plan.asOf).toBe('2020-11-06');
  });

  it('keeps the 5G pull source with its runs: two failures in September, then recovered', async () => {
    const sources = await okBody(
      await call(app, 'GET', '/reporting/sources'),
      z.object({ items: z.array(PullSourceSchema) }),
    );
    expect(sources.items).toHaveLength(1);
    const [source] = sources.items;
    expect(source).toMatchObject({
      enabled: false,
      consecutiveFailures: 0,
      flaggedAt: null,
      indicators: ['DS2020-5G'],
      authHeader: null,
    });
    const runs = await okBody(
      await call(app, 'GET', `/reporting/sources/${source!.id}/runs`),
      z.object({ items: z.array(PullRunSchema) }),
    );
    const september = runs.items
      .filter((r) => r.startedAt.startsWith('2020-09'))
      .map((r) => [r.trigger, r.attempt, r.outcome]);
    expect(september).toEqual([
      ['retry', 3, 'succeeded'],
      ['retry', 2, 'failed'],
      ['schedule', 1, 'failed'],
    ]);
    expect(runs.items).toHaveLength(7);
  });
});
