import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

// A fresh start with no setting (no APP_TODAY): the demo year shows as the bureau saw it on its day,
// the header says so, and every page takes "today" from the server, not from the browser's clock.

const SHOTS = path.resolve('test-results');
const DEMO_DAY = '2020-11-08';

describe('the demo’s day in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAppProcess({});
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(url: string, { width = 1366, height = 900 } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
    await signIn(context, app.url);
    const page = await context.newPage();
    // The browser's own clock says a day years on: nothing may take "today" from it.
    await page.clock.setFixedTime(new Date('2026-12-07T10:00:00+08:00'));
    await page.goto(`${app.url}${url}`);
    return page;
  }

  it('says in the header that the figures are a demo, and on which day it stands', async () => {
    for (const width of [1366, 390]) {
      const page = await open('/plans/DS2020', { width, height: 844 });
      const tag = page.getByTestId('day-tag');
      await expect.poll(() => tag.textContent()).toBe(`演示数据 · ${DEMO_DAY}`);
      expect(await tag.getAttribute('data-kind')).toBe('demo');
      expect(await tag.isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(
        true,
      );
      await page.screenshot({ path: path.join(SHOTS, `demo-day-${width}.png`) });
      await page.context().close();
    }
  });

  it('opens reporting on the month before the server’s today', async () => {
    const page = await open('/reporting');
    await expect
      .poll(() => page.getByTestId('reporting-month').locator('input').inputValue())
      .toBe('2020-10');
    await page.context().close();
  });

  it('marks a node task done on the server’s today by default', async () => {
    const page = await open('/plans/DS2020');
    const milestone = page.locator('[data-testid="milestone"][data-code="DS2020-M01"]');
    await expect.poll(() => milestone.getAttribute('data-status')).toBe('pending');
    await milestone.getByTestId('milestone-done').click();
    await expect
      .poll(() => page.getByTestId('milestone-done-date').locator('input').inputValue())
      .toBe(DEMO_DAY);
    await page.context().close();
  });
});
