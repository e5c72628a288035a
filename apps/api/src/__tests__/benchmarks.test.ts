import {
  Assessment, AssessmentStatus, AuditEntry, BenchmarkingConsent, type Organisation, OrganisationKind, Region, SizeBand,
  SubmittedElementScore, SubmittedPartAnswer, SubmittedScore, createCrossTenantReader, recomputeBenchmarks,
} from '@waymark/db';
import { type As, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * Regional benchmarking over GraphQL: scores kept at submission, networks between a body and
 * institutions, and the views each side may see of a snapshot, with what each must not see.
 */
let api: TestApi;
let frameworkId: string;
let regionId: string;
let otherRegionId: string;

const ELEMENTS = ['3.1', '3.2', '3.3'];
const owner = () => api.db.owner.em.fork();

async function region(code: string): Promise<string> {
  const em = owner();
  const r = em.create(Region, { code, name: `Region ${code}` });
  await em.flush();
  return r.id;
}

/** An institution whose latest submission kept these scores (written as the owner, as the seed does). */
async function institution(name: string, practice: number, kind: OrganisationKind = OrganisationKind.LIBRARY, consent: BenchmarkingConsent = BenchmarkingConsent.NAMED, inRegion = regionId, sizeBand: SizeBand = SizeBand.SMALL) {
  const org = await api.fx.organisation({ name, kind, regionId: inRegion, sizeBand, benchmarkingConsent: consent });
  const em = owner();
  const by = (await api.fx.user()).id;
  const submittedAt = new Date('2026-05-01T10:00:00Z');
  const assessment = em.create(Assessment, { organisationId: org.id, frameworkId, cycle: '2026', createdBy: by, status: AssessmentStatus.SUBMITTED, submittedAt });
  const score = em.create(SubmittedScore, { organisationId: org.id, assessmentId: assessment.id, frameworkId, cycle: '2026', submittedAt, practice, evidence: practice / 2 });
  for (const elementKey of ELEMENTS) em.create(SubmittedElementScore, { organisationId: org.id, scoreId: score.id, elementKey, practice: practice + ELEMENTS.indexOf(elementKey), evidence: null });
  em.create(SubmittedPartAnswer, { organisationId: org.id, scoreId: score.id, partKey: '3.1.1.a', value: practice > 50 ? 'YES' : 'NO' });
  await em.flush();
  return org;
}

async function recompute(day: string) {
  const reader = await createCrossTenantReader(api.db.config);
  try {
    return await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date(`${day}T02:00:00Z`) });
  } finally {
    await reader.close();
  }
}

const NETWORK_MEMBERS = `query($id: ID!) { network(id: $id) { name memberCount members { edges { node { id status institution { id name } } } } } }`;
const MY_MEMBERSHIPS = `{ networkMemberships { edges { node { id status networkName body { id name } } } } }`;
const INVITE = `mutation($n: ID!, $o: ID!) { inviteToNetwork(networkId: $n, organisationId: $o) { id status institution { name } } }`;
const answer = (name: string) => `mutation($m: ID!) { ${name}(membershipId: $m) { id status respondedAt } }`;
const BENCHMARKS = `{ benchmarks { snapshot { protectionPoints takenAt } asOf reason reasonText own { submittedAt counted practice evidence } cohorts {
  key dimension label published members asOf reason reasonText figures { scope practice { published n mean median min max asOf reason reasonText } }
  mine { scope measure value cohortMean difference percentile reason reasonText } } } }`;
const REGION = `{ regionBenchmarks { asOf reason region overall { key members published asOf reason figures { scope practice { mean } } }
  weakestElements { elementKey title practice { mean } } weakestParts { partKey text yes no answered }
  byKind { key label published members reason reasonText } trend { members practice { mean } } } }`;
const HEATMAP = `query($n: ID!) { networkHeatmap(networkId: $n) { asOf scopes reason reasonText rows { label named organisationId members cells { scope practice } }
  counts { members counted named others leftOut text } aggregate { published members reason } } }`;

