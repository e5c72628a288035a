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

export const DESK = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const SMALL_PHONE = { width: 360, height: 740 };

/**
 * A browser tab, at desk width unless told otherwise. The browser's own locale is American on
 * purpose: the app must write dates and numbers the organisation's way (en-GB) whatever it says.
 */
export async function newPage(browser: Browser, baseUrl: string, viewport: { width: number; height: number } = DESK): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  // A page error is a bug in the app: fail loudly instead of carrying on with a broken screen.
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

/** Signs in through the form, found by its inputs rather than its words, so it works in any language. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  // The password form (the page also has "Sign in with your organisation", a form of its own).
  const form = page.locator('form').filter({ has: page.locator('input[type="password"]') });
  await form.locator('input[type="email"]').fill(email);
  await form.locator('input[type="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Switches the tab to the pseudo-locale (or back): the app reads it when a page loads. */
export async function usePseudoLocale(page: Page, on = true): Promise<void> {
  await page.evaluate((pseudo) => (pseudo ? sessionStorage.setItem('waymark:language', 'en-XA') : sessionStorage.removeItem('waymark:language')), on);
}

/**
 * No page-level sideways scrolling: the document is no wider than the viewport, and no element
 * outside a scrolling frame of its own (a wide table, the heatmap) reaches past its right edge.
 * Fails naming the elements that do.
 */
export async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  await settled(page);
  // Let resize observers (charts, table frames) catch up with a viewport that has just changed.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const framed = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if ((style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') && up.scrollWidth >= up.clientWidth) return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > width + 1 && !framed(el);
      })
      .slice(0, 8)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${Math.round(el.getBoundingClientRect().right)} px: ${(el.textContent ?? '').trim().slice(0, 40)}`);
    return { width, page: document.documentElement.scrollWidth, wide };
  });
  layoutLog.push(`${screen} at ${found.width} px: page ${found.page} px wide`);
  expect({ screen, pageWidth: found.page, wide: found.wide }).toEqual({ screen, pageWidth: found.width, wide: [] });
}

export const layoutLog: string[] = [];

/**
 * In the pseudo-locale every word from the catalogue is accented and bracketed ⟦…⟧, and so is every
 * date and number the app formats. Any other letters on the page (text, labels, names read by
 * screen readers, the title) did not come from the catalogue, unless marked as content
 * (translate="no": people's names, the framework's own words, what people typed).
 */
export async function expectAllFromCatalogue(page: Page, screen: string): Promise<void> {
  await settled(page);
  const stray = await page.evaluate(() => {
    const strip = (text: string) => {
      let rest = text;
      for (let before = ''; before !== rest; ) {
        before = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
      }
      return rest;
    };
    const words = (text: string | null) => (text && /[A-Za-z]{2,}/.test(strip(text)) ? strip(text).trim().slice(0, 60) : null);
    // A chart's drawing is one image, named by its aria-label (checked below); its SVG text is laid out in pieces.
    const content = (el: Element | null) => Boolean(el?.closest('[translate="no"], script, style, noscript, svg'));
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (content(node.parentElement)) continue;
      const found = words(node.textContent);
      if (found) out.push(found);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (content(el)) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
        const found = words(el.getAttribute(attribute));
        if (found) out.push(`${attribute}="${found}"`);
      }
    }
    const title = words(document.title);
    if (title) out.push(`<title> ${title}`);
    return [...new Set(out)];
  });
  expect({ screen, notInCatalogue: stray }).toEqual({ screen, notInCatalogue: [] });
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
  // A phone's picture beside the desk one: name-phone.png.
  const phone = (page.viewportSize()?.width ?? DESK.width) < 600;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}${phone ? '-phone' : ''}.png`), fullPage: false });
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
  const lines = [
    `\n[web e2e: ${file}] screen changes (click to rendered data):`, ...timings.map((t) => `  ${t}`),
    `[web e2e: ${file}] axe-core:`, ...axeLog.map((a) => `  ${a}`),
    ...(layoutLog.length ? [`[web e2e: ${file}] layout:`, ...layoutLog.map((l) => `  ${l}`)] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
