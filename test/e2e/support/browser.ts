// Debian's Chromium driven by playwright-core (no browser download): one browser per test file, each
// shopper a fresh context (its own storage: a second shopper shares nothing with the first). The
// browser itself starts on a fresh temporary profile (user data dir) that Playwright creates and
// removes. Accessibility is checked with axe; screenshots land in screenshots/ (git-ignored).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../../infra/local/apiServer';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });
}

export interface Shopper {
  context: BrowserContext;
  page: Page;
}

/** A new visitor: a fresh context (empty storage) and one page, at `viewport`, on the shop's origin. */
export async function newShopper(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<Shopper> {
  const context = await browser.newContext({ baseURL, viewport, reducedMotion: 'reduce' });
  // Auto-waiting locators and expect polling do the waiting; a step stuck this long is a failure.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // The shop's Content-Security-Policy (shared/http/securityHeaders.ts) must refuse nothing the site does.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP violation: ${message.text()}`);
  });
  (page as Page & { problems?: string[] }).problems = problems;
  // E2E_TRACE=1: print each API call with its timing, to see where a slow journey spends its time.
  if (process.env.E2E_TRACE) {
    const t0 = Date.now();
    page.on('requestfinished', (r) => {
      const timing = r.timing();
      if (r.url().includes('/api/') || r.url().includes('/_sandbox')) console.log(`${((Date.now() - t0) / 1000).toFixed(2)}s ${r.method()} ${r.url().replace(baseURL, '')} ${Math.round(timing.responseEnd)}ms`);
    });
  }
  return { context, page };
}

/** Errors the page threw (uncaught), and anything its Content-Security-Policy refused: a working site has none. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** Runs axe on the page as it is now and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const started = Date.now();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // Only violations are read: axe skips collecting the details of everything that passed.
    .options({ resultTypes: ['violations'] })
    .analyze();
  if (process.env.E2E_TRACE) console.log(`axe ${what}: ${Date.now() - started} ms`);
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(severe, `accessibility of ${what}`).toEqual([]);
}

const SCREENSHOTS = path.join(REPO_ROOT, 'screenshots');

/** Saves a full-page screenshot as screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Loads every image (lazy ones too), so a full-page screenshot shows them. */
async function loadAllImages(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      Array.from(document.images, (img) => {
        img.loading = 'eager';
        return img.decode().catch(() => undefined);
      }),
    ),
  );
}

/** Screenshots the page at both widths (desktop last, where the journey goes on). */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    await loadAllImages(page);
    if (size === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} is wider than a phone's screen`).toBeLessThanOrEqual(0);
    }
    await screenshot(page, `${name}-${size}`);
  }
}