let body: Organisation;
let bodyOwner: As;
let analyst: As;
let otherAnalyst: As;
let otherBodyOwner: As;
let networkId: string;
const libraries: Organisation[] = [];
let hidden: Organisation;
let outsider: Organisation;
let none: Organisation;

beforeAll(async () => {
  api = await startTestApi();
  frameworkId = (await api.fx.framework()).id;
  regionId = await region('BM');
  otherRegionId = await region('BX');
  body = await api.fx.organisation({ name: 'Benchmark Body', kind: OrganisationKind.REGIONAL_BODY, regionId });
  bodyOwner = (await api.actor(body, MemberRole.OWNER)).as;
  analyst = (await api.actor(body, MemberRole.ANALYST)).as;
  const otherBody = await api.fx.organisation({ name: 'Another Body', kind: OrganisationKind.REGIONAL_BODY, regionId: otherRegionId });
  otherAnalyst = (await api.actor(otherBody, MemberRole.ANALYST)).as;
  otherBodyOwner = (await api.actor(otherBody, MemberRole.OWNER)).as;

  // Libraries 0-2 are NAMED, 3-5 ANONYMOUS.
  for (const [i, practice] of [20, 35, 50, 65, 80, 95].entries()) {
    libraries.push(await institution(`Library ${i}`, practice, OrganisationKind.LIBRARY, i < 3 ? BenchmarkingConsent.NAMED : BenchmarkingConsent.ANONYMOUS));
  }
  hidden = await institution('Quiet Library', 42, OrganisationKind.LIBRARY, BenchmarkingConsent.ANONYMOUS);
  await institution('Small Museum A', 60, OrganisationKind.MUSEUM, BenchmarkingConsent.ANONYMOUS);
  await institution('Small Museum B', 70, OrganisationKind.MUSEUM, BenchmarkingConsent.ANONYMOUS);
  none = await institution('Private Library', 99, OrganisationKind.LIBRARY, BenchmarkingConsent.NONE);
  outsider = await institution('Elsewhere Library', 10, OrganisationKind.LIBRARY, BenchmarkingConsent.NAMED, otherRegionId, SizeBand.MEDIUM);
});
afterAll(() => api.close());

