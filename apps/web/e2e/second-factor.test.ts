import type { Browser, Page } from 'playwright-core';
import { generateSync } from 'otplib';
import { MemberRole, Organisation } from '@waymark/db';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, screenshot, settled, signIn } from './support/browser';
import { DEMO_PASSWORD, type Stack, startStack } from './support/stack';

/**
 * Sign-in codes from an authenticator app, as a person uses them, at desk width and on a phone:
 * they set it up under Your account (typing the key shown into "their app", here the same TOTP
 * computation an app makes), keep the recovery codes, sign out, and sign in again with the
 * password and a code; then once more with a recovery code instead of the phone.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('second-factor');
});

/** What the authenticator app shows `steps` 30-second steps from now. */
const appCode = (secret: string, steps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}

/** The password step, which for this person ends at the code step instead of signing in. */
async function passwordStep(page: Page, email: string) {
  await page.goto('/sign-in');
  // The password form's field: the page also has the single sign-on form's "Work email".
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
}

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('sign-in codes (%s)', (width, viewport) => {
  it('a person sets up an authenticator app, then signs in with a code, and with a recovery code', async () => {
    const email = `codes.${width}@northfield.example`;
    const user = await stack.api.fx.user({ email, name: `Codes ${width}`, password: DEMO_PASSWORD });
    await stack.api.fx.member(await stack.api.db.owner.em.fork().findOneOrFail(Organisation, { id: northfield }), MemberRole.ASSESSOR, user);
    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(page, email);

    await page.goto('/account');
    await page.getByRole('heading', { name: 'Sign-in codes from an authenticator app' }).waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const key = page.locator('.totp-key code');
    await key.waitFor();
    await expectAccessible(page, `authenticator key (${width})`);
    await expectNoSidewaysScroll(page, `authenticator key (${width})`);
    await screenshot(page, 'second-factor-setup');
    // Typed into the app as shown, in groups; spaces do not matter.
    const secret = (await key.innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByRole('link', { name: 'Open in your authenticator app' }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);

    // A wrong code is refused in words, beside the field.
    await page.getByLabel('6-digit code the app now shows').fill(appCode(secret, 8));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('This is not a current code from your authenticator app, nor an unused recovery code.').waitFor();
    await page.getByLabel('6-digit code the app now shows').fill(appCode(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const codes = await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    await expectAccessible(page, `recovery codes (${width})`);
    await expectNoSidewaysScroll(page, `recovery codes (${width})`);
    await page.getByRole('button', { name: 'I have kept my recovery codes' }).click();
    await page.getByText(/^On since .*10 of 10 recovery codes left\.$/).waitFor();

    // Signing in again: the password, then the code the app shows next.
    await signOut(page);
    await passwordStep(page, email);
    await expectAccessible(page, `sign-in code step (${width})`);
    await expectNoSidewaysScroll(page, `sign-in code step (${width})`);
    await screenshot(page, 'sign-in-code');
    await page.getByLabel('Code', { exact: true }).fill(appCode(secret, 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await settled(page);

    // No phone to hand: a recovery code, once.
    await signOut(page);
    await passwordStep(page, email);
    await page.getByLabel('Code', { exact: true }).fill(codes[0]!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.goto('/account');
    await page.getByText(/9 of 10 recovery codes left\.$/).waitFor();

    await signOut(page);
    await passwordStep(page, email);
    await page.getByLabel('Code', { exact: true }).fill(codes[0]!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('This is not a current code from your authenticator app, nor an unused recovery code.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });
});

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)("an owner's requirement (%s)", (width, viewport) => {
  it('a manager without sign-in codes is told, in words, to set them up, and can work once they have', async () => {
    const org = await stack.api.fx.organisation({ name: `Codes Library ${width}` });
    const { user: owner } = await stack.api.fx.member(org, MemberRole.OWNER, await stack.api.fx.user({ email: `owner.codes.${width}@example.test`, password: DEMO_PASSWORD }));
    const manager = await stack.api.fx.user({ email: `manager.codes.${width}@example.test`, name: `Manager ${width}`, password: DEMO_PASSWORD });
    await stack.api.fx.member(org, MemberRole.MANAGER, manager);
    // The owner set up their own codes and required them, over the API.
    const ownerAs = { token: await stack.api.tokenFor(owner), organisationId: org.id };
    const { secret } = (await stack.api.gql('mutation { beginSecondFactorSetup { secret } }', {}, ownerAs)).data.beginSecondFactorSetup;
    expect((await stack.api.gql('mutation($c: String!) { confirmSecondFactor(code: $c) { codes } }', { c: appCode(secret) }, ownerAs)).errors).toBeUndefined();
    expect((await stack.api.gql('mutation { setSecondFactorRequirement(required: true) { requireSecondFactor } }', {}, ownerAs)).data.setSecondFactorRequirement.requireSecondFactor).toBe(true);

    const { page } = await newPage(browser, stack.baseUrl, viewport);
    await signIn(page, manager.email);
    await page.goto(`/o/${org.id}`);
    await page.getByRole('heading', { name: 'Set up sign-in codes first' }).waitFor();
    await page.getByText('Your organisation asks owners and managers to use an authenticator app when they sign in.', { exact: false }).waitFor();
    await expectAccessible(page, `sign-in codes required (${width})`);
    await expectNoSidewaysScroll(page, `sign-in codes required (${width})`);
    await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const own = (await page.locator('.totp-key code').innerText()).replace(/\s+/g, '');
    await page.getByLabel('6-digit code the app now shows').fill(appCode(own));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('button', { name: 'I have kept my recovery codes' }).click();
    await page.goto(`/o/${org.id}/settings/members`);
    await page.getByRole('heading', { name: 'Members and invitations' }).waitFor();
    await page.context().close();
  });
});
