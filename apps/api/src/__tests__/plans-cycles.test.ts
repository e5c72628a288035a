import { parse } from 'csv-parse/sync';
import type { Organisation } from '@waymark/db';
import { withAdminClient } from '@waymark/testing';
import { type As, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * Work across cycles is counted once, and the team's decisions survive a new cycle:
 * - an item carried into the next cycle ends as CARRIED_FORWARD, so lists, filters, progress and
 *   exports show each piece of work once, in the cycle where it goes on;
 * - a gap DONE last cycle that the answers still show comes back OPEN saying so, linked to the
 *   decision; a gap DROPPED last cycle comes back DROPPED with its reason until a manager reopens it.
 */
let api: TestApi;
let org: Organisation;
let manager: As;
let assessor: As;
let frameworkId: string;

const PRACTICE_KEYS = ['3.1.1.a', '3.1.1.b', '3.1.2.a', '3.1.2.b', '3.1.2.c', '3.1.3', '3.2.1', '3.2.2.a', '3.2.2.b', '3.2.3', '3.3.1', '3.3.2.a', '3.3.2.b'];
const CONSENSUS = `mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`;
const STATUS = `mutation($id: ID!, $s: ActionItemStatus!, $n: String) { changeActionItemStatus(id: $id, status: $s, note: $n) { id status } }`;
const ITEM = `id itemKey status assessmentId cycle persistsAfterDone
  carriedFrom { id status } carriedTo { id cycle status }
  previousDecision { id status cycle } notes { body statusFrom statusTo author { name } }`;
const ITEMS = `query($f: ActionItemFilter) { actionItems(filter: $f, first: 100) { totalCount edges { node { ${ITEM} } } } }`;

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation({ timeZone: 'Pacific/Auckland' });
  frameworkId = (await api.fx.framework()).id;
  manager = (await api.actor(org, MemberRole.MANAGER)).as;
  assessor = (await api.actor(org, MemberRole.ASSESSOR)).as;
});
afterAll(() => api.close());

const items = async (filter: Record<string, unknown> = {}) => {
  const connection = ok(await api.gql(ITEMS, { f: filter }, manager)).actionItems;
  return { total: connection.totalCount as number, nodes: connection.edges.map((e: any) => e.node) };
};

/** A submitted assessment of a cycle whose gaps are the parts answered other than YES. */
async function cycleWith(cycle: string, previousId: string | null, gaps: Record<string, string>) {
  const id = previousId
    ? ok(await api.gql(`mutation($i: StartNextCycleInput!) { startNextCycle(input: $i) { id } }`, { i: { previousAssessmentId: previousId, cycle } }, manager)).startNextCycle.id
    : ok(await api.gql(`mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }`, { i: { frameworkId, cycle } }, manager)).createAssessment.id;
  const answers = PRACTICE_KEYS.map((nodeKey) => ({ nodeKey, value: gaps[nodeKey] ?? 'YES' }));
  ok(await api.gql(CONSENSUS, { i: { assessmentId: id, answers } }, manager));
  ok(await api.gql(`mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }`, { a: id }, manager));
  return id as string;
}

/** Due dates in the past, written as the owner (the API refuses past dates, rightly). */
async function makeOverdue(assessmentId: string) {
  await withAdminClient(api.db.ownerUrl, (client) =>
    client.query(`update action_item set due_on = '2020-01-31' where assessment_id = $1`, [assessmentId]),
  );
}

