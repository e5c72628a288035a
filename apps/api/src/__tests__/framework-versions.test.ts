import { randomUUID } from 'node:crypto';
import {
  Assessment, AssessmentStatus, BenchmarkingConsent, Framework, type Organisation, OrganisationKind, Region, SubmittedElementScore, SubmittedScore,
  createCrossTenantReader, importFixtures, recomputeBenchmarks,
} from '@waymark/db';
import { type As, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * A cycle on a newer framework version, end to end over HTTP: the made-up 1.1.0 of the bundled
 * framework (packages/frameworks/fixtures: action 3.1.1 reworded, part 3.1.2.b split into 3.1.2.b
 * and 3.1.2.d, prompt 3.1.g1.7 removed, prompt 3.2.g1.5 added) and the crosswalk from 1.0.0.
 */
let api: TestApi;
let org: Organisation;
let manager: As;
let outsider: As;
let v1: string;
let v11: string;

const CREATE = `mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id framework { answerKeys nodes { key answerScale } } } }`;
const CONSENSUS = `mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`;
const START = `mutation($i: StartNextCycleInput!) { startNextCycle(input: $i) { id frameworkId } }`;
const NEXT = `query($id: ID!) { assessment(id: $id) {
  id frameworkId framework { version }
  answers { nodeKey value needsReview }
  changesSincePrevious { kind nodeKind fromKey toKeys before after }
  missingKeys
} }`;
const ITEMS = `query($f: ActionItemFilter) { actionItems(filter: $f, first: 100) { edges { node { itemKey nodeKey status carriedFrom { itemKey } } } } }`;

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  manager = (await api.actor(org, MemberRole.MANAGER)).as;
  outsider = (await api.actor(await api.fx.organisation(), MemberRole.OWNER)).as;
  await importFixtures(api.db.owner.em.fork());
  const em = api.db.owner.em.fork();
  v1 = (await em.findOneOrFail(Framework, { key: 'inspiring-learning-partnerships', version: '1.0.0' })).id;
  v11 = (await em.findOneOrFail(Framework, { key: 'inspiring-learning-partnerships', version: '1.1.0' })).id;
});
afterAll(() => api.close());

