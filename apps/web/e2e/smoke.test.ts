import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('smoke', async () => {
  const { page } = await newPage(browser, stack.baseUrl);
  await signIn(page, 'assessor@northfield.example');
  await screenshot(page, 'tmp-overview');
  await page.getByRole('link', { name: 'Checklist' }).first().click();
  await screenshot(page, 'tmp-checklist');
});