describe('networks', () => {
  it('a body invites from the directory; the institution accepts, leaves, is invited again and declines; each step audited', async () => {
    networkId = ok(await api.gql(`mutation { createNetwork(name: "Test Network") { id name } }`, {}, bodyOwner)).createNetwork.id;
    expect(errorCode(await api.gql(`mutation { createNetwork(name: "Test Network") { id } }`, {}, bodyOwner))).toBe('CONFLICT');
    const directory = ok(await api.gql(`{ institutionDirectory(search: "Library 3") { edges { node { id name kind region } } } }`, {}, bodyOwner)).institutionDirectory;
    expect(directory.edges.map((e: { node: unknown }) => e.node)).toEqual([{ id: libraries[3]!.id, name: 'Library 3', kind: 'LIBRARY', region: 'BM' }]);

    const manager = (await api.actor(libraries[3]!, MemberRole.MANAGER)).as;
    const invited = ok(await api.gql(INVITE, { n: networkId, o: libraries[3]!.id }, bodyOwner)).inviteToNetwork;
    expect(invited).toMatchObject({ status: 'INVITED', institution: { name: 'Library 3' } });
    expect(errorCode(await api.gql(INVITE, { n: networkId, o: libraries[3]!.id }, bodyOwner))).toBe('CONFLICT');

    const mine = ok(await api.gql(MY_MEMBERSHIPS, {}, manager)).networkMemberships.edges.map((e: { node: unknown }) => e.node);
    expect(mine).toEqual([{ id: invited.id, status: 'INVITED', networkName: 'Test Network', body: { id: body.id, name: 'Benchmark Body' } }]);
    expect(ok(await api.gql(answer('acceptNetworkInvitation'), { m: invited.id }, manager)).acceptNetworkInvitation.status).toBe('MEMBER');
    expect(errorCode(await api.gql(answer('acceptNetworkInvitation'), { m: invited.id }, manager))).toBe('CONFLICT');
    expect(ok(await api.gql(NETWORK_MEMBERS, { id: networkId }, analyst)).network).toMatchObject({ memberCount: 1 });
    expect(ok(await api.gql(answer('leaveNetwork'), { m: invited.id }, manager)).leaveNetwork.status).toBe('LEFT');
    expect(ok(await api.gql(INVITE, { n: networkId, o: libraries[3]!.id }, bodyOwner)).inviteToNetwork.status).toBe('INVITED');
    expect(ok(await api.gql(answer('declineNetworkInvitation'), { m: invited.id }, manager)).declineNetworkInvitation.status).toBe('DECLINED');

    const trail = await owner().find(AuditEntry, { entityId: invited.id }, { filters: false, orderBy: { at: 'asc' } });
    expect(trail.map((a) => `${a.action}@${a.organisationId === body.id ? 'body' : 'institution'}`)).toEqual([
      'network.invite@body', 'network.accept@institution', 'network.leave@institution', 'network.invite@body', 'network.decline@institution',
    ]);
  });

  it('only bodies have networks, only institutions answer, and nobody answers an invitation addressed to someone else', async () => {
    const manager = (await api.actor(libraries[0]!, MemberRole.MANAGER)).as;
    expect(errorCode(await api.gql(`mutation { createNetwork(name: "Mine") { id } }`, {}, manager))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(`{ regionBenchmarks { region } }`, {}, manager))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(MY_MEMBERSHIPS, {}, analyst))).toBe('FORBIDDEN');
    const invitation = ok(await api.gql(INVITE, { n: networkId, o: libraries[0]!.id }, bodyOwner)).inviteToNetwork;
    const stranger = (await api.actor(libraries[1]!, MemberRole.OWNER)).as;
    expect(errorCode(await api.gql(answer('acceptNetworkInvitation'), { m: invitation.id }, stranger))).toBe('NOT_FOUND');
    // Another body cannot see, use or remove this body's network or its memberships.
    expect(errorCode(await api.gql(NETWORK_MEMBERS, { id: networkId }, otherAnalyst))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(INVITE, { n: networkId, o: libraries[2]!.id }, otherBodyOwner))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(`mutation($m: ID!) { removeFromNetwork(membershipId: $m) { id } }`, { m: invitation.id }, otherBodyOwner))).toBe('NOT_FOUND');
    // An analyst reads but does not manage.
    expect(errorCode(await api.gql(INVITE, { n: networkId, o: libraries[2]!.id }, analyst))).toBe('FORBIDDEN');
  });
});

