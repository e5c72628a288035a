import type { Browser, Page } from 'playwright-core';
import { ApiKey, Assessment } from '@waymark/db';
import { TEXT_LIMITS } from '@waymark/domain';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, settled, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * Said so a learning officer understands it, at desk width and on a phone: a refused value is
 * explained beside its field, with its limit shown as you type, and saved once put right; a
 * viewer reads the checklist and the plan without dead forms, and reads, prints and downloads the
 * report; and the smaller things the issue found (dates the organisation's way whatever the
 * browser says, "1 item" and "1 key", the server's file names, a Copy button that copies, the
 * analyst landing on the dashboard, readable disabled buttons), each at both widths.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let draft: string;
let submitted: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
  const em = stack.api.db.owner.em.fork();
  draft = (await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false })).id;
  submitted = (await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2025' }, { filters: false })).id;
  const { as } = await stack.login('manager@northfield.example');
  await stack.api.gql('mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }', { a: submitted }, as(northfield));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('plain-words');
});

const part = (page: Page, key: string) => page.locator(`.answer[data-key="${key}"]`);

describe.each([
  ['desk', DESK, '3.2.1'],
  ['phone', PHONE, '3.2.3'],
] as const)('a refused value is explained beside its field and saved once put right (%s)', (width, viewport, key) => {
  it('a note over the limit: counted as you type, refused beside the note, saved when shortened, no "Try again"', async () => {
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(page, 'assessor@northfield.example');
    await page.goto(`/o/${northfield}/assessments/${draft}/checklist/3.2`);
    const item = part(page, key);
    await item.getByRole('radio', { name: 'Have started' }).check();
    await page.getByRole('status').filter({ hasText: 'All changes saved.' }).waitFor();
    await item.locator('summary').click();
    const note = item.getByRole('textbox', { name: /^Your note/ });
    const long = 'a'.repeat(TEXT_LIMITS.note + 10);
    await note.fill(long);
    // The limit is shown as you type, before Waymark has to refuse anything.
    await item.getByText('10 characters too many: the limit is 4,000.').waitFor();
    // Refused, and said beside the note it is about.
    await item.locator('.error-text').getByText('This is 4,010 characters long; the most it can be is 4,000. Shorten it by 10.').waitFor();
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('status').filter({ hasText: '1 answer was not saved: the message beside it says why.' }).waitFor();
    await expectAccessible(page, `a refused note (${width})`);
    await expectNoSidewaysScroll(page, `a refused note (${width})`);
    // Put right, it is saved by itself: no "Try again".
    await note.fill('a'.repeat(TEXT_LIMITS.note));
    await page.getByRole('status').filter({ hasText: 'All changes saved.' }).waitFor();
    expect(await item.locator('.error-text').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    const { as } = await stack.login('assessor@northfield.example');
    const mine = await stack.api.gql('query($id: ID!) { assessment(id: $id) { myAnswers { nodeKey note } } }', { id: draft }, as(northfield));
    expect(mine.data.assessment.myAnswers.find((a: { nodeKey: string }) => a.nodeKey === key).note).toHaveLength(TEXT_LIMITS.note);
    await page.context().close();
  });

  it('a link that is no web address: refused beside the Link field, added once corrected', async () => {
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(page, 'owner@northfield.example');
    await page.goto(`/o/${northfield}/evidence`);
    await page.getByLabel('Title').fill(`Partner survey ${width}`);
    await page.getByLabel('Link').fill('partners.example.org/survey');
    await page.getByRole('button', { name: 'Add to the library' }).click();
    const link = page.getByLabel('Link');
    await page.locator('.field-error').getByText('This is not a web address. Write it in full, starting https://').waitFor();
    expect(await link.getAttribute('aria-invalid')).toBe('true');
    await link.fill('https://partners.example.org/survey');
    await page.getByRole('button', { name: 'Add to the library' }).click();
    await page.getByRole('status').filter({ hasText: `Added “Partner survey ${width}”.` }).waitFor();
    await page.context().close();
  });
});

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('a viewer reads, prints and downloads, and is shown no dead forms (%s)', (width, viewport) => {
  let page: Page;

  it('reads the submitted checklist as text, told plainly it is read-only', async () => {
    ({ page } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(page, 'viewer@northfield.example');
    await page.goto(`/o/${northfield}/assessments/${submitted}/checklist/3.1`);
    await page.getByText('You are reading the team’s agreed answers, as submitted.').waitFor();
    // Never "You are setting the team's agreed answers", and no radio buttons that do nothing.
    expect(await page.getByText('You are setting the team’s agreed answers').count()).toBe(0);
    expect(await page.locator('input[type="radio"], textarea').count()).toBe(0);
    await part(page, '3.1.1.a').getByText(/^Agreed answer: /).waitFor();
    await page.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1`);
    await page.getByText(/As a viewer you can read them but not change them/).waitFor();
    expect(await page.locator('input[type="radio"]').count()).toBe(0);
  });

  it('reads the plan without controls, and API keys by address says there is no access, with no form', async () => {
    await page.goto(`/o/${northfield}/plan?view=board`);
    await page.getByText(/As a viewer you cannot change it/).waitFor();
    expect(await page.getByLabel(/^Move to/).count()).toBe(0);
    await page.goto(`/o/${northfield}/settings/api-keys`);
    await page.getByText('No access to API keys').waitFor();
    expect(await page.locator('form, input').count()).toBe(0);
  });

  it('opens the report to print, and downloads the PDF and the plan under the server’s names', async () => {
    await page.goto(`/o/${northfield}/exports`);
    await page.getByRole('heading', { level: 1, name: 'Reports and exports' }).waitFor();
    // A viewer's documents only: no "All data".
    expect(await page.getByRole('heading', { name: 'All data' }).count()).toBe(0);
    const opened = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Open to print for cycle 2025' }).click();
    const report = await opened;
    await report.waitForLoadState();
    expect(await report.locator('body').textContent()).toContain('Northfield Central Library');
    await page.getByRole('status').filter({ hasText: 'The report opened in a new tab: print it from there.' }).waitFor();
    await report.close();
    const pdf = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the PDF for cycle 2025' }).click();
    expect((await pdf).suggestedFilename()).toMatch(/^waymark-northfield-central-library-assessment-2025-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    const plan = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the plan for cycle 2025' }).click();
    expect((await plan).suggestedFilename()).toMatch(/^waymark-northfield-central-library-assessment-2025-plan-\d{4}-\d{2}-\d{2}\.csv$/);
    await expectAccessible(page, `exports, as a viewer (${width})`);
    await page.context().close();
  });
});

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('the smaller things (%s)', (width, viewport) => {
  it('writes dates the organisation’s way though the browser is American, and counts "1 item"', async () => {
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await signIn(page, 'owner@northfield.example');
    await page.goto(`/o/${northfield}/evidence`);
    // "1 Sept 2024"-style dates (en-GB), never "9/1/2024".
    await page.getByRole('cell', { name: /^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/ }).first().waitFor();
    expect(await page.locator('td').filter({ hasText: /^\d{1,2}\/\d{1,2}\/\d{4}$/ }).count()).toBe(0);
    // A date is typed day first, whatever the browser.
    await page.getByText('Day, month and year, for example 30/09/2026.').first().waitFor();
    await page.goto(`/o/${northfield}/plan?element=3.3`);
    await settled(page);
    const count = await page.getByRole('status').filter({ hasText: /^\d+ items?$/ }).textContent();
    expect(count).toMatch(/^(1 item|\d+ items)$/);
    expect(count).not.toBe('1 items');
    await page.context().close();
  });

  it('counts "1 key", and copies a new key’s secret with its Copy button', async () => {
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'owner@northfield.example');
    await page.goto(`/o/${northfield}/settings/api-keys`);
    await page.getByLabel('What it is for').fill(`Council returns (${width})`);
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('button', { name: /^Copy The key’s secret/ }).click();
    await page.getByRole('status').filter({ hasText: /^Copied\.$/ }).waitFor();
    const secret = (await page.locator('.secret').textContent()) ?? '';
    expect(secret).toMatch(/^wmk_/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // The desk run makes Northfield's first key, the phone run its second.
    const keys = (await stack.api.db.owner.em.fork().count(ApiKey, { organisationId: northfield }, { filters: false }));
    await page.locator('caption').filter({ hasText: keys === 1 ? /^1 key$/ : new RegExp(`^${keys} keys$`) }).waitFor();
    expect(await page.getByText('1 keys').count()).toBe(0);
    await expectNoSidewaysScroll(page, `API keys with a new secret (${width})`);
    await page.context().close();
  });

  it('lands a regional analyst on the dashboard, not an empty list of assessments', async () => {
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(page, 'analyst@north-west-network.example');
    await page.getByRole('heading', { level: 1, name: 'Regional dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/o\/[^/]+\/network$/);
    await page.context().close();
  });

  it('keeps a disabled button readable (contrast at least 4.5:1)', async () => {
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(page, 'owner@northfield.example');
    const item = (await stack.api.gql('query { actionItems(filter: {}, first: 1) { edges { node { id } } } }', {}, (await stack.login('owner@northfield.example')).as(northfield))).data.actionItems.edges[0].node.id;
    await page.goto(`/o/${northfield}/plan/${item}`);
    const button = page.getByRole('button', { name: 'Add note' });
    expect(await button.isDisabled()).toBe(true);
    const ratio = await button.evaluate((el) => {
      const rgb = (value: string) => (value.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r!, g!, b!].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      const style = getComputedStyle(el);
      const [a, b] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    await page.context().close();
  });
});
