import { ActionItem, ActionItemEvidence, ActionItemKind, ActionItemNote, ActionItemStatus, ActionPlan, AssessorAnswer, ConsensusAnswer, Evidence, EvidenceLink, Partner, PartnerLink, PartnerType } from '@waymark/db';
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
  const LIST = `{ assessments(first: 50) { totalCount edges { node {
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

/** Statements for one read of `query`, after a first read that warms any cache. */
async function statementsOf(query: string, as: As = viewer): Promise<number> {
  ok(await api.gql(query, {}, as));
  const before = api.statements.length;
  ok(await api.gql(query, {}, as));
  return api.statements.length - before;
}

/** The read costs the same after `grow` has added rows of every nested kind once and again. */
async function expectFlat(query: string, grow: () => Promise<void>, as: As = viewer): Promise<void> {
  await grow();
  const before = await statementsOf(query, as);
  await grow();
  const after = await statementsOf(query, as);
  expect(before).toBeGreaterThan(0);
  expect(after).toBe(before);
}

describe('every list reads its nested fields in a fixed number of statements', () => {
  let assessment: string;
  let author: string;
  beforeAll(async () => {
    assessment = await assessmentWith(1, 1);
    author = (await api.fx.member(org, MemberRole.ASSESSOR)).user.id;
  });

  it('the evidence library, with links and who added each', async () => {
    await expectFlat(`{ evidenceLibrary(first: 50) { edges { node { id title links { nodeKey } createdBy { name } } } } }`, async () => {
      const em = api.db.owner.em.fork();
      for (let i = 0; i < 8; i++) {
        const by = (await api.fx.member(org, MemberRole.ASSESSOR)).user.id;
        const evidence = em.create(Evidence, { organisationId: org.id, title: `library ${i}`, url: 'https://example.org', evidenceDate: '2026-01-01', createdBy: by });
        em.create(EvidenceLink, { organisationId: org.id, evidenceId: evidence.id, assessmentId: assessment, nodeKey: `3.1.g1.${(i % 2) + 1}`, linkedBy: by });
      }
      await em.flush();
    });
  });

  it('the partnership register, with each partner\'s links', async () => {
    await expectFlat(`{ partners(first: 50) { edges { node { id name status links { nodeKey } } } } }`, async () => {
      const em = api.db.owner.em.fork();
      for (let i = 0; i < 8; i++) {
        const partner = em.create(Partner, { organisationId: org.id, name: `Partner ${i}`, partnerType: PartnerType.OTHER, reviewIntervalDays: 90, createdBy: author });
        em.create(PartnerLink, { organisationId: org.id, partnerId: partner.id, assessmentId: assessment, nodeKey: '3.1.3', linkedBy: author });
      }
      await em.flush();
    });
  });

  it('the action items, with owners, notes, evidence and the work they carry on', async () => {
    const em = api.db.owner.em.fork();
    const plan = em.create(ActionPlan, { organisationId: org.id, assessmentId: assessment, generatedBy: author });
    await em.flush();
    let made = 0;
    const items = async (n: number) => {
      const fork = api.db.owner.em.fork();
      const evidence = fork.create(Evidence, { organisationId: org.id, title: 'for items', url: 'https://example.org', evidenceDate: '2026-01-01', createdBy: author });
      for (let i = 0; i < n; i++, made++) {
        const owner = (await api.fx.member(org, MemberRole.ASSESSOR)).user.id;
        const item = fork.create(ActionItem, {
          organisationId: org.id, planId: plan.id, assessmentId: assessment, itemKey: `action:9.${made}`, kind: ActionItemKind.ACTION, nodeKey: '3.1.1', elementKey: '3.1',
          what: `item ${made}`, why: 'because', gap: {}, priority: made + 1, priorityReason: 'order', target: 'Yes', ownerUserId: owner, status: ActionItemStatus.OPEN,
        });
        fork.create(ActionItemNote, { organisationId: org.id, itemId: item.id, authorId: owner, body: `note on ${made}` });
        fork.create(ActionItemEvidence, { organisationId: org.id, itemId: item.id, evidenceId: evidence.id, linkedBy: owner });
      }
      await fork.flush();
    };
    await expectFlat(
      `{ actionItems(first: 50) { edges { node { id what owner { name } notes { body author { name } } evidence { id title } carriedFrom { id } carriedTo { id } history { id } } } } }`,
      () => items(8),
    );
  });

  it('the members, with each person', async () => {
    const owner = (await api.actor(org, MemberRole.OWNER)).as;
    await expectFlat(`{ members(first: 50) { edges { node { id role user { id name email } } } } }`, async () => {
      for (let i = 0; i < 6; i++) await api.fx.member(org, MemberRole.VIEWER);
    }, owner);
  });
});
