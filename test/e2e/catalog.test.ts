import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startAppProcess, type AppProcess } from './app-process.js';
import { signIn } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const FIVE_G = 'DS2020-5G';

describe('the plan and indicator pages in Chromium', () => {
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

  async function open(url: string, width = 1366, language: 'zh-CN' | 'en' = 'zh-CN') {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript((lang) => localStorage.setItem('zhibiao.language', lang), language);
    await signIn(context, app.url);
    const page = await context.newPage();
    await page.goto(`${app.url}${url}`);
    return page;
  }

  const historyRows = (page: Page) => page.locator('.history-row');
  const targetInForce = (page: Page) => page.getByTestId('target-in-force').textContent();
  const subTargetOf = (page: Page, region: string) =>
    page
      .locator(`[data-testid="sub-target-row"][data-region="${region}"]`)
      .getByTestId('sub-target-value')
      .textContent();

  async function setNumber(page: Page, testId: string, value: number): Promise<void> {
    const input = page.getByTestId(testId).locator('input');
    await input.fill(String(value));
    await input.blur();
  }

  async function setDate(page: Page, testId: string, date: string): Promise<void> {
    const input = page.getByTestId(testId).locator('input');
    await input.fill(date);
    await input.press('Enter');
  }

  async function noHorizontalScroll(page: Page): Promise<void> {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
  }

  it('shows the plan as sections and tasks, each target and milestone beside its source text', async () => {
    const page = await open('/indicators');
    await page.getByTestId('nav-plans').click();
    await page.waitForURL(`${app.url}/plans/DS2020`);
    await expect.poll(() => page.getByTestId('section').count()).toBe(5);
    expect(await page.getByTestId('task').count()).toBe(12);
    expect(await page.getByTestId('plan-title').textContent()).toBe('数字山东2020行动方案');
    expect(await page.getByTestId('plan-indicator-count').textContent()).toContain('12');
    const titles = await page.getByTestId('section-title').allTextContents();
    expect(titles.map((title) => title.trim().slice(0, 2))).toEqual([
      '一、',
      '二、',
      '三、',
      '四、',
      '五、',
    ]);

    // 四(一): the 5G target with its goal and lead departments, beside the paragraph it comes from.
    const task = page.locator(
      '[data-testid="section"][data-code="DS2020-4"] [data-code="DS2020-4.1"]',
    );
    expect(await task.getByTestId('task-title').textContent()).toContain('加快新型基础设施建设');
    const fiveG = task.locator(`[data-testid="plan-indicator"][data-code="${FIVE_G}"]`);
    const fiveGText = (await fiveG.textContent()) ?? '';
    expect(fiveGText).toContain('新开通5G基站');
    expect(fiveGText).toContain('不少于 40,000个');
    expect(fiveGText).toContain('2020-12-31');
    expect(fiveGText).toContain('省工业和信息化厅');
    expect(await task.getByTestId('source-quote').textContent()).toContain('全省新開通5G基站4萬個');
    // On a desktop the source sits to the right of the structure, not below it.
    const structureBox = await fiveG.boundingBox();
    const quoteBox = await task.getByTestId('source-quote').boundingBox();
    expect(quoteBox!.x).toBeGreaterThan(structureBox!.x + structureBox!.width);

    // Milestones, including section 五, which has no tasks.
    expect(await page.getByTestId('milestone').count()).toBeGreaterThan(0);
    const five = page.locator('[data-testid="section"][data-code="DS2020-5"]');
    expect(await five.getByTestId('milestone').count()).toBeGreaterThan(0);
    expect(await five.getByTestId('source-quote').textContent()).toContain('強化保障措施');
    await page.screenshot({ path: path.join(SHOTS, 'plan-desktop.png'), fullPage: true });

    await fiveG.getByRole('link').click();
    await page.waitForURL(`${app.url}/indicators/${FIVE_G}`);
    await expect
      .poll(() => page.getByTestId('indicator-name').textContent())
      .toContain('新开通5G基站');
    await page.context().close();
  });

  it('links the indicators page to the indicator and plan pages', async () => {
    const page = await open('/indicators');
    const fiveG = page.locator('.indicator-row', { hasText: FIVE_G });
    await fiveG.getByRole('link', { name: '新开通5G基站' }).click();
    await page.waitForURL(`${app.url}/indicators/${FIVE_G}`);
    expect(await page.getByTestId('indicator-code').textContent()).toContain(FIVE_G);
    await page.getByTestId('plan-link').click();
    await page.waitForURL(`${app.url}/plans/DS2020`);
    await expect.poll(() => page.getByTestId('section').count()).toBe(5);
    await page.getByTestId('nav-indicators').click();
    await page.getByTestId('plan-title').getByRole('link').click();
    await page.waitForURL(`${app.url}/plans/DS2020`);
    await page.context().close();
  });

  it('marks a milestone done and not done again', async () => {
    const page = await open('/plans/DS2020');
    const milestone = page.locator('[data-testid="milestone"][data-code="DS2020-M01"]');
    await expect.poll(() => milestone.getAttribute('data-status')).toBe('pending');
    await milestone.getByTestId('milestone-done').click();
    await setDate(page, 'milestone-done-date', '2020-11-20');
    await page.getByTestId('milestone-done-save').click();
    await expect.poll(() => milestone.getAttribute('data-status')).toBe('done');
    expect(await milestone.textContent()).toContain('2020-11-20');

    await milestone.getByTestId('milestone-pending').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => milestone.getAttribute('data-status')).toBe('pending');
    await page.context().close();
  });

  it("shows the 5G indicator's target history and its 16 city sub-targets adding up to 40,000", async () => {
    const page = await open(`/indicators/${FIVE_G}`);
    await expect.poll(() => targetInForce(page)).toContain('不少于 40,000个');
    expect(await page.getByTestId('source-quote').textContent()).toContain('新開通5G基站4萬個');
    expect(await page.getByTestId('details').textContent()).toContain('省通信管理局');
    expect(await page.getByTestId('sub-target-row').count()).toBe(16);
    expect(await page.getByTestId('sub-target-total-value').textContent()).toContain('40,000个');
    expect(await page.getByTestId('sub-target-total').getAttribute('data-match')).toBe('true');
    // One province version and one per city, as seeded.
    expect(await historyRows(page).count()).toBe(17);
    expect(await historyRows(page).first().textContent()).toContain('山东省');
    await page.screenshot({ path: path.join(SHOTS, 'indicator-desktop.png'), fullPage: true });
    await page.context().close();
  });

  it('refuses sub-targets that do not add up, showing why beside the form, and saves a correct change', async () => {
    const page = await open(`/indicators/${FIVE_G}`);
    await expect.poll(() => historyRows(page).count()).toBe(17);

    await page.getByTestId('edit-sub-targets').click();
    const dialog = page.getByTestId('sub-targets-dialog');
    await setDate(page, 'sub-targets-effective-from', '2020-07-01');
    await setNumber(page, 'sub-target-input-370100', 5501);
    // The live total turns red before anything is sent.
    await expect
      .poll(() => dialog.getByTestId('sub-target-sum').getAttribute('data-match'))
      .toBe('false');
    expect(await dialog.getByTestId('sub-target-sum').textContent()).toContain('40,001');
    await dialog.getByTestId('sub-targets-note').fill('济南多分配 1 个');
    await page.getByTestId('sub-targets-save').click();
    // The API's own message, in the UI's language, beside the grid; nothing saved.
    await expect
      .poll(() => dialog.getByTestId('sub-target-list-error').textContent())
      .toContain('不一致');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.reload();
    await expect.poll(() => historyRows(page).count()).toBe(17);
    expect(await subTargetOf(page, '370100')).toContain('5,500个');

    // Moving 1,000 from 青岛 to 济南 keeps the total.
    await page.getByTestId('edit-sub-targets').click();
    await setDate(page, 'sub-targets-effective-from', '2020-07-01');
    await setNumber(page, 'sub-target-input-370100', 6500);
    await setNumber(page, 'sub-target-input-370200', 5000);
    await expect
      .poll(() => dialog.getByTestId('sub-target-sum').getAttribute('data-match'))
      .toBe('true');
    await dialog.getByTestId('sub-targets-note').fill('省工信厅 2020 年 6 月调整通知');
    await page.getByTestId('sub-targets-save').click();
    await expect.poll(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
    await expect.poll(() => historyRows(page).count()).toBeGreaterThan(17);
    expect(await historyRows(page).first().textContent()).toContain('2020-07-01');
    expect(await subTargetOf(page, '370100')).toContain('6,500个');
    expect(await subTargetOf(page, '370200')).toContain('5,000个');
    expect(await page.getByTestId('sub-target-total').getAttribute('data-match')).toBe('true');
    await page.context().close();
  });

  it('changes the province target from a date, while an earlier as-of date still shows the old one', async () => {
    const page = await open(`/indicators/${FIVE_G}`);
    await expect.poll(() => targetInForce(page)).toContain('40,000');
    const before = await historyRows(page).count();

    await page.getByTestId('change-target').click();
    const dialog = page.getByTestId('target-dialog');
    await setDate(page, 'target-effective-from', '2020-09-01');
    await setNumber(page, 'target-value', 45000);
    // Without a reason the form says so and sends nothing.
    await page.getByTestId('target-save').click();
    await expect.poll(() => dialog.locator('.el-form-item__error').count()).toBeGreaterThan(0);
    await dialog.getByTestId('target-note').fill('省政府常务会议决定增加 5,000 个');
    // The old sub-targets would no longer add up: the API says so, and the grid opens.
    await page.getByTestId('target-save').click();
    await expect
      .poll(() => dialog.getByTestId('sub-target-list-error').textContent())
      .toContain('45000');
    // 济南 has 6,500 since July (the test above); it takes the 5,000 more.
    await setNumber(page, 'sub-target-input-370100', 6500 + 5000);
    await expect
      .poll(() => dialog.getByTestId('sub-target-sum').getAttribute('data-match'))
      .toBe('true');
    await page.getByTestId('target-save').click();

    await expect.poll(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
    await expect.poll(() => targetInForce(page)).toContain('不少于 45,000个');
    expect(await historyRows(page).count()).toBe(before + 17);
    const province = historyRows(page).filter({ hasText: '山东省' });
    expect(await province.first().textContent()).toContain('省政府常务会议决定增加 5,000 个');

    // The day before it took effect, the old target was in force; the URL says which day.
    await page.getByTestId('as-of').locator('input').fill('2020-08-31');
    await page.getByTestId('as-of').locator('input').press('Enter');
    await page.waitForURL(/asOf=2020-08-31/);
    await expect.poll(() => targetInForce(page)).toContain('不少于 40,000个');
    expect(await subTargetOf(page, '370100')).toContain('6,500个');
    await page.goto(`${app.url}/indicators/${FIVE_G}?asOf=2020-06-30`);
    await expect.poll(() => targetInForce(page)).toContain('不少于 40,000个');
    await expect.poll(() => subTargetOf(page, '370100')).toContain('5,500个');
    await page.context().close();
  });

  it('deletes a target version entered by mistake, after a confirmation', async () => {
    const page = await open(`/indicators/${FIVE_G}`);
    await expect.poll(() => targetInForce(page)).toContain('45,000');
    const before = await historyRows(page).count();
    const mistaken = historyRows(page).filter({ hasText: '山东省' }).first();
    expect(await mistaken.textContent()).toContain('2020-09-01');
    await mistaken.getByTestId('delete-version').click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => historyRows(page).count()).toBeLessThan(before);
    await expect.poll(() => targetInForce(page)).toContain('不少于 40,000个');
    const province = historyRows(page).filter({ hasText: '山东省' });
    expect(await province.allTextContents()).not.toContainEqual(
      expect.stringContaining('2020-09-01'),
    );
    // The first province target cannot be deleted, so it offers no button.
    const first = historyRows(page).filter({ hasText: 'as issued in the plan' });
    expect(await first.getByTestId('delete-version').count()).toBe(0);
    await page.context().close();
  });

  it('closes the plan after a confirmation, freezing it, and reopens it', async () => {
    const page = await open('/plans/DS2020', 1366, 'en');
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toContain('In progress');
    await page.getByTestId('close-plan').click();
    await page.locator('.el-message-box').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toContain('Closed');
    expect(await page.getByTestId('milestone-done').first().isDisabled()).toBe(true);
    await page.getByTestId('reopen-plan').click();
    await page.locator('.el-message-box').getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toContain('In progress');
    expect(await page.getByTestId('milestone-done').first().isDisabled()).toBe(false);
    await page.context().close();
  });

  it('says so when an indicator does not exist', async () => {
    const page = await open('/indicators/DS2020-NO-SUCH-THING', 1366, 'en');
    await expect
      .poll(() => page.getByTestId('page-not-found').textContent())
      .toContain('Indicator not found: DS2020-NO-SUCH-THING');
    await page.getByRole('button', { name: 'Back to the indicators' }).click();
    await page.waitForURL(`${app.url}/indicators`);
    await page.context().close();
  });

  it('fits a phone: no sideways scrolling, sources below their tasks, full-width dialogs', async () => {
    const page = await open('/plans/DS2020', 390);
    await expect.poll(() => page.getByTestId('task').count()).toBe(12);
    await noHorizontalScroll(page);
    const task = page.locator('[data-code="DS2020-4.1"]');
    const structureBox = await task.getByTestId('plan-indicator').first().boundingBox();
    const quoteBox = await task.getByTestId('source-quote').boundingBox();
    expect(quoteBox!.y).toBeGreaterThan(structureBox!.y + structureBox!.height);
    await page.screenshot({ path: path.join(SHOTS, 'plan-phone.png'), fullPage: true });

    await page.goto(`${app.url}/indicators/${FIVE_G}`);
    await expect.poll(() => page.getByTestId('sub-target-row').count()).toBe(16);
    await noHorizontalScroll(page);
    expect(await page.locator('.history-card').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'indicator-phone.png'), fullPage: true });
    await page.getByTestId('edit-sub-targets').click();
    const dialog = page.getByTestId('sub-targets-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const box = await dialog.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(389);
    await noHorizontalScroll(page);
    await page.context().close();
  });
});
