import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const TODAY = '2020-11-12';
const QINGDAO = '370200';
const PAGE = `/indicators/DS2020-5G?region=${QINGDAO}`;

describe('entering a monthly plan from the target page in Chromium', () => {
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

  async function open(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
    await signIn(context, app.url);
    const page = await context.newPage();
    await page.goto(`${app.url}${PAGE}`);
    return page;
  }

  const row = (page: Page, period: string) =>
    page.locator(`[data-testid="monthly-plan-row"][data-period="${period}"]`);

  async function enter(page: Page, period: string, value: string): Promise<void> {
    const input = row(page, period).locator('input');
    await input.fill(value);
    await input.press('Tab');
  }

  it('refuses a bad row in its row, saves a plan the progress then measures against, and goes back to the line', async () => {
    const page = await open(1366, 900);
    const curve = page.getByTestId('progress-plan-curve').locator('[data-curve]');
    await expect.poll(() => curve.getAttribute('data-curve')).toBe('line');
    const verdict = page.getByTestId('progress-verdict');
    await expect.poll(() => verdict.getAttribute('data-region')).toBe(QINGDAO);
    const paceOnLine = await page.getByTestId('figure-pace').textContent();

    await page.getByTestId('progress-edit-plan').click();
    const dialog = page.getByTestId('monthly-plan-dialog');
    await expect.poll(() => dialog.getByTestId('monthly-plan-row').count()).toBe(12);
    expect(await dialog.getByTestId('monthly-plan-current').textContent()).toContain('直线');
    expect(await dialog.textContent()).toContain('青岛市');

    // Nothing entered: said before any request.
    await dialog.getByTestId('monthly-plan-save').click();
    await expect
      .poll(() => dialog.getByTestId('monthly-plan-list-error').textContent())
      .toContain('至少填写一期');

    // From the line, then a negative value: the API's refusal lands in its row.
    await dialog.getByTestId('monthly-plan-fill').click();
    await expect.poll(() => row(page, '2020-12').locator('input').inputValue()).not.toBe('');
    const december = Number(await row(page, '2020-12').locator('input').inputValue());
    expect(december).toBeGreaterThan(0);
    await enter(page, '2020-03', '-5');
    await dialog.getByTestId('monthly-plan-save').click();
    const error = row(page, '2020-03').getByTestId('monthly-plan-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/-5|−5/);
    expect(await dialog.getByTestId('monthly-plan-error').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'monthly-plan-refused.png') });

    // Fixed, and October's plan well above the line: the city is now behind its own plan.
    await enter(page, '2020-03', '500');
    await enter(page, '2020-10', String(december));
    await dialog.getByTestId('monthly-plan-note').fill('按季度建设计划');
    await dialog.getByTestId('monthly-plan-save').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // The plan counts from the day it was saved: the page moves to that day.
    await page.waitForURL((url) => url.searchParams.get('asOf') === TODAY);
    expect(new URL(page.url()).searchParams.get('region')).toBe(QINGDAO);
    await expect.poll(() => curve.getAttribute('data-curve')).toBe('monthly');
    await expect.poll(() => page.getByTestId('figure-pace').textContent()).not.toBe(paceOnLine);
    const chart = page.getByTestId('progress-chart');
    expect(await chart.getAttribute('data-series')).toContain('plan');
    await page.screenshot({ path: path.join(SHOTS, 'monthly-plan-saved.png'), fullPage: true });

    // Reopened: the plan as saved, then back to the straight line.
    await page.getByTestId('progress-edit-plan').click();
    await expect
      .poll(() => dialog.getByTestId('monthly-plan-current').textContent())
      .toContain('12 期');
    expect(await dialog.getByTestId('monthly-plan-current').textContent()).toContain(
      '按季度建设计划',
    );
    expect(Number(await row(page, '2020-10').locator('input').inputValue())).toBe(december);
    await dialog.getByTestId('monthly-plan-back-to-line').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => curve.getAttribute('data-curve')).toBe('line');
    await page.context().close();
  });

  it('fits a phone: the dialog fills the screen and its table does not scroll sideways', async () => {
    const page = await open(390, 844);
    await page.getByTestId('progress-edit-plan').click();
    const dialog = page.getByTestId('monthly-plan-dialog');
    await expect.poll(() => dialog.getByTestId('monthly-plan-row').count()).toBe(12);
    await dialog.getByTestId('monthly-plan-fill').click();
    const box = await dialog.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    const table = dialog.locator('.table-wrap');
    expect(await table.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(
      true,
    );
    await page.screenshot({ path: path.join(SHOTS, 'monthly-plan-phone.png') });
    await page.context().close();
  });
});
