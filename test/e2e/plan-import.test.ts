import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const PLAN_TEXT = path.resolve('seeds/digital-shandong-2020/plan.zh-Hant.txt');
const TITLE = '数字山东2020行动方案（导入）';

describe('importing a plan from its text in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;
  let text: string;

  beforeAll(async () => {
    app = await startAppProcess();
    browser = await launchChromium();
    text = await readFile(PLAN_TEXT, 'utf8');
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(width: number, height: number, url: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
    await signIn(context, app.url);
    const page = await context.newPage();
    await page.goto(`${app.url}${url}`);
    return page;
  }

  const noHorizontalOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** Fills the import form with the plan's text pasted, and opens the draft it makes. */
  async function importText(page: Page, code: string): Promise<void> {
    await page.getByTestId('import-code').fill(code);
    await page.getByTestId('import-title').fill(TITLE);
    const year = page.locator('[data-testid="import-year"] input');
    await year.fill('2020');
    await year.blur();
    await page.getByTestId('import-text-input').fill(text);
    await submitImport(page);
  }

  async function submitImport(page: Page): Promise<void> {
    await page.getByTestId('import-submit').click();
    await page.waitForURL(/\/plans\/import\/\d+$/, { timeout: 30_000 });
  }

  const targetRow = (page: Page, key: string) =>
    page.locator('[data-list="targets"] .draft-row', {
      has: page.locator(`[data-testid="row-no"][data-key="${key}"]`),
    });
  /** The row keys that have a highlight in the text. */
  const highlighted = (page: Page) =>
    page
      .getByTestId('highlight')
      .evaluateAll((marks) => [
        ...new Set(marks.flatMap((m) => (m.getAttribute('data-keys') ?? '').split(' '))),
      ]);

  async function publish(page: Page): Promise<void> {
    await page.getByTestId('draft-publish').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
  }

  it('reads a pasted plan into a draft beside its text, names a row that fails on publishing, then publishes it', async () => {
    const page = await open(1366, 900, '/plans/import');
    await importText(page, 'DS2020B');

    // Twelve targets, each highlighted in the text; eighteen milestones under the other tab.
    await expect.poll(() => page.locator('[data-list="targets"] .draft-row').count()).toBe(12);
    const keys = await highlighted(page);
    expect(keys.filter((k) => k.startsWith('t'))).toHaveLength(12);
    expect(keys.filter((k) => k.startsWith('m')).length).toBeGreaterThan(0);
    expect(await page.getByTestId('tab-targets').textContent()).toContain('12');
    expect(await page.getByTestId('draft-code').textContent()).toBe('DS2020B');
    expect(await page.getByTestId('draft-year').textContent()).toBe('2020');
    await page.screenshot({ path: path.join(SHOTS, 'plan-import-draft.png') });

    // A highlight selects its row; a row selects its highlight.
    const fiveG = page.locator('[data-testid="highlight"][data-keys~="t12"]').first();
    expect(await fiveG.textContent()).toContain('5G');
    await fiveG.click();
    await expect
      .poll(() => targetRow(page, 't12').getByTestId('row-no').getAttribute('data-selected'))
      .toBe('true');
    expect(await targetRow(page, 't12').getAttribute('class')).toContain('is-selected');
    await targetRow(page, 't2').getByTestId('row-no').click();
    await expect
      .poll(() =>
        page.locator('[data-testid="highlight"][data-keys~="t2"]').first().getAttribute('class'),
      )
      .toContain('selected');
    expect(await fiveG.getAttribute('class')).not.toContain('selected');

    // Row 3 without lead departments: publishing names the row and the field, in the row too.
    const row3 = targetRow(page, 't3');
    const leadTags = row3.getByTestId('row-lead').locator('.el-tag__close');
    expect(await leadTags.count()).toBeGreaterThan(0);
    while ((await leadTags.count()) > 0) await leadTags.first().click();
    await expect.poll(() => page.getByTestId('draft-unsaved').isVisible()).toBe(true);
    await publish(page);
    const summary = page.getByTestId('draft-issues');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const issues = await page.getByTestId('draft-issue').allTextContents();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^\s*第 3 行 牵头单位：/);
    expect(await row3.getByTestId('cell-issue').textContent()).toContain('牵头单位');
    expect(await row3.getAttribute('class')).toContain('has-issue');
    expect(new URL(page.url()).pathname).toMatch(/^\/plans\/import\/\d+$/);
    await page.screenshot({ path: path.join(SHOTS, 'plan-import-refused.png') });

    // Fixed: the row's message goes, and publishing opens the new plan with its targets.
    await row3.getByTestId('row-lead').locator('.el-select__wrapper').click();
    await page.keyboard.type('大数据');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '省大数据局' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => row3.getByTestId('cell-issue').count()).toBe(0);
    await publish(page);
    await page.waitForURL(`${app.url}/plans/DS2020B`);
    await expect.poll(() => page.getByTestId('plan-title').textContent()).toBe(TITLE);
    expect(await page.getByTestId('plan-indicator-count').textContent()).toContain('12');
    await expect.poll(() => page.getByTestId('plan-indicator').count()).toBe(12);
    const fiveGTarget = page.getByTestId('plan-indicator').filter({ hasText: '新开通5G基站' });
    const fiveGText = (await fiveGTarget.textContent()) ?? '';
    expect(fiveGText).toContain('40,000');
    expect(fiveGText).toContain('2020-12-31');
    expect(fiveGText).toContain('省工业和信息化厅');
    await page.context().close();
  });

  it('reads a GBK file on a phone, then shows the text above the rows, without sideways scrolling', async () => {
    const page = await open(390, 844, '/plans/import');
    await expect.poll(() => page.getByTestId('import-form').isVisible()).toBe(true);
    expect(await noHorizontalOverflow(page)).toBe(true);

    // A GBK file, as Chinese Windows saves it: its text, and a title and year from its name.
    await page.getByTestId('import-code').fill('DS2020P');
    await page.getByTestId('import-file').setInputFiles({
      name: '数字山东2020行动方案.txt',
      mimeType: 'text/plain',
      buffer: iconv.encode(text, 'gbk'),
    });
    await expect.poll(() => page.getByTestId('import-text-input').inputValue()).toBe(text);
    expect(await page.getByTestId('import-title').inputValue()).toBe('数字山东2020行动方案');
    expect(await page.locator('[data-testid="import-year"] input').inputValue()).toBe('2020');
    await submitImport(page);
    await expect.poll(() => page.locator('[data-list="targets"] .draft-row').count()).toBe(12);
    expect(await noHorizontalOverflow(page)).toBe(true);
    const textBox = await page.getByTestId('import-text').boundingBox();
    const rowsBox = await page.getByTestId('draft-table').first().boundingBox();
    expect(textBox && rowsBox && textBox.y + textBox.height <= rowsBox.y).toBe(true);

    // The text scrolls in its own box to the sentence of a row selected below it.
    await targetRow(page, 't12').getByTestId('row-no').click();
    const mark = page.locator('[data-testid="highlight"][data-keys~="t12"]').first();
    await expect.poll(() => mark.getAttribute('class')).toContain('selected');
    await expect
      .poll(() =>
        mark.evaluate((el) => {
          const pane = el.closest('[data-testid="import-text"]')!.getBoundingClientRect();
          const box = el.getBoundingClientRect();
          return box.top >= pane.top && box.bottom <= pane.bottom;
        }),
      )
      .toBe(true);
    expect(await noHorizontalOverflow(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'plan-import-phone.png'), fullPage: true });
    await page.context().close();
  });
});
