// Screenshots a page at desktop and phone width: node scripts/screenshot.mjs <url> <out-prefix> [lang]
// Writes <out-prefix>-desktop.png (1366 wide) and <out-prefix>-phone.png (390 wide), full page.
// With SCREENSHOT_USER and SCREENSHOT_PASSWORD it signs in first (the session cookie of the app at
// the URL's origin), so pages behind sign-in can be taken. SCREENSHOT_SELECTOR=<css> takes the first
// element it matches instead of the whole page (a chart, a section); SCREENSHOT_FULL=0 takes the first
// screen only; SCREENSHOT_WAIT_MS waits longer for a slow page (default 300).
import { launchChromium } from './chromium.mjs';

const [url, prefix = 'screenshot', language = 'zh-CN'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/screenshot.mjs <url> <out-prefix> [zh-CN|en]');
  process.exit(2);
}
const browser = await launchChromium();
try {
  for (const [name, viewport] of [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: language });
    await context.addInitScript((lang) => localStorage.setItem('zhibiao.language', lang), language);
    const user = process.env.SCREENSHOT_USER;
    if (user) {
      const res = await context.request.post(new URL('/api/v1/auth/login', url).toString(), {
        data: { username: user, password: process.env.SCREENSHOT_PASSWORD ?? '' },
      });
      if (!res.ok()) throw new Error(`sign-in as ${user} failed: ${res.status()}`);
    }
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(Number(process.env.SCREENSHOT_WAIT_MS ?? 300));
    const selector = process.env.SCREENSHOT_SELECTOR;
    if (selector)
      await page
        .locator(selector)
        .first()
        .screenshot({ path: `${prefix}-${name}.png` });
    else
      await page.screenshot({
        path: `${prefix}-${name}.png`,
        fullPage: process.env.SCREENSHOT_FULL !== '0',
      });
    await context.close();
    console.log(`${prefix}-${name}.png`);
  }
} finally {
  await browser.close();
}
