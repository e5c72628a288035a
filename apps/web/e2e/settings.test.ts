import type { Browser, Page } from 'playwright-core';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '@waymark/db';
import { expectAccessible, launchBrowser, newPage, printReport, screenshot, signIn, timeScreenChange } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * Settings → Webhooks as Northfield's owner and viewer, and Settings → Notifications as a member:
 * secrets and feed addresses shown once, typed refusals beside their field, and a revoked feed
 * that answers 404 to the calendar app (fetched from here).
 */
let stack: Stack;
let browser: Browser;
let northfield: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('settings');
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const URL_ = 'https://hooks.example.org/x';
const secretOf = async (page: Page, label: string) => (await page.getByLabel(label, { exact: true }).textContent()) ?? '';

describe('an owner', () => {
  let page: Page;

  it('is told beside the URL field when the API refuses it', async () => {
    ({ page } = await newPage(browser, stack.baseUrl));
    await signIn(page, 'owner@northfield.example');
    await heading(page, 'Assessments');
    await timeScreenChange(page, 'Webhooks', 'Webhooks');
    await page.getByText('No endpoints yet.').waitFor();
    await page.getByText(/^None: every delivery so far/).waitFor();
    await page.getByLabel('URL', { exact: true }).fill('ftp://hooks.example.org/x');
    await page.getByLabel(/An assessment is submitted/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const field = page.getByLabel('URL', { exact: true });
    await page.locator('.field-error .error-text', { hasText: 'Use a web address that starts https:// (or http://).' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toMatch(/-error/);
    await expectAccessible(page, 'webhooks (a refused URL)');
  });

  it('creates an endpoint and sees its signing secret once', async () => {
    await page.getByLabel('URL', { exact: true }).fill(URL_);
    await page.getByLabel('What it is for (optional)').fill('Council reporting');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText(`Endpoint ${URL_} created`).waitFor();
    await page.getByText('you will not see it again').first().waitFor();
    const secret = await secretOf(page, 'The signing secret');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await page.getByRole('rowheader', { name: URL_ }).waitFor();
    // The form is empty again, ready for another endpoint.
    expect(await page.getByLabel('URL', { exact: true }).inputValue()).toBe('');
    await screenshot(page, 'webhooks-secret');
    await expectAccessible(page, 'webhooks (secret shown)');
    await page.reload();
    await heading(page, 'Webhooks');
    await page.getByRole('rowheader', { name: URL_ }).waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('edits, disables and rotates the secret, shown once with its grace period', async () => {
    await page.getByRole('button', { name: `Edit ${URL_}` }).click();
    const form = page.getByRole('form', { name: `Edit ${URL_}` });
    await form.getByLabel(/An action item becomes overdue/).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('cell', { name: 'An action item becomes overdue; An assessment is submitted' }).waitFor();
    await page.getByRole('button', { name: `Disable ${URL_}` }).click();
    await page.getByRole('button', { name: `Enable ${URL_}` }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: URL_ }) });
    expect(await row.getByRole('cell').nth(2).textContent()).toMatch(/^Disabled/);

    await page.getByRole('button', { name: `Rotate secret of ${URL_}` }).click();
    // Rotating ends the current secret (after a grace period): it asks first.
    await page.getByRole('dialog', { name: 'Rotate this endpoint’s signing secret?' }).getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByText(`New signing secret for ${URL_}`).waitFor();
    await page.getByText(/The previous secret keeps signing beside this one until/).waitFor();
    expect(await secretOf(page, 'The signing secret')).toMatch(/^whsec_/);
    await row.getByText(/previous secret signs until/).waitFor();
  });

  it('reads a dead letter with its last status and error, and asks for it again', async () => {
    const em = stack.api.db.owner.em.fork();
    const endpoint = await em.findOneOrFail(WebhookEndpoint, { organisationId: northfield, url: URL_ }, { filters: false });
    const dead = em.create(WebhookDelivery, {
      organisationId: northfield, endpointId: endpoint.id, eventId: crypto.randomUUID(), eventType: 'assessment.submitted', body: '{}',
      status: WebhookDeliveryStatus.DEAD, attempts: 8, lastStatusCode: 503, lastError: 'HTTP 503 from the endpoint', lastAttemptAt: new Date(), deadAt: new Date(),
    });
    await em.flush();
    await page.reload();
    await heading(page, 'Webhooks');
    const letter = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'HTTP 503 from the endpoint' }) });
    expect(await letter.getByRole('cell').nth(2).textContent()).toBe('503');
    await expectAccessible(page, 'webhooks (a dead letter)');
    await letter.getByRole('button', { name: /^Redeliver An assessment is submitted/ }).click();
    // With Redis the delivery is queued again and leaves the list; without, the API says so and nothing changes.
    await page.getByRole('alert').filter({ hasText: 'Waymark is busy' }).or(page.getByText(/^None: every delivery so far/)).waitFor();
    const after = await stack.api.db.owner.em.fork().findOneOrFail(WebhookDelivery, { id: dead.id }, { filters: false });
    const refused = await page.getByRole('alert').filter({ hasText: 'Waymark is busy' }).count();
    expect(after.status).toBe(refused ? WebhookDeliveryStatus.DEAD : WebhookDeliveryStatus.PENDING);
  });

  it('deletes the endpoint after confirming', async () => {
    await page.getByRole('button', { name: `Delete ${URL_}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this endpoint?' });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('rowheader', { name: URL_ }).waitFor();
    await page.getByRole('button', { name: `Delete ${URL_}` }).click();
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No endpoints yet.').waitFor();
    expect(await stack.api.db.owner.em.fork().count(WebhookEndpoint, { organisationId: northfield }, { filters: false })).toBe(0);
  });
});

describe('a viewer', () => {
  it('has no Webhooks link, and the screen by URL says they have no access, with no controls', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'viewer@northfield.example');
    await heading(page, 'Assessments');
    const nav = page.getByRole('navigation', { name: 'Organisation' });
    await nav.getByRole('link', { name: 'Notifications' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    await page.goto(`/o/${northfield}/settings/webhooks`);
    await heading(page, 'Webhooks');
    await page.getByText('No access to webhooks').waitFor();
    expect(await page.getByRole('button').filter({ hasText: /Add endpoint|Rotate|Delete|Redeliver/ }).count()).toBe(0);
    expect(await page.getByLabel('URL', { exact: true }).count()).toBe(0);
    await expectAccessible(page, 'webhooks (no access)');
  });
});

describe('a member', () => {
  let page: Page;

  it('sets their reminder emails to weekly, and it is still weekly after a reload', async () => {
    ({ page } = await newPage(browser, stack.baseUrl));
    await signIn(page, 'assessor@northfield.example');
    await heading(page, 'Assessments');
    await timeScreenChange(page, 'Notifications', 'Notifications');
    const group = page.getByRole('group', { name: 'How often should Waymark email your reminders?' });
    expect(await group.getByLabel('One digest a day').isChecked()).toBe(true);
    await group.getByLabel('One digest a week').check();
    await page.getByText('Saved: One digest a week.').waitFor();
    await page.reload();
    await heading(page, 'Notifications');
    expect(await group.getByLabel('One digest a week').isChecked()).toBe(true);
    await page.getByText(/Last changed/).waitFor();
    await expectAccessible(page, 'notifications');
  });

  it('makes a calendar feed (its address shown once), which a calendar reads until it is revoked', async () => {
    await page.getByRole('button', { name: 'Make a feed address' }).click();
    const address = await secretOf(page, 'The calendar feed address');
    expect(address).toMatch(/\/calendar\/[^/]+\.ics$/);
    await page.getByText(/^You have a feed, made/).waitFor();
    await screenshot(page, 'notifications-feed');
    await expectAccessible(page, 'notifications (feed address shown)');
    const feed = new URL(new URL(address).pathname, stack.baseUrl).toString();
    const live = await fetch(feed);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await live.text()).toContain('BEGIN:VCALENDAR');

    await page.getByRole('button', { name: 'Revoke the feed' }).click();
    await page.getByRole('dialog', { name: 'Revoke your calendar feed?' }).getByRole('button', { name: 'Revoke feed' }).click();
    await page.getByText(/^You have no calendar feed now/).waitFor();
    expect(await page.getByLabel('The calendar feed address', { exact: true }).count()).toBe(0);
    expect((await fetch(feed)).status).toBe(404);
  });
});