it('counts carried work once: in lists, the overdue filter, progress and the plan export', async () => {
  const gaps = { '3.1.1.a': 'NO', '3.2.1': 'STARTED', '3.3.2.a': 'NO' };
  const first = await cycleWith('2025', null, gaps);
  await makeOverdue(first);
  ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { id } }`, { a: first }, manager));
  const before = await items({ overdue: true });
  expect(before.nodes.map((i: any) => i.itemKey).sort()).toEqual(['action:3.1.1', 'action:3.2.1', 'action:3.3.2']);

  // The next cycle: the same gaps, the open work carried into it.
  const second = await cycleWith('2026', first, gaps);
  await makeOverdue(second);

  for (const filter of [{}, { overdue: true }, { includeResolved: true }, { elementKey: '3.1' }]) {
    const { total, nodes } = await items(filter);
    const keys = nodes.map((i: any) => i.itemKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(total).toBe(keys.length);
    expect(nodes.every((i: any) => i.assessmentId === second)).toBe(true);
  }
  const live = (await items()).nodes;
  expect(live).toHaveLength(3);
  for (const item of live) {
    expect(item.carriedFrom.status).toBe('CARRIED_FORWARD');
    expect(item.cycle).toBe('2026');
  }
  // The old copies are closed, point at their continuation, and say so in their history.
  const old = (await items({ status: ['CARRIED_FORWARD'] })).nodes;
  expect(old).toHaveLength(3);
  for (const item of old) {
    expect(item.carriedTo).toMatchObject({ cycle: '2026', status: 'OPEN' });
    expect(item.notes.at(-1)).toMatchObject({ statusFrom: 'OPEN', statusTo: 'CARRIED_FORWARD', body: expect.stringContaining('cycle 2026') });
  }
  // A closed copy takes no more work, and nobody can carry an item by hand.
  const stale = await api.gql(STATUS, { id: old[0].id, s: 'IN_PROGRESS' }, manager);
  expect(errorCode(stale)).toBe('CONFLICT');
  expect(stale.errors![0]!.message).toMatch(/carried forward/);
  expect(errorCode(await api.gql(STATUS, { id: live[0].id, s: 'CARRIED_FORWARD' }, manager))).toBe('CONFLICT');

  // Progress: the work is open, and overdue, once: in 2026.
  const progress = ok(await api.gql(`{ progress { cycle plan { items open overdue carried } } }`, {}, manager)).progress;
  expect(progress.map((p: any) => [p.cycle, p.plan])).toEqual([
    ['2025', { items: 3, open: 0, overdue: 0, carried: 3 }],
    ['2026', { items: 3, open: 3, overdue: 3, carried: 0 }],
  ]);

  // The 2025 plan export shows the carried copies as carried, none as open.
  const res = await fetch(api.url.replace('/graphql', `/exports/assessments/${first}/plan.csv`), {
    headers: { authorization: `Bearer ${manager.token}`, 'x-organisation-id': org.id },
  });
  expect(res.status).toBe(200);
  const rows = parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), { columns: true });
  const statusColumn = Object.keys(rows[0]!).find((c) => /^status$/i.test(c))!;
  expect(rows.map((r) => r[statusColumn])).toEqual(['CARRIED_FORWARD', 'CARRIED_FORWARD', 'CARRIED_FORWARD']);
});

it('keeps a DONE or DROPPED decision when the gap shows again next cycle', async () => {
  const gaps = { '3.1.2.b': 'NO', '3.2.2.b': 'NO', '3.3.1': 'STARTED' };
  const first = await cycleWith('2030', null, gaps);
  const plan = (await items({ assessmentId: first })).nodes;
  const byKey = (list: any[], key: string) => list.find((i: any) => i.itemKey === key);
  ok(await api.gql(STATUS, { id: byKey(plan, 'action:3.1.2').id, s: 'DONE', n: 'Agreement signed with the college' }, assessor));
  // A reason is required to drop: it follows the gap.
  expect(errorCode(await api.gql(STATUS, { id: byKey(plan, 'action:3.2.2').id, s: 'DROPPED' }, manager))).toBe('BAD_USER_INPUT');
  ok(await api.gql(STATUS, { id: byKey(plan, 'action:3.2.2').id, s: 'DROPPED', n: 'No partner in reach offers this' }, manager));
  ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { id } }`, { a: first }, manager));

  // The answers of the next cycle still show all three gaps.
  const second = await cycleWith('2031', first, gaps);
  const next = (await items({ assessmentId: second, status: ['OPEN', 'IN_PROGRESS', 'DEFERRED', 'DONE', 'DROPPED'] })).nodes;

  const persisted = byKey(next, 'action:3.1.2');
  expect(persisted).toMatchObject({ status: 'OPEN', persistsAfterDone: true, previousDecision: { status: 'DONE', cycle: '2030' }, carriedFrom: null });
  expect(persisted.notes[0].body).toMatch(/Marked DONE in cycle 2030.*still show the gap/);

  const dropped = byKey(next, 'action:3.2.2');
  expect(dropped).toMatchObject({ status: 'DROPPED', persistsAfterDone: false, previousDecision: { status: 'DROPPED', cycle: '2030' } });
  expect(dropped.notes[0].body).toContain('No partner in reach offers this');
  // Taking a dropped gap up again is a manager's decision.
  expect(errorCode(await api.gql(STATUS, { id: dropped.id, s: 'OPEN' }, assessor))).toBe('FORBIDDEN');
  expect(ok(await api.gql(STATUS, { id: dropped.id, s: 'OPEN', n: 'A new partner offers it' }, manager)).changeActionItemStatus.status).toBe('OPEN');

  // The open one was simply carried, not re-raised.
  expect(byKey(next, 'action:3.3.1')).toMatchObject({ status: 'OPEN', previousDecision: null, carriedFrom: { status: 'CARRIED_FORWARD' } });
  const history = ok(await api.gql(`query($id: ID!) { actionItem(id: $id) { history { id status } } }`, { id: persisted.id }, manager)).actionItem.history;
  expect(history).toEqual([{ id: persisted.previousDecision.id, status: 'DONE' }]);
});
