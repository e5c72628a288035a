import type { Browser, Page } from 'playwright-core';
import { Assessment } from '@waymark/db';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, screenshot, settled, signIn } from './support/browser';
import { DEMO_PASSWORD, type Stack, startStack } from './support/stack';

/**
 * Access by email, end to end and at desk width and on a phone: the real API, the real worker and a
 * real SMTP sink; every link is read out of the email it came in, as a person would click it.
 * An invited person joins and answers; a forgotten password is reset; signing out everywhere ends
 * another browser's session.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let draft: string;

const part = (page: Page, key: string) => page.getByRole('group', { name: new RegExp(`^${key.replace(/\./g, '\\.')} `) });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved.' }).waitFor();

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ mail: true }), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
  draft = (await stack.api.db.owner.em.fork().findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false })).id;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('joining');
});

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('access by email (%s)', (width, viewport) => {
  it('an invited person joins by the emailed link and answers a question', async () => {
    const email = `new.assessor.${width}@northfield.example`;
    const { page: owner } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(owner, 'owner@northfield.example');
    await owner.goto(`/o/${northfield}/settings/members`);
    await settled(owner);
    await owner.getByLabel('Email', { exact: true }).fill(email);
    await owner.getByLabel('Role', { exact: true }).selectOption('ASSESSOR');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText(`Invitation emailed to ${email}`).waitFor();
    // The page never shows a token: the email is the way in.
    expect(await owner.locator('body').innerText()).not.toMatch(/inv_[0-9a-f]{64}/);
    await owner.getByText(new RegExp(`${email.replace(/\./g, '\\.')}, Assessor: emailed, the link works until`)).waitFor();

    const link = await stack.mail!.linkTo(email);
    expect(link.startsWith(`${stack.baseUrl}/join#token=inv_`)).toBe(true);
    const { page: invitee } = await newPage(browser, stack.baseUrl, viewport);
    await invitee.goto(link);
    await invitee.getByRole('heading', { name: 'Join your team on Waymark' }).waitFor();
    // The token leaves the address bar once read.
    expect(invitee.url()).toBe(`${stack.baseUrl}/join`);
    await expectAccessible(invitee, `join (${width})`);
    await expectNoSidewaysScroll(invitee, `join (${width})`);
    await screenshot(invitee, 'join');

    // A password that is too short is explained beside its field, and joining works once it is fixed.
    await invitee.getByLabel('Your name').fill(`Nia ${width}`);
    await invitee.getByLabel('Choose a password').fill('short');
    await invitee.getByRole('button', { name: 'Join', exact: true }).click();
    await invitee.getByText('This needs at least 12 characters; it has 5.').waitFor();
    await invitee.getByLabel('Choose a password').fill('a long and memorable password');
    await invitee.getByRole('button', { name: 'Join', exact: true }).click();
    await invitee.waitForURL((url) => url.pathname.startsWith(`/o/${northfield}`));

    await invitee.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1`);
    await part(invitee, '3.1.1.a').getByLabel('Yes', { exact: true }).check();
    await saved(invitee);
    const { as } = await stack.login('manager@northfield.example');
    const res = await stack.api.gql('query($id: ID!) { assessment(id: $id) { assessorAnswers { nodeKey value assessor { name } } } }', { id: draft }, as(northfield));
    expect(res.data.assessment.assessorAnswers).toEqual(expect.arrayContaining([{ nodeKey: '3.1.1.a', value: 'YES', assessor: { name: `Nia ${width}` } }]));

    // The link worked once.
    const { page: again } = await newPage(browser, stack.baseUrl, viewport);
    await again.goto(link);
    await again.getByLabel('Your name').fill('Someone else');
    await again.getByLabel('Choose a password').fill('another long password');
    await again.getByRole('button', { name: 'Join', exact: true }).click();
    await again.getByText('This invitation link does not work any more').waitFor();
    await Promise.all([owner.context().close(), invitee.context().close(), again.context().close()]);
  });

  it('a forgotten password is reset by the emailed link, then the new one signs in', async () => {
    const email = width === 'desk' ? 'viewer@northfield.example' : 'assessor2@northfield.example';
    const newPassword = `new password for the ${width}`;
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByRole('heading', { name: 'Forgotten your password?' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(`If ${email} has a Waymark account, a link is on its way.`).waitFor();
    await expectAccessible(page, `forgot password (${width})`);
    await expectNoSidewaysScroll(page, `forgot password (${width})`);

    const link = await stack.mail!.linkTo(email);
    expect(link.startsWith(`${stack.baseUrl}/reset-password#token=pwr_`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, `reset password (${width})`);
    await expectNoSidewaysScroll(page, `reset password (${width})`);
    await screenshot(page, 'reset-password');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL((url) => url.pathname !== '/reset-password');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');

    const { page: fresh } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(fresh, email, newPassword);
    expect(new URL(fresh.url()).pathname).not.toBe('/sign-in');
    // The old password no longer works.
    const old = await stack.api.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: DEMO_PASSWORD });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await Promise.all([page.context().close(), fresh.context().close()]);
  });

  it("signing out everywhere ends another browser's session at once", async () => {
    const email = 'manager@northfield.example';
    const { page: laptop } = await newPage(browser, stack.baseUrl, viewport);
    const { page: phone } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(laptop, email);
    await signIn(phone, email);
    await phone.goto(`/o/${northfield}/plan`);
    await settled(phone);

    await laptop.goto('/account');
    await laptop.getByRole('heading', { name: 'Your account' }).waitFor();
    await expectAccessible(laptop, `account (${width})`);
    await expectNoSidewaysScroll(laptop, `account (${width})`);
    await screenshot(laptop, 'account');
    await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = laptop.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.waitForURL((url) => url.pathname === '/sign-in');

    // The other browser still holds its token, but the server no longer takes it.
    await phone.goto(`/o/${northfield}/evidence`);
    await phone.getByRole('dialog', { name: 'Your session has expired' }).waitFor();
    await Promise.all([laptop.context().close(), phone.context().close()]);
  });
});
