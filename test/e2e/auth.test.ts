import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { ADMIN_PASSWORD, startAppProcess, type AppProcess } from './app-process.js';
import { expectLoginPage, signIn, signInThroughPage } from './sign-in.js';

const SHOTS = path.resolve('test-results');
const FIVE_G = 'DS2020-5G';
const REPORTER = { username: 'e2e-reporter', password: 'reporter-password-1' };

describe('signing in, signing out and managing users in Chromium', () => {
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

  async function newContext(width = 1366, language: 'zh-CN' | 'en' = 'zh-CN') {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript((lang) => localStorage.setItem('zhibiao.language', lang), language);
    return context;
  }

  async function open(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${app.url}${url}`);
    return page;
  }

  const indicatorRows = (page: Page) => page.locator('.indicator-row');

  it('sends an anonymous visitor to the login page, refuses a wrong password and returns after signing in', async () => {
    const context = await newContext();
    const page = await open(context, '/indicators');
    expect(await expectLoginPage(page)).toBe('/indicators');
    // The login page stands alone: no navigation, no account menu.
    expect(await page.getByTestId('nav-indicators').count()).toBe(0);
    expect(await page.getByTestId('account').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'login-desktop.png'), fullPage: true });

    await signInThroughPage(page, 'admin', 'not-the-password');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('用户名或密码不正确');
    expect(new URL(page.url()).pathname).toBe('/login');

    await signInThroughPage(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(`${app.url}/indicators`);
    await expect.poll(() => indicatorRows(page).count()).toBe(12);
    expect(await page.getByTestId('account-name').textContent()).toContain('系统管理员');
    await context.close();
  });

  it('says how long to wait after too many failed sign-ins', async () => {
    const context = await newContext(1366, 'en');
    // The page is open before the failures, so that the 4 s wait has not run out by the time the
    // form is sent, however slowly a busy machine loads the page.
    const page = await open(context, '/login');
    // Five free failures, then each one doubles the wait: 1 s, 2 s, 4 s.
    const fail = () =>
      context.request.post(`${app.url}/api/v1/auth/login`, {
        data: { username: 'nobody', password: 'wrong-password' },
      });
    for (let i = 0; i < 6; i++) await fail();
    for (const wait of [1_100, 2_100]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      await fail();
    }
    await signInThroughPage(page, 'nobody', 'wrong-password');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toMatch(/try again in [1-4] s/);
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
    await context.close();
  });

  it('explains a failed single sign-on that came back to the login page', async () => {
    const context = await newContext(390);
    const page = await open(context, '/login?error=oidc_failed');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('统一身份认证登录未成功');
    // Single sign-on is not configured here, so the page offers no button for it.
    expect(await page.getByTestId('login-sso').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'login-phone.png'), fullPage: true });
    await context.close();
  });

  it('lets the admin create a reporter, who signs in without the admin actions or the users page', async () => {
    const admin = await newContext();
    await signIn(admin, app.url);
    const page = await open(admin, '/indicators');
    await page.getByTestId('nav-users').click();
    await page.waitForURL(`${app.url}/users`);
    const rows = page.locator('.user-row');
    await expect.poll(() => rows.filter({ hasText: '系统管理员' }).count()).toBe(1);
    expect(await rows.filter({ hasText: '系统管理员' }).textContent()).toContain('管理员');

    await page.getByTestId('create-user').click();
    const dialog = page.getByTestId('user-dialog');
    await dialog.getByTestId('user-username').fill(REPORTER.username);
    await dialog.getByTestId('user-display-name').fill('工信厅填报员小王');
    await dialog.getByTestId('user-email').fill('wang@example.org');
    await dialog.locator('[data-role="reporter"]').click();
    await dialog.getByTestId('user-password').fill('too-short');
    // The API's own words beside the field; nothing is created.
    await page.getByTestId('user-save').click();
    await expect
      .poll(() => dialog.locator('.el-form-item__error').allTextContents())
      .toContainEqual(expect.stringContaining('12'));
    await dialog.getByTestId('user-password').fill(REPORTER.password);
    // A reporter needs a department: the API says so beside the department field.
    await page.getByTestId('user-save').click();
    await expect
      .poll(() => dialog.locator('.el-form-item__error').allTextContents())
      .toContainEqual(expect.stringContaining('填报员必须属于一个部门'));
    await dialog.getByTestId('user-department').click();
    await page
      .locator('.el-select-dropdown__item:visible', { hasText: '省工业和信息化厅' })
      .click();
    await page.getByTestId('user-save').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const created = rows.filter({ hasText: REPORTER.username });
    await expect.poll(() => created.count()).toBe(1);
    const createdText = (await created.textContent()) ?? '';
    expect(createdText).toContain('省工业和信息化厅');
    expect(createdText).toContain('填报员');
    await page.screenshot({ path: path.join(SHOTS, 'users-desktop.png'), fullPage: true });

    // The admin sees the target actions the reporter must not.
    await page.goto(`${app.url}/indicators/${FIVE_G}`);
    await expect.poll(() => page.getByTestId('change-target').count()).toBe(1);
    await admin.close();

    const reporter = await newContext();
    const mine = await open(reporter, '/login');
    await signInThroughPage(mine, REPORTER.username, REPORTER.password);
    // A reporter starts on their unit's reporting calendar (issue 17); the indicators are a click away.
    await mine.waitForURL(`${app.url}/reporting/calendar`);
    await mine.getByTestId('nav-indicators').click();
    await mine.waitForURL(`${app.url}/indicators`);
    await expect.poll(() => indicatorRows(mine).count()).toBe(12);
    expect(await mine.getByTestId('account-name').textContent()).toContain('工信厅填报员小王');
    expect(await mine.getByTestId('nav-users').count()).toBe(0);

    await mine.goto(`${app.url}/indicators/${FIVE_G}`);
    await expect.poll(() => mine.getByTestId('indicator-name').textContent()).toContain('5G');
    expect(await mine.getByTestId('change-target').count()).toBe(0);
    expect(await mine.getByTestId('edit-sub-targets').count()).toBe(0);
    expect(await mine.getByText('调整目标值').count()).toBe(0);

    // Typing the address of the users page gets a 403 page, not the users.
    await mine.goto(`${app.url}/users`);
    await expect.poll(() => mine.getByTestId('forbidden').isVisible()).toBe(true);
    expect(await mine.locator('.user-row').count()).toBe(0);
    await reporter.close();
  });

  it('lets a user change their own password, and the admin disable an account', async () => {
    const login = (context: BrowserContext, password: string) =>
      context.request.post(`${app.url}/api/v1/auth/login`, {
        data: { username: REPORTER.username, password },
      });
    const newPassword = 'reporter-password-2';
    const reporter = await newContext();
    await signIn(reporter, app.url, REPORTER.username, REPORTER.password);
    const page = await open(reporter, '/indicators');
    await page.getByTestId('account').click();
    await page.getByTestId('account-password').click();
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByTestId('password-current').fill(REPORTER.password);
    await dialog.getByTestId('password-new').fill(newPassword);
    await dialog.getByTestId('password-confirm').fill('something-else-1');
    await page.getByTestId('password-save').click();
    await expect
      .poll(() => dialog.locator('.el-form-item__error').allTextContents())
      .toContainEqual(expect.stringContaining('不一致'));
    await dialog.getByTestId('password-confirm').fill(newPassword);
    await page.getByTestId('password-save').click();
    await expect.poll(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await login(reporter, REPORTER.password)).status()).toBe(401);
    expect((await login(reporter, newPassword)).status()).toBe(200);
    await reporter.close();

    const admin = await newContext();
    await signIn(admin, app.url);
    const users = await open(admin, '/users');
    const row = users.locator('.user-row', { hasText: REPORTER.username });
    await row.getByTestId('edit-user').click();
    const edit = users.getByTestId('user-dialog');
    await edit.getByTestId('user-disabled').click();
    await users.getByTestId('user-save').click();
    await expect.poll(() => row.getByTestId('user-status').textContent()).toContain('已停用');
    expect((await login(admin, newPassword)).status()).toBe(401);
    await admin.close();
  });

  it('lists the users as cards on a phone', async () => {
    const context = await newContext(390);
    await signIn(context, app.url);
    const page = await open(context, '/users');
    await expect.poll(() => page.locator('.user-card').count()).toBeGreaterThan(0);
    expect(await page.locator('.user-row').count()).toBe(0);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    await page.screenshot({ path: path.join(SHOTS, 'users-phone.png'), fullPage: true });
    await context.close();
  });

  it('signs out to the login page, after which the pages need signing in again', async () => {
    const context = await newContext();
    await signIn(context, app.url);
    const page = await open(context, '/indicators');
    await expect.poll(() => indicatorRows(page).count()).toBe(12);
    await page.getByTestId('account').click();
    await page.getByTestId('account-sign-out').click();
    expect(await expectLoginPage(page)).toBeNull();

    await page.goto(`${app.url}/indicators`);
    expect(await expectLoginPage(page)).toBe('/indicators');
    await context.close();
  });

  it('goes to the login page when the session ends while a page is open', async () => {
    const context = await newContext();
    await signIn(context, app.url);
    const page = await open(context, '/indicators');
    await expect.poll(() => indicatorRows(page).count()).toBe(12);
    // As if the session expired: the next call to the API is refused.
    await context.clearCookies();
    await page.getByTestId('nav-plans').click();
    expect(await expectLoginPage(page)).toMatch(/^\/plans/);
    await context.close();
  });
});
