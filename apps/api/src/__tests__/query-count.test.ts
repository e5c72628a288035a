import { AssessorAnswer, ConsensusAnswer, Evidence, EvidenceLink } from '@waymark/db';
import type { Organisation } from '@waymark/db';
import { type As, MemberRole, type TestApi, ok, startTestApi } from './harness';

/**
 * Reading a whole assessment (answers, each assessor's view, evidence per answer, disagreements,
 * scores) must cost the same number of SQL statements however many answers it holds: nested
 * fields go through per-request DataLoaders, never one query per row.
 */
let api: TestApi;
let org: Organisation;
let viewer: As;

const WHOLE = `query($id: ID!) { assessment(id: $id) {
  id cycle status framework { key nodes { key } }
  answers { nodeKey value note evidence { id title url } }
  assessorAnswers { nodeKey value userId }
  myAnswers { nodeKey }
  disagreements { nodeKey values { value userIds } }
  missingKeys
  scores { practice evidence complete elements { elementKey practice evidence actions { actionKey practice } } }
  reopenings { reason }
} }`;

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  viewer = (await api.actor(org, MemberRole.VIEWER)).as;
});
afterAll(() => api.close());

async function assessmentWith(answerCount: number, assessors: number): Promise<string> {
  const framework = await api.fx.framework();
  const keys = ok(await api.gql(`{ framework(key: "inspiring-learning-partnerships") { answerKeys } }`, {}, viewer)).framework.answerKeys as string[];
  const manager = (await api.actor(org, MemberRole.MANAGER)).as;
  const id = ok(await api.gql(`mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }`, { i: { frameworkId: framework.id, cycle: `c${answerCount}-${Math.random().toString(36).slice(2, 8)}` } }, manager)).createAssessment.id;
  const em = api.db.owner.em.fork();
  const users = await Promise.all(Array.from({ length: assessors }, () => api.fx.user()));
  for (const nodeKey of keys.slice(0, answerCount)) {
    const evidence = em.create(Evidence, { organisationId: org.id, title: `for ${nodeKey}`, url: 'https://example.org', evidenceDate: '2026-01-01', createdBy: users[0]!.id });
    em.create(EvidenceLink, { organisationId: org.id, evidenceId: evidence.id, assessmentId: id, nodeKey, linkedBy: users[0]!.id });
    em.create(ConsensusAnswer, { organisationId: org.id, assessmentId: id, nodeKey, value: 'NO', setBy: users[0]!.id });
    users.forEach((u, i) => em.create(AssessorAnswer, { organisationId: org.id, assessmentId: id, nodeKey, userId: u.id, value: i % 2 ? 'NO' : 'YES' }));
  }
  await em.flush();
  return id;
}

async function statementsFor(id: string): Promise<number> {
  // Warm the framework cache so both reads compare the same work.
  ok(await api.gql(WHOLE, { id }, viewer));
  const before = api.statements.length;
  const data = ok(await api.gql(WHOLE, { id }, viewer));
  expect(data.assessment.id).toBe(id);
  return api.statements.length - before;
}

it('does not grow with the number of answers, assessors or evidence links', async () => {
  const small = await assessmentWith(2, 2);
  const large = await assessmentWith(40, 6);
  const smallCount = await statementsFor(small);
  const largeCount = await statementsFor(large);
  expect(smallCount).toBeGreaterThan(0);
  expect(largeCount).toBe(smallCount);
});

it('reads a list of assessments with their nested fields in a number of statements that does not grow with the list', async () => {
  const LIST = `{ assessments(page: { first: 50 }) { totalCount edges { node {
    id cycle previous { id } reopenings { reason } answers { nodeKey evidence { id } } disagreements { nodeKey } scores { practice evidence }
  } } } }`;
  const count = async () => {
    ok(await api.gql(LIST, {}, viewer));
    const before = api.statements.length;
    const data = ok(await api.gql(LIST, {}, viewer));
    return { statements: api.statements.length - before, assessments: data.assessments.totalCount as number };
  };
  const few = await count();
  for (let i = 0; i < 4; i++) await assessmentWith(3, 2);
  const many = await count();
  expect(many.assessments).toBe(few.assessments + 4);
  expect(many.statements).toBe(few.statements);
});
