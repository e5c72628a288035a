import type { Browser, Page } from 'playwright-core';
import { Assessment, User } from '@waymark/db';
import { errorCode, startSession } from '@waymark/api/testing';
import { until } from '@waymark/testing';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, screenshot, settled, signIn, timeScreenChange } from './support/browser';
import { DEMO_PASSWORD, type Stack, startStack } from './support/stack';

/**
 * The team journey. Two assessors disagree and a manager settles it, at desk width and on a
 * phone: the list of what to settle clears, and the settled item says its answer and who set it.
 * Then, on Northfield's 2026 draft: a stale agreed answer is refused, not overwritten; an expired
 * session keeps what was not saved; the manager submits and locks (after confirming) and
 * generates the plan; an owner works it.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let draft: string;
let frameworkId: string;

const part = (page: Page, key: string) => page.getByRole('group', { name: new RegExp(`^${key.replace(/\./g, '\\.')} `) });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved.' }).waitFor();

async function manager() {
  const { as } = await stack.login('manager@northfield.example');
  return as(northfield);
}

async function consensus(assessmentId: string, key: string) {
  const res = await stack.api.gql('query($id: ID!) { assessment(id: $id) { answers { nodeKey value setBy { name } } } }', { id: assessmentId }, await manager());
  return (res.data.assessment.answers as { nodeKey: string; value: string; setBy: { name: string } }[]).find((a) => a.nodeKey === key);
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
  const row = await stack.api.db.owner.em.fork().findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false });
  draft = row.id;
  frameworkId = row.frameworkId;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('team-assessment');
});

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('two assessors disagree and a manager settles it (%s)', (width, viewport) => {
  let assessment: string;
  let aisha: Page;
  let tom: Page;
  let boss: Page;

  beforeAll(async () => {
    const made = await stack.api.gql('mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }', { i: { frameworkId, cycle: `settle-${width}` } }, await manager());
    assessment = made.data.createAssessment.id;
  });

  it('keeps each assessor’s own answer and shows where they disagree', async () => {
    ({ page: aisha } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(aisha, 'assessor@northfield.example');
    await aisha.goto(`/o/${northfield}/assessments/${assessment}/checklist/3.1`);
    await part(aisha, '3.1.1.a').getByLabel('Yes', { exact: true }).check();
    await part(aisha, '3.1.1.b').getByLabel('Yes', { exact: true }).check();
    await saved(aisha);

    ({ page: tom } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(tom, 'assessor2@northfield.example');
    await tom.goto(`/o/${northfield}/assessments/${assessment}/checklist/3.1`);
    await part(tom, '3.1.1.a').getByLabel('No', { exact: true }).check();
    await part(tom, '3.1.1.b').getByLabel('Yes', { exact: true }).check();
    await saved(tom);
    await tom.reload();
    const item = tom.locator('.answer[data-key="3.1.1.a"]');
    await item.getByText(/Aisha Ahmed: Yes/).waitFor();
    await item.getByText(/Tom Barker: No/).waitFor();
    await item.getByText('The team disagrees.').waitFor();
  });

  it('lets the manager settle it in the team view: the count drops, the card says who settled it', async () => {
    ({ page: boss } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(boss, 'manager@northfield.example');
    await boss.goto(`/o/${northfield}/assessments/${assessment}/team`);
    const count = boss.locator('.disagreement-count');
    await count.getByText('1 item to settle: set the team’s agreed answer for it.').waitFor();
    const card = boss.locator('.card').filter({ has: part(boss, '3.1.1.a') });
    await card.getByText(/Team: .*Aisha Ahmed: Yes/).waitFor();
    await card.getByText(/Tom Barker: No/).waitFor();
    expect(await card.getByText('No one has answered yet').count()).toBe(0);
    // Only the part they disagree on is listed: 3.1.1.b had the same answer from both.
    expect(await boss.locator('.card .answer').count()).toBe(1);
    await screenshot(boss, 'team-view-to-settle');
    await expectAccessible(boss, `team view, one to settle (${width})`);

    await part(boss, '3.1.1.a').getByLabel('Yes', { exact: true }).check();
    await saved(boss);
    await count.getByText('The one disagreement is settled: the team has an agreed answer for it.').waitFor();
    await card.getByText('Settled: the agreed answer is Yes, set by Manoj Mehta.').waitFor();
    expect(await consensus(assessment, '3.1.1.a')).toMatchObject({ value: 'YES', setBy: { name: 'Manoj Mehta' } });
    await expectNoSidewaysScroll(boss, `team view, settled (${width})`);
  });

  it('clears the list for good: after a reload nothing is left to settle, and the settled item is listed with its answer', async () => {
    await boss.reload();
    await settled(boss);
    await boss.locator('.disagreement-count').getByText('The one disagreement is settled').waitFor();
    expect(await boss.locator('.card .answer').count()).toBe(0);
    const settledList = boss.locator('details.settled');
    await settledList.locator('summary').getByText('1 settled disagreement').click();
    await settledList.getByText(/actively look for partners/).waitFor();
    await settledList.getByText('agreed answer Yes, set by Manoj Mehta').waitFor();
    // The table says it in words, with no "to settle" left.
    const row = boss.getByRole('row').filter({ has: boss.getByRole('rowheader', { name: /actively look for partners/ }) });
    expect(await row.textContent()).not.toContain('to settle');
    expect(await row.textContent()).toContain('Yes (Manoj Mehta)');
    await expectAccessible(boss, `team view, all settled (${width})`);
    // What an assessor sees on the checklist says the same.
    await aisha.reload();
    await aisha.locator('.answer[data-key="3.1.1.a"]').getByText('Settled: the agreed answer is Yes, set by Manoj Mehta.').waitFor();
    await Promise.all([aisha.context().close(), tom.context().close(), boss.context().close()]);
  });
});

describe('a team works on its 2026 draft', () => {
  let aisha: Page;
  let tom: Page;
  let boss: Page;

  it('shows an assessor the checklist in the framework’s words, with element titles, guidance and footnotes', async () => {
    ({ page: aisha } = await newPage(browser, stack.baseUrl));
    await signIn(aisha, 'assessor@northfield.example');
    await aisha.getByRole('heading', { name: 'Assessments' }).waitFor();
    // The cards list the settle-* cycles above too: open 2026's.
    await aisha.goto(`/o/${northfield}/assessments/${draft}/checklist`);
    await aisha.getByRole('heading', { level: 1, name: 'Checklist: cycle 2026' }).waitFor();
    await aisha.getByRole('heading', { name: /Finding partners and weighing the benefits/ }).waitFor();
    await aisha.getByText('Do you identify suitable partners and evaluate the benefits of working in partnership to support learning?').waitFor();
    await part(aisha, '3.1.1.a').getByText('actively look for partners').waitFor();
    await aisha.getByRole('complementary', { name: 'Partner-type guidance' }).first().locator('strong', { hasText: 'Working with informal learning institutions' }).waitFor();
    await timeScreenChange(aisha, '3.2 Planning learning with partners', 'Checklist: cycle 2026');
    await aisha.getByRole('link', { name: 'Footnote 1' }).first().waitFor();
    await aisha.getByText('Such as reminiscence groups, after school clubs').waitFor();
  });

  it('refuses a stale agreed answer instead of overwriting it, and lets the person choose', async () => {
    await aisha.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1?answering=agreed`);
    await settled(aisha);
    ({ page: boss } = await newPage(browser, stack.baseUrl));
    await signIn(boss, 'manager@northfield.example');
    await boss.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1?answering=agreed`);
    await part(boss, '3.1.1.a').getByLabel('Yes', { exact: true }).check();
    await saved(boss);

    await part(aisha, '3.1.1.a').getByLabel('No', { exact: true }).check();
    const conflict = aisha.getByRole('alert').filter({ hasText: 'Someone else changed this while you were working' });
    await conflict.waitFor();
    await conflict.getByText(/Your choice, No, was not saved\./).waitFor();
    expect(await consensus(draft, '3.1.1.a')).toMatchObject({ value: 'YES' });
    await screenshot(aisha, 'checklist-conflict');
    await expectAccessible(aisha, 'checklist conflict');
    await conflict.getByRole('button', { name: 'Keep theirs' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await part(aisha, '3.1.1.a').getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    expect(await consensus(draft, '3.1.1.a')).toMatchObject({ value: 'YES', setBy: { name: 'Manoj Mehta' } });
  });

  it('says when a session has expired, keeps the unsaved answer and saves it after signing in again', async () => {
    ({ page: tom } = await newPage(browser, stack.baseUrl));
    await signIn(tom, 'assessor2@northfield.example');
    // A token the server stops accepting in 8 seconds, while the browser still believes it valid:
    // long enough for the checklist to open with it even on a busy machine.
    const user = await stack.api.db.owner.em.fork().findOneOrFail(User, { email: 'assessor2@northfield.example' });
    const { token } = await startSession(stack.api.db.owner.em.fork(), stack.api.db.config.AUTH_TOKEN_SECRET, 8, user.id, { flush: true });
    await tom.evaluate((t) => {
      const session = JSON.parse(sessionStorage.getItem('waymark:session') ?? '{}') as Record<string, unknown>;
      sessionStorage.setItem('waymark:session', JSON.stringify({ ...session, token: t }));
    }, token);
    await tom.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1`);
    await settled(tom);
    await part(tom, '3.1.1.b').waitFor();
    // The page is open with the token; now wait until the server refuses it.
    await until(async () => errorCode(await stack.api.gql('{ me { user { id } } }', {}, { token })) === 'UNAUTHENTICATED', 'the session to expire');
    await part(tom, '3.1.1.b').getByLabel('Yes', { exact: true }).check();
    const dialog = tom.getByRole('dialog', { name: 'Your session has expired' });
    await dialog.waitFor();
    await tom.getByRole('status').filter({ hasText: 'will be saved when you sign in again' }).waitFor({ state: 'attached' });
    await screenshot(tom, 'session-expired');
    await expectAccessible(tom, 'session expired');
    await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await dialog.waitFor({ state: 'detached' });
    await saved(tom);
    const { as } = await stack.login('assessor2@northfield.example');
    const mine = await stack.api.gql('query($id: ID!) { assessment(id: $id) { myAnswers { nodeKey value } } }', { id: draft }, as(northfield));
    expect(mine.data.assessment.myAnswers).toContainEqual({ nodeKey: '3.1.1.b', value: 'YES' });
  });

  it('shows a manager what is missing in words, then submits and locks after confirming, and generates the plan', async () => {
    await timeScreenChange(boss, 'Submit', 'Submit: cycle 2026');
    await boss.getByRole('heading', { name: 'Still missing before it can be submitted: 12 parts' }).waitFor();
    // The parts by their own words, each with its key small beside it.
    await boss.getByRole('link', { name: 'Find ways to build on their skills and experiences' }).waitFor();

    const answers = ['3.1.1.b', '3.1.2.a', '3.1.2.b', '3.1.2.c', '3.1.3', '3.2.1', '3.2.2.a', '3.2.2.b', '3.2.3', '3.3.1', '3.3.2.a', '3.3.2.b'].map((nodeKey, i) => ({ nodeKey, value: ['YES', 'STARTED', 'NO'][i % 3] }));
    const res = await stack.api.gql('mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { completion { readyToSubmit } } }', { i: { assessmentId: draft, answers: [...answers, { nodeKey: '3.1.g1.1', value: 'NO', areaForImprovement: true }] } }, await manager());
    expect(res.data?.setConsensusAnswers.completion.readyToSubmit).toBe(true);

    await boss.reload();
    await boss.getByRole('heading', { name: 'Every part has an agreed answer' }).waitFor();
    const submit = boss.getByRole('button', { name: 'Submit and lock' });
    await submit.click();
    const dialog = boss.getByRole('dialog', { name: 'Submit and lock cycle 2026?' });
    await dialog.getByText('The agreed answers and the scores become final').waitFor();
    await expectAccessible(boss, 'submit: the confirmation');
    await dialog.getByRole('button', { name: 'Keep it as it is' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await submit.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await stack.api.db.owner.em.fork().findOneOrFail(Assessment, { id: draft }, { filters: false })).status).toBe('DRAFT');
    await submit.click();
    await dialog.getByRole('button', { name: 'Submit and lock' }).click();
    await boss.getByRole('heading', { name: 'Locked result: cycle 2026' }).waitFor();
    await boss.getByRole('button', { name: 'Generate the action plan' }).click();
    await boss.getByRole('status').filter({ hasText: 'Plan generated' }).waitFor();

    await timeScreenChange(boss, 'Checklist', 'Checklist: cycle 2026');
    await boss.getByText('They can no longer change, because the assessment is submitted.', { exact: false }).waitFor();
    expect(await boss.locator('input[type="radio"]').count()).toBe(0);
    await timeScreenChange(boss, 'Scores', 'Scores: cycle 2026');
    await boss.getByRole('img', { name: /Element 3\.1: practice \d+/ }).waitFor();
  });

  it('lets an owner work the plan: list, board, filters, and progress on an item', async () => {
    const { page: owner } = await newPage(browser, stack.baseUrl);
    await signIn(owner, 'owner@northfield.example');
    await timeScreenChange(owner, 'Action plan', 'Action plan');
    await owner.getByRole('status').filter({ hasText: /^\d+ items?$/ }).waitFor();
    expect(await owner.getByRole('table', { name: 'Plan items' }).getByRole('row').count()).toBeGreaterThan(3);
    // Items say what to do, in plain words.
    await owner.getByRole('link', { name: 'Review your partnership arrangements regularly and check they still serve their purpose.' }).waitFor();

    await owner.getByLabel('Element').selectOption('3.2');
    await owner.waitForFunction(() => [...document.querySelectorAll('tbody tr td[data-element]')].every((cell) => cell.getAttribute('data-element') === '3.2'));

    await timeScreenChange(owner, 'Board by status', 'Action plan: board');
    await owner.getByRole('heading', { name: /^Open \(\d+\)$/ }).waitFor();

    const first = owner.locator('.board-card a').first();
    const what = (await first.textContent()) ?? '';
    await first.click();
    await owner.getByRole('heading', { level: 1, name: what }).waitFor();
    await owner.getByText('From the checklist').waitFor();
    await owner.getByLabel('Status').selectOption('IN_PROGRESS');
    await owner.getByLabel('Note', { exact: true }).fill('Met the college’s outreach lead; a first joint session is booked.');
    await owner.getByRole('button', { name: 'Save progress' }).click();
    await owner.getByRole('status').filter({ hasText: 'Saved: now In progress.' }).waitFor();
    const history = owner.locator('.timeline');
    await history.getByText('Open → In progress').waitFor();
    await history.getByText('Met the college’s outreach lead').waitFor();

    await timeScreenChange(owner, 'Progress', 'Progress across cycles');
    await owner.getByRole('img', { name: /2025: practice \d+/ }).waitFor();
  });
});