describe('benchmark views', () => {
  beforeAll(async () => {
    // Every library but one (and the quiet one, and the private one) joins the network.
    const pending = ok(await api.gql(NETWORK_MEMBERS, { id: networkId }, analyst)).network.members.edges.map((e: { node: { id: string; status: string; institution: { id: string } } }) => e.node);
    for (const member of [...libraries.slice(0, 5), hidden, none]) {
      const invited = pending.find((m: { status: string; institution: { id: string } }) => m.status === 'INVITED' && m.institution.id === member.id);
      const invitation = invited ?? ok(await api.gql(INVITE, { n: networkId, o: member.id }, bodyOwner)).inviteToNetwork;
      const manager = (await api.actor(member, MemberRole.OWNER)).as;
      ok(await api.gql(answer('acceptNetworkInvitation'), { m: invitation.id }, manager));
    }
    expect((await recompute('2026-10-01')).snapshotId).not.toBeNull();
  });

  interface Figure { published: boolean; n: number | null; mean: number | null; median: number | null; min: null; max: null; asOf: string; reason: string | null; reasonText: string | null }
  interface Cohort { key: string; published: boolean; members: number | null; asOf: string; reason: string | null; reasonText: string | null; figures: { scope: string; practice: Figure | null }[]; mine: { scope: string; measure: string; value: number; cohortMean: number | null; difference: number | null; reason: string | null }[] }

  /** Every figure says as of when; a missing one says why, in words. */
  function explained(cohort: Cohort): void {
    expect(cohort.asOf).toEqual(expect.any(String));
    if (!cohort.published) expect(cohort.reasonText).toMatch(/\w{10}/);
    for (const f of cohort.figures) {
      if (!f.practice) continue;
      expect(f.practice.asOf).toEqual(expect.any(String));
      expect(f.practice.min).toBeNull();
      expect(f.practice.max).toBeNull();
      if (!f.practice.published || f.practice.median === null) expect(f.practice.reasonText).toMatch(/\w{10}/);
    }
  }

  it('shows an institution its own scores beside each cohort it counts in, as of when, and why anything is held back', async () => {
    const viewer = (await api.actor(libraries[4]!, MemberRole.VIEWER)).as;
    const { benchmarks } = ok(await api.gql(BENCHMARKS, {}, viewer));
    expect(benchmarks).toMatchObject({ reason: null, own: { practice: 80, counted: true }, snapshot: { protectionPoints: 15 } });
    expect(benchmarks.asOf).toBe(benchmarks.snapshot.takenAt);
    const byKey = new Map<string, Cohort>(benchmarks.cohorts.map((c: Cohort) => [c.key, c]));
    for (const cohort of byKey.values()) explained(cohort);
    const region = byKey.get('region:BM')!;
    if (region.published) {
      expect(region.members).toBe(9);
      expect(region.figures.map((f) => f.scope)).toEqual(['overall', ...ELEMENTS]);
      const mean = region.figures[0]!.practice!.mean!;
      expect(region.mine.find((m) => m.scope === 'overall' && m.measure === 'practice')).toMatchObject({ value: 80, cohortMean: mean, difference: expect.closeTo(80 - mean, 1) });
    } else {
      expect(region.reason).toMatch(/TOO_FEW_UNKNOWN|SECONDARY/);
    }
  });

  it('shows the institution its new position at once after it submits again, before any recompute', async () => {
    const member = libraries[5]!;
    const manager = (await api.actor(member, MemberRole.MANAGER)).as;
    const before = ok(await api.gql(BENCHMARKS, {}, manager)).benchmarks;
    expect(before.own).toMatchObject({ practice: 95, counted: true });
    const keys = ok(await api.gql(`{ framework(key: "inspiring-learning-partnerships") { answerKeys } }`, {}, manager)).framework.answerKeys as string[];
    const id = ok(await api.gql(`mutation($f: ID!) { createAssessment(input: { frameworkId: $f, cycle: "again" }) { id } }`, { f: frameworkId }, manager)).createAssessment.id;
    const answers = keys.map((nodeKey) => ({ nodeKey, value: /\.g\d/.test(nodeKey) ? 'NO' : 'STARTED' }));
    ok(await api.gql(`mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`, { i: { assessmentId: id, answers } }, manager));
    ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { status } }`, { a: id }, manager));

    const after = ok(await api.gql(BENCHMARKS, {}, manager)).benchmarks;
    expect(after.own).toMatchObject({ practice: 50, counted: false });
    expect(after.reason).toBe('NOT_YET_COUNTED');
    expect(after.reasonText).toMatch(/next snapshot/);
    expect(after.snapshot.takenAt).toBe(before.snapshot.takenAt);
    const standing = after.cohorts.flatMap((c: Cohort) => c.mine).filter((m: Cohort['mine'][number]) => m.scope === 'overall' && m.measure === 'practice');
    expect(standing.length).toBeGreaterThan(0);
    expect(standing.every((m: Cohort['mine'][number]) => m.value === 50)).toBe(true);
  });

  it('says why an institution that shares nothing sees nothing, and keeps it out of every figure', async () => {
    const viewer = (await api.actor(none, MemberRole.VIEWER)).as;
    const { benchmarks } = ok(await api.gql(BENCHMARKS, {}, viewer));
    expect(benchmarks.cohorts).toEqual([]);
    expect(benchmarks.reason).toBe('NOT_SHARED');
    expect(benchmarks.reasonText).toMatch(/NONE/);
    expect(JSON.stringify(ok(await api.gql(HEATMAP, { n: networkId }, analyst)))).not.toContain('Private Library');
  });

  it('shows a body its region: as of when, held-back cells with their reason, the trend', async () => {
    const { regionBenchmarks: region } = ok(await api.gql(REGION, {}, analyst));
    expect(region.region).toBe('BM');
    expect(region.asOf).toEqual(expect.any(String));
    expect(region.overall).toMatchObject({ key: 'region:BM' });
    if (region.overall.published) expect(region.overall.members).toBe(9);
    // Two museums, both ANONYMOUS: too few unknown contributors, so nothing of theirs is published as a cohort.
    const kinds = new Map(region.byKind.map((k: { key: string }) => [k.key, k]));
    expect(kinds.get('region-kind:BM:MUSEUM')).toMatchObject({ label: 'Museums in Region BM', published: false, members: null, reason: 'TOO_FEW_UNKNOWN' });
    expect((kinds.get('region-kind:BM:MUSEUM') as { reasonText: string }).reasonText).toMatch(/too few/);
    for (const e of region.weakestElements) expect(e.practice.mean).toEqual(expect.any(Number));
    expect(region.trend).toHaveLength(1);
  });

  it('shows a body its network: NAMED members by name, everyone else only together, counts that add up to the member list', async () => {
    const { networkHeatmap: map } = ok(await api.gql(HEATMAP, { n: networkId }, analyst));
    expect(map.scopes).toEqual(['overall', ...ELEMENTS]);
    const named = map.rows.filter((r: { named: boolean }) => r.named);
    expect(named.map((r: { label: string }) => r.label)).toEqual(['Library 0', 'Library 1', 'Library 2']);
    expect(named[0].cells).toEqual([{ scope: 'overall', practice: 20 }, { scope: '3.1', practice: 20 }, { scope: '3.2', practice: 21 }, { scope: '3.3', practice: 22 }]);
    // No per-member row of an ANONYMOUS member: at most one "Other members" row, of all three.
    const others = map.rows.filter((r: { named: boolean }) => !r.named);
    expect(others.length).toBeLessThanOrEqual(1);
    if (others.length) expect(others[0]).toMatchObject({ label: 'Other members', organisationId: null, members: 3 });
    else expect(map.reasonText).toMatch(/\w{10}/);
    for (const name of ['Quiet Library', 'Library 3', 'Library 4']) expect(JSON.stringify(map)).not.toContain(name);
    // The network list says 7 members: 3 named + 3 others + 1 left out (it shares nothing).
    const memberCount = ok(await api.gql(NETWORK_MEMBERS, { id: networkId }, analyst)).network.memberCount;
    expect(map.counts).toMatchObject({ members: memberCount, named: 3, others: 3, counted: 6, leftOut: 1 });
    expect(memberCount).toBe(7);
    expect(map.counts.text).toMatch(/7 members: 3 named, 3 counted together as other members, 1 not counted/);
  });

  it('shows nothing to another body, to an institution outside the network, or to a key without the scope', async () => {
    expect(errorCode(await api.gql(HEATMAP, { n: networkId }, otherAnalyst))).toBe('NOT_FOUND');
    const elsewhere = ok(await api.gql(REGION, {}, otherAnalyst)).regionBenchmarks;
    expect(elsewhere.region).toBe('BX');
    expect(JSON.stringify(elsewhere)).not.toContain('region:BM');
    const outsiderViewer = (await api.actor(outsider, MemberRole.OWNER)).as;
    const { benchmarks } = ok(await api.gql(BENCHMARKS, {}, outsiderViewer));
    expect(benchmarks.cohorts.map((c: { key: string }) => c.key)).not.toContain(`network:${networkId}`);
    expect(benchmarks.cohorts.map((c: { key: string }) => c.key)).not.toContain('region:BM');
    // Its own scores are its own: nothing of another institution's reaches it.
    expect(JSON.stringify(benchmarks)).not.toContain('"value":80');

    const keyOwner = (await api.actor(libraries[4]!, MemberRole.OWNER)).as;
    const key = async (scopes: string[]) => ok(await api.gql(`mutation($s: [String!]!) { createApiKey(name: "bench", scopes: $s) { secret } }`, { s: scopes }, keyOwner)).createApiKey.secret as string;
    expect(errorCode(await api.gql(BENCHMARKS, {}, { apiKey: await key(['organisation:read']) }))).toBe('FORBIDDEN');
    const { benchmarks: viaKey } = ok(await api.gql(BENCHMARKS, {}, { apiKey: await key(['benchmarks:read']) }));
    expect(viaKey.cohorts.length).toBeGreaterThan(0);
    expect(viaKey.own).toMatchObject({ practice: 80 });
  });

  it('applies a change of consent from the next snapshot, and audits it', async () => {
    const ownerOf4 = (await api.actor(libraries[4]!, MemberRole.OWNER)).as;
    ok(await api.gql(`mutation { updateOrganisation(input: { benchmarkingConsent: NONE }) { benchmarkingConsent } }`, {}, ownerOf4));
    const audit = await owner().find(AuditEntry, { organisationId: libraries[4]!.id, action: 'organisation.update' }, { filters: false });
    expect(audit.at(-1)?.after).toMatchObject({ benchmarkingConsent: 'NONE' });
    const heatmap = async () => ok(await api.gql(HEATMAP, { n: networkId }, analyst)).networkHeatmap.counts;
    expect(await heatmap()).toMatchObject({ others: 3, leftOut: 1 });
    await recompute('2026-10-02');
    expect(await heatmap()).toMatchObject({ others: 2, leftOut: 2 });
    expect(ok(await api.gql(REGION, {}, analyst)).regionBenchmarks.trend).toHaveLength(2);
  });
});

describe('scores kept at submission', () => {
  it('stores the scores the API shows in the submitting transaction, and withdraws them on reopening', async () => {
    const org = await api.fx.organisation({ regionId });
    const manager = (await api.actor(org, MemberRole.MANAGER)).as;
    const keys = ok(await api.gql(`{ framework(key: "inspiring-learning-partnerships") { answerKeys } }`, {}, manager)).framework.answerKeys as string[];
    const id = ok(await api.gql(`mutation($f: ID!) { createAssessment(input: { frameworkId: $f, cycle: "kept" }) { id } }`, { f: frameworkId }, manager)).createAssessment.id;
    const answers = keys.map((nodeKey, i) => ({ nodeKey, value: /\.g\d/.test(nodeKey) ? (i % 3 ? 'YES' : 'NO') : ['YES', 'STARTED', 'NO'][i % 3] }));
    ok(await api.gql(`mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`, { i: { assessmentId: id, answers } }, manager));
    ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { status } }`, { a: id }, manager));
    const shown = ok(await api.gql(`query($a: ID!) { assessment(id: $a) { scores { practice evidence elements { elementKey practice evidence } } } }`, { a: id }, manager)).assessment.scores;

    const [kept] = await owner().find(SubmittedScore, { organisationId: org.id }, { filters: false });
    expect(kept).toMatchObject({ assessmentId: id, practice: shown.practice, evidence: shown.evidence, withdrawnAt: null });
    const elements = await owner().find(SubmittedElementScore, { scoreId: kept!.id }, { filters: false, orderBy: { elementKey: 'asc' } });
    expect(elements.map((e) => ({ elementKey: e.elementKey, practice: e.practice, evidence: e.evidence }))).toEqual(shown.elements);
    const parts = await owner().count(SubmittedPartAnswer, { scoreId: kept!.id }, { filters: false });
    expect(parts).toBe(answers.filter((a) => !/\.g\d/.test(a.nodeKey)).length);

    ok(await api.gql(`mutation($a: ID!) { reopenAssessment(id: $a, reason: "A correction to make") { status } }`, { a: id }, manager));
    const [withdrawn] = await owner().find(SubmittedScore, { organisationId: org.id }, { filters: false });
    expect(withdrawn!.withdrawnAt).toBeInstanceOf(Date);
    ok(await api.gql(`mutation($a: ID!) { submitAssessment(id: $a) { status } }`, { a: id }, manager));
    const again = await owner().find(SubmittedScore, { organisationId: org.id }, { filters: false });
    expect(again).toHaveLength(1);
    expect(again[0]!.withdrawnAt).toBeNull();
  });
});
