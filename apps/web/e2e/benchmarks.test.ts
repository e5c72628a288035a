import type { Browser, Page } from 'playwright-core';
import { Framework, MemberRole, Organisation, createCrossTenantReader, recomputeBenchmarks } from '@waymark/db';
import { PHONE, SMALL_PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, screenshot, signIn, timeScreenChange } from './support/browser';
import { DEMO_PASSWORD, type Stack, startStack } from './support/stack';

/**
 * Benchmarking as a regional analyst, a body's manager and institutions see it, over the demo
 * network. The e2e stack runs no worker, so the first snapshot (which the worker takes when it
 * starts) is computed here by the same recompute (protected and audited), over the seeded submissions.
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
  // The first snapshot (protected and audited) takes under a second over the demo (docs/operations.md, bench:benchmarks).
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('benchmarks');
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const openTable = (page: Page, title: string) => page.locator('summary', { hasText: `${title}: the figures as a table` }).click();

describe('a regional analyst', () => {
  let page: Page;

  it('reads the heatmap: named members by name, one Other members row, counts that add up, as of when', async () => {
    ({ page } = await newPage(browser, stack.baseUrl));
    await signIn(page, 'analyst@north-west-network.example');
    // An analyst lands on the dashboard.
    await heading(page, 'Regional dashboard');
    await page.getByText(/^Figures as of \d+ \w+ \d{4}/).waitFor();
    const heatmap = page.locator('table', { has: page.locator('caption', { hasText: /North West Learning Partnerships: practice \(0 to 100\) by member and element, as of/ }) });
    await heatmap.getByRole('rowheader', { name: 'Northfield Central Library', exact: true }).waitFor();
    await screenshot(page, 'regional-dashboard');
    const rows = await heatmap.locator('tbody').getByRole('rowheader').allTextContents();
    const others = rows.filter((r) => r.startsWith('Other members'));
    // No per-member row of an ANONYMOUS member: Riverside shares anonymously, its name is nowhere on the page.
    expect(await page.getByText('Riverside Community Library').count()).toBe(0);
    expect(others.length).toBe(1);
    // The counts above the heatmap add up, and to the network's member list.
    const counts = /^(\d+) members: (\d+) named, (\d+) counted together as other members(?:, (\d+) not counted \(no submitted assessment, results not shared, or joined after these figures\))?\.$/
      .exec((await page.getByText(/^\d+ members: \d+ named/).textContent()) ?? '');
    expect(counts).not.toBeNull();
    const [members, named, together, leftOut] = counts!.slice(1).map((n) => Number(n ?? 0));
    expect(named).toBe(rows.length - 1);
    expect(named! + together! + leftOut!).toBe(members);
    if (others[0] !== 'Other members: held back') expect(others[0]).toBe(`Other members (${together})`);
    await page.goto(`/o/${body}/network/members`);
    await page.locator('caption', { hasText: new RegExp(`^North West Learning Partnerships: ${members} members, \\d+ invited in all$`) }).waitFor();
    await page.goBack();
    await heading(page, 'Regional dashboard');
  });

  it('reads the means by kind, the weakest elements and parts, and the trend; held-back cells say why', async () => {
    const plot = page.getByRole('img', { name: /Libraries in North West: mean practice \d+/ });
    await plot.waitFor();
    await plot.scrollIntoViewIfNeeded();
    await screenshot(page, 'regional-means');
    await openTable(page, 'Mean practice by kind');
    const kinds = page.locator('table', { has: page.locator('caption', { hasText: 'Practice (0 to 100) by kind and scope' }) });
    const libraries = kinds.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Libraries in North West' }) });
    expect(await libraries.count()).toBeGreaterThan(1);
    expect((await libraries.first().getByRole('cell').allTextContents()).slice(1, 3).every((c) => /^\d+(\.\d)?$/.test(c))).toBe(true);
    // A held-back cell is never blank: it says held back, and why in words.
    const held = kinds.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Held back', exact: true }) });
    for (const row of await held.all()) expect((await row.getByRole('cell').allTextContents()).at(-1)).toMatch(/^Held back: /);

    const weakest = page.locator('table', { has: page.locator('caption', { hasText: 'Elements by mean practice, weakest first' }) });
    await weakest.getByRole('rowheader', { name: /^3\.\d Do you / }).first().waitFor();
    const parts = page.locator('table', { has: page.locator('caption', { hasText: 'Action parts the fewest institutions answer Yes' }) });
    expect(await parts.getByRole('rowheader').count()).toBeGreaterThan(0);
    await page.getByRole('img', { name: /mean practice \d+(\.\d)?, mean evidence/ }).waitFor();
    await expectAccessible(page, 'regional dashboard');
  });

  it('on a phone (390 and 360 px) the dashboard never scrolls sideways: the heatmap scrolls in its own frame, the member column fixed', async () => {
    for (const viewport of [PHONE, SMALL_PHONE]) {
      const { page: phone } = await newPage(browser, stack.baseUrl, viewport);
      await signIn(phone, 'analyst@north-west-network.example');
      await heading(phone, 'Regional dashboard');
      const frame = phone.locator('.table-wrap.heatmap');
      await frame.getByRole('rowheader', { name: 'Northfield Central Library', exact: true }).waitFor();
      await expectNoSidewaysScroll(phone, `regional dashboard at ${viewport.width} px`);
      const member = frame.getByRole('rowheader', { name: 'Northfield Central Library', exact: true });
      expect(await member.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
      if (viewport === PHONE) await screenshot(phone, 'regional-dashboard');
      const before = await member.boundingBox();
      await frame.evaluate((el) => el.scrollBy({ left: 400 }));
      expect((await member.boundingBox())?.x).toBeCloseTo(before!.x, 0);
      await phone.context().close();
    }
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
  it('sees its own scores beside each cohort’s mean, as of when, and why a cohort is held back; cannot open the body’s dashboard', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'owner@northfield.example');
    await heading(page, 'Assessments');
    await timeScreenChange(page, 'Benchmarks', 'Benchmarks');
    await page.getByText(/^Figures as of \d+ \w+ \d{4}/).waitFor();
    await page.getByText(/^Your latest submission \(.+\): practice \d+/).waitFor();
    await page.getByRole('img', { name: /Libraries: yours \d+, cohort mean \d+/ }).waitFor();
    for (const cohort of ['Libraries', 'North West']) {
      const caption = page.locator('caption', { hasText: new RegExp(`^${cohort}: \\d+ institutions, as of \\d+ \\w+ \\d{4}`) });
      await caption.waitFor();
      const table = page.locator('table', { has: caption });
      const overall = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Overall' }) }).first();
      const [, yours, mean, difference] = await overall.getByRole('cell').allTextContents();
      expect(yours).toMatch(/^\d+$/);
      expect(mean).toMatch(/^\d+(\.\d)?$/);
      expect(difference).toMatch(/^([+−]\d+(\.\d)?|0)$/);
    }
    await screenshot(page, 'benchmarks');
    await expectAccessible(page, 'benchmarks');
    for (const viewport of [PHONE, SMALL_PHONE]) {
      await page.setViewportSize(viewport);
      await expectNoSidewaysScroll(page, `benchmarks at ${viewport.width} px`);
    }

    await page.goto(`/o/${body}/network`);
    await heading(page, 'No access to this organisation');
    expect(await page.getByRole('navigation', { name: 'Organisation' }).count()).toBe(0);
    await page.goto(`/o/${northfield}/network`);
    await page.getByRole('alert').filter({ hasText: 'Only a regional body has networks' }).waitFor();
  });

  it('sees its new position at once after submitting, said to count from the next snapshot', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'owner@northfield.example');
    await page.goto(`/o/${northfield}/benchmarks`);
    await heading(page, 'Benchmarks');
    const asOf = await page.getByText(/^Figures as of /).textContent();
    // The manager submits a new cycle over the API, every part Started: practice 50.
    const manager = (await stack.login('manager@northfield.example')).as(northfield);
    const keys = (await stack.api.gql<{ framework: { id: string; answerKeys: string[] } }>('{ framework(key: "inspiring-learning-partnerships") { id answerKeys } }', {}, manager)).data!.framework;
    const created = await stack.api.gql<{ createAssessment: { id: string } }>('mutation($f: ID!) { createAssessment(input: { frameworkId: $f, cycle: "2027" }) { id } }', { f: keys.id }, manager);
    const id = created.data!.createAssessment.id;
    const answers = keys.answerKeys.map((nodeKey) => ({ nodeKey, value: /\.g\d/.test(nodeKey) ? 'YES' : 'STARTED' }));
    expect((await stack.api.gql('mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }', { i: { assessmentId: id, answers } }, manager)).errors).toBeUndefined();
    expect((await stack.api.gql('mutation($a: ID!) { submitAssessment(id: $a) { status } }', { a: id }, manager)).errors).toBeUndefined();

    await page.reload();
    await heading(page, 'Benchmarks');
    await page.getByText(/^Your latest submission \(.+\): practice 50, evidence 100\.$/).waitFor();
    await page.getByRole('status').filter({ hasText: /counts in them from the next snapshot/ }).waitFor();
    expect(await page.getByText(/^Figures as of /).textContent()).toBe(asOf);
    await page.getByRole('img', { name: /Libraries: yours 50, cohort mean \d+/ }).waitFor();
  });

  it('without consent, is told plainly why there is nothing to compare', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'owner@moorgate-village-library.example');
    await page.goto(`/o/${await stack.orgId('moorgate-village-library')}/benchmarks`);
    await heading(page, 'Benchmarks');
    await page.getByRole('status').filter({ hasText: /does not share its results/ }).waitFor();
    expect(await page.locator('table caption', { hasText: /institutions?, as of/ }).count()).toBe(0);
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
