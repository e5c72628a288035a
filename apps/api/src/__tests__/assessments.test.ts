import type { Organisation } from '@waymark/db';
import { Assessment, AuditEntry } from '@waymark/db';
import { type As, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
let org: Organisation;
let frameworkId: string;
let manager: As;
let assessor: As;
let assessor2: As;
let viewer: As;
let answerKeys: string[];

const PRACTICE_KEYS = ['3.1.1.a', '3.1.1.b', '3.1.2.a', '3.1.2.b', '3.1.2.c', '3.1.3', '3.2.1', '3.2.2.a', '3.2.2.b', '3.2.3', '3.3.1', '3.3.2.a', '3.3.2.b'];

const ASSESSMENT = `query($id: ID!) { assessment(id: $id) {
  id cycle status previousId missingKeys
  answers { nodeKey value areaForImprovement note evidence { id title } }
  myAnswers { nodeKey value } assessorAnswers { nodeKey value userId }
  disagreements { nodeKey consensus values { value userIds } }
  scores { practice evidence complete unsupportedClaims elements { elementKey practice evidence complete unsupportedClaim } }
  reopenings { reason reopenedBy { id name } }
} }`;

const CREATE = `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { id status cycle } }`;
const RECORD = `mutation($input: AnswersInput!) { recordAnswers(input: $input) { nodeKey value } }`;
const CONSENSUS = `mutation($input: AnswersInput!) { setConsensusAnswers(input: $input) { id } }`;
const SUBMIT = `mutation($id: ID!) { submitAssessment(id: $id) { id status submittedAt } }`;
const REOPEN = `mutation($id: ID!, $reason: String!) { reopenAssessment(id: $id, reason: $reason) { id status } }`;

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  frameworkId = (await api.fx.framework()).id;
  manager = (await api.actor(org, MemberRole.MANAGER)).as;
  assessor = (await api.actor(org, MemberRole.ASSESSOR)).as;
  assessor2 = (await api.actor(org, MemberRole.ASSESSOR)).as;
  viewer = (await api.actor(org, MemberRole.VIEWER)).as;
  answerKeys = ok(await api.gql(`{ framework(key: "inspiring-learning-partnerships") { answerKeys } }`, {}, viewer)).framework.answerKeys;
});
afterAll(() => api.close());

async function newAssessment(cycle: string) {
  return ok(await api.gql(CREATE, { input: { frameworkId, cycle } }, manager)).createAssessment.id as string;
}

