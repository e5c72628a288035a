import type { Browser, Page } from 'playwright-core';
import { ActionItem, Assessment, MemberRole, Organisation, User } from '@waymark/db';
import { DESK, PHONE, SMALL_PHONE, expectAccessible, expectAllFromCatalogue, expectNoSidewaysScroll, launchBrowser, newPage, printReport, screenshot, settled, signIn, usePseudoLocale } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * Every screen, as the people who use it see it: at desk width and on a phone (390 px, and the
 * narrowest common one, 360 px) no page-level sideways scrolling and no element past the edge;
 * axe-core finds nothing serious or critical at either width; and in the pseudo-locale every
 * word on it comes from the message catalogue. The benchmark screens are here before any snapshot
 * (benchmarks.test.ts shows them with one, on phones too).
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let riverside: string;
let draft: string;
let submitted: string;
let item: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  [northfield, riverside] = await Promise.all([stack.orgId('northfield-central-library'), stack.orgId('riverside-community-library')]);
  const em = stack.api.db.owner.em.fork();
  draft = (await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false })).id;
  submitted = (await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2025' }, { filters: false })).id;
  // Northfield's demo has no plan yet: its manager makes one from the submitted 2025 assessment.
  const { as } = await stack.login('manager@northfield.example');
  const made = await stack.api.gql('mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }', { a: submitted }, as(northfield));
  expect(made.data?.generateActionPlan.created).toBeGreaterThan(0);
  item = (await em.findOneOrFail(ActionItem, { organisationId: northfield }, { filters: false, orderBy: { priority: 'asc' } })).id;
  // The Riverside owner also reads for Moorgate, so they have organisations to choose between.
  const owner = await em.findOneOrFail(User, { email: 'owner@riverside-community-library.example' });
  const moorgate = await em.findOneOrFail(Organisation, { slug: 'moorgate-village-library' });
  await stack.api.fx.member(moorgate, MemberRole.VIEWER, owner);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('every-screen');
});

interface Screen {
  name: string;
  path: () => string;
  /** Something that shows the screen's data has arrived (beyond its heading). */
  ready?: (page: Page) => Promise<unknown>;
}

const o = (rest = '') => `/o/${northfield}${rest}`;
const INSTITUTION: Screen[] = [
  { name: 'assessments', path: () => o() },
  { name: 'checklist', path: () => o(`/assessments/${draft}/checklist/3.1`) },
  { name: 'checklist-agreed', path: () => o(`/assessments/${draft}/checklist/3.2?answering=agreed`) },
  { name: 'team-view', path: () => o(`/assessments/${draft}/team`) },
  { name: 'framework-changes', path: () => o(`/assessments/${draft}/changes`) },
  { name: 'submit-missing', path: () => o(`/assessments/${draft}/submit`) },
  { name: 'submit-locked', path: () => o(`/assessments/${submitted}/submit`) },
  { name: 'checklist-locked', path: () => o(`/assessments/${submitted}/checklist/3.3`) },
  { name: 'scores', path: () => o(`/assessments/${submitted}/scores`), ready: (page) => page.locator('.chart-canvas svg').first().waitFor() },
  { name: 'plan-list', path: () => o('/plan'), ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'plan-board', path: () => o('/plan?view=board'), ready: (page) => page.locator('.board-card').first().waitFor() },
  { name: 'plan-item', path: () => o(`/plan/${item}`) },
  { name: 'progress', path: () => o('/progress'), ready: (page) => page.locator('.chart-canvas svg').first().waitFor() },
  { name: 'evidence-library', path: () => o('/evidence'), ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'partners', path: () => o('/partners'), ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'exports', path: () => o('/exports'), ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'import-partners', path: () => o('/imports/partners') },
  { name: 'import-plan', path: () => o(`/imports/plan?assessment=${submitted}`), ready: (page) => page.locator('input[type="file"]').waitFor() },
  { name: 'members', path: () => o('/settings/members'), ready: (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'api-keys', path: () => o('/settings/api-keys') },
  { name: 'webhooks', path: () => o('/settings/webhooks') },
  { name: 'notifications', path: () => o('/settings/notifications') },
  { name: 'single-sign-on', path: () => o('/settings/sign-in') },
  { name: 'organisation-settings', path: () => o('/settings/organisation') },
  { name: 'benchmarks', path: () => o('/benchmarks') },
  { name: 'not-found', path: () => o('/no-such-screen') },
  { name: 'no-access', path: () => `/o/${riverside}` },
  { name: 'account', path: () => '/account' },
];

/** Reached from the sign-in page or an emailed link (a made-up token shows the forms; the API judges it when sent). */
const BEFORE_SIGN_IN: Screen[] = [
  { name: 'forgot-password', path: () => '/forgot-password' },
  { name: 'join', path: () => '/join#token=inv_made-up' },
  { name: 'reset-password', path: () => '/reset-password#token=pwr_made-up' },
];

/** One screen at desk width (axe), then on a phone (the edge, axe) and a small phone (the edge). */
async function atEveryWidth(page: Page, screen: Screen): Promise<void> {
  await page.setViewportSize(DESK);
  await page.goto(screen.path());
  await settled(page);
  await screen.ready?.(page);
  await screenshot(page, screen.name);
  await expectAccessible(page, `${screen.name} (desk)`);
  await page.setViewportSize(PHONE);
  await expectNoSidewaysScroll(page, screen.name);
  await screenshot(page, screen.name);
  await expectAccessible(page, `${screen.name} (390 px)`);
  await page.setViewportSize(SMALL_PHONE);
  await expectNoSidewaysScroll(page, screen.name);
}

describe('every screen of an institution, at desk width, 390 px and 360 px', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage(browser, stack.baseUrl));
    await signIn(page, 'owner@northfield.example');
  });

  it.each(INSTITUTION.map((s) => [s.name, s] as const))('%s', async (_name, screen) => {
    await atEveryWidth(page, screen);
  });

  it('folds its menu behind a button on a phone, and opens it', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(o());
    await settled(page);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Organisation' }).isVisible()).toBe(false);
    await menu.click();
    await page.getByRole('navigation', { name: 'Organisation' }).getByRole('link', { name: 'Evidence library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evidence library' }).waitFor();
    // Choosing a screen folds it away again.
    expect(await page.getByRole('navigation', { name: 'Organisation' }).isVisible()).toBe(false);
  });
});

