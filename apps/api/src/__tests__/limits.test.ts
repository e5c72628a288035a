import { randomUUID } from 'node:crypto';
import type { Organisation } from '@waymark/db';
import { QUERY_LIMITS } from '../graphql/limits';
import { type As, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * What a client may send: queries within limits of depth, aliases, directives, tokens and cost
 * (each refusal a typed error naming the limit, before anything runs), and text that PostgreSQL can
 * store (each bad string BAD_USER_INPUT naming the field, never an internal error).
 */
let api: TestApi;
let org: Organisation;
let owner: As;
let assessmentId: string;

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  owner = (await api.actor(org, MemberRole.OWNER)).as;
  const frameworkId = (await api.fx.framework()).id;
  assessmentId = ok(await api.gql(`mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }`, { i: { frameworkId, cycle: '2026' } }, owner)).createAssessment.id;
});
afterAll(() => api.close());

const refusedFor = (res: Awaited<ReturnType<TestApi['gql']>>, limit: string) => {
  expect(res.status).toBe(400);
  expect(errorCode(res)).toBe('BAD_USER_INPUT');
  expect(res.errors![0]!.extensions!.limit).toBe(limit);
  expect(res.data ?? null).toBeNull();
};

describe('query limits', () => {
  it('refuses a query nested too deep', async () => {
    const deep = `{ framework(key: "inspiring-learning-partnerships") { ${'principles { children { '.repeat(20)}key${' } }'.repeat(20)} } }`;
    refusedFor(await api.gql(deep, {}, owner), 'depth');
  });

  it('refuses too many aliases (5,000 copies of the framework tree)', async () => {
    const many = `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: framework(key: "inspiring-learning-partnerships") { key }`).join(' ')} }`;
    const res = await api.gql(many, {}, owner);
    expect(['aliases', 'tokens']).toContain(res.errors![0]!.extensions!.limit);
    expect(res.data ?? null).toBeNull();
    refusedFor(await api.gql(`{ ${Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `a${i}: frameworks { totalCount }`).join(' ')} }`, {}, owner), 'aliases');
  });

  it('refuses too many directives and too many tokens', async () => {
    refusedFor(await api.gql(`{ __typename ${'@include(if: true) '.repeat(QUERY_LIMITS.directives + 1)} }`, {}, owner), 'directives');
    refusedFor(await api.gql(`{ ${'__typename '.repeat(QUERY_LIMITS.tokens)} }`, {}, owner), 'tokens');
  });

  it('prices lists by their page size, and refuses what would cost too much', async () => {
    const ITEM = 'edges { node { history { notes { body author { name } } history { notes { body } } } } }';
    const nested = (page: string) => `{ actionItems(${page}) { ${ITEM} } }`;
    // Forwards, backwards and the deprecated page argument are priced alike.
    for (const page of ['first: 100', 'last: 100', 'page: { first: 100 }']) refusedFor(await api.gql(nested(page), {}, owner), 'cost');
    for (const page of ['first: 1', 'last: 1', 'page: { first: 1 }']) expect(ok(await api.gql(nested(page), {}, owner)).actionItems.edges).toEqual([]);
    // A plan's items come 100 to a page without first or last, and are priced so.
    const planItems = (page: string) => `{ actionPlan(assessmentId: "${randomUUID()}") { items${page} { ${ITEM} } } }`;
    refusedFor(await api.gql(planItems(''), {}, owner), 'cost');
    expect(errorCode(await api.gql(planItems('(first: 1)'), {}, owner))).not.toBe('BAD_USER_INPUT');
  });

  it('prices the same query again by its new variables (costs are remembered per query and variables)', async () => {
    const byVariable = `query($n: Int!) { actionItems(first: $n) { edges { node { history { notes { body author { name } } history { notes { body } } } } } } }`;
    for (let round = 0; round < 2; round++) {
      expect(ok(await api.gql(byVariable, { n: 1 }, owner)).actionItems.edges).toEqual([]);
      refusedFor(await api.gql(byVariable, { n: 100 }, owner), 'cost');
    }
  });

  it('still serves the largest legitimate reads: a whole framework tree and a whole assessment', async () => {
    const tree = `{ framework(key: "inspiring-learning-partnerships") { key footnotes { number text } nodes { key text footnotes { text } guidance { title reason } }
      principles { key text children { key kind text footnotes { number text } guidance { title reason document source { attribution } }
        children { key kind text answerScale children { key kind text children { key text } } } } } } }`;
    expect(ok(await api.gql(tree, {}, owner)).framework.key).toBe('inspiring-learning-partnerships');
    const whole = `query($id: ID!) { assessment(id: $id) {
      id cycle status createdBy { name } framework { key nodes { key } }
      answers { nodeKey value note updatedAt setBy { name } evidence { id title url } partners { id name } }
      assessorAnswers { nodeKey value assessor { name email } } myAnswers { nodeKey }
      disagreements { nodeKey values { value people { name } } } missingKeys
      completion { partsAnswered partsTotal missingKeys unansweredPrompts readyToSubmit }
      scores { practice evidence complete unsupportedClaims elements { elementKey practice evidence actions { actionKey practice } } }
      reopenings { reason reopenedBy { name } } } }`;
    expect(ok(await api.gql(whole, { id: assessmentId }, owner)).assessment.id).toBe(assessmentId);
    const plan = `{ actionItems(first: 100) { totalCount edges { cursor node { id what why owner { name } notes { body author { name } }
      guidance { title } footnotes { text } history { id status } evidence { id title } previousDecision { status } carriedFrom { id } } } } }`;
    expect(ok(await api.gql(plan, {}, owner)).actionItems.totalCount).toBe(0);
  });
});

describe('text input', () => {
  const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
  const EVIDENCE = `mutation($i: EvidenceInput!) { createEvidence(input: $i) { id title } }`;
  const evidence = (title: string) => ({ title, url: 'https://example.org/x', evidenceDate: '2026-01-01' });

  it.each([
    ['a NUL in login.email', LOGIN, { e: 'a\u0000@example.test', p: 'long enough password' }, 'e'],
    ['a NUL in framework.key', `query($k: String) { framework(key: $k) { id } }`, { k: 'inspiring\u0000' }, 'k'],
    ['a NUL in actionItems.filter.elementKey', `query($f: ActionItemFilter) { actionItems(filter: $f) { totalCount } }`, { f: { elementKey: '3.1\u0000' } }, 'f.elementKey'],
    ['a lone surrogate in a title', EVIDENCE, { i: evidence('Report \ud800') }, 'i.title'],
    ['a control character in a title', EVIDENCE, { i: evidence('Report \u0007') }, 'i.title'],
  ])('answers BAD_USER_INPUT for %s, naming the field', async (_name, query, variables, field) => {
    const res = await api.gql(query, variables, owner);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(res.status).toBeLessThan(500);
  });

  it('checks strings written into the query itself too', async () => {
    const res = await api.gql(`{ framework(key: "a\\u0000b") { id } }`, {}, owner);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.status).toBe(400);
  });

  it('measures length as the column stores it (characters), after trimming', async () => {
    // 300 emoji are 300 characters for varchar(300) (600 UTF-16 units): accepted.
    expect(ok(await api.gql(EVIDENCE, { i: evidence('😀'.repeat(300)) }, owner)).createEvidence.title).toHaveLength(600);
    const over = await api.gql(EVIDENCE, { i: evidence('😀'.repeat(301)) }, owner);
    expect(errorCode(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0]!.message).toMatch(/title: must be at most 300 characters/);
    // A family emoji is one picture of seven characters: counted as seven, as PostgreSQL counts it.
    const family = '👨‍👩‍👧‍👦';
    expect(errorCode(await api.gql(EVIDENCE, { i: evidence(family.repeat(43)) }, owner))).toBe('BAD_USER_INPUT');
    expect(ok(await api.gql(EVIDENCE, { i: evidence(`   ${family.repeat(42)}   `) }, owner)).createEvidence.title).toBe(family.repeat(42));
    // Blank after trimming is no title.
    expect(errorCode(await api.gql(EVIDENCE, { i: evidence('   ') }, owner))).toBe('BAD_USER_INPUT');
  });

  it('allows line breaks only where text may span lines', async () => {
    expect(errorCode(await api.gql(EVIDENCE, { i: evidence('two\nlines') }, owner))).toBe('BAD_USER_INPUT');
    const multi = { ...evidence('one line'), description: 'first line\nsecond line\twith a tab' };
    expect(ok(await api.gql(`mutation($i: EvidenceInput!) { createEvidence(input: $i) { description } }`, { i: multi }, owner)).createEvidence.description).toBe(
      'first line\nsecond line\twith a tab',
    );
  });
});
