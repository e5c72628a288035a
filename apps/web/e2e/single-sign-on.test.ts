import type { Browser } from 'playwright-core';
import { Membership, User } from '@waymark/db';
import { type OidcIdp, startOidcIdp } from '@waymark/api/testing';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, screenshot, settled, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * Single sign-on, end to end at desk width and on a phone: an owner sets up the organisation's
 * identity provider (a real OpenID provider, oidc-provider, on a free port) on the settings screen;
 * then a new colleague chooses "Sign in with your organisation", signs in on the provider's own
 * login form, and lands on the organisation's overview, a member with the default role.
 */
let stack: Stack;
let browser: Browser;
let idp: OidcIdp;
let northfield: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  idp = await startOidcIdp([{ client_id: 'waymark-northfield', client_secret: 'northfield client secret', redirect_uris: [`${stack.baseUrl}/sso/oidc/callback`] }]);
  northfield = await stack.orgId('northfield-central-library');
});

afterAll(async () => {
  await idp?.close();
  await browser?.close();
  await stack?.close();
  printReport('single-sign-on');
});

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('signing in with your organisation (%s)', (width, viewport) => {
  const domain = `${width}.northfield.example`;

  it('an owner sets up the identity provider', async () => {
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(page, 'owner@northfield.example');
    await page.goto(`/o/${northfield}/settings/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Single sign-on' }).waitFor();
    await settled(page);
    // What to give the provider is on the screen before anything is saved.
    await page.getByText(`${stack.baseUrl}/sso/oidc/callback`).waitFor();
    await page.getByLabel('Issuer address').fill(idp.issuer);
    await page.getByLabel('Client id').fill('waymark-northfield');
    await page.getByLabel('Client secret').fill('northfield client secret');
    // A domain written with its @ is refused beside its field, in words, and saved once fixed.
    await page.getByLabel('Email domains').fill('@@not a domain');
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await page.getByText('is not an email domain').waitFor();
    await page.getByLabel('Email domains').fill(domain);
    await page.getByLabel('Role for new members').selectOption('ASSESSOR');
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await page.getByText('Single sign-on settings saved.').waitFor();
    await page.getByText('A secret is saved.').waitFor();
    await expectAccessible(page, `single sign-on settings (${width})`);
    await expectNoSidewaysScroll(page, `single sign-on settings (${width})`);
    if (width === 'desk') await screenshot(page, 'single-sign-on-settings');
  });

  it('a new colleague signs in through the provider and lands on the overview', async () => {
    const email = `nia.${width}@${domain}`;
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in with your organisation' }).waitFor();
    await expectAccessible(page, `sign in (${width})`);
    await expectNoSidewaysScroll(page, `sign in (${width})`);

    // An address no organisation signs in is told so, in words.
    await page.getByLabel('Work email').fill(`someone@elsewhere.example`);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await page.getByText('No organisation signs in someone@elsewhere.example through its own login.').waitFor();

    await page.getByLabel('Work email').fill(email);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    // The provider's own login form, on its own address, with the email already filled in.
    await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
    expect(await page.locator('input[name="login"]').inputValue()).toBe(email);
    await page.locator('input[name="password"]').fill('the provider checks this, not Waymark');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await page.waitForURL((url) => url.pathname === `/o/${northfield}`);
    await page.getByRole('heading', { level: 1, name: 'Assessments' }).waitFor();
    // The one-time code never stays in the address bar.
    expect(page.url()).not.toContain('code=');
    await expectAccessible(page, `overview after single sign-on (${width})`);
    await expectNoSidewaysScroll(page, `overview after single sign-on (${width})`);

    const em = stack.api.db.owner.em.fork();
    const user = await em.findOneOrFail(User, { email });
    const membership = await em.findOneOrFail(Membership, { organisationId: northfield, userId: user.id }, { filters: false });
    expect(membership.role).toBe('ASSESSOR');
  });
});