describe('every screen of a regional body, at desk width, 390 px and 360 px, and in the pseudo-locale', () => {
  it('regional dashboard and network members', async () => {
    const body = await stack.orgId('north-west-network');
    const screens: Screen[] = [
      { name: 'regional-dashboard', path: () => `/o/${body}/network` },
      { name: 'network-members', path: () => `/o/${body}/network/members`, ready: (page) => page.locator('tbody tr').first().waitFor() },
    ];
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'analyst@north-west-network.example');
    for (const screen of screens) await atEveryWidth(page, { ...screen, name: `${screen.name}-no-snapshot` });
    const { page: pseudo } = await newPage(browser, stack.baseUrl, PHONE);
    await pseudo.goto('/sign-in');
    await usePseudoLocale(pseudo);
    await signIn(pseudo, 'analyst@north-west-network.example');
    for (const screen of screens) {
      await pseudo.goto(screen.path());
      await settled(pseudo);
      await screen.ready?.(pseudo);
      await expectAllFromCatalogue(pseudo, screen.name);
      await expectNoSidewaysScroll(pseudo, `${screen.name} (pseudo-locale)`);
    }
  });
});

describe('the screens before an organisation', () => {
  it('sign in and choose an organisation', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await atEveryWidth(page, { name: 'sign-in', path: () => '/sign-in' });
    for (const screen of BEFORE_SIGN_IN) await atEveryWidth(page, screen);
    await signIn(page, 'owner@riverside-community-library.example');
    await atEveryWidth(page, { name: 'choose-organisation', path: () => '/' });
  });
});

describe('every screen in the pseudo-locale', () => {
  it('shows no word that is not in the message catalogue, and still fits a phone', async () => {
    const { page } = await newPage(browser, stack.baseUrl, PHONE);
    await page.goto('/sign-in');
    await usePseudoLocale(page);
    await signIn(page, 'owner@northfield.example');
    await expectAllFromCatalogue(page, 'assessments');
    for (const screen of INSTITUTION) {
      await page.goto(screen.path());
      await settled(page);
      await screen.ready?.(page);
      await expectAllFromCatalogue(page, screen.name);
      // Pseudo-locale words are about a third longer: the layout must still hold.
      await expectNoSidewaysScroll(page, `${screen.name} (pseudo-locale)`);
    }
    await page.evaluate(() => sessionStorage.removeItem('waymark:session'));
    await signIn(page, 'owner@riverside-community-library.example');
    await expectAllFromCatalogue(page, 'choose organisation');
    await page.evaluate(() => sessionStorage.removeItem('waymark:session'));
    for (const screen of BEFORE_SIGN_IN) {
      await page.goto(screen.path());
      await settled(page);
      await expectAllFromCatalogue(page, screen.name);
      await expectNoSidewaysScroll(page, `${screen.name} (pseudo-locale)`);
    }
  });
});
