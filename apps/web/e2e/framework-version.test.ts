import type { Browser, Page } from 'playwright-core';
import { importFixtures } from '@waymark/db';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, screenshot, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * A manager starts the next cycle on a newer version of the framework and sees what changed, at
 * desk width and on a phone. The newer version is the test fixture (packages/frameworks/fixtures):
 * the bundled framework with action 3.1.1 reworded, part 3.1.2.b split in two, prompt 3.1.g1.7
 * removed and prompt 3.2.g1.5 added, and a crosswalk from 1.0.0.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  await importFixtures(stack.api.db.owner.em.fork());
  northfield = await stack.orgId('northfield-central-library');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('framework-version');
});

describe.each([
  ['desk', DESK, '2027'],
  ['phone', PHONE, '2028'],
] as const)('starting a cycle on a new framework version (%s)', (width, viewport, cycle) => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(page, 'manager@northfield.example');
  });

  it('offers the newer version beside staying, and goes to what changed after starting', async () => {
    await page.goto(`/o/${northfield}`);
    const form = page.getByRole('region', { name: 'Start an assessment' });
    await form.getByLabel('Cycle', { exact: true }).fill(cycle);
    const version = form.getByLabel('Framework version');
    await expect(version.locator('option').allTextContents()).resolves.toEqual(['Stay on version 1.0.0', 'Move to version 1.1.0']);
    await version.selectOption({ label: 'Move to version 1.1.0' });
    await form.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/changes$/);
    await page.getByRole('heading', { level: 1, name: `Cycle ${cycle}: what changed in the framework` }).waitFor();
  });

  it('lists each change in words and the carried answers to check again', async () => {
    await page.getByText(/This cycle answers version 1\.1\.0 of .*; cycle 2026 answered version 1\.0\.0|This cycle answers version 1\.1\.0 of .*; cycle 2025 answered version 1\.0\.0/).waitFor();
    const changes = page.locator('li[data-change]');
    await expect(changes.evaluateAll((items) => items.map((li) => li.getAttribute('data-change')))).resolves.toEqual(['REWORDED', 'SPLIT', 'REMOVED', 'REWORDED', 'ADDED']);
    const split = page.locator('li[data-change="SPLIT"]');
    await split.getByText('Split in two or more').waitFor();
    await split.getByText('On-site events run with partners').waitFor();
    await page.locator('li[data-change="REMOVED"]').getByText(/No longer asked/).waitFor();
    await page.getByRole('status').filter({ hasText: /carried answers are on questions that changed/ }).waitFor();
    await page.getByRole('list', { name: 'Answers to check again' }).getByRole('link', { name: '3.1.2.d' }).waitFor();
    await expectAccessible(page, `what changed (${width})`);
    await expectNoSidewaysScroll(page, `what changed (${width})`);
    await screenshot(page, 'framework-changes');
  });

  it('flags the carried answer on the split part in the checklist', async () => {
    await page.getByRole('list', { name: 'Answers to check again' }).getByRole('link', { name: '3.1.2.d' }).click();
    const item = page.locator('.answer[data-key="3.1.2.d"]');
    await item.getByText(/check it again/).waitFor();
    await expectAccessible(page, `checklist after a version change (${width})`);
  });
});
