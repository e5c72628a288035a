import type { Browser, Locator, Page } from 'playwright-core';
import { ApiKey, Assessment, Evidence, Invitation, Membership, User } from '@waymark/db';
import { DESK, PHONE, expectAccessible, launchBrowser, newPage, printReport, settled, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * Every action that deletes, revokes, locks or closes asks first, in one way: a dialog that says
 * what will happen to what, with the safe choice first. Keeping it as it is changes nothing and
 * puts focus back on the control that asked; going ahead does it, and focus lands somewhere
 * sensible. At desk width and on a phone.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let frameworkId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
  frameworkId = (await stack.api.db.owner.em.fork().findOneOrFail(Assessment, { organisationId: northfield, cycle: '2025' }, { filters: false })).frameworkId;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('confirmations');
});

const em = () => stack.api.db.owner.em.fork();
const as = async (email: string) => (await stack.login(email)).as(northfield);
const gql = async (email: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await stack.api.gql(query, variables, await as(email));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
};
const PARTS = ['3.1.1.a', '3.1.1.b', '3.1.2.a', '3.1.2.b', '3.1.2.c', '3.1.3', '3.2.1', '3.2.2.a', '3.2.2.b', '3.2.3', '3.3.1', '3.3.2.a', '3.3.2.b'];
const focused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/**
 * Opens the confirmation, checks it names what will happen, keeps things as they are (focus back
 * on the opener, `unchanged` still true), then opens it again and goes ahead.
 */
