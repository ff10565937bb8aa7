import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const FIVE_G = 'DS2020-5G';

describe('editing who reports what in Chromium', () => {
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

  it('assigns 济南市政府 to report the 5G indicator for Jinan only, and lists it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
    await signIn(context, app.url);
    const page = await context.newPage();
    await page.goto(`${app.url}/users`);
    await page.locator('#tab-assignments').click();
    await page.waitForURL(`${app.url}/users?tab=assignments`);

    const row = page.locator('.assignment-row', { hasText: FIVE_G });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByTestId('edit-assignment').click();

    const dialog = page.getByTestId('assignment-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByTestId('assignment-department').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '济南市政府' }).click();
    // Start from nothing, then tick Jinan alone.
    await dialog.getByTestId('assignment-select-none').click();
    await dialog.locator('[data-region="370100"]').click();
    await page.getByTestId('assignment-save').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const entry = row.getByTestId('assignment-entry').filter({ hasText: '济南市政府' });
    await expect.poll(() => entry.count()).toBe(1);
    expect((await entry.textContent())?.replace(/\s+/g, '')).toBe('济南市政府济南市');
    await page.screenshot({ path: path.join(SHOTS, 'assignments-desktop.png'), fullPage: true });

    // The API holds it too.
    const response = await context.request.get(
      `${app.url}/api/v1/assignments?department=jinan-government&indicator=${FIVE_G}`,
    );
    expect(await response.json()).toEqual([
      {
        department: { code: 'jinan-government', name: '济南市政府' },
        indicator: FIVE_G,
        regions: ['370100'],
      },
    ]);
    await context.close();
  });
});
