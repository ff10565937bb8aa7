import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportingStatusReport } from '@zhibiao/contracts';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn, signInThroughPage } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const DEMO_PASSWORD = 'demo-password-2020';
// The demo's day is 2020-11-08: the board and the calendar open on October, the last ended month.
const PERIOD = '2020-10';
const PLAN = 'DS2020';
const COMMENT = '济南市的数值与统计公报不一致，请核对后重新报送。';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 900 } };

interface ApprovalsAnswer {
  rows: { department: { code: string; name: string }; state: string }[];
}

describe('the monthly reporting cycle in Chromium: board, approval, reminders, calendar', () => {
  let app: AppProcess;
  let browser: Browser;
  /** The October status as the API answers it to the bureau. */
  let status: ReportingStatusReport;
  /** The unit whose October figures the bureau returned (through the API), and its reporter. */
  let returned: { code: string; name: string };
  /** A unit whose October figures wait for approval, approved in the browser. */
  let pending: { code: string; name: string };

  beforeAll(async () => {
    app = await startAppProcess({ DEMO_USERS: '1', DEMO_PASSWORD });
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
    // October under approval (the demo year approves from July): the units' figures wait for the
    // bureau. Turned on here if a demo without it is running.
    const admin = await browser.newContext();
    await signIn(admin, app.url);
    const csrf = (await admin.cookies()).find((c) => c.name === 'zb_csrf')?.value ?? '';
    const approvals = `${app.url}/api/v1/reporting/approvals?plan=${PLAN}&period=${PERIOD}`;
    const setting = (await (await admin.request.get(approvals)).json()) as {
      underApproval: boolean;
    };
    if (!setting.underApproval) {
      const put = await admin.request.put(`${app.url}/api/v1/plans/${PLAN}/approval`, {
        data: { approvalFrom: PERIOD },
        headers: { 'X-CSRF-Token': csrf },
      });
      expect(put.status()).toBe(200);
    }
    const rows = ((await (await admin.request.get(approvals)).json()) as ApprovalsAnswer).rows;
    // One unit's figures wait for approval (省教育厅's, in the demo): approved in the browser.
    pending = rows.find((r) => r.state === 'pending')!.department;
    // Another unit's, approved or pending, the bureau returns (through the API); its reporter (one
    // per lead department, named by its code) finds the comment on their calendar.
    let found: { code: string; name: string } | undefined;
    for (const row of rows) {
      if (row.department.code === pending.code) continue;
      if (row.state !== 'approved' && row.state !== 'pending') continue;
      const probe = await browser.newContext();
      const login = await probe.request.post(`${app.url}/api/v1/auth/login`, {
        data: { username: row.department.code, password: DEMO_PASSWORD },
      });
      await probe.close();
      if (login.ok()) {
        found = row.department;
        break;
      }
    }
    expect(found, 'a unit to return with a demo reporter').toBeDefined();
    returned = found!;
    const back = await admin.request.post(`${app.url}/api/v1/reporting/approvals`, {
      data: {
        plan: PLAN,
        period: PERIOD,
        department: returned.code,
        action: 'return',
        comment: COMMENT,
      },
      headers: { 'X-CSRF-Token': csrf },
    });
    expect(back.status()).toBe(201);
    // What the board should show, after the return.
    const got = await admin.request.get(
      `${app.url}/api/v1/reporting/status?period=${PERIOD}&plan=${PLAN}`,
    );
    expect(got.status()).toBe(200);
    status = (await got.json()) as ReportingStatusReport;
    await admin.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(
    username: string,
    options: Parameters<Browser['newContext']>[0],
  ): Promise<BrowserContext> {
    const context = await browser.newContext(options);
    await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
    await signIn(context, app.url, username, DEMO_PASSWORD);
    return context;
  }

  const noSideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

  it("shows the bureau October's rates and each expected report's status, filters in the URL", async () => {
    const context = await signedIn('analyst', DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/reporting/board`);
    await expect
      .poll(() => page.getByTestId('board-period').locator('input').inputValue())
      .toBe(PERIOD);
    const completeness = page.getByTestId('rate-completeness');
    await expect.poll(() => completeness.textContent()).toContain(pct(status.rates.completeness));
    expect(await page.getByTestId('rate-timeliness').textContent()).toContain(
      pct(status.rates.timeliness),
    );
    expect(await completeness.textContent()).toContain('完整率');

    // A cell says its status by colour, glyph and title.
    const row = status.rows.find((r) => r.status === 'late') ?? status.rows[0]!;
    const unit = page.locator(
      `[data-testid="reporting-unit"][data-department="${row.department.code}"]`,
    );
    const item = row.indicator?.code ?? row.measure?.code ?? '';
    const cell = unit
      .locator(
        `[data-testid="reporting-cell"][data-item="${item}"][data-status="${row.status}"]` +
          (row.region ? `[data-region="${row.region.code}"]` : ''),
      )
      .first();
    const title = await cell.getAttribute('title');
    expect(title).toContain(row.due);
    const words = { late: '逾期报送', submitted: '按时报送', missing: '未报送', due: '待报送' };
    expect(title).toContain({ ...words, returned: '已退回' }[row.status]);

    // A status chip filters; the URL keeps it, and so does a reload.
    await page.locator('[data-testid="reporting-count"][data-status="missing"]').click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'missing');
    await page.reload();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="reporting-count"][data-status="missing"]')
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    const statuses = await page
      .getByTestId('reporting-cell')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(statuses.length ? ['missing'] : []));
    // The kind filter too.
    await page.getByTestId('board-filter-kind').click();
    await page.locator('.el-select-dropdown__item[data-kind="figure"]').click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'figure');
    expect(new URL(page.url()).searchParams.get('status')).toBe('missing');
    await page.screenshot({
      path: path.join(SHOTS, 'reporting-board-desktop.png'),
      fullPage: true,
    });
    await context.close();
  });

  it('reads on a phone: the rates and the grid, nothing sideways', async () => {
    const context = await signedIn('analyst', PHONE);
    const page = await context.newPage();
    await page.goto(`${app.url}/reporting/board`);
    await expect
      .poll(() => page.getByTestId('rate-completeness').textContent())
      .toContain(pct(status.rates.completeness));
    expect(await page.getByTestId('reporting-unit').count()).toBeGreaterThan(0);
    expect(await noSideways(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'reporting-board-phone.png'), fullPage: true });
    await context.close();
  });

  it('approves a pending unit from the approval queue', async () => {
    const context = await signedIn('analyst', DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/reporting/board?tab=approval`);
    const row = page.locator(`[data-testid="approval-row"][data-department="${pending.code}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('pending');
    // What changed is a click away.
    await row.getByTestId('approval-expand').click();
    await expect.poll(() => row.getByTestId('approval-changes').isVisible()).toBe(true);
    await row.getByTestId('approval-approve').click();
    // Gone from the pending queue; approved among all.
    await expect.poll(() => row.count()).toBe(0);
    await page.locator('[data-testid="approvals-state"] [data-state="all"]').click();
    await page.waitForURL((url) => url.searchParams.get('state') === 'all');
    await expect.poll(() => row.getAttribute('data-state')).toBe('approved');
    expect(await row.getByTestId('approval-state').textContent()).toContain('已审核·锁定');
    await context.close();
  });

  it('reminds a unit now, and the second time the same day says why not as the API words it', async () => {
    const context = await signedIn('analyst', DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/reporting/board`);
    // A unit that owes something, other than the one returned (it heard of its return today).
    const unit = page
      .locator(`[data-testid="reporting-unit"]:not([data-department="${returned.code}"])`)
      .filter({ has: page.getByTestId('reporting-remind') })
      .first();
    const button = unit.getByTestId('reporting-remind');
    await expect.poll(() => button.count()).toBe(1);
    const name = (await unit.getByTestId('reporting-unit-name').textContent())!.trim();
    await button.click();
    const result = unit.getByTestId('reporting-remind-result');
    await expect.poll(() => result.textContent()).toContain(`已向 ${name} 发送催报提醒`);
    await button.click();
    await expect.poll(() => result.textContent()).toContain(`已向 ${name} 发送过催报提醒`);
    expect(await result.textContent()).toContain('每个单位每天最多一次');
    // The reminder is in 提醒记录.
    await page.getByRole('tab', { name: '提醒记录' }).click();
    await expect
      .poll(() => page.locator('[data-testid="reminder"]').first().textContent())
      .toContain(name);
    await context.close();
  });

  it("lands a reporter on their calendar after signing in, a returned item with the bureau's comment", async () => {
    for (const [size, options] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const context = await browser.newContext(options);
      await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
      const page = await context.newPage();
      await page.goto(`${app.url}/`);
      await page.waitForURL((url) => url.pathname === '/login');
      await signInThroughPage(page, returned.code, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/reporting/calendar');
      const current = page.locator(`[data-testid="calendar-period"][data-period="${PERIOD}"]`);
      await expect
        .poll(() => current.getByTestId('calendar-return-comment').first().textContent())
        .toContain(COMMENT);
      expect(await current.getByTestId('approval-state').first().textContent()).toContain('已退回');
      expect(await page.getByTestId('calendar-chart').isVisible()).toBe(true);
      expect(await noSideways(page)).toBe(true);
      await page.screenshot({
        path: path.join(SHOTS, `reporting-calendar-${size}.png`),
        fullPage: true,
      });
      await context.close();
    }
  });
});
