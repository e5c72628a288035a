import type { Browser, Page } from 'playwright-core';
import { Assessment, User } from '@waymark/db';
import { signToken } from '../../api/src/auth/tokens';
import { expectAccessible, launchBrowser, newPage, printReport, screenshot, settled, signIn, timeScreenChange } from './support/browser';
import { DEMO_PASSWORD, type Stack, startStack } from './support/stack';

/**
 * The team journey on Northfield's 2026 draft: two assessors disagree, a manager agrees the
 * answer and submits, a plan is generated and an owner records progress. Along the way: a stale
 * agreed answer is refused, not overwritten, and an expired session keeps what was not saved.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let draft: string;

const part = (page: Page, key: string) => page.getByRole('group', { name: new RegExp(`^${key.replace(/\./g, '\\.')} `) });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved.' }).waitFor();

async function consensus(key: string) {
  const { as } = await stack.login('manager@northfield.example');
  const res = await stack.api.gql('query($id: ID!) { assessment(id: $id) { answers { nodeKey value setBy { name } } } }', { id: draft }, as(northfield));
  return (res.data.assessment.answers as { nodeKey: string; value: string; setBy: { name: string } }[]).find((a) => a.nodeKey === key);
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
  const row = await stack.api.db.owner.em.fork().findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false });
  draft = row.id;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  printReport('team-assessment');
});

describe('a team fills in the checklist together', () => {
  let aisha: Page;
  let tom: Page;
  let manager: Page;

  it('shows an assessor the checklist with the framework’s words, guidance and footnotes', async () => {
    ({ page: aisha } = await newPage(browser, stack.baseUrl));
    await signIn(aisha, 'assessor@northfield.example');
    await aisha.getByRole('heading', { name: 'Assessments' }).waitFor();
    await screenshot(aisha, 'assessments');
    await expectAccessible(aisha, 'assessments');

    await timeScreenChange(aisha, 'Checklist', 'Checklist 3.1: cycle 2026');
    await aisha.getByRole('heading', { name: /Do you identify suitable partners and evaluate the benefits of working in partnership to support learning\?/ }).waitFor();
    await part(aisha, '3.1.1.a').getByText('actively look for partners').waitFor();
    await aisha.getByRole('complementary', { name: 'Partner-type guidance' }).first().locator('strong', { hasText: 'Working with informal learning institutions' }).waitFor();
    await screenshot(aisha, 'checklist');
    await expectAccessible(aisha, 'checklist');

    await timeScreenChange(aisha, 'Element 3.2', 'Checklist 3.2: cycle 2026');
    await aisha.getByRole('link', { name: 'Footnote 1' }).first().waitFor();
    await aisha.getByText('Such as reminiscence groups, after school clubs').waitFor();
  });

  it('keeps each assessor’s own answer and shows where they disagree', async () => {
    await aisha.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1`);
    await part(aisha, '3.1.1.a').getByLabel('Yes', { exact: true }).check();
    await saved(aisha);

    ({ page: tom } = await newPage(browser, stack.baseUrl));
    await signIn(tom, 'assessor2@northfield.example');
    await tom.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1`);
    await part(tom, '3.1.1.a').getByLabel('No', { exact: true }).check();
    await saved(tom);
    await tom.reload();
    const item = tom.locator('.answer[data-key="3.1.1.a"]');
    await item.getByText(/Aisha Ahmed: Yes/).waitFor();
    await item.getByText(/Tom Barker: No/).waitFor();
    await item.getByText('The team disagrees.').waitFor();
  });

  it('lets a manager set the agreed answer in the team view, naming who said what', async () => {
    // Aisha opens the agreed answers before the manager changes one: her view is about to go stale.
    await aisha.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1?answering=agreed`);
    await settled(aisha);

    ({ page: manager } = await newPage(browser, stack.baseUrl));
    await signIn(manager, 'manager@northfield.example');
    await manager.goto(`/o/${northfield}/assessments/${draft}/team`);
    const card = manager.locator('.card').filter({ has: part(manager, '3.1.1.a') });
    await card.getByText('Aisha Ahmed: Yes').waitFor();
    await card.getByText('Tom Barker: No').waitFor();
    await part(manager, '3.1.1.a').getByLabel('Yes', { exact: true }).check();
    await saved(manager);
    expect(await consensus('3.1.1.a')).toMatchObject({ value: 'YES', setBy: { name: 'Manoj Mehta' } });
    await screenshot(manager, 'team-view');
    await expectAccessible(manager, 'team view');
  });

  it('refuses a stale agreed answer instead of overwriting it, and lets the person choose', async () => {
    await part(aisha, '3.1.1.a').getByLabel('No', { exact: true }).check();
    const conflict = aisha.getByRole('alert').filter({ hasText: 'Someone else changed this while you were working' });
    await conflict.waitFor();
    await conflict.getByText('Your choice, No, was not saved.').waitFor();
    expect(await consensus('3.1.1.a')).toMatchObject({ value: 'YES' });
    await screenshot(aisha, 'checklist-conflict');
    await expectAccessible(aisha, 'checklist conflict');
    await conflict.getByRole('button', { name: 'Keep theirs' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await part(aisha, '3.1.1.a').getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    expect(await consensus('3.1.1.a')).toMatchObject({ value: 'YES', setBy: { name: 'Manoj Mehta' } });
  });

  it('says when a session has expired, keeps the unsaved answer and saves it after signing in again', async () => {
    // A token the server stops accepting in 3 seconds, while the browser still believes it valid.
    const user = await stack.api.db.owner.em.fork().findOneOrFail(User, { email: 'assessor2@northfield.example' });
    const { token } = signToken(stack.api.db.config.AUTH_TOKEN_SECRET, 3, { userId: user.id });
    await tom.evaluate((t) => {
      const session = JSON.parse(sessionStorage.getItem('waymark:session') ?? '{}') as Record<string, unknown>;
      sessionStorage.setItem('waymark:session', JSON.stringify({ ...session, token: t }));
    }, token);
    await tom.goto(`/o/${northfield}/assessments/${draft}/checklist/3.1`);
    await settled(tom);
    await tom.waitForTimeout(3500);
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

  it('shows a manager what is missing, then submits, locks and generates the plan', async () => {
    await timeScreenChange(manager, 'Submit', 'Submit: cycle 2026');
    await manager.getByRole('heading', { name: /Still missing before it can be submitted \(12 parts\)/ }).waitFor();
    await manager.getByRole('button', { name: 'Submit and lock' }).click();
    await manager.getByRole('alert').filter({ hasText: 'Cannot submit: 12 action part(s) have no agreed answer' }).waitFor();
    await screenshot(manager, 'submit-missing');
    await expectAccessible(manager, 'submit');

    // The rest of the checklist is agreed over the API: the browser part was shown above.
    const { as } = await stack.login('manager@northfield.example');
    const values = ['YES', 'STARTED', 'NO'];
    const missing = ['3.1.1.b', '3.1.2.a', '3.1.2.b', '3.1.2.c', '3.1.3', '3.2.1', '3.2.2.a', '3.2.2.b', '3.2.3', '3.3.1', '3.3.2.a', '3.3.2.b'];
    const answers = [...missing.map((nodeKey, i) => ({ nodeKey, value: values[i % 3] })), { nodeKey: '3.1.g1.1', value: 'NO', areaForImprovement: true }];
    const res = await stack.api.gql('mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { completion { readyToSubmit } } }', { i: { assessmentId: draft, answers } }, as(northfield));
    expect(res.data?.setConsensusAnswers.completion.readyToSubmit).toBe(true);

    await manager.reload();
    await manager.getByRole('heading', { name: 'Every part has an agreed answer' }).waitFor();
    await manager.getByRole('button', { name: 'Submit and lock' }).click();
    await manager.getByRole('heading', { name: 'Locked result: cycle 2026' }).waitFor();
    await manager.getByText('Submitted and locked').first().waitFor();
    await manager.getByRole('button', { name: 'Generate the action plan' }).click();
    await manager.getByRole('status').filter({ hasText: 'Plan generated' }).waitFor();
    await screenshot(manager, 'submit-locked');
    await expectAccessible(manager, 'locked result');

    await timeScreenChange(manager, 'Checklist', 'Checklist 3.1: cycle 2026');
    expect(await part(manager, '3.1.1.a').getByLabel('Yes', { exact: true }).isDisabled()).toBe(true);

    await timeScreenChange(manager, 'Scores', 'Scores: cycle 2026');
    await manager.getByRole('img', { name: /Element 3\.1: practice \d+/ }).waitFor();
    await screenshot(manager, 'scores');
    await expectAccessible(manager, 'scores');
  });

  it('lets an owner work the plan: list, board, filters, and progress on an item', async () => {
    const { page: owner } = await newPage(browser, stack.baseUrl);
    await signIn(owner, 'owner@northfield.example');
    await timeScreenChange(owner, 'Action plan', 'Action plan');
    await owner.getByRole('status').filter({ hasText: /^\d+ items$/ }).waitFor();
    const rows = owner.getByRole('table', { name: 'Plan items' }).getByRole('row');
    expect(await rows.count()).toBeGreaterThan(3);
    await screenshot(owner, 'plan-list');
    await expectAccessible(owner, 'plan list');

    await owner.getByLabel('Element').selectOption('3.2');
    await owner.getByRole('status').filter({ hasText: /^\d+ items$/ }).waitFor();
    await owner.waitForFunction(() => [...document.querySelectorAll('tbody tr td:nth-child(3)')].every((cell) => cell.textContent === '3.2'));

    await timeScreenChange(owner, 'Board by status', 'Action plan: board');
    await owner.getByRole('heading', { name: /^Open \(\d+\)$/ }).waitFor();
    await screenshot(owner, 'plan-board');
    await expectAccessible(owner, 'plan board');

    const first = owner.locator('.board-card a').first();
    const what = (await first.textContent()) ?? '';
    await first.click();
    await owner.getByRole('heading', { name: /^Plan item \d+:/ }).waitFor();
    await owner.getByLabel('Status').selectOption('IN_PROGRESS');
    await owner.getByLabel('Note', { exact: true }).fill('Met the college’s outreach lead; a first joint session is booked.');
    await owner.getByRole('button', { name: 'Save progress' }).click();
    await owner.getByRole('status').filter({ hasText: 'Saved: now In progress.' }).waitFor();
    const history = owner.locator('.timeline');
    await history.getByText('Open → In progress').waitFor();
    await history.getByText('Met the college’s outreach lead').waitFor();
    await owner.getByText(what, { exact: true }).first().waitFor();
    await screenshot(owner, 'plan-item');
    await expectAccessible(owner, 'plan item');

    await timeScreenChange(owner, 'Progress', 'Progress across cycles');
    await owner.getByRole('img', { name: /2025: practice \d+/ }).waitFor();
  });
});
