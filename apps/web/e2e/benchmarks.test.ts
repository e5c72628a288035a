import type { Browser, Page } from 'playwright-core';
import { Framework, MemberRole, Organisation, createCrossTenantReader, recomputeBenchmarks } from '@waymark/db';
import { expectAccessible, launchBrowser, newPage, printReport, screenshot, signIn, timeScreenChange } from './support/browser';
import { DEMO_PASSWORD, type Stack, startStack } from './support/stack';

/**
 * Benchmarking as a regional analyst, a body's manager and institutions see it, over the demo
 * network. The e2e stack runs no worker, so the first snapshot (which the worker takes when it
 * starts) is computed here by the same recompute, over the seeded submissions.
 */
let stack: Stack;
let browser: Browser;
let body: string;
let northfield: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  [body, northfield] = await Promise.all([stack.orgId('north-west-network'), stack.orgId('northfield-central-library')]);
  const em = stack.api.db.owner.em.fork();
  const framework = await em.findOneOrFail(Framework, { key: 'inspiring-learning-partnerships' });
  const [row] = await em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from benchmark_snapshot where framework_id = ?', [framework.id]);
  if (!row?.n) {
    const reader = await createCrossTenantReader(stack.api.db.config);
    try {
      const result = await recomputeBenchmarks(reader, { frameworkId: framework.id, trigger: 'manual' });
      expect(result.snapshotId).not.toBeNull();
    } finally {
      await reader.close();
    }
  }
  // The demo body has only its analyst (read-only); a manager shows the management side.
  const manager = await stack.api.fx.user({ email: 'manager@north-west-network.example', name: 'Mo Manning', password: DEMO_PASSWORD });
  await stack.api.fx.member(await em.findOneOrFail(Organisation, { id: body }), MemberRole.MANAGER, manager);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('benchmarks');
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const openTable = (page: Page, title: string) => page.locator('summary', { hasText: `${title}: the figures as a table` }).click();

describe('a regional analyst', () => {
  let page: Page;

  it('reads the heatmap: named and pseudonymous rows, suppressed marked as suppressed', async () => {
    ({ page } = await newPage(browser, stack.baseUrl));
    await signIn(page, 'analyst@north-west-network.example');
    // An analyst lands on the dashboard.
    await heading(page, 'Regional dashboard');
    await page.getByRole('img', { name: /^Heatmap of \d+ members .* named, \d+ under pseudonyms.*suppressed/ }).waitFor();
    await screenshot(page, 'regional-dashboard');
    await openTable(page, 'North West Learning Partnerships: practice by member and element');
    const heatmap = page.locator('table', { has: page.locator('caption', { hasText: 'Practice and evidence (0-100) by member' }) });
    await heatmap.getByRole('rowheader', { name: 'Northfield Central Library', exact: true }).waitFor();
    const named = heatmap.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Named', exact: true }) });
    const pseudonymous = heatmap.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Pseudonym', exact: true }) });
    expect(await named.count()).toBeGreaterThan(0);
    expect(await pseudonymous.count()).toBeGreaterThan(0);
    expect(await pseudonymous.first().getByRole('rowheader').textContent()).toMatch(/^Member [A-Z0-9]{4} \(anonymous\)$/);
    // Riverside shares anonymously: its name is nowhere on the page.
    expect(await page.getByText('Riverside Community Library').count()).toBe(0);
    const suppressed = heatmap.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Suppressed', exact: true }) });
    expect(await suppressed.count()).toBeGreaterThan(0);
    expect(await suppressed.first().getByRole('cell').allTextContents()).not.toContain('');
  });

  it('reads the quartiles by kind as a table, the weakest elements and parts, and the trend', async () => {
    const plot = page.getByRole('img', { name: /Libraries in North West \(\d+ institutions\): overall practice median \d+/ });
    await plot.waitFor();
    await plot.scrollIntoViewIfNeeded();
    await screenshot(page, 'regional-quartiles');
    await openTable(page, 'Practice quartiles by kind');
    const quartiles = page.locator('table', { has: page.locator('caption', { hasText: 'Practice (0-100) by kind and scope' }) });
    const libraries = quartiles.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Libraries in North West' }) });
    expect(await libraries.count()).toBeGreaterThan(1);
    expect((await libraries.first().getByRole('cell').allTextContents()).slice(1, 7).every((c) => /^\d+$/.test(c))).toBe(true);
    const archives = quartiles.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Archives in North West' }) });
    expect(await archives.getByRole('cell', { name: 'Suppressed', exact: true }).count()).toBeGreaterThan(0);

    const weakest = page.locator('table', { has: page.locator('caption', { hasText: 'Elements by median practice, weakest first' }) });
    expect(await weakest.getByRole('rowheader').count()).toBe(3);
    await weakest.getByRole('rowheader', { name: /^3\.\d Do you / }).first().waitFor();
    const parts = page.locator('table', { has: page.locator('caption', { hasText: 'Action parts fewest institutions answer Yes' }) });
    expect(await parts.getByRole('rowheader').count()).toBeGreaterThan(0);
    await page.getByRole('img', { name: /median practice \d+, median evidence \d+/ }).waitFor();
    await expectAccessible(page, 'regional dashboard');
  });

  it('reads the network’s members but cannot change them', async () => {
    await timeScreenChange(page, 'Network members', 'Network members');
    await page.getByRole('rowheader', { name: 'Northfield Central Library' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Ashworth Library and Museum' }).getByText('Invited').waitFor();
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await expectAccessible(page, 'network members (analyst)');
  });
});

describe('a body’s manager', () => {
  it('invites an institution found in the directory', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'manager@north-west-network.example');
    await page.goto(`/o/${body}/network/members`);
    await heading(page, 'Network members');
    const brackenby = page.getByRole('row').filter({ hasText: 'Brackenby Parish Archive Trust' });
    await brackenby.getByText('Declined').waitFor();
    await page.getByLabel('Find an institution by name').fill('Brackenby');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: 'Invite Brackenby Parish Archive Trust' }).click();
    await page.getByRole('status').filter({ hasText: 'Brackenby Parish Archive Trust is invited' }).waitFor();
    await brackenby.getByText('Invited').waitFor();
    await page.getByRole('button', { name: 'Remove Northfield Central Library' }).waitFor();
    await screenshot(page, 'network-members');
    await expectAccessible(page, 'network members (manager)');
  });
});

