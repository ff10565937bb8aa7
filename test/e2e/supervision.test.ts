import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger, MeasureReport } from '@zhibiao/contracts';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const DEMO_PASSWORD = 'demo-password-2020';
// On 2020-12-03 November is open to report (the demo year holds January–October), and it is the
// month the reports page and the ledger open on by default.
const TODAY = '2020-12-03';
const PERIOD = '2020-11';
const PLAN = 'DS2020';
// 财政业务一体化集中管理: led by the finance department alone, so its report is the ledger's.
const MEASURE = 'DS2020-1.2-3';
const REPORTER = 'finance';
const PROGRESS = '11月完成全省预算管理一体化系统上线，16市全部接入。';
const PROBLEMS = '部分县区历史数据迁移滞后。';
const NEXT_STEPS = '12月底前完成历史数据迁移和核对。';
const COMMENT = '请补充系统上线的佐证材料，并说明县区迁移的时间表。';
// The ledger: 43 measures and 28 node tasks below a title, a subtitle and the headings.
const LEDGER_ROWS = 71;
const HEADER_ROWS = 3;

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 900 } };

describe('supervising the measures in Chromium: report, review, ledger', () => {
  let app: AppProcess;
  let browser: Browser;
  /** The ledger of the month on TODAY before anything was reported (through the API). */
  let before: Ledger;
  /** The report filed on the phone, as the API stored it. */
  let filed: MeasureReport;

  beforeAll(async () => {
    app = await startAppProcess({ DEMO_USERS: '1', DEMO_PASSWORD, APP_TODAY: TODAY });
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
    const context = await signedIn('analyst', DESKTOP);
    const response = await context.request.get(
      `${app.url}/api/v1/ledger?plan=${PLAN}&period=${PERIOD}&asOf=${TODAY}`,
    );
    expect(response.status()).toBe(200);
    before = (await response.json()) as Ledger;
    await context.close();
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

  /** The reporter's card of the measure on /reports (the default month). */
  async function reportCard(page: Page): Promise<Locator> {
    await page.goto(`${app.url}/reports`);
    await expect
      .poll(() => page.getByTestId('reports-month').locator('input').inputValue())
      .toBe(PERIOD);
    const card = page.locator(`[data-testid="report-form"][data-code="${MEASURE}"]`);
    await expect.poll(() => card.count()).toBe(1);
    return card;
  }

  const fieldError = (card: Locator, testid: string): Locator =>
    card
      .locator('.el-form-item')
      .filter({ has: card.page().locator(`textarea[data-testid="${testid}"]`) })
      .locator('.el-form-item__error');

  const statusOption = (card: Locator, status: string): Locator =>
    card.getByTestId(`report-${MEASURE}-status`).locator(`[data-value="${status}"]`);

  it('files the month on a phone: 进展情况 is required, then the report is submitted once', async () => {
    const context = await signedIn(REPORTER, PHONE);
    const page = await context.newPage();
    const card = await reportCard(page);
    expect(await page.getByTestId('reports-unit').textContent()).toContain('省财政厅');
    expect(await card.getAttribute('data-state')).toBe('none');
    expect(await card.textContent()).toContain('财政业务一体化集中管理');
    // Nothing sideways on a phone.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);

    // A status, the other fields, but no progress: refused beside the field, nothing sent.
    await statusOption(card, 'behind').tap();
    await expect
      .poll(() => statusOption(card, 'behind').getAttribute('class'))
      .toContain('is-active');
    await card.locator('textarea[data-testid="report-problems"]').fill(PROBLEMS);
    await card.locator('textarea[data-testid="report-next-steps"]').fill(NEXT_STEPS);
    await card.getByTestId('report-submit').tap();
    const error = fieldError(card, 'report-progress');
    await expect.poll(() => error.textContent()).toContain('提交前请填写进展情况');
    // Under the field, not beside it.
    const textareaBox = await card.locator('textarea[data-testid="report-progress"]').boundingBox();
    const errorBox = await error.boundingBox();
    expect(errorBox!.y).toBeGreaterThanOrEqual(textareaBox!.y + textareaBox!.height - 1);
    expect(await card.getAttribute('data-state')).toBe('none');

    // The same in English, once the language button is pressed (and back to Chinese after).
    await page.locator('button.language').tap();
    await expect.poll(() => page.locator('h1').first().textContent()).not.toContain('月度');
    await statusOption(card, 'behind').tap();
    await card.getByTestId('report-submit').tap();
    await expect
      .poll(() => fieldError(card, 'report-progress').textContent())
      .toContain('Fill in the progress before submitting');
    await page.locator('button.language').tap();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('月度');

    // Filled in: submitted, the card says it waits for the bureau.
    await statusOption(card, 'behind').tap();
    await card.locator('textarea[data-testid="report-progress"]').fill(PROGRESS);
    await card.locator('textarea[data-testid="report-problems"]').fill(PROBLEMS);
    await card.locator('textarea[data-testid="report-next-steps"]').fill(NEXT_STEPS);
    await card.getByTestId('report-submit').tap();
    await expect.poll(() => card.getAttribute('data-state')).toBe('submitted');
    expect(await card.getByTestId('report-state').textContent()).toBe('待审核');
    expect(await card.getByTestId('report-state-hint').textContent()).toContain('已提交');
    // The old error leaves with a short transition.
    await expect.poll(() => fieldError(card, 'report-progress').count()).toBe(0);
    await page.screenshot({
      path: path.join(SHOTS, 'supervision-report-phone.png'),
      fullPage: true,
    });

    // Stored once, as typed: one revision of the month, submitted, by the unit's reporter.
    const response = await context.request.get(
      `${app.url}/api/v1/measures/${MEASURE}/reports?period=${PERIOD}&history=true`,
    );
    expect(response.status()).toBe(200);
    const revisions = (await response.json()) as MeasureReport[];
    const ours = revisions.filter((r) => r.department.code === REPORTER);
    expect(ours).toHaveLength(1);
    filed = ours[0]!;
    expect(filed).toMatchObject({
      period: PERIOD,
      role: 'lead',
      revision: 1,
      state: 'submitted',
      status: 'behind',
      progress: PROGRESS,
      problems: PROBLEMS,
      nextSteps: NEXT_STEPS,
      by: REPORTER,
      late: false,
    });
    await context.close();
  });

  it('is returned by the bureau with a comment, which the unit then sees on its phone', async () => {
    expect(filed).toBeDefined();
    const context = await signedIn('analyst', DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/reviews`);
    const item = page.locator(`[data-testid="review-report"][data-id="${filed.id}"]`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getByTestId('report-progress').textContent()).toBe(PROGRESS);
    expect(await item.getByTestId('report-state').textContent()).toBe('待审核');

    await item.getByTestId('review-return').click();
    const comment = page.locator('textarea[data-testid="return-comment"]');
    await expect.poll(() => comment.isVisible()).toBe(true);
    await comment.fill(COMMENT);
    await page.getByTestId('return-save').click();
    await expect.poll(() => comment.isVisible()).toBe(false);
    await expect
      .poll(() => item.getByTestId('measure-report').getAttribute('data-state'))
      .toBe('returned');
    expect(await item.getByTestId('report-state').textContent()).toBe('已退回');
    expect(await item.getByTestId('report-review').textContent()).toContain(COMMENT);
    expect(await item.getByTestId('review-return').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'supervision-reviews.png') });
    await context.close();

    // The unit's page: the card says returned, why first, and keeps what was written.
    const phone = await signedIn(REPORTER, PHONE);
    const mobile = await phone.newPage();
    const card = await reportCard(mobile);
    await expect.poll(() => card.getAttribute('data-state')).toBe('returned');
    expect(await card.getByTestId('report-state').textContent()).toBe('已退回');
    const returned = card.getByTestId('report-returned');
    expect(await returned.textContent()).toContain(COMMENT);
    expect(await card.locator('textarea[data-testid="report-progress"]').inputValue()).toBe(
      PROGRESS,
    );
    expect(await card.getByTestId('report-submit').textContent()).toContain('重新提交');
    await mobile.screenshot({
      path: path.join(SHOTS, 'supervision-returned-phone.png'),
      fullPage: true,
    });
    await phone.close();
  });

  it('shows the returned report on the ledger of the month and exports it to Excel', async () => {
    const context = await signedIn('analyst', DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/ledger?period=${PERIOD}`);
    const row = page.locator(`[data-testid="ledger-row"][data-code="${MEASURE}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await page.getByTestId('ledger-shown-for').textContent()).toContain(PERIOD);
    expect(await page.getByTestId('ledger-shown-for').textContent()).toContain(TODAY);

    // The counts: the measure moved from 未报送 to 滞后; every row is counted once.
    const count = async (status: string) =>
      Number(
        await page
          .locator(`[data-testid="ledger-count"][data-status="${status}"] .count-n`)
          .textContent(),
      );
    expect(before.counts.not_reported).toBeGreaterThan(0);
    expect(await count('behind')).toBe((before.counts.behind ?? 0) + 1);
    expect(await count('not_reported')).toBe(before.counts.not_reported - 1);
    for (const status of ['done', 'on_track', 'not_started'] as const) {
      expect(await count(status)).toBe(before.counts[status] ?? 0);
    }
    let total = 0;
    for (const status of ['done', 'on_track', 'behind', 'not_started', 'not_reported']) {
      total += await count(status);
    }
    expect(total).toBe(LEDGER_ROWS);
    expect(await page.getByTestId('ledger-row').count()).toBe(LEDGER_ROWS);

    // The measure's row: 滞后, with the returned report's text.
    expect(await row.getAttribute('data-status')).toBe('behind');
    const progress = row.getByTestId('ledger-progress');
    expect(await progress.textContent()).toContain(PROGRESS);
    expect(await progress.getByTestId('report-state').getAttribute('data-state')).toBe('returned');
    expect(await row.textContent()).toContain(PROBLEMS);
    expect(await row.textContent()).toContain(NEXT_STEPS);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'supervision-ledger.png') });

    // 导出 Excel: the workbook of what is on screen.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ledger-export').click(),
    ]);
    expect(download.url()).toContain(`period=${PERIOD}`);
    const file = path.join(SHOTS, 'supervision-ledger.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('任务台账');
    expect(sheet.rowCount).toBe(HEADER_ROWS + LEDGER_ROWS);
    expect(sheet.getCell('A1').text).toContain('2020年11月');
    expect(sheet.getCell('F3').value).toBe('进展情况');
    const numbers: unknown[] = [];
    for (let r = HEADER_ROWS + 1; r <= sheet.rowCount; r += 1) {
      numbers.push(sheet.getRow(r).getCell(1).value);
    }
    expect(numbers).toEqual(Array.from({ length: LEDGER_ROWS }, (_, i) => i + 1));
    const lines = Array.from({ length: LEDGER_ROWS }, (_, i) => sheet.getRow(HEADER_ROWS + 1 + i));
    const line = lines.find((l) => l.getCell(2).value === '财政业务一体化集中管理');
    expect(line).toBeDefined();
    expect(line!.getCell(3).value).toBe('省财政厅');
    expect(line!.getCell(6).value).toBe(PROGRESS);
    expect(line!.getCell(7).value).toBe(PROBLEMS);
    expect(line!.getCell(8).value).toBe(NEXT_STEPS);
    expect(line!.getCell(9).value).toBe('滞后');
    await context.close();
  });
});
