import type { Browser, Page } from 'playwright-core';
import { ActionItem, Assessment, MemberRole, Organisation, User } from '@waymark/db';
import { expectAccessible, launchBrowser, newPage, printReport, settled, signIn, timeScreenChange } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * The rest of the screens as an institution's owner and a regional analyst see them, and the
 * wall between organisations: another organisation's pages cannot be reached by URL.
 */
let stack: Stack;
let browser: Browser;
let riverside: string;
let northfield: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  [riverside, northfield] = await Promise.all([stack.orgId('riverside-community-library'), stack.orgId('northfield-central-library')]);
  // The Riverside owner also reads for Moorgate, so they have organisations to choose between.
  const em = stack.api.db.owner.em.fork();
  const owner = await em.findOneOrFail(User, { email: 'owner@riverside-community-library.example' });
  const moorgate = await em.findOneOrFail(Organisation, { slug: 'moorgate-village-library' });
  await stack.api.fx.member(moorgate, MemberRole.VIEWER, owner);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('screens-and-walls');
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('an institution owner', () => {
  let page: Page;

  it('signs in and chooses among their organisations', async () => {
    ({ page } = await newPage(browser, stack.baseUrl));
    await page.goto('/');
    await heading(page, 'Sign in to Waymark');
    await expectAccessible(page, 'sign in');
    await page.getByLabel('Email', { exact: true }).fill('owner@riverside-community-library.example');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await signIn(page, 'owner@riverside-community-library.example');
    await heading(page, 'Choose an organisation');
    await page.getByRole('link', { name: 'Moorgate Village Library' }).waitFor();
    await expectAccessible(page, 'choose organisation');
    await page.getByRole('link', { name: 'Riverside Community Library' }).click();
    await heading(page, 'Assessments');
  });

  it('reads progress across cycles, the evidence library, the register and the exports', async () => {
    await timeScreenChange(page, 'Progress', 'Progress across cycles');
    await page.getByRole('img', { name: /2025: practice \d+.*2026: practice \d+/ }).waitFor();
    await expectAccessible(page, 'progress');

    await timeScreenChange(page, 'Evidence library', 'Evidence library');
    await page.getByRole('cell', { name: /Partnership agreement with Riverside Reading Group/ }).or(page.getByRole('rowheader', { name: /Partnership agreement with Riverside Reading Group/ })).first().waitFor();
    await page.getByLabel('Title').fill('Minutes of the partners’ review meeting');
    await page.getByLabel('File reference').fill('Shared drive / Partnerships / 2026-review.docx');
    await page.getByRole('button', { name: 'Add to the library' }).click();
    await page.getByRole('rowheader', { name: /Minutes of the partners’ review meeting/ }).waitFor();
    await expectAccessible(page, 'evidence library');

    await timeScreenChange(page, 'Partnerships', 'Partnership register');
    await page.getByRole('rowheader', { name: /Riverside Reading Group/ }).waitFor();
    await expectAccessible(page, 'partnership register');

    await timeScreenChange(page, 'Reports and exports', 'Reports and exports');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the plan for cycle 2026' }).click();
    // The name the server gives: the organisation, what it is, and the day.
    const name = (await download).suggestedFilename();
    expect(name).toMatch(/^waymark-riverside-community-library-assessment-2026-plan-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.getByRole('status').filter({ hasText: `Downloaded ${name}.` }).waitFor();
    await expectAccessible(page, 'exports');
  });

  it('manages members and API keys, the key secret shown once', async () => {
    await timeScreenChange(page, 'Members', 'Members and invitations');
    await page.getByLabel('Email').fill('volunteer@riverside.example');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    // Invitations are emailed (joining.test.ts follows the link); no token is ever shown.
    await page.getByText('Invitation emailed to volunteer@riverside.example').waitFor();
    await expectAccessible(page, 'members');

    await timeScreenChange(page, 'API keys', 'API keys');
    await page.getByLabel('What it is for').fill('Council reporting');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.locator('.secret').textContent()) ?? '';
    expect(secret).toMatch(/^wmk_/);
    await page.getByRole('rowheader', { name: 'Council reporting' }).waitFor();
    await expectAccessible(page, 'API keys');
    await page.reload();
    await heading(page, 'API keys');
    expect(await page.content()).not.toContain(secret);
  });

  it('cannot reach another organisation’s pages by URL', async () => {
    const em = stack.api.db.owner.em.fork();
    const draft = await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false });
    const harbourside = await stack.orgId('harbourside-maritime-museum');
    const item = await em.findOneOrFail(ActionItem, { organisationId: harbourside }, { filters: false });

    for (const path of [`/o/${northfield}`, `/o/${northfield}/assessments/${draft.id}/checklist`, `/o/${northfield}/plan`, `/o/${harbourside}/plan/${item.id}`]) {
      await page.goto(path);
      await heading(page, 'No access to this organisation');
      expect(await page.getByRole('navigation', { name: 'Organisation' }).count()).toBe(0);
    }
    await expectAccessible(page, 'no access');

    // Under their own organisation, another's ids are simply not found.
    for (const path of [`/o/${riverside}/assessments/${draft.id}/checklist`, `/o/${riverside}/plan/${item.id}`]) {
      await page.goto(path);
      await page.getByRole('alert').filter({ hasText: 'Not found' }).waitFor();
      expect(await page.getByText('actively look for partners').count()).toBe(0);
    }
  });
});

describe('a regional analyst', () => {
  it('opens the regional dashboard and nothing of a member institution', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'analyst@north-west-network.example');
    // A regional body has no assessments of its own: an analyst lands on the dashboard, not an empty list.
    await heading(page, 'Regional dashboard');
    expect(await page.getByRole('navigation', { name: 'Organisation' }).getByRole('link', { name: 'Assessments' }).count()).toBe(0);
    // No worker runs here, so there is no snapshot yet: the dashboard says so (benchmarks.test.ts computes one).
    await page.getByRole('status').filter({ hasText: 'No benchmark has been published yet' }).first().waitFor();
    await settled(page);
    await expectAccessible(page, 'regional dashboard (before the first snapshot)');
    await page.goto(`/o/${northfield}`);
    await heading(page, 'No access to this organisation');
  });
});
