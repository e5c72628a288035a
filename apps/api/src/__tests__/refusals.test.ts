import type { Organisation } from '@waymark/db';
import { TEXT_LIMITS } from '@waymark/domain';
import { type As, MemberRole, type TestApi, ok, startTestApi } from './harness';

/**
 * The refusals the web app words for people: each carries the field, a typed reason and what it
 * needs to say it plainly (the limit and the length, the item an answer is about, today's date,
 * what refers to what by name), so nothing has to be read out of a message meant for programmers.
 */
let api: TestApi;
let org: Organisation;
let frameworkId: string;
let owner: As;
let manager: As;

const refusal = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => {
  expect(res.errors?.length).toBe(1);
  return res.errors![0]!.extensions!;
};

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  frameworkId = (await api.fx.framework()).id;
  owner = (await api.actor(org, MemberRole.OWNER)).as;
  manager = (await api.actor(org, MemberRole.MANAGER)).as;
});
afterAll(() => api.close());

const createAssessment = async (cycle: string) =>
  ok(await api.gql(`mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }`, { i: { frameworkId, cycle } }, manager)).createAssessment.id as string;

describe('typed refusals', () => {
  it('names the answer, the limit and the length of a note that is too long, and saves it once shortened', async () => {
    const id = await createAssessment('refusals-notes');
    const note = 'x'.repeat(TEXT_LIMITS.note + 7);
    const answers = [{ nodeKey: '3.1.1.a', value: 'YES' }, { nodeKey: '3.1.1.b', value: 'NO', note }];
    const res = await api.gql(`mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`, { i: { assessmentId: id, answers } }, manager);
    expect(refusal(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers[1].note', reason: 'TOO_LONG', limit: TEXT_LIMITS.note, actual: TEXT_LIMITS.note + 7, nodeKey: '3.1.1.b' });
    const fixed = [answers[0], { ...answers[1], note: 'x'.repeat(TEXT_LIMITS.note) }];
    ok(await api.gql(`mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`, { i: { assessmentId: id, answers: fixed } }, manager));
  });

  it('says a value is not on the item’s scale, naming the item and what is allowed', async () => {
    const id = await createAssessment('refusals-values');
    const res = await api.gql(`mutation($i: AnswersInput!) { recordAnswers(input: $i) { nodeKey } }`, { i: { assessmentId: id, answers: [{ nodeKey: '3.1.g1.1', value: 'STARTED' }] } }, manager);
    expect(refusal(res)).toMatchObject({ reason: 'NOT_ALLOWED_VALUE', nodeKey: '3.1.g1.1', allowed: ['YES', 'NO', 'NOT_APPLICABLE'] });
  });

  it('gives the limits of text fields, blank ones, and class-validator rules a reason', async () => {
    const evidence = (input: Record<string, unknown>) => api.gql(`mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }`, { i: { title: 'A title', fileReference: 'shelf 2', evidenceDate: '2026-01-10', ...input } }, owner);
    expect(refusal(await evidence({ title: 'y'.repeat(TEXT_LIMITS.evidenceTitle + 1) }))).toMatchObject({ field: 'title', reason: 'TOO_LONG', limit: TEXT_LIMITS.evidenceTitle, actual: TEXT_LIMITS.evidenceTitle + 1 });
    expect(refusal(await evidence({ title: '   ' }))).toMatchObject({ field: 'title', reason: 'BLANK' });
    expect(refusal(await evidence({ url: 'not a link' }))).toMatchObject({ field: 'url', reason: 'NOT_A_URL' });
    expect(refusal(await evidence({ fileReference: null }))).toMatchObject({ field: 'url', reason: 'LINK_OR_FILE' });
    expect(refusal(await evidence({ expiresOn: '2025-01-01' }))).toMatchObject({ field: 'expiresOn', reason: 'BEFORE_START', date: '2026-01-10' });
    const reopen = await api.gql(`mutation($id: ID!, $r: String!) { reopenAssessment(id: $id, reason: $r) { id } }`, { id: await createAssessment('refusals-reopen'), r: 'too short' }, manager);
    expect(refusal(reopen)).toMatchObject({ field: 'reason', reason: 'TOO_SHORT', limit: TEXT_LIMITS.reopenReason.min, actual: 9 });
    const interval = await api.gql(`mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, { i: { name: 'Partner', partnerType: 'OTHER', reviewIntervalDays: 5000 } }, owner);
    expect(refusal(interval)).toMatchObject({ field: 'reviewIntervalDays', reason: 'TOO_LARGE', limit: 1095 });
  });

  it('names today when a date is in the past, and the member rule for an owner', async () => {
    const id = await createAssessment('refusals-dates');
    const tooEarly = await api.gql(`mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }`, { i: { frameworkId, cycle: 'refusals-past', dueOn: '2020-01-01' } }, manager);
    expect(refusal(tooEarly)).toMatchObject({ field: 'dueOn', reason: 'IN_THE_PAST', today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const again = await api.gql(`mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }`, { i: { frameworkId, cycle: 'refusals-dates' } }, manager);
    expect(refusal(again)).toMatchObject({ code: 'CONFLICT', field: 'cycle', reason: 'ALREADY_EXISTS', cycle: 'refusals-dates' });
    const submit = await api.gql(`mutation($id: ID!) { submitAssessment(id: $id) { id } }`, { id }, manager);
    expect(refusal(submit)).toMatchObject({ code: 'CONFLICT', reason: 'MISSING_PARTS' });
    expect((refusal(submit).missing as string[]).length).toBe(13);
  });

  it('names what is cited and by which submitted cycle, when evidence cannot be deleted', async () => {
    const id = await createAssessment('refusals-cited');
    const evidenceId = ok(await api.gql(`mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }`, { i: { title: 'Annual partnership review', fileReference: 'shelf 1', evidenceDate: '2026-01-10' } }, owner)).createEvidence.id;
    ok(await api.gql(`mutation($i: EvidenceLinkInput!) { linkEvidence(input: $i) { nodeKey } }`, { i: { evidenceId, assessmentId: id, nodeKey: '3.1.g1.1' } }, owner));
    const every = ['3.1.1.a', '3.1.1.b', '3.1.2.a', '3.1.2.b', '3.1.2.c', '3.1.3', '3.2.1', '3.2.2.a', '3.2.2.b', '3.2.3', '3.3.1', '3.3.2.a', '3.3.2.b'].map((nodeKey) => ({ nodeKey, value: 'YES' }));
    ok(await api.gql(`mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`, { i: { assessmentId: id, answers: every } }, manager));
    ok(await api.gql(`mutation($id: ID!) { submitAssessment(id: $id) { id } }`, { id }, manager));
    const res = await api.gql(`mutation($id: ID!) { deleteEvidence(id: $id) }`, { id: evidenceId }, owner);
    expect(refusal(res)).toMatchObject({
      code: 'CONFLICT',
      reason: 'CITED_BY_SUBMITTED',
      what: { kind: 'Evidence', id: evidenceId, title: 'Annual partnership review' },
      citedBy: [{ assessmentId: id, cycle: 'refusals-cited' }],
      cycles: ['refusals-cited'],
    });
    const locked = await api.gql(`mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`, { i: { assessmentId: id, answers: [{ nodeKey: '3.1.1.a', value: 'NO' }] } }, manager);
    expect(refusal(locked)).toMatchObject({ code: 'CONFLICT', reason: 'LOCKED', cycle: 'refusals-cited' });
  });

  it('says why a webhook URL is refused, and that the last owner stays', async () => {
    const create = (url: string) => api.gql(`mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }`, { i: { url, eventTypes: ['assessment.submitted'] } }, owner);
    expect(refusal(await create('ftp://hooks.example.org/x'))).toMatchObject({ field: 'url', reason: 'NOT_HTTP' });
    expect(refusal(await create('https://user:pw@hooks.example.org/x'))).toMatchObject({ field: 'url', reason: 'CREDENTIALS_IN_URL' });
    const members = ok(await api.gql(`{ members { edges { node { id role } } } }`, {}, owner)).members.edges.map((e: any) => e.node);
    const onlyOwner = members.find((m: any) => m.role === 'OWNER');
    const res = await api.gql(`mutation($m: ID!) { changeMemberRole(membershipId: $m, role: VIEWER) { id } }`, { m: onlyOwner.id }, owner);
    expect(refusal(res)).toMatchObject({ code: 'CONFLICT', reason: 'LAST_OWNER' });
  });
});
