import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const DEMO_PASSWORD = 'demo-password-2020';
// On 2020-12-03 November is open and the demo year (January–October) has no figure for it yet.
const TODAY = '2020-12-03';
const PERIOD = '2020-11';
const JINAN = `DS2020-5G|370100|${PERIOD}`;
// Row 3 (Zibo) holds a negative count in column D (value).
const CSV = [
  'indicator,region,period,value,valueType,note',
  `DS2020-5G,370200,${PERIOD},80,increment,`,
  `DS2020-5G,370300,${PERIOD},-3,increment,`,
  '',
].join('\n');

describe('reporting monthly figures in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startAppProcess({ DEMO_USERS: '1', DEMO_PASSWORD, APP_TODAY: TODAY });
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('zhibiao.language', 'zh-CN'));
    // The demo reporter of the telecom regulator reports 5G sites for the 16 cities.
    await signIn(context, app.url, 'communications-administration', DEMO_PASSWORD);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  const entryRow = (key: string): Locator =>
    page.locator('tr.entry-row').filter({ has: page.locator(`[data-row="${key}"]`) });

  async function typeValue(row: Locator, value: string): Promise<void> {
    // The text input itself: what is typed is read as an upload reads it (4.8万, １２０, 40,000).
    const input = row.getByTestId('entry-value');
    await input.fill(value);
    await input.press('Tab');
  }

  it('checks a typed figure, shows the finding on its cell, and stores it once corrected', async () => {
    await page.goto(`${app.url}/reporting`);
    await expect.poll(() => page.getByTestId('nav-reporting').isVisible()).toBe(true);
    // Without a month in the URL the form opens on the latest month that takes figures.
    await expect
      .poll(() => page.getByTestId('reporting-month').locator('input').inputValue())
      .toBe(PERIOD);
    expect(await page.getByTestId('reporting-department').textContent()).toContain('省通信管理局');

    const row = entryRow(JINAN);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('entry-state').textContent()).toBe('可填报');
    expect(await row.getByTestId('entry-current').textContent()).toBe('—');

    await typeValue(row, '-5');
    await page.getByTestId('entry-check').click();
    const summary = page.getByTestId('entry-summary');
    await expect.poll(() => summary.getAttribute('data-status')).toBe('invalid');
    const note = row.locator('[data-testid="finding-note"][data-code="negative_count"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.textContent()).toContain('数量不能为负数：-5');
    expect(await row.locator('.field.is-error').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'reporting-check.png') });

    await typeValue(row, '120');
    // A corrected cell no longer shows what was said about the old value.
    await expect.poll(() => note.count()).toBe(0);
    await page.getByTestId('entry-check').click();
    await expect.poll(() => summary.getAttribute('data-status')).toBe('valid');

    // A double click stores the figure once (the history below shows one submission).
    await page.getByTestId('entry-submit').dblclick();
    await expect.poll(() => summary.getAttribute('data-status')).toBe('applied');
    expect(await summary.textContent()).toContain('可入库 1 行');
    await expect.poll(() => row.getByTestId('entry-current').textContent()).toBe('120个');
    expect(await page.getByTestId('entry-count').textContent()).toContain('已修改 0 行');

    // The figure's revisions: one, current, by the reporter.
    await row.getByTestId('entry-revisions').click();
    const dialog = page.getByTestId('revisions-dialog');
    await expect.poll(() => dialog.locator('.revision-row').count()).toBe(1);
    expect(await dialog.locator('.revision-row').textContent()).toContain('120个');
    expect(await dialog.getByTestId('revision-current').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('checks an uploaded CSV, marks the bad cell with its message, and stores the valid row', async () => {
    await page.locator('#tab-upload').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'upload');

    // The template of the month downloads as a workbook.
    const template = await page.getByTestId('upload-template').getAttribute('href');
    expect(template).toContain(`period=${PERIOD}`);
    const workbook = await context.request.get(`${app.url}${template}`);
    expect(workbook.status()).toBe(200);
    expect(workbook.headers()['content-type']).toContain('spreadsheetml');

    await page
      .getByTestId('upload-drop')
      .locator('input[type=file]')
      .setInputFiles({ name: '5g-november.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const summary = page.getByTestId('upload-summary');
    await expect.poll(() => summary.getAttribute('data-status')).toBe('invalid');
    expect(await page.getByTestId('upload-confirm').isDisabled()).toBe(true);

    const bad = page.locator('[data-testid="preview-cell"][data-cell="D3"]');
    await expect.poll(() => bad.count()).toBe(1);
    expect(await bad.getAttribute('class')).toContain('is-error');
    await bad.hover();
    const tooltip = page.locator('.el-popper:visible', { hasText: '数量不能为负数：-3' });
    await expect.poll(() => tooltip.count()).toBe(1);
    const listed = page.locator('[data-testid="finding"][data-cell="D3"]');
    expect(await listed.textContent()).toContain('数量不能为负数：-3');
    await page.screenshot({ path: path.join(SHOTS, 'reporting-upload.png'), fullPage: true });

    // Keep the valid row: checked again with partial, then sent.
    await page.getByTestId('upload-partial').click();
    await expect.poll(() => page.getByTestId('upload-confirm').isDisabled()).toBe(false);
    await page.getByTestId('upload-confirm').click();
    await expect.poll(() => summary.getAttribute('data-status')).toBe('partially_applied');
    expect(await summary.textContent()).toContain('可入库 1 行');

    // The entry form shows the stored figure as the current one.
    await page.locator('#tab-entry').click();
    await expect
      .poll(() => entryRow(`DS2020-5G|370200|${PERIOD}`).getByTestId('entry-current').textContent())
      .toBe('80个');
    await page.locator('#tab-upload').click();
  });

  it('lists both submissions with their original files and opens one with its findings', async () => {
    await page.locator('#tab-history').click();
    const rows = page.locator('.submission-row');
    // Newest first: the upload, then the entry form's figure, then the demo year.
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    const upload = rows.nth(0);
    const typed = rows.nth(1);
    expect(await upload.getByTestId('submission-source').textContent()).toBe('CSV 文件');
    expect(await upload.getByTestId('submission-status').textContent()).toBe('部分入库');
    expect(await typed.getByTestId('submission-status').textContent()).toBe('已入库');
    expect(await rows.nth(2).getByTestId('submission-source').textContent()).toBe('初始数据');

    const file = upload.getByTestId('submission-file');
    expect(await file.textContent()).toBe('5g-november.csv');
    const original = await context.request.get(`${app.url}${await file.getAttribute('href')}`);
    expect(original.status()).toBe(200);
    expect(await original.text()).toBe(CSV);
    const body = await context.request.get(
      `${app.url}${await typed.getByTestId('submission-file').getAttribute('href')}`,
    );
    expect(body.status()).toBe(200);
    expect(await body.text()).toContain('"value":120');

    await upload.getByTestId('submission-details').click();
    const drawer = page.getByTestId('submission-drawer');
    const finding = drawer.locator('[data-testid="finding"][data-code="negative_count"]');
    await expect.poll(() => finding.count()).toBe(1);
    expect(await finding.textContent()).toContain('D3');
    await page.screenshot({ path: path.join(SHOTS, 'reporting-history.png') });
  });
  it('reads 4.8万 typed into the form as 48,000 and refuses a count with a fraction', async () => {
    // The submission opened above is closed first.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.el-overlay:visible').count()).toBe(0);
    await page.locator('#tab-entry').click();
    const key = `DS2020-5G|370600|${PERIOD}`;
    const row = entryRow(key);
    await expect.poll(() => row.count()).toBe(1);

    // Said as it is typed, before anything is sent: 4.8 个 is no count.
    await typeValue(row, '4.8');
    const fraction = row.locator('[data-testid="finding-note"][data-code="fractional_count"]');
    await expect.poll(() => fraction.count()).toBe(1);
    expect(await fraction.textContent()).toContain('4.8 不是整数');
    await page.getByTestId('entry-check').click();
    await expect.poll(() => page.getByText('有的数值无法读取或不是整数').count()).toBe(1);

    // Read as an upload reads it: 万 is 10,000, said beside the input.
    await typeValue(row, '4.8万');
    await expect.poll(() => fraction.count()).toBe(0);
    expect(await page.getByText('有的数值无法读取或不是整数').count()).toBe(0);
    const wan = row.locator('[data-testid="finding-note"][data-code="number_with_wan"]');
    await expect.poll(() => wan.count()).toBe(1);
    expect(await wan.textContent()).toContain('按 48000 读取');
    await page.screenshot({ path: path.join(SHOTS, 'reporting-wan.png') });
    await page.getByTestId('entry-submit').click();
    const summary = page.getByTestId('entry-summary');
    await expect.poll(() => summary.getAttribute('data-status')).toBe('applied');
    await expect.poll(() => row.getByTestId('entry-current').textContent()).toBe('48,000个');
    // The rows nobody filled in are not reported this time, and the form says how many.
    expect(await page.getByTestId('entry-blank').textContent()).toMatch(/\d+ 行未填写，本次不报送/);
  });

  it('checks a file sent again against the figures in force and says plainly what it changes', async () => {
    const WEIFANG = `DS2020-5G|370700|${PERIOD}`;
    const csv = (value: number) =>
      [
        'indicator,region,period,value,valueType,note',
        `DS2020-5G,370700,${PERIOD},${value},increment,`,
        // Left blank: not reported this time, never an error.
        `DS2020-5G,370800,${PERIOD},,increment,`,
        '',
      ].join('\n');
    const summary = page.getByTestId('upload-summary');
    const sentBefore = page.getByTestId('upload-sent-before');
    async function choose(value: number): Promise<void> {
      await page
        .getByTestId('upload-drop')
        .locator('input[type=file]')
        .setInputFiles({
          name: `5g-${value}.csv`,
          mimeType: 'text/csv',
          buffer: Buffer.from(csv(value)),
        });
      await expect.poll(() => summary.getAttribute('data-status')).toBe('valid');
    }
    async function confirm(): Promise<void> {
      await expect.poll(() => page.getByTestId('upload-confirm').isDisabled()).toBe(false);
      await page.getByTestId('upload-confirm').click();
      await expect.poll(() => summary.getAttribute('data-status')).toBe('applied');
    }

    await page.locator('#tab-upload').click();
    await choose(300);
    expect(await page.getByTestId('upload-blank').textContent()).toBe('未填写 1 行（本次不报送）');
    expect(await page.getByTestId('upload-findings').count()).toBe(0);
    await confirm();
    // A typo corrected the wrong way: 3000.
    await choose(3000);
    await confirm();

    // The first file again: its check says it was sent before, on which day, and what it changes.
    await choose(300);
    await expect.poll(() => sentBefore.getAttribute('data-code')).toBe('file_sent_before_changes');
    expect(await sentBefore.textContent()).toContain(`这个文件已于 ${TODAY} 提交过`);
    expect(await sentBefore.textContent()).toContain('本次提交将改动 1 行');
    expect(await summary.textContent()).toContain('可入库 1 行');
    const back = page.locator('[data-testid="finding"][data-code="changes_back"]');
    expect(await back.textContent()).toContain('现行数值 3000 将改回 300');
    await page.screenshot({ path: path.join(SHOTS, 'reporting-sent-again.png'), fullPage: true });
    await confirm();
    await page.locator('#tab-entry').click();
    await expect
      .poll(() => entryRow(WEIFANG).getByTestId('entry-current').textContent())
      .toBe('300个');

    // Once more: nothing in it differs now, so there is nothing to send, and the page says so.
    await page.locator('#tab-upload').click();
    await choose(300);
    await expect
      .poll(() => sentBefore.getAttribute('data-code'))
      .toBe('file_sent_before_unchanged');
    expect(await sentBefore.textContent()).toContain('现行数据与文件一致：本次不作任何改动');
    expect(await summary.textContent()).toContain('可入库 0 行');
    expect(await page.getByTestId('upload-confirm').isDisabled()).toBe(true);
  });
});