async function confirmAfterKeeping(page: Page, open: () => Promise<unknown>, dialogName: string | RegExp, says: string | RegExp, confirm: string, unchanged: () => Promise<boolean>, opener: Locator | null = null) {
  await open();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByText(says).first().waitFor();
  expect(await focused(dialog.getByRole('button', { name: 'Keep it as it is' }).or(dialog.getByRole('button', { name: 'Keep it' })).first())).toBe(true);
  await dialog.getByRole('button', { name: /^Keep it/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  if (opener) await page.waitForFunction((el) => el === document.activeElement, await opener.elementHandle());
  expect(await unchanged()).toBe(true);
  await open();
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('destructive actions ask first (%s)', (width, viewport) => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(page, 'owner@northfield.example');
  });

  it('revokes an API key', async () => {
    await page.goto(`/o/${northfield}/settings/api-keys`);
    await page.getByLabel('What it is for').fill(`Reporting ${width}`);
    await page.getByRole('button', { name: 'Create key' }).click();
    // The secret is shown once, with a Copy button that takes focus.
    const copy = page.getByRole('button', { name: /^Copy The key’s secret/ });
    await copy.waitFor();
    expect(await focused(copy)).toBe(true);
    const revoke = page.getByRole('button', { name: `Revoke Reporting ${width}` });
    const active = async () => (await em().findOneOrFail(ApiKey, { organisationId: northfield, name: `Reporting ${width}` }, { filters: false })).revokedAt === null;
    await confirmAfterKeeping(page, () => revoke.click(), 'Revoke this key?', `Anything using “Reporting ${width}” will be refused from now on.`, 'Revoke', active, revoke);
    await page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `Reporting ${width}` }) }).getByText(/^revoked /).waitFor();
    expect(await active()).toBe(false);
  });

  it('deletes evidence, and says plainly why evidence behind a submitted result cannot go', async () => {
    const title = `Draft minutes ${width}`;
    await gql('owner@northfield.example', 'mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }', { i: { title, fileReference: 'Shared drive', evidenceDate: '2026-02-01' } });
    await page.goto(`/o/${northfield}/evidence`);
    const remove = page.getByRole('button', { name: `Delete ${title}` });
    const there = async () => (await em().count(Evidence, { organisationId: northfield, title }, { filters: false })) === 1;
    await confirmAfterKeeping(page, () => remove.click(), 'Delete this evidence?', `“${title}” will be deleted from the library. This cannot be undone.`, 'Delete', there, remove);
    await page.getByRole('status').filter({ hasText: `Deleted “${title}”.` }).waitFor();
    expect(await there()).toBe(false);
    // Focus, its button gone with its row, is on the table's caption.
    expect(await focused(page.locator('#evidence-caption'))).toBe(true);

    // Evidence cited by a submitted result: the refusal, in words, inside the dialog.
    const kept = `Signed agreement ${width}`;
    const evidenceId = (await gql('owner@northfield.example', 'mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }', { i: { title: kept, fileReference: 'Cabinet', evidenceDate: '2026-01-05' } })).createEvidence.id;
    const id = (await gql('manager@northfield.example', 'mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }', { i: { frameworkId, cycle: `cited-${width}` } })).createAssessment.id;
    await gql('owner@northfield.example', 'mutation($i: EvidenceLinkInput!) { linkEvidence(input: $i) { nodeKey } }', { i: { evidenceId, assessmentId: id, nodeKey: '3.1.g1.1' } });
    await gql('manager@northfield.example', 'mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }', { i: { assessmentId: id, answers: PARTS.map((nodeKey) => ({ nodeKey, value: 'YES' })) } });
    await gql('manager@northfield.example', 'mutation($id: ID!) { submitAssessment(id: $id) { id } }', { id });
    await page.reload();
    await page.getByRole('button', { name: `Delete ${kept}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this evidence?' });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('alert').getByText(`“${kept}” supports answers in cycle cited-${width}, which is submitted and locked, so it cannot be deleted. Reopen that assessment first, or keep it.`).waitFor();
    await expectAccessible(page, `evidence: a refused deletion (${width})`);
    await dialog.getByRole('button', { name: 'Keep it as it is' }).click();
  });

  it('changes a member’s role only after saying what the new role may do, and says it is saved', async () => {
    const [email, to, toWord, back] = width === 'desk' ? ['viewer@northfield.example', 'ASSESSOR', 'an assessor', 'VIEWER'] : ['assessor2@northfield.example', 'VIEWER', 'a viewer', 'ASSESSOR'];
    const user = await em().findOneOrFail(User, { email });
    const role = async () => (await em().findOneOrFail(Membership, { organisationId: northfield, userId: user.id }, { filters: false })).role;
    await page.goto(`/o/${northfield}/settings/members`);
    const select = page.getByLabel(`Role of ${user.name}`);
    const before = await role();
    await confirmAfterKeeping(page, async () => {
      await select.focus();
      await select.selectOption(to);
    }, `Make ${user.name} ${toWord}?`, new RegExp(`will be ${toWord}\\.`), `Make them ${toWord}`, async () => (await role()) === before && (await select.inputValue()) === before, select);
    await page.getByRole('status').filter({ hasText: `Saved: ${user.name} is now ${toWord}.` }).waitFor();
    expect(await role()).toBe(to);
    await gql('owner@northfield.example', 'mutation($m: ID!, $r: MemberRole!) { changeMemberRole(membershipId: $m, role: $r) { id } }', {
      m: (await em().findOneOrFail(Membership, { organisationId: northfield, userId: user.id }, { filters: false })).id, r: back,
    });
  });

  it('withdraws an invitation', async () => {
    const email = `volunteer-${width}@northfield.example`;
    await gql('owner@northfield.example', 'mutation($e: String!) { inviteMember(email: $e, role: VIEWER) { id } }', { e: email });
    await page.goto(`/o/${northfield}/settings/members`);
    const withdraw = page.getByRole('button', { name: `Withdraw the invitation to ${email}` });
    const open = async () => (await em().findOneOrFail(Invitation, { organisationId: northfield, email }, { filters: false })).revokedAt === null;
    await confirmAfterKeeping(page, () => withdraw.click(), 'Withdraw this invitation?', `The invitation to ${email} will stop working at once.`, 'Withdraw', open, withdraw);
    expect(await open()).toBe(false);
  });

  it('sends an invitation again', async () => {
    const email = `helper-${width}@northfield.example`;
    await gql('owner@northfield.example', 'mutation($e: String!) { inviteMember(email: $e, role: VIEWER) { id } }', { e: email });
    await page.goto(`/o/${northfield}/settings/members`);
    const resend = page.getByRole('button', { name: `Send again the invitation to ${email}` });
    const sends = async () => (await em().findOneOrFail(Invitation, { organisationId: northfield, email }, { filters: false })).sends;
    await confirmAfterKeeping(page, () => resend.click(), 'Send the invitation again?', 'The link in the earlier email stops working.', 'Send again', async () => (await sends()) === 1, resend);
    await page.getByRole('status').filter({ hasText: `Sent again to ${email}, with a new link.` }).waitFor();
    expect(await sends()).toBe(2);
  });

  it('submits and locks an assessment', async () => {
    const id = (await gql('manager@northfield.example', 'mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }', { i: { frameworkId, cycle: `lock-${width}` } })).createAssessment.id;
    await gql('manager@northfield.example', 'mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }', { i: { assessmentId: id, answers: PARTS.map((nodeKey) => ({ nodeKey, value: 'YES' })) } });
    await page.goto(`/o/${northfield}/assessments/${id}/submit`);
    const submit = page.getByRole('button', { name: 'Submit and lock' });
    const draft = async () => (await em().findOneOrFail(Assessment, { id }, { filters: false })).status === 'DRAFT';
    await confirmAfterKeeping(page, () => submit.click(), `Submit and lock cycle lock-${width}?`, 'The agreed answers and the scores become final', 'Submit and lock', draft, submit);
    await page.getByRole('heading', { level: 1, name: `Locked result: cycle lock-${width}` }).waitFor();
    expect(await draft()).toBe(false);
  });

  it('moves a plan item to Done, and drops one with its reason', async () => {
    const plan = await gql('manager@northfield.example', `mutation($a: ID!) { generateActionPlan(assessmentId: $a) { plan { id } } }`, { a: (await em().findOneOrFail(Assessment, { organisationId: northfield, cycle: '2025' }, { filters: false })).id });
    expect(plan.generateActionPlan.plan.id).toBeTruthy();
    await page.goto(`/o/${northfield}/plan?view=board`);
    const card = page.locator('.board-card').filter({ has: page.getByLabel(/^Move to/) }).first();
    const what = (await card.locator('a').textContent()) ?? '';
    const move = page.getByLabel(`Move to “${what}”`);
    const status = async () => (await gql('owner@northfield.example', `query { actionItems(filter: {}, first: 100) { edges { node { what status } } } }`)).actionItems.edges.find((e: { node: { what: string } }) => e.node.what === what)?.node.status as string;
    const before = await status();
    await confirmAfterKeeping(page, async () => {
      await move.focus();
      await move.selectOption('DONE');
    }, 'Mark this item done?', `“${what}” will be marked done`, 'Mark it done', async () => (await status()) === before, move);
    await page.getByRole('region', { name: /^Done \(\d+\)$/ }).getByRole('link', { name: what }).waitFor();
    expect(await status()).toBe('DONE');
    // Focus went to the column it moved to.
    expect(await focused(page.getByRole('heading', { name: /^Done \(\d+\)$/ }))).toBe(true);

    const next = page.locator('.board-card').filter({ has: page.getByLabel(/^Move to/) }).first();
    const nextWhat = (await next.locator('a').textContent()) ?? '';
    await next.locator('a').click();
    await page.getByRole('heading', { level: 1, name: nextWhat }).waitFor();
    await page.getByLabel('Status').selectOption('DROPPED');
    await page.getByLabel('Note', { exact: true }).fill('The partner closed; nothing to build on this year.');
    await page.getByRole('button', { name: 'Save progress' }).click();
    const dialog = page.getByRole('dialog', { name: 'Drop this item?' });
    await dialog.getByText('Your reason is kept and follows the gap into later cycles.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Drop it' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: now Dropped.' }).waitFor();
  });

  it('detaches evidence from an answer', async () => {
    const draft = (await em().findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false })).id;
    const evidenceId = (await gql('owner@northfield.example', 'mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }', { i: { title: `Survey ${width}`, fileReference: 'Drive', evidenceDate: '2026-01-05' } })).createEvidence.id;
    const key = width === 'desk' ? '3.2.g1.1' : '3.2.g1.2';
    await gql('owner@northfield.example', 'mutation($i: EvidenceLinkInput!) { linkEvidence(input: $i) { nodeKey } }', { i: { evidenceId, assessmentId: draft, nodeKey: key } });
    await page.goto(`/o/${northfield}/assessments/${draft}/checklist/3.2?answering=agreed`);
    const item = page.locator(`.answer[data-key="${key}"]`);
    await item.locator('summary').click();
    const detach = item.getByRole('button', { name: new RegExp(`^Detach “Survey ${width}”`) });
    const linked = async () => (await gql('owner@northfield.example', 'query { evidenceLibrary(first: 100) { edges { node { title links { nodeKey } } } } }')).evidenceLibrary.edges.some((e: { node: { title: string; links: unknown[] } }) => e.node.title === `Survey ${width}` && e.node.links.length > 0);
    await confirmAfterKeeping(page, () => detach.click(), 'Detach this evidence?', `“Survey ${width}” will no longer be cited for`, 'Detach it', linked, detach);
    await item.getByText('None yet.').waitFor();
    expect(await linked()).toBe(false);
  });

  it('rotates a webhook secret and deletes the endpoint; makes a new calendar address and revokes the feed', async () => {
    const url = `https://hooks.example.org/${width}`;
    await gql('owner@northfield.example', 'mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }', { i: { url, eventTypes: ['assessment.submitted'] } });
    await page.goto(`/o/${northfield}/settings/webhooks`);
    const rotate = page.getByRole('button', { name: `Rotate secret of ${url}` });
    await confirmAfterKeeping(page, () => rotate.click(), 'Rotate this endpoint’s signing secret?', 'The current one keeps signing beside it for a while', 'Rotate secret', async () => (await page.getByText(`New signing secret for ${url}`).count()) === 0, rotate);
    await page.getByText(`New signing secret for ${url}`).waitFor();
    const remove = page.getByRole('button', { name: `Delete ${url}` });
    await remove.click();
    await page.getByRole('dialog', { name: 'Delete this endpoint?' }).getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No endpoints yet.').waitFor();

    await page.goto(`/o/${northfield}/settings/notifications`);
    await page.getByRole('button', { name: 'Make a feed address' }).click();
    await page.getByText(/^You have a feed, made/).waitFor();
    const renew = page.getByRole('button', { name: 'Make a new address' });
    await confirmAfterKeeping(page, () => renew.click(), 'Make a new feed address?', 'Your current address stops working at once', 'Make a new address', async () => (await page.getByText(/^You have a feed, made/).count()) === 1, renew);
    const revoke = page.getByRole('button', { name: 'Revoke the feed' });
    await confirmAfterKeeping(page, () => revoke.click(), 'Revoke your calendar feed?', 'Calendars subscribed to it stop updating', 'Revoke feed', async () => (await page.getByText(/^You have a feed, made/).count()) === 1, revoke);
    await page.getByText(/^You have no calendar feed now/).waitFor();
    await settled(page);
    expect(await focused(page.getByRole('heading', { name: 'Calendar feed' }))).toBe(true);
  });
});
