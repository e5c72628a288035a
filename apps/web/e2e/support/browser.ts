import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PASSWORD } from './stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '../../../../docs/screenshots');

/** Debian's Chromium, headless; Playwright cannot download its own browsers here. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The web app's browser tests drive Chromium, and there is none at ${CHROMIUM}. ` +
        'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export async function newPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  // A page error is a bug in the app: fail loudly instead of carrying on with a broken screen.
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** The screen has rendered its data: a heading, and nothing marked busy. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

/** axe-core over the whole page: no serious or critical violation, with the offending nodes named. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settled(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const grave = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = grave.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  axeLog.push(`${screen}: ${result.passes.length} rules passed, ${grave.length} serious or critical, ${result.violations.length - grave.length} minor or moderate`);
  expect(described).toEqual([]);
}

export const axeLog: string[] = [];

/**
 * A screenshot of the screen for docs/screenshots (shown in the README), taken when
 * WEB_SCREENSHOTS=1: an ordinary test run leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.WEB_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export const timings: string[] = [];

/**
 * How long a screen change takes in the browser: from the click on a link to the new screen's
 * heading with its data (nothing busy), measured in the page with performance.now().
 */
export async function timeScreenChange(page: Page, linkName: string, heading: string | RegExp): Promise<number> {
  const link = page.getByRole('link', { name: linkName, exact: true }).first();
  await link.waitFor();
  const handle = await link.elementHandle();
  const source = typeof heading === 'string' ? heading : heading.source;
  const elapsed = await page.evaluate(
    ([element, text, isRegExp]) =>
      new Promise<number>((resolve) => {
        const match = (h: string) => (isRegExp ? new RegExp(text).test(h) : h === text);
        const started = performance.now();
        (element as HTMLElement).click();
        const check = () => {
          const h1 = document.querySelector('h1');
          if (h1 && match(h1.textContent ?? '') && !document.querySelector('[aria-busy="true"]')) resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        check();
      }),
    [handle, source, typeof heading !== 'string'] as const,
  );
  timings.push(`${linkName} -> ${source}: ${elapsed.toFixed(1)} ms`);
  return elapsed;
}

/** Printed, not asserted: speed is measured, never a pass/fail in a test. */
export function printReport(file: string): void {
  const lines = [`\n[web e2e: ${file}] screen changes (click to rendered data):`, ...timings.map((t) => `  ${t}`), `[web e2e: ${file}] axe-core:`, ...axeLog.map((a) => `  ${a}`)];
  process.stdout.write(`${lines.join('\n')}\n`);
}
