import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
// The demo year is replayed through the evaluator at first start; on this day October's figures are in.
const TODAY = '2020-11-12';
// The demo's lagging target: far behind the plan curve, and projected to miss.
const LAGGING = 'DS2020-SMART-AGRI';
const SHORTFALL_RULES = ['behind_pace', 'projection_shortfall'];
const SEVERITY_LABELS = ['提示', '警告', '严重'];
const STATUS_LABELS = ['预警中', '已确认', '已解除'];

/** How many different colours a sample of the chart's canvas pixels holds (1: blank). */
function canvasColours(chart: Locator): Promise<number> {
  return chart.evaluate((element) => {
    const colours = new Set<string>();
    for (const canvas of element.querySelectorAll('canvas')) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4 * 7) {
        colours.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
      }
    }
    return colours.size;
  });
}

function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

describe('the alert centre in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAppProcess({ APP_TODAY: TODAY });
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(
    url: string,
    { width = 1366, height = 900, language = 'zh-CN' } = {},
  ): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addInitScript((lang) => localStorage.setItem('zhibiao.language', lang), language);
    await signIn(context, app.url);
    const page = await context.newPage();
    await page.goto(`${app.url}${url}`);
    return page;
  }

  /** The id of an open shortfall alert of the lagging target, found through the filters. */
  async function laggingAlert(page: Page): Promise<Locator> {
    await page.goto(`${app.url}/alerts?indicator=${LAGGING}`);
    const rows = page.getByTestId('alert-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const wanted = SHORTFALL_RULES.map(
      (rule) => `[data-testid="alert-row"][data-indicator="${LAGGING}"][data-rule="${rule}"]`,
    ).join(', ');
    return page.locator(wanted).first();
  }

  it('lists the alerts of the 2020 replay, newest first, pages on, and filters through the URL', async () => {
    const page = await open('/alerts');
    await expect.poll(() => page.getByTestId('nav-alerts').isVisible()).toBe(true);
    const rows = page.getByTestId('alert-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);

    // Every row says how bad, which rule, what and where, in a sentence, and since when.
    const first = rows.first();
    expect(SEVERITY_LABELS).toContain(
      (await first.getByTestId('alert-severity').textContent())?.trim(),
    );
    expect(STATUS_LABELS).toContain(
      (await first.getByTestId('alert-status').textContent())?.trim(),
    );
    expect((await first.getByTestId('alert-rule').textContent())?.trim()).not.toBe('');
    expect((await first.getByTestId('alert-message').textContent())?.length).toBeGreaterThan(10);
    expect(await first.textContent()).toContain('数据截至 2020-');
    // The default view holds the open alerts only.
    const statuses = await rows.evaluateAll((list) =>
      list.map((r) => r.getAttribute('data-status')),
    );
    expect(new Set(statuses)).not.toContain('resolved');
    const ids = await rows.evaluateAll((list) =>
      list.map((r) => Number(r.getAttribute('data-id'))),
    );
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    // More than a page (50) of every status: the next one is appended after the last id, newest
    // first still, none twice.
    await page.goto(`${app.url}/alerts?status=all`);
    await expect.poll(() => rows.count()).toBe(50);
    const more = page.getByTestId('alerts-more');
    await expect.poll(() => more.isVisible()).toBe(true);
    await more.click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    const paged = await rows.evaluateAll((list) =>
      list.map((r) => Number(r.getAttribute('data-id'))),
    );
    expect(paged).toEqual([...paged].sort((a, b) => b - a));
    expect(new Set(paged).size).toBe(paged.length);

    // The lagging target is behind the plan, or projected to miss, or both.
    const lagging = await laggingAlert(page);
    expect(await lagging.count()).toBe(1);
    expect(await lagging.getByTestId('alert-message').textContent()).toMatch(/序时进度|按趋势推算/);

    // Severity through the select: kept in the URL, every row of that severity.
    await page.goto(`${app.url}/alerts`);
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await chooseOption(page, page.getByTestId('filter-severity'), '严重');
    await page.waitForURL((url) => url.searchParams.get('severity') === 'critical');
    await expect
      .poll(() => rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-severity'))))
      .toSatisfy((list: unknown[]) => list.length > 0 && list.every((s) => s === 'critical'));
    await chooseOption(page, page.getByTestId('filter-status'), '全部');
    await page.waitForURL((url) => url.searchParams.get('status') === 'all');
    expect(new URL(page.url()).searchParams.get('severity')).toBe('critical');

    // The URL alone reproduces the view.
    await page.reload();
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('filter-severity').textContent()).toContain('严重');
    await page.getByTestId('filter-reset').click();
    await page.waitForURL((url) => url.search === '');
    await page.screenshot({ path: path.join(SHOTS, 'alerts-desktop.png') });
    await page.context().close();
  });

  it('shows an alert with its numbers, its history and the chart as it stood, and takes an acknowledgement', async () => {
    const page = await open('/alerts');
    const lagging = await laggingAlert(page);
    const id = await lagging.getAttribute('data-id');
    await lagging.getByTestId('alert-link').click();
    await page.waitForURL((url) => url.pathname === `/alerts/${id}`);

    const head = page.getByTestId('alert-head');
    await expect.poll(() => head.getAttribute('data-id')).toBe(id);
    expect(SHORTFALL_RULES).toContain(await head.getAttribute('data-rule'));
    expect(await head.textContent()).toContain('智慧农业应用基地');
    expect(await page.getByTestId('alert-message').textContent()).toMatch(/序时进度|按趋势推算/);
    expect(await page.getByTestId('alert-values').locator('[data-key]').count()).toBeGreaterThan(2);

    // History: oldest first, starting with the evaluation that fired it.
    const events = page.getByTestId('alert-event');
    await expect.poll(() => events.count()).toBeGreaterThan(0);
    expect(await events.first().getAttribute('data-kind')).toBe('fired');

    // The chart on the day of the numbers above it (the latest evaluation), with a link to the target
    // page on that day and region; the day it fired one click away.
    const firedAsOf = (await page.getByTestId('alert-fired-as-of').textContent())?.trim() ?? '';
    expect(firedAsOf).toMatch(/^2020-\d\d-\d\d$/);
    const valuesDay = /\d{4}-\d\d-\d\d/.exec(
      (await page.getByTestId('alert-evaluated-as-of').textContent()) ?? '',
    )?.[0];
    expect(valuesDay).toBeDefined();
    const chartSection = page.getByTestId('alert-chart');
    expect(await page.getByTestId('alert-chart-as-of').textContent()).toContain(valuesDay);
    const link = await page.getByTestId('alert-indicator-link').getAttribute('href');
    expect(link).toContain(`/indicators/${LAGGING}?asOf=${valuesDay}&region=`);
    if (valuesDay !== firedAsOf) {
      await page.getByTestId('alert-chart-day').getByText(firedAsOf).click();
      await expect
        .poll(() => page.getByTestId('alert-chart-as-of').textContent())
        .toContain(firedAsOf);
      await page.getByTestId('alert-chart-day').getByText(valuesDay!).click();
    }
    const chart = chartSection.getByTestId('progress-chart');
    await expect.poll(() => chart.count()).toBe(1);
    await expect.poll(() => chart.getAttribute('data-series')).toContain('actual');
    await expect.poll(() => canvasColours(chart)).toBeGreaterThan(20);
    await page.screenshot({ path: path.join(SHOTS, 'alert-desktop.png'), fullPage: true });

    // Saving without the fields: each one says what is missing.
    const form = page.getByTestId('ack-form');
    await expect.poll(() => form.isVisible()).toBe(true);
    await page.getByTestId('ack-submit').click();
    await expect.poll(() => form.locator('.el-form-item.is-error').count()).toBe(4);
    expect(await form.locator('.el-form-item__error').first().textContent()).toContain('必填');

    await chooseOption(page, page.getByTestId('ack-cause'), '资金未到位');
    const date = page.getByTestId('ack-catch-up-date').locator('input');
    await date.fill('2020-12-20');
    await date.press('Enter');
    await page.getByTestId('ack-comment').fill('第三季度资金晚到，基地建设推迟开工。');
    await page.getByTestId('ack-plan').fill('11月起每月新建10个基地，12月20日前补齐。');
    await page.getByTestId('ack-submit').click();

    await expect
      .poll(() => head.getByTestId('alert-status').getAttribute('data-status'))
      .toBe('acknowledged');
    const view = page.getByTestId('ack-view');
    expect(await view.getByTestId('ack-view-cause').textContent()).toContain('资金未到位');
    expect(await view.getByTestId('ack-view-date').textContent()).toContain('2020-12-20');
    expect(await view.textContent()).toContain('11月起每月新建10个基地');
    await expect
      .poll(() => events.evaluateAll((list) => list.map((e) => e.getAttribute('data-kind'))))
      .toContain('acknowledged');

    // The list says so too.
    await page.goto(`${app.url}/alerts?status=acknowledged`);
    await expect
      .poll(() => page.locator(`[data-testid="alert-row"][data-id="${id}"]`).count())
      .toBe(1);
    await page.context().close();
  });

  it('rings the bell with the unread count, opens the latest items and marks them read', async () => {
    const page = await open('/indicators');
    const count = page.getByTestId('inbox-count');
    await expect.poll(() => count.isVisible()).toBe(true);
    expect(await count.textContent()).toMatch(/^(\d+|99\+)$/);

    await page.getByTestId('inbox-bell').click();
    const items = page.getByTestId('inbox-item');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    expect(await items.first().getAttribute('href')).toMatch(/^\/alerts\/\d+$/);
    await page.screenshot({ path: path.join(SHOTS, 'alerts-inbox.png') });
    const href = await items.first().getAttribute('href');
    await items.first().click();
    await page.waitForURL((url) => url.pathname === href);
    await expect.poll(() => page.getByTestId('alert-head').isVisible()).toBe(true);

    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox-read-all').click();
    await expect.poll(() => count.count()).toBe(0);
    expect(
      await items.evaluateAll((list) => list.every((i) => i.getAttribute('data-read') === 'true')),
    ).toBe(true);
    await page.context().close();
  });

  it('silences a rule for a while with a reason, and ends the silence', async () => {
    const page = await open('/alerts?tab=silences');
    await page.getByTestId('silence-create').click();
    const dialog = page.getByTestId('silence-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // No scope and no reason: said beside the fields.
    await page.getByTestId('silence-save').click();
    await expect.poll(() => dialog.textContent()).toContain('请至少选择指标、部门或规则之一');

    await chooseOption(page, page.getByTestId('silence-rule'), '数据异常');
    await page.getByTestId('silence-reason').fill('年底集中核数，暂停异常提醒');
    const endsAt = page.getByTestId('silence-ends-at').locator('input');
    // An end before the start: the API's word lands beside the field.
    await endsAt.fill('2020-01-01 00:00');
    await endsAt.press('Enter');
    await page.getByTestId('silence-save').click();
    const endsAtItem = dialog
      .locator('.el-form-item')
      .filter({ has: page.getByTestId('silence-ends-at') });
    await expect.poll(() => endsAtItem.getAttribute('class')).toContain('is-error');
    expect(await dialog.isVisible()).toBe(true);

    // Silences start now (wall time, not the pinned day): end one next year.
    const until = `${new Date().getFullYear() + 1}-12-31 18:00`;
    await endsAt.fill(until);
    await endsAt.press('Enter');
    await page.getByTestId('silence-save').click();

    const row = page.getByTestId('silence-row').first();
    await expect.poll(() => row.getAttribute('data-active')).toBe('true');
    expect(await row.textContent()).toContain('数据异常');
    expect(await row.textContent()).toContain(until);
    await row.getByTestId('silence-end').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    await page.context().close();
  });

  it('fits a phone: cards instead of the table, no sideways scrolling', async () => {
    const page = await open(`/alerts?indicator=${LAGGING}&status=all`, { width: 390, height: 844 });
    const cards = page.getByTestId('alert-cards');
    await expect.poll(() => cards.getByTestId('alert-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('alert-table').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'alerts-phone.png'), fullPage: true });

    await cards.getByTestId('alert-row').first().click();
    await expect.poll(() => page.getByTestId('alert-head').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('alert-event').count()).toBeGreaterThan(0);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.context().close();
  });

  it('speaks English when the UI does', async () => {
    const page = await open(`/alerts?indicator=${LAGGING}&status=all`, { language: 'en' });
    const rows = page.getByTestId('alert-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('nav-alerts').textContent()).toContain('Alerts');
    const messages = await rows.getByTestId('alert-message').allTextContents();
    expect(messages.some((m) => /Pace|trend|progress|outlier/.test(m))).toBe(true);
    expect(messages.join('')).not.toMatch(/[进按趋]/);
    await page.context().close();
  });
});
