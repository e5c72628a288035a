import type { Browser, Page } from 'playwright-core';
import { Assessment, AssessorAnswer, User } from '@waymark/db';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * Erasure as an owner does it: erasing a member from Members and finding "Former member N" where
 * their answers were; deleting an organisation from its settings after downloading its export, and
 * being signed out and told it is gone. At desk width and on a phone (390 px), with the axe check.
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
  printReport('erasure');
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/** A draft of Northfield's with an answer of the person's own, so the team view has a column for them. */
async function answerAs(email: string): Promise<string> {
  const em = stack.api.db.owner.em.fork();
  const user = await em.findOneOrFail(User, { email });
  const assessments = await em.find(Assessment, { organisationId: northfield }, { orderBy: { cycle: 'desc' }, filters: false });
  const assessment = assessments[0]!;
  const existing = await em.findOne(AssessorAnswer, { assessmentId: assessment.id, userId: user.id, nodeKey: '3.1.1.a' }, { filters: false });
  if (!existing) em.create(AssessorAnswer, { organisationId: northfield, assessmentId: assessment.id, userId: user.id, nodeKey: '3.1.1.a', value: 'STARTED' });
  await em.flush();
  return assessment.id;
}

const cases = [
  { width: 'desk', viewport: DESK, member: { email: 'assessor2@northfield.example', name: 'Tom Barker' }, institution: { slug: 'riverside-community-library', name: 'Riverside Community Library' } },
  { width: '390 px', viewport: PHONE, member: { email: 'assessor@northfield.example', name: 'Aisha Ahmed' }, institution: { slug: 'moorgate-village-library', name: 'Moorgate Village Library' } },
];

describe.each(cases)('at $width', ({ width, viewport, member, institution }) => {
  it('an owner erases a member and sees "Former member N" where their answers were', async () => {
    const assessment = await answerAs(member.email);
    const { page, context } = await newPage(browser, stack.baseUrl, viewport);
    try {
      await signIn(page, 'owner@northfield.example');
      await page.goto(`/o/${northfield}/assessments/${assessment}/team`);
      await page.getByRole('columnheader', { name: member.name }).waitFor();

      await page.goto(`/o/${northfield}/settings/members`);
      await heading(page, 'Members and invitations');
      await page.getByRole('button', { name: `Erase this person ${member.name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Erase ${member.name} for good?` });
      await dialog.getByText(/can never sign in again/).waitFor();
      await expectAccessible(page, `erase a member, the question (${width})`);
      await dialog.getByRole('button', { name: 'Erase this person' }).click();
      const done = page.getByText(new RegExp(`^${member.name} has been erased. Their work now shows as Former member \\d+\\.$`));
      await done.waitFor();
      const label = /Former member \d+/.exec((await done.textContent()) ?? '')![0];
      // The list is read again after the erasure: the member's row goes (a row that stays fails here after the timeout).
      await page.getByRole('rowheader', { name: member.name }).waitFor({ state: 'detached' });
      await expectAccessible(page, `members after an erasure (${width})`);
      await expectNoSidewaysScroll(page, `members after an erasure (${width})`);

      await page.goto(`/o/${northfield}/assessments/${assessment}/team`);
      await page.getByRole('columnheader', { name: label, exact: true }).waitFor();
      expect(await page.getByText(member.name).count()).toBe(0);
      await expectAccessible(page, `team view with a former member (${width})`);
    } finally {
      await context.close();
    }
  });

  it('an owner downloads the export, then deletes the organisation and is told it is gone', async () => {
    const orgId = await stack.orgId(institution.slug);
    const { page, context } = await newPage(browser, stack.baseUrl, viewport);
    try {
      await signIn(page, `owner@${institution.slug}.example`);
      await page.goto(`/o/${orgId}/settings/organisation`);
      await heading(page, 'Organisation');
      const name = page.getByLabel(`Type the organisation’s name, ${institution.name}, to confirm`);
      const remove = page.getByRole('button', { name: `Delete ${institution.name}` });
      // Without a copy, the export is offered first.
      await name.fill(institution.name);
      await remove.click();
      await page.getByText('Download the organisation’s export first, or tick that you do not want a copy.').waitFor();
      await expectAccessible(page, `delete organisation, export first (${width})`);
      await expectNoSidewaysScroll(page, `delete organisation (${width})`);

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download everything (JSON)' }).click();
      expect((await download).suggestedFilename()).toMatch(/\.json$/);
      await page.getByText(/^Downloaded .*\.json\. Keep it somewhere safe\.$/).waitFor();

      await remove.click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByText('The organisation has been deleted, with everything it held. You have been signed out.').waitFor();
      await expectAccessible(page, `signed out after deleting the organisation (${width})`);
      expect(await stack.api.db.owner.em.fork().getConnection().execute(`select count(*)::int as n from organisation where id = ?`, [orgId])).toEqual([{ n: 0 }]);
    } finally {
      await context.close();
    }
  });
});