/** A submitted 1.0.0 cycle: every item YES but 3.1.1.a NO, 3.1.2.b STARTED and prompt 3.1.g1.7 NO. */
async function submittedFirstCycle(cycle: string): Promise<string> {
  const created = ok(await api.gql(CREATE, { i: { frameworkId: v1, cycle } }, manager)).createAssessment;
  const scaleOf = new Map<string, string>(created.framework.nodes.map((n: any) => [n.key, n.answerScale]));
  const special: Record<string, string> = { '3.1.1.a': 'NO', '3.1.2.b': 'STARTED', '3.1.g1.7': 'NO' };
  const answers = (created.framework.answerKeys as string[]).map((nodeKey) => ({ nodeKey, value: special[nodeKey] ?? 'YES', note: nodeKey === '3.1.2.b' ? 'Only the reading room so far' : null }));
  expect(scaleOf.get('3.1.g1.7')).toBe('EVIDENCE');
  ok(await api.gql(CONSENSUS, { i: { assessmentId: created.id, answers } }, manager));
  ok(await api.gql(`mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }`, { a: created.id }, manager));
  ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { id } }`, { a: created.id }, manager));
  return created.id;
}

describe('a new cycle on a newer framework version', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = await submittedFirstCycle('2025');
  });

  it('offers the newer version that a crosswalk leads to', async () => {
    const { assessment } = ok(await api.gql(`query($id: ID!) { assessment(id: $id) { newerVersions { id key version } changesSincePrevious { kind } } }`, { id: first }, manager));
    expect(assessment.newerVersions).toEqual([{ id: v11, key: 'inspiring-learning-partnerships', version: '1.1.0' }]);
    expect(assessment.changesSincePrevious).toEqual([]);
  });

  it('carries the answers through the crosswalk: a split part on both halves for review, a removed prompt retired', async () => {
    second = ok(await api.gql(START, { i: { previousAssessmentId: first, cycle: '2026', frameworkId: v11 } }, manager)).startNextCycle.id;
    const { assessment } = ok(await api.gql(NEXT, { id: second }, manager));
    expect(assessment.frameworkId).toBe(v11);
    expect(assessment.framework.version).toBe('1.1.0');
    const answers = new Map<string, { value: string; needsReview: boolean }>(assessment.answers.map((a: any) => [a.nodeKey, a]));
    expect(answers.get('3.1.2.b')).toEqual({ nodeKey: '3.1.2.b', value: 'STARTED', needsReview: true });
    expect(answers.get('3.1.2.d')).toEqual({ nodeKey: '3.1.2.d', value: 'STARTED', needsReview: true });
    expect(answers.get('3.1.1.a')).toEqual({ nodeKey: '3.1.1.a', value: 'NO', needsReview: false });
    expect(answers.get('3.2.g1.4')?.needsReview).toBe(true); // its words changed
    expect(answers.has('3.1.g1.7')).toBe(false);
    expect(answers.has('3.2.g1.5')).toBe(false); // new: nothing to carry
    expect(assessment.answers.filter((a: any) => a.needsReview).map((a: any) => a.nodeKey).sort()).toEqual(['3.1.2.b', '3.1.2.d', '3.2.g1.4']);
    expect(assessment.missingKeys).toEqual([]);
  });

  it('lists what changed since the last version, in words', async () => {
    const { assessment } = ok(await api.gql(NEXT, { id: second }, manager));
    expect(assessment.changesSincePrevious.map((c: any) => [c.kind, c.nodeKind, c.fromKey, c.toKeys])).toEqual([
      ['REWORDED', 'ACTION', '3.1.1', ['3.1.1']],
      ['SPLIT', 'PART', '3.1.2.b', ['3.1.2.b', '3.1.2.d']],
      ['REMOVED', 'PROMPT', '3.1.g1.7', []],
      ['REWORDED', 'PROMPT', '3.2.g1.4', ['3.2.g1.4']],
      ['ADDED', 'PROMPT', null, ['3.2.g1.5']],
    ]);
    const split = assessment.changesSincePrevious[1];
    expect(split.before).toBe('On-site services');
    expect(split.after).toEqual(['On-site services in your buildings', 'On-site events run with partners']);
    expect(assessment.changesSincePrevious[2].before).toBe('acted on decisions to withdraw from unproductive partnerships?');
  });

  it('carries the plan\u2019s open work onto the new keys; the removed prompt\u2019s item is closed by the new version', async () => {
    const items = ok(await api.gql(ITEMS, { f: { assessmentId: second } }, manager)).actionItems.edges.map((e: any) => e.node);
    const byKey = new Map(items.map((i: any) => [i.itemKey, i]));
    expect((byKey.get('action:3.1.1') as any)?.carriedFrom).toEqual({ itemKey: 'action:3.1.1' });
    expect((byKey.get('action:3.1.2') as any)?.carriedFrom).toEqual({ itemKey: 'action:3.1.2' });
    expect(byKey.has('prompt:3.1.g1.7')).toBe(false);
    const all = ok(await api.gql(ITEMS, { f: { assessmentId: second, includeResolved: true } }, manager)).actionItems.edges.map((e: any) => e.node.itemKey);
    expect(all).toContain('prompt:3.1.g1.7');
  });

  it('clears the review mark when the team sets the answer again', async () => {
    ok(await api.gql(CONSENSUS, { i: { assessmentId: second, answers: [{ nodeKey: '3.1.2.d', value: 'YES' }] } }, manager));
    const { assessment } = ok(await api.gql(NEXT, { id: second }, manager));
    expect(assessment.answers.filter((a: any) => a.needsReview).map((a: any) => a.nodeKey).sort()).toEqual(['3.1.2.b', '3.2.g1.4']);
  });

  it('compares progress across the two versions through the crosswalk', async () => {
    ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { id } }`, { a: second }, manager));
    const { progress } = ok(await api.gql(`query($f: ID) { progress(frameworkId: $f) { cycle frameworkVersion practice practiceChange elements { elementKey practice practiceChange } } }`, { f: v11 }, manager));
    expect(progress.map((p: any) => [p.cycle, p.frameworkVersion])).toEqual([['2025', '1.0.0'], ['2026', '1.1.0']]);
    const [before, after] = progress;
    expect(after.practiceChange).toBeCloseTo(after.practice - before.practice, 6);
    for (const element of after.elements) {
      const earlier = before.elements.find((e: any) => e.elementKey === element.elementKey);
      expect(element.practiceChange).toBeCloseTo(element.practice - earlier.practice, 6);
    }
    // 3.1.2 went from (YES, STARTED, YES) to (YES, STARTED, YES, YES): element 3.1 moved up.
    expect(after.elements.find((e: any) => e.elementKey === '3.1').practiceChange).toBeGreaterThan(0);
    // Asked about the other version, the answer is the same history.
    const same = ok(await api.gql(`query($f: ID) { progress(frameworkId: $f) { cycle frameworkVersion } }`, { f: v1 }, manager)).progress;
    expect(same).toEqual(progress.map((p: any) => ({ cycle: p.cycle, frameworkVersion: p.frameworkVersion })));
  });
});