describe('an assessment from draft to the next cycle', () => {
  it('knows which keys take which scale', () => {
    expect(answerKeys.filter((k) => PRACTICE_KEYS.includes(k))).toEqual(PRACTICE_KEYS);
    expect(answerKeys).toHaveLength(PRACTICE_KEYS.length + 29);
  });

  it('runs the whole cycle: answers, disagreement, consensus, submit, lock, reopen, next cycle', async () => {
    const id = await newAssessment('2026');

    // Two assessors answer; they disagree on 3.1.1.a.
    ok(await api.gql(RECORD, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.1.a', value: 'YES' }, { nodeKey: '3.1.3', value: 'NO' }] } }, assessor));
    ok(await api.gql(RECORD, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.1.a', value: 'STARTED' }, { nodeKey: '3.1.3', value: 'NO' }] } }, assessor2));
    let a = ok(await api.gql(ASSESSMENT, { id }, assessor)).assessment;
    expect(a.myAnswers).toHaveLength(2);
    expect(a.assessorAnswers).toHaveLength(4);
    expect(a.disagreements.map((d: any) => d.nodeKey)).toEqual(['3.1.1.a']);
    expect(a.disagreements[0].values.map((v: any) => v.value).sort()).toEqual(['STARTED', 'YES']);

    // The agreed 3.1.3 can be adopted; 3.1.1.a needs a decision.
    ok(await api.gql(`mutation($id: ID!) { adoptAgreedAnswers(id: $id) { id } }`, { id }, manager));
    a = ok(await api.gql(ASSESSMENT, { id }, viewer)).assessment;
    expect(a.answers.map((x: any) => [x.nodeKey, x.value])).toEqual([['3.1.3', 'NO']]);
    expect(a.scores.complete).toBe(false);

    // Submitting and locking is a manager's: an assessor sees what is missing, and may not submit.
    const completion = ok(await api.gql(`query($id: ID!) { assessment(id: $id) { completion { partsAnswered partsTotal missingKeys readyToSubmit } } }`, { id }, assessor)).assessment.completion;
    expect(completion).toMatchObject({ partsAnswered: 1, partsTotal: PRACTICE_KEYS.length, readyToSubmit: false });
    expect(completion.missingKeys).toEqual(PRACTICE_KEYS.filter((k) => k !== '3.1.3'));
    expect(errorCode(await api.gql(SUBMIT, { id }, assessor))).toBe('FORBIDDEN');
    // A manager's submit is refused with the list of what is missing.
    const refused = await api.gql(SUBMIT, { id }, manager);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions!.missing).toEqual(PRACTICE_KEYS.filter((k) => k !== '3.1.3'));

    // The team agrees everything: all YES except 3.1.1.a STARTED; evidence mostly NO for element 3.1.
    const practice = PRACTICE_KEYS.map((nodeKey) => ({ nodeKey, value: nodeKey === '3.1.1.a' ? 'STARTED' : 'YES' }));
    const evidence = answerKeys.filter((k) => k.startsWith('3.1.g')).map((nodeKey, i) => ({ nodeKey, value: i === 0 ? 'YES' : 'NO', areaForImprovement: i === 1 }));
    ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [...practice, ...evidence] } }, assessor));
    a = ok(await api.gql(ASSESSMENT, { id }, viewer)).assessment;
    expect(a.missingKeys).toEqual([]);
    expect(a.disagreements[0].consensus).toBe('STARTED');
    const e31 = a.scores.elements.find((e: any) => e.elementKey === '3.1');
    // 3.1.1 = 75, 3.1.2 = 100, 3.1.3 = 100 -> 275/3; evidence 1 YES of 12 answered.
    expect(e31.practice).toBeCloseTo(275 / 3, 10);
    expect(e31.evidence).toBeCloseTo(100 / 12, 10);
    expect(e31.unsupportedClaim).toBe(true);
    expect(a.scores.unsupportedClaims).toEqual(['3.1']);
    expect(a.scores.elements.find((e: any) => e.elementKey === '3.2').evidence).toBeNull();

    expect(errorCode(await api.gql(SUBMIT, { id }, assessor))).toBe('FORBIDDEN');
    const submitted = ok(await api.gql(SUBMIT, { id }, manager)).submitAssessment;
    expect(submitted.status).toBe('SUBMITTED');

    // Locked: nobody can change answers now.
    expect(errorCode(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.2.1', value: 'NO' }] } }, manager))).toBe('CONFLICT');
    expect(errorCode(await api.gql(RECORD, { input: { assessmentId: id, answers: [{ nodeKey: '3.2.1', value: 'NO' }] } }, assessor))).toBe('CONFLICT');

    // Only a manager reopens, and the reason is kept.
    expect(errorCode(await api.gql(REOPEN, { id, reason: 'Found new evidence from partners' }, assessor))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(REOPEN, { id, reason: 'short' }, manager))).toBe('BAD_USER_INPUT');
    // Trimmed first, then measured: twelve spaces are no reason at all, and padding does not make one long enough.
    for (const reason of [' '.repeat(12), `   short   `, '\t\n'.repeat(8)]) {
      const blank = await api.gql(REOPEN, { id, reason }, manager);
      expect(errorCode(blank)).toBe('BAD_USER_INPUT');
      expect(blank.errors![0]!.extensions!.field).toBe('reason');
    }
    expect(ok(await api.gql(REOPEN, { id, reason: 'Found new evidence from partners' }, manager)).reopenAssessment.status).toBe('REOPENED');
    a = ok(await api.gql(ASSESSMENT, { id }, viewer)).assessment;
    expect(a.reopenings.map((r: any) => r.reason)).toEqual(['Found new evidence from partners']);
    expect(a.reopenings[0].reopenedBy.name).toMatch(/manager of/);
    ok(await api.gql(SUBMIT, { id }, manager));

    // The next cycle starts from the agreed answers.
    const next = ok(await api.gql(`mutation($input: StartNextCycleInput!) { startNextCycle(input: $input) { id status previousId } }`, { input: { previousAssessmentId: id, cycle: '2027' } }, manager)).startNextCycle;
    expect(next.previousId).toBe(id);
    expect(next.status).toBe('DRAFT');
    const carried = ok(await api.gql(ASSESSMENT, { id: next.id }, viewer)).assessment;
    expect(carried.answers).toHaveLength(practice.length + evidence.length);
    expect(carried.myAnswers).toEqual([]);

    // Every step is in the audit log, inside the organisation.
    const actions = (await api.db.owner.em.fork().find(AuditEntry, { organisationId: org.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining([
      'assessment.create', 'assessment.answers.record', 'assessment.consensus.adopt', 'assessment.consensus.set',
      'assessment.submit', 'assessment.reopen', 'assessment.start-next-cycle',
    ]));
  });

  it('rejects bad answers with the field named, and saves nothing from that call', async () => {
    const id = await newAssessment('bad-input');
    const cases: [any, RegExp][] = [
      [{ nodeKey: '9.9.9', value: 'YES' }, /answers\[1\]\.nodeKey/],
      [{ nodeKey: '3.1.1.b', value: 'MAYBE' }, /answers\[1\]\.value.*YES, STARTED, NO/],
      [{ nodeKey: '3.1.g1.1', value: 'STARTED' }, /answers\[1\]\.value.*NOT_APPLICABLE/],
      [{ nodeKey: '3.1.1.b', value: 'YES', areaForImprovement: true }, /areaForImprovement/],
      [{ nodeKey: '3.1.1.a', value: 'YES' }, /appears twice/],
      [{ nodeKey: '3.1.1.b', value: 'YES', note: 'x'.repeat(4001) }, /note/],
    ];
    for (const [bad, message] of cases) {
      const res = await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.1.a', value: 'YES' }, bad] } }, manager);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(message);
    }
    const a = ok(await api.gql(ASSESSMENT, { id }, viewer)).assessment;
    expect(a.answers).toEqual([]);
    expect(errorCode(await api.gql(CREATE, { input: { frameworkId, cycle: 'bad-input' } }, manager))).toBe('CONFLICT');
    expect(errorCode(await api.gql(CREATE, { input: { frameworkId, cycle: '' } }, manager))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql(CREATE, { input: { frameworkId, cycle: '2030', dueOn: '2001-01-01' } }, manager))).toBe('BAD_USER_INPUT');
  });

  it('lets exactly one of several concurrent creates of a cycle succeed; the others answer CONFLICT', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => api.gql(CREATE, { input: { frameworkId, cycle: 'race' } }, manager)),
    );
    const codes = results.map((r) => errorCode(r) ?? 'OK').sort();
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK')).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const rows = await api.db.owner.em.fork().count(Assessment, { organisationId: org.id, cycle: 'race' }, { filters: false });
    expect(rows).toBe(1);
  });

  it('shows people by name, and lets the team take answers back to unanswered', async () => {
    const id = await newAssessment('people');
    const mine = [{ nodeKey: '3.1.1.a', value: 'YES' }, { nodeKey: '3.1.g1.1', value: 'NO' }];
    ok(await api.gql(RECORD, { input: { assessmentId: id, answers: mine } }, assessor));
    ok(await api.gql(RECORD, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.1.a', value: 'NO' }] } }, assessor2));
    ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.1.a', value: 'STARTED' }, { nodeKey: '3.1.1.b', value: 'YES' }] } }, manager));
    const PEOPLE = `query($id: ID!) { assessment(id: $id) {
      assessorAnswers { nodeKey assessor { id name email kind } }
      answers { nodeKey setBy { name kind } }
      disagreements { nodeKey values { value people { name } } } } }`;
    let a = ok(await api.gql(PEOPLE, { id }, viewer)).assessment;
    expect(a.assessorAnswers.map((x: any) => x.assessor.name)).toEqual(Array(3).fill(`assessor of ${org.name}`));
    expect(a.assessorAnswers.every((x: any) => x.assessor.kind === 'PERSON' && /@example\.test$/.test(x.assessor.email))).toBe(true);
    expect(a.answers.map((x: any) => x.setBy.name)).toEqual(['manager of ' + org.name, 'manager of ' + org.name]);
    expect(a.disagreements[0].values.flatMap((v: any) => v.people.map((p: any) => p.name))).toHaveLength(2);

    const CLEAR_MINE = `mutation($i: ClearAnswersInput!) { clearMyAnswers(input: $i) { myAnswers { nodeKey } } }`;
    const CLEAR_AGREED = `mutation($i: ClearAnswersInput!) { clearConsensusAnswers(input: $i) { answers { nodeKey } } }`;
    expect(ok(await api.gql(CLEAR_MINE, { i: { assessmentId: id, nodeKeys: ['3.1.1.a'] } }, assessor)).clearMyAnswers.myAnswers).toEqual([{ nodeKey: '3.1.g1.1' }]);
    expect(ok(await api.gql(CLEAR_AGREED, { i: { assessmentId: id, nodeKeys: ['3.1.1.a'] } }, manager)).clearConsensusAnswers.answers).toEqual([{ nodeKey: '3.1.1.b' }]);
    expect(errorCode(await api.gql(CLEAR_AGREED, { i: { assessmentId: id, nodeKeys: ['9.9'] } }, manager))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql(CLEAR_AGREED, { i: { assessmentId: id, nodeKeys: ['3.1.1.b'] } }, viewer))).toBe('FORBIDDEN');
    a = ok(await api.gql(PEOPLE, { id }, viewer)).assessment;
    expect(a.assessorAnswers.map((x: any) => x.nodeKey).sort()).toEqual(['3.1.1.a', '3.1.g1.1']);
    const actions = (await api.db.owner.em.fork().find(AuditEntry, { organisationId: org.id, entityId: id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['assessment.answers.clear', 'assessment.consensus.clear']));
  });

  it('never overwrites a change someone else made since it was read', async () => {
    const id = await newAssessment('concurrent');
    ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.2.1', value: 'NO' }] } }, manager));
    const READ = `query($id: ID!) { assessment(id: $id) { answers { nodeKey value updatedAt } } }`;
    const seen = ok(await api.gql(READ, { id }, assessor)).assessment.answers[0].updatedAt;
    // Someone else changes it; the first person's save, based on what they saw, is refused.
    ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.2.1', value: 'STARTED', expectedUpdatedAt: seen }] } }, assessor2));
    const stale = await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.2.1', value: 'YES', expectedUpdatedAt: seen }] } }, assessor);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.extensions!.changed).toEqual([expect.objectContaining({ nodeKey: '3.2.1', value: 'STARTED' })]);
    // Expecting "no answer yet" where there is one is refused too; nothing was saved by either.
    expect(errorCode(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.2.1', value: 'YES', expectedUpdatedAt: null }] } }, assessor))).toBe('CONFLICT');
    expect(ok(await api.gql(READ, { id }, viewer)).assessment.answers.map((x: any) => x.value)).toEqual(['STARTED']);
  });

  it('lets a viewer read but not write, and an assessor not create', async () => {
    const id = await newAssessment('roles');
    expect(errorCode(await api.gql(RECORD, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.1.a', value: 'YES' }] } }, viewer))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(CREATE, { input: { frameworkId, cycle: 'x' } }, assessor))).toBe('FORBIDDEN');
    expect(ok(await api.gql(ASSESSMENT, { id }, viewer)).assessment.id).toBe(id);
  });

  it('keeps evidence in a library linked to many answers', async () => {
    const id = await newAssessment('evidence');
    const created = ok(await api.gql(`mutation($input: EvidenceInput!) { createEvidence(input: $input) { id title } }`, {
      input: { title: 'Partner survey 2026', url: 'https://example.org/survey', evidenceDate: '2026-03-01', expiresOn: '2028-03-01' },
    }, assessor)).createEvidence;
    for (const nodeKey of ['3.1.g3.1', '3.1.g3.2']) {
      ok(await api.gql(`mutation($input: EvidenceLinkInput!) { linkEvidence(input: $input) { nodeKey } }`, { input: { evidenceId: created.id, assessmentId: id, nodeKey } }, assessor));
    }
    ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.g3.1', value: 'YES' }, { nodeKey: '3.1.g3.2', value: 'YES' }] } }, assessor));
    const a = ok(await api.gql(ASSESSMENT, { id }, viewer)).assessment;
    expect(a.answers.map((x: any) => x.evidence.map((e: any) => e.title))).toEqual([['Partner survey 2026'], ['Partner survey 2026']]);
    const lib = ok(await api.gql(`{ evidenceLibrary { totalCount edges { node { id links { nodeKey } } } } }`, {}, viewer)).evidenceLibrary;
    expect(lib.edges.find((e: any) => e.node.id === created.id).node.links).toHaveLength(2);
    const bad = await api.gql(`mutation($input: EvidenceInput!) { createEvidence(input: $input) { id } }`, {
      input: { title: 'No link', evidenceDate: '2026-03-01' },
    }, assessor);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const badUrl = await api.gql(`mutation($input: EvidenceInput!) { createEvidence(input: $input) { id } }`, {
      input: { title: 'Bad', url: 'javascript:alert(1)', evidenceDate: '2026-03-01' },
    }, assessor);
    expect(errorCode(badUrl)).toBe('BAD_USER_INPUT');
  });
});