describe('an institution', () => {
  it('sees its cohorts and its percentile ranks, and cannot open the body’s dashboard', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'owner@northfield.example');
    await heading(page, 'Assessments');
    await timeScreenChange(page, 'Benchmarks', 'Benchmarks');
    await page.getByRole('img', { name: /Libraries \(\d+ institutions\): yours \d+, percentile rank \d+/ }).waitFor();
    for (const cohort of ['Libraries', 'Libraries in North West', 'North West']) {
      const caption = page.locator('caption', { hasText: new RegExp(`^${cohort}: \\d+ institutions$`) });
      await caption.waitFor();
      const table = page.locator('table', { has: caption });
      const overall = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Overall' }) }).first();
      expect((await overall.getByRole('cell').allTextContents())[2]).toMatch(/^\d+ \(scores above \d+% of the others\)$/);
    }
    // Its network's own figures are suppressed: said so, with nothing else.
    await page.getByRole('heading', { level: 3, name: /North West Learning Partnerships: Suppressed/ }).waitFor();
    await page.getByRole('rowheader', { name: 'North West Learning Partnerships' }).waitFor();
    await screenshot(page, 'benchmarks');
    await expectAccessible(page, 'benchmarks');

    await page.goto(`/o/${body}/network`);
    await heading(page, 'No access to this organisation');
    expect(await page.getByRole('navigation', { name: 'Organisation' }).count()).toBe(0);
    await page.goto(`/o/${northfield}/network`);
    await page.getByRole('alert').filter({ hasText: 'Only a regional body has networks' }).waitFor();
  });

  it('without consent, is told plainly why there is nothing to compare', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'owner@moorgate-village-library.example');
    await page.goto(`/o/${await stack.orgId('moorgate-village-library')}/benchmarks`);
    await heading(page, 'Benchmarks');
    await page.getByRole('status').filter({ hasText: /does not share its results/ }).waitFor();
    expect(await page.locator('table caption', { hasText: /institutions$/ }).count()).toBe(0);
  });

  it('accepts a network’s invitation', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'owner@ashworth-library-and-museum.example');
    await page.goto(`/o/${await stack.orgId('ashworth-library-and-museum')}/benchmarks`);
    await heading(page, 'Benchmarks');
    const row = page.getByRole('row').filter({ hasText: 'North West Learning Partnerships' });
    await row.getByText('Invited').waitFor();
    await page.getByRole('button', { name: 'Accept the invitation to North West Learning Partnerships' }).click();
    await row.getByText('Member', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Leave North West Learning Partnerships' }).waitFor();
  });
});
