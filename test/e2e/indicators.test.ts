import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');

describe('the indicators page in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAppProcess();
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(width: number, language: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript((lang) => localStorage.setItem('zhibiao.language', lang), language);
    await signIn(context, app.url);
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    return page;
  }

  it('lists the twelve indicators of the 2020 plan from the database, with their targets, deadlines and lead units', async () => {
    const page = await open(1366, 'zh-CN');
    await expect.poll(() => page.locator('.indicator-row').count()).toBe(12);
    expect(page.url()).toBe(`${app.url}/indicators`);
    await expect
      .poll(() => page.getByTestId('plan-title').textContent())
      .toBe('数字山东2020行动方案');
    const fiveG = page.locator('.indicator-row', { hasText: 'DS2020-5G' });
    await expect.poll(() => fiveG.textContent()).toContain('不少于 40,000个');
    const text = (await fiveG.textContent()) ?? '';
    expect(text).toContain('2020-12-31');
    expect(text).toContain('省工业和信息化厅');
    expect(text).toContain('新开通5G基站');
    // The department chart is drawn on a canvas.
    await expect
      .poll(() => page.locator('[data-testid="workload-chart"] canvas').count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'indicators-desktop.png'), fullPage: true });
    await page.context().close();
  });

  it('switches to English and back', async () => {
    const page = await open(1366, 'zh-CN');
    await expect.poll(() => page.locator('.indicator-row').count()).toBe(12);
    await page.getByRole('button', { name: 'English' }).click();
    const fiveG = page.locator('.indicator-row', { hasText: 'DS2020-5G' });
    await expect.poll(() => fiveG.textContent()).toContain('at least 40,000');
    expect(await fiveG.textContent()).toContain('New 5G base stations opened');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => fiveG.textContent()).toContain('不少于 40,000个');
    await page.context().close();
  });

  it('shows the indicators as cards on a phone', async () => {
    const page = await open(390, 'zh-CN');
    await expect.poll(() => page.locator('.indicator-card').count()).toBe(12);
    expect(await page.locator('.indicator-row').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'indicators-phone.png'), fullPage: true });
    await page.context().close();
  });

  it('takes an old link to /targets to the indicators, keeping its query', async () => {
    const page = await open(1366, 'zh-CN');
    await page.goto(`${app.url}/targets?plan=DS2020`);
    await page.waitForURL(`${app.url}/indicators?plan=DS2020`);
    await expect.poll(() => page.locator('.indicator-row').count()).toBe(12);
    await page.context().close();
  });

  it('answers an unknown page with a way back', async () => {
    const page = await open(1366, 'en');
    await page.goto(`${app.url}/no/such/page`);
    await expect.poll(() => page.getByText('Page not found').count()).toBe(1);
    await page.getByRole('button', { name: 'Back to the indicators' }).click();
    await expect.poll(() => page.locator('.indicator-row').count()).toBe(12);
    await page.context().close();
  });
});
