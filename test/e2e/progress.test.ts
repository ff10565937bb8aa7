import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
// The demo year has figures for January–October 2020; on this day October's are in.
const PAGE = '/indicators/DS2020-5G?asOf=2020-11-12';
const QINGDAO = '370200';
const ZIBO = '370300';
const STATUS_LABELS = [
  '已达成',
  '进度正常',
  '存在风险',
  '进度滞后',
  '逾期未达成',
  '数据未按期更新',
];

/** How many different colours a sample of the chart's canvas pixels holds (1: blank). */
function canvasColours(chart: Locator): Promise<number> {
  return chart.evaluate((element) => {
    const colours = new Set<string>();
    for (const canvas of element.querySelectorAll('canvas')) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      // Every 7th pixel: enough to meet lines, bars and labels.
      for (let i = 0; i < data.length; i += 4 * 7) {
        colours.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
      }
    }
    return colours.size;
  });
}

/** A fingerprint of what the chart draws now, to tell that it changed. */
function canvasImage(chart: Locator): Promise<string> {
  return chart.evaluate((element) =>
    [...element.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|'),
  );
}

describe('the progress picture of a target in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAppProcess({ APP_TODAY: '2020-11-12' });
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(width: number, height: number, url = PAGE): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
    await signIn(context, app.url);
    const page = await context.newPage();
    await page.goto(`${app.url}${url}`);
    return page;
  }

  it('shows the status, the sentence, the key figures and a chart with the plan, target and projection', async () => {
    const page = await open(1366, 900);
    const chart = page.getByTestId('progress-chart');
    await expect.poll(() => chart.getAttribute('data-series')).toBeTruthy();
    const series = ((await chart.getAttribute('data-series')) ?? '').split(',');
    expect(series).toEqual(
      expect.arrayContaining(['actual', 'plan', 'target', 'projection', 'increments']),
    );

    // The canvas is drawn: lines, bars and labels in many colours, not one blank fill.
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => canvasColours(chart)).toBeGreaterThan(20);
    const box = await chart.boundingBox();
    expect(box?.height).toBeGreaterThan(300);

    const status = page.getByTestId('progress-verdict').getByTestId('progress-status');
    await expect.poll(() => status.isVisible()).toBe(true);
    expect(STATUS_LABELS).toContain((await status.textContent())?.trim());
    expect(await status.getAttribute('data-status')).toBe('on_track');
    const explanation = page.getByTestId('progress-explanation');
    expect(await explanation.textContent()).toContain('截至2020-10为3.41万个');
    expect(await explanation.textContent()).toContain('2020年12月底预计');
    expect(await page.getByTestId('figure-actual').textContent()).toContain('34,113个');
    expect(await page.getByTestId('figure-completion').textContent()).toContain('%');
    expect(await page.getByTestId('figure-method').textContent()).toMatch(/Holt|线性趋势/);

    // One row per city, the province below them.
    await expect.poll(() => page.getByTestId('city-row').count()).toBe(16);
    expect(await page.getByTestId('province-row').textContent()).toContain('34,113个');
    await page.screenshot({ path: path.join(SHOTS, 'progress-desktop.png'), fullPage: true });
    await page.context().close();
  });

  it('switches the region from the selector and from the table, keeping it in the URL', async () => {
    const page = await open(1366, 900);
    const chart = page.getByTestId('progress-chart');
    const verdict = page.getByTestId('progress-verdict');
    await expect.poll(() => canvasColours(chart)).toBeGreaterThan(20);
    expect(await verdict.getAttribute('data-region')).toBe('370000');
    const province = await canvasImage(chart);

    await page.getByTestId('progress-region').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '青岛市' }).click();
    await page.waitForURL((url) => url.searchParams.get('region') === QINGDAO);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2020-11-12');
    await expect.poll(() => verdict.getAttribute('data-region')).toBe(QINGDAO);
    await expect.poll(() => page.getByTestId('figure-actual').textContent()).toContain('4,919个');
    expect(await chart.getAttribute('data-series')).toContain('projection');
    await expect.poll(() => canvasImage(chart)).not.toBe(province);
    const qingdao = await canvasImage(chart);
    expect(await page.locator(`[data-testid="city-row"].current`).getAttribute('data-region')).toBe(
      QINGDAO,
    );

    // Sorted by pace, slowest first, then a row opens its city.
    await page.getByTestId('progress-sort-pace').click();
    const paces = await page
      .getByTestId('city-row')
      .evaluateAll((rows) => rows.map((row) => row.children[4]?.textContent?.trim() ?? ''));
    // Percentage points ahead of (+) or behind (−) the plan curve.
    const numbers = paces.map((p) => Number(p.replace('−', '-')));
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    await page.locator(`[data-testid="city-row"][data-region="${ZIBO}"]`).click();
    await page.waitForURL((url) => url.searchParams.get('region') === ZIBO);
    await expect.poll(() => verdict.getAttribute('data-region')).toBe(ZIBO);
    await expect.poll(() => canvasImage(chart)).not.toBe(qingdao);

    // The URL alone reproduces the view.
    await page.reload();
    await expect.poll(() => verdict.getAttribute('data-region')).toBe(ZIBO);
    await page.context().close();
  });

  it('fits a phone: no sideways scrolling, the cities in the same table with fewer columns', async () => {
    const page = await open(390, 844);
    const chart = page.getByTestId('progress-chart');
    await expect.poll(() => canvasColours(chart)).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('city-row').count()).toBe(16);
    // One table at every width: a phone keeps the city, latest figure, pace and status.
    const table = page.locator('.city-table');
    expect(await table.count()).toBe(1);
    expect(await table.locator('thead th:visible').count()).toBe(4);
    const tableBox = await table.boundingBox();
    expect(tableBox?.width).toBeLessThanOrEqual(390);
    const overflow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    const box = await chart.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);

    await page.locator(`[data-testid="city-row"][data-region="${QINGDAO}"]`).click();
    await page.waitForURL((url) => url.searchParams.get('region') === QINGDAO);
    await expect
      .poll(() => page.getByTestId('progress-verdict').getAttribute('data-region'))
      .toBe(QINGDAO);
    await page.screenshot({ path: path.join(SHOTS, 'progress-phone.png'), fullPage: true });
    await page.context().close();
  });

  it('says when there are no figures yet, and offers a retry when loading fails', async () => {
    // January's figures are due in February: on 2020-01-20 nothing is known.
    const page = await open(1366, 900, '/indicators/DS2020-5G?asOf=2020-01-20');
    await expect.poll(() => page.getByTestId('progress-no-data').isVisible()).toBe(true);
    expect(
      await page
        .getByTestId('progress-verdict')
        .getByTestId('progress-status')
        .getAttribute('data-status'),
    ).toBe('no_data');
    expect(await page.getByTestId('progress-chart').count()).toBe(0);

    const failing = '**/api/v1/indicators/DS2020-5G/progress?**';
    await page.route(failing, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{}' }),
    );
    await page.goto(`${app.url}${PAGE}`);
    await expect.poll(() => page.getByTestId('progress-error').isVisible()).toBe(true);
    await page.unroute(failing);
    await page.getByTestId('progress-retry').click();
    await expect.poll(() => canvasColours(page.getByTestId('progress-chart'))).toBeGreaterThan(20);
    await page.context().close();
  });

  it('says so when a city has no target, and still shows its figures', async () => {
    const page = await open(
      1366,
      900,
      '/indicators/DS2020-SMART-AGRI?asOf=2020-11-12&region=370200',
    );
    const verdict = page.getByTestId('progress-verdict');
    await expect.poll(() => verdict.getAttribute('data-region')).toBe(QINGDAO);
    expect(await verdict.getByTestId('progress-status').textContent()).toContain('无分解目标');
    expect(await page.getByTestId('progress-explanation').textContent()).toContain(
      '该地区没有分解目标',
    );
    const chart = page.getByTestId('progress-chart');
    await expect.poll(() => chart.getAttribute('data-series')).toBe('actual,increments');
    await page.context().close();
  });
  it('colours every target of the plan page by its status, ranks the furthest behind and the cities, for the day in the URL', async () => {
    const page = await open(1366, 900, '/plans/DS2020');
    const summary = page.getByTestId('plan-progress');
    await expect.poll(() => summary.isVisible()).toBe(true);
    // The default day: when the latest figures were recorded or approved (October's, on the 6th).
    expect(await summary.textContent()).toContain('截至 2020-11-06');
    const counts = await page
      .getByTestId('status-counts')
      .locator('[data-status] strong')
      .allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(12);
    const targets = page.getByTestId('plan-indicator');
    expect(await targets.count()).toBe(12);
    expect(await page.getByTestId('indicator-progress').count()).toBe(12);
    expect(
      await page
        .locator(
          '[data-testid="plan-indicator"][data-code="DS2020-SMART-AGRI"] [data-testid="indicator-progress"]',
        )
        .getAttribute('data-status'),
    ).toBe('off_track');
    expect(
      await page.getByTestId('furthest-behind').locator('li').first().getAttribute('data-code'),
    ).toBe('DS2020-SMART-AGRI');
    expect(await page.getByTestId('city-composite').count()).toBe(16);

    // Another day through the picker: kept in the URL, carried to the targets' links.
    await page.getByTestId('plan-as-of').locator('input').fill('2020-06-12');
    await page.getByTestId('plan-as-of').locator('input').press('Enter');
    await page.waitForURL(/asOf=2020-06-12/);
    await expect.poll(() => summary.textContent()).toContain('截至 2020-06-12');
    const link = page.locator('[data-testid="plan-indicator"][data-code="DS2020-5G"] a').first();
    expect(await link.getAttribute('href')).toBe('/indicators/DS2020-5G?asOf=2020-06-12');
    await page.screenshot({ path: path.join(SHOTS, 'plan-progress-desktop.png'), fullPage: true });
    await page.context().close();
  });

  it('shows milestones late after their deadline, and fits a phone', async () => {
    const page = await open(390, 844, '/plans/DS2020?asOf=2021-01-10');
    await expect.poll(() => page.getByTestId('plan-progress').isVisible()).toBe(true);
    // 28 node tasks (seed version 4), 5 of them done in the demo year by October.
    expect(await page.getByTestId('milestone-late').count()).toBe(23);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'plan-progress-phone.png'), fullPage: true });
    await page.context().close();
  });
});
