import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN_PASSWORD } from './app-process.js';

/**
 * Signs a browser context in through the API, as the login page would: the session and CSRF cookies
 * land in the context, so every page it opens is signed in.
 */
export async function signIn(
  context: BrowserContext,
  baseUrl: string,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
    data: { username, password },
  });
  if (!response.ok()) {
    throw new Error(
      `signing in as ${username} failed: ${response.status()} ${await response.text()}`,
    );
  }
}

/** Fills the real login page and submits it with Enter. */
export async function signInThroughPage(
  page: Page,
  username: string,
  password: string,
): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
}

/** Waits until the page is the login page, and answers its `redirect`. */
export async function expectLoginPage(page: Page): Promise<string | null> {
  await page.waitForURL((url) => url.pathname === '/login');
  await expect.poll(() => page.getByTestId('login-submit').isVisible()).toBe(true);
  return new URL(page.url()).searchParams.get('redirect');
}