describe('refusals', () => {
  let first: string;
  beforeAll(async () => {
    first = await submittedFirstCycle('2030');
  });

  const count = async () => ok(await api.gql(`{ assessments(first: 100) { totalCount } }`, {}, manager)).assessments.totalCount as number;

  it('refuses a version without a crosswalk from the previous one, saving nothing', async () => {
    const onNewer = ok(await api.gql(START, { i: { previousAssessmentId: first, cycle: '2031', frameworkId: v11 } }, manager)).startNextCycle.id;
    const answers = ok(await api.gql(`query($id: ID!) { assessment(id: $id) { framework { answerKeys } } }`, { id: onNewer }, manager)).assessment.framework.answerKeys.map((nodeKey: string) => ({ nodeKey, value: 'YES' }));
    ok(await api.gql(CONSENSUS, { i: { assessmentId: onNewer, answers } }, manager));
    ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { id } }`, { a: onNewer }, manager));
    const before = await count();
    const back = await api.gql(START, { i: { previousAssessmentId: onNewer, cycle: '2032', frameworkId: v1 } }, manager);
    expect(errorCode(back)).toBe('BAD_USER_INPUT');
    expect(back.errors![0]!.extensions).toMatchObject({ field: 'frameworkId', reason: 'NO_CROSSWALK' });
    expect(back.errors![0]!.message).toMatch(/no crosswalk from inspiring-learning-partnerships@1.1.0 to inspiring-learning-partnerships@1.0.0/);
    expect(await count()).toBe(before);
  });

  it('answers NOT_FOUND for a framework version that does not exist, and BAD_USER_INPUT for one that is not an id', async () => {
    expect(errorCode(await api.gql(START, { i: { previousAssessmentId: first, cycle: '2033', frameworkId: randomUUID() } }, manager))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(START, { i: { previousAssessmentId: first, cycle: '2033', frameworkId: 'v1.1' } }, manager))).toBe('BAD_USER_INPUT');
  });

  it('lets no other organisation start a cycle from this one, or read what changed in it', async () => {
    const res = await api.gql(START, { i: { previousAssessmentId: first, cycle: '2034', frameworkId: v11 } }, outsider);
    expect(errorCode(res)).toBe('NOT_FOUND');
    const read = await api.gql(`query($id: ID!) { assessment(id: $id) { changesSincePrevious { kind } newerVersions { id } } }`, { id: first }, outsider);
    expect(errorCode(read)).toBe('NOT_FOUND');
  });
});

describe('benchmarks across versions', () => {
  /** An institution's submitted scores on a version (written as the owner, as the seed does). */
  async function submitted(org: Organisation, frameworkId: string, practice: number) {
    const em = api.db.owner.em.fork();
    const by = (await api.fx.user()).id;
    const submittedAt = new Date('2026-05-01T10:00:00Z');
    const assessment = em.create(Assessment, { organisationId: org.id, frameworkId, cycle: 'bench', createdBy: by, status: AssessmentStatus.SUBMITTED, submittedAt });
    const score = em.create(SubmittedScore, { organisationId: org.id, assessmentId: assessment.id, frameworkId, cycle: 'bench', submittedAt, practice, evidence: null });
    ['3.1', '3.2', '3.3'].forEach((elementKey, i) => em.create(SubmittedElementScore, { organisationId: org.id, scoreId: score.id, elementKey, practice: practice + i, evidence: null }));
    await em.flush();
  }

  it('compares an institution on the newer version with peers benchmarked on the older one, element by element through the crosswalk', async () => {
    const em = api.db.owner.em.fork();
    const region = em.create(Region, { code: 'FV', name: 'Region FV' });
    await em.flush();
    const make = (name: string) => api.fx.organisation({ name, kind: OrganisationKind.LIBRARY, regionId: region.id, benchmarkingConsent: BenchmarkingConsent.NAMED });
    for (let i = 0; i < 6; i++) await submitted(await make(`Peer ${i}`), v1, 40 + i * 5);
    const reader = await createCrossTenantReader(api.db.config);
    try {
      await recomputeBenchmarks(reader, { frameworkId: v1, trigger: 'nightly', now: new Date('2026-06-01T02:00:00Z') });
    } finally {
      await reader.close();
    }
    const mover = await make('Moved on');
    await submitted(mover, v11, 70);
    const as = (await api.actor(mover, MemberRole.MANAGER)).as;
    const { benchmarks } = ok(await api.gql(`{ benchmarks { reason reasonText own { frameworkVersion counted practice } cohorts { key mine { scope measure value } } } }`, {}, as));
    expect(benchmarks.reason).toBe('OTHER_VERSION');
    expect(benchmarks.reasonText).toMatch(/another version of this framework/);
    expect(benchmarks.own).toEqual({ frameworkVersion: '1.1.0', counted: false, practice: 70 });
    const kind = benchmarks.cohorts.find((c: any) => c.key === 'kind:LIBRARY');
    expect(kind.mine.filter((m: any) => m.measure === 'practice').map((m: any) => [m.scope, m.value])).toEqual([['overall', 70], ['3.1', 70], ['3.2', 71], ['3.3', 72]]);
  });
});
