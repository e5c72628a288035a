import type { Browser, Page } from 'playwright-core';
import { Assessment } from '@waymark/db';
import { DESK, PHONE, expectAccessible, launchBrowser, newPage, printReport, settled, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * The charts an institution reads, at desk width and on a phone: progress shows every cycle the
 * organisation has (a draft still being answered on the axis without a fall to 0), a line with one
 * point shows its figure, and no piece of a chart's text (legend, axis labels, figures) covers
 * another or leaves the drawing.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let riverside: string;
let submitted: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  [northfield, riverside] = await Promise.all([stack.orgId('northfield-central-library'), stack.orgId('riverside-community-library')]);
  const em = stack.api.db.owner.em.fork();
  submitted = (await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2025' }, { filters: false })).id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('charts');
});

interface Box { text: string; left: number; top: number; right: number; bottom: number }

/** Every piece of text drawn in the chart, with its box on the page. */
async function chartTexts(page: Page): Promise<{ texts: Box[]; frame: Omit<Box, 'text'> }> {
  const canvas = page.locator('.chart-canvas').first();
  await canvas.locator('svg text').first().waitFor();
  // Let the resize observer redraw for the width the page has now.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return canvas.evaluate((el) => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const texts = [...el.querySelectorAll('svg text')]
      .map((t) => ({ text: (t.textContent ?? '').trim(), ...box(t.getBoundingClientRect()) }))
      .filter((t) => t.text && t.right > t.left && t.bottom > t.top);
    return { texts, frame: box(el.getBoundingClientRect()) };
  });
}

/** Pairs of texts whose boxes overlap by more than a pixel each way, and texts outside the drawing. */
function collisions({ texts, frame }: { texts: Box[]; frame: Omit<Box, 'text'> }): string[] {
  const found: string[] = [];
  texts.forEach((a, i) => {
    if (a.left < frame.left - 1 || a.right > frame.right + 1 || a.top < frame.top - 1 || a.bottom > frame.bottom + 1) found.push(`"${a.text}" leaves the chart`);
    for (const b of texts.slice(i + 1)) {
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > 1 && down > 1) found.push(`"${a.text}" covers "${b.text}"`);
    }
  });
  return found;
}

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('charts (%s)', (width, viewport) => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(page, 'owner@northfield.example');
  });

  afterAll(() => page?.context().close());

  it('progress draws both of Northfield’s cycles: 2025 with its figures, the 2026 draft named as still being answered', async () => {
    await page.goto(`/o/${northfield}/progress`);
    await settled(page);
    const drawn = await chartTexts(page);
    const words = drawn.texts.map((t) => t.text);
    expect(words).toEqual(expect.arrayContaining(['2025', '2026']));
    // Every line has one point (2025), so each shows its figure: the table's figures are on the drawing.
    await page.getByText('Progress across cycles').first().waitFor();
    await page.locator('.chart-table summary').click();
    const row2025 = await page.getByRole('row', { name: /^2025/ }).getByRole('cell').allTextContents();
    const [practice, , evidence] = row2025.slice(1);
    expect(words).toEqual(expect.arrayContaining([practice, evidence]));
    // The draft has no scores yet: no fall to 0, said in words beside the chart and in the table.
    expect(words.filter((w) => w === '0')).toHaveLength(1); // the axis's own 0, no point at 0
    await page.getByText('Cycle 2026 is still being answered: its scores are drawn once it is submitted or every part has an agreed answer.').waitFor();
    expect(await page.getByRole('row', { name: /^2026/ }).getByRole('cell').nth(1).textContent()).toBe('not yet');
    expect(await page.locator('.chart-canvas').first().getAttribute('aria-label')).toMatch(/^2025: practice [\d.]+, evidence [\d.]+\. 2026: still being answered, no scores yet\.$/);
    expect(collisions(drawn)).toEqual([]);
    await expectAccessible(page, `progress with a draft (${width})`);
  });

  it('progress draws both of Riverside’s submitted cycles as lines, legend clear of every label', async () => {
    const { page: other } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(other, 'owner@riverside-community-library.example');
    await other.goto(`/o/${riverside}/progress`);
    await settled(other);
    const drawn = await chartTexts(other);
    expect(drawn.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['2025', '2026', 'Overall practice', 'Overall evidence']));
    expect(await other.locator('.chart-canvas').first().getAttribute('aria-label')).toMatch(/^2025: practice [\d.]+, evidence [\d.]+\. 2026: practice [\d.]+ \([+−]?[\d.]+\), evidence [\d.]+\.$/);
    expect(collisions(drawn)).toEqual([]);
    await other.context().close();
  });

  it('scores: the legend, the element names and the figures cover nothing', async () => {
    await page.goto(`/o/${northfield}/assessments/${submitted}/scores`);
    await settled(page);
    expect(collisions(await chartTexts(page))).toEqual([]);
  });
});
