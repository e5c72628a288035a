import { Client } from 'pg';
import { databaseUrlFor } from '@waymark/config';
import { createTestDatabase, fixtures, type Fixtures, type TestDatabase } from '@waymark/testing';
import {
  Assessment, AssessmentStatus, AuditEntry, BenchmarkingConsent, Network, NetworkMember, NetworkMemberStatus, type Organisation,
  OrganisationKind, Region, SizeBand, SubmittedElementScore, SubmittedPartAnswer, SubmittedScore,
} from '../entities';
import { type CrossTenantReader, createCrossTenantReader } from '../cross-tenant';
import { recomputeBenchmarks } from '../benchmarks/recompute';

/**
 * The benchmark job, end to end on PostgreSQL: the population through the narrow functions, the
 * privacy rules, the figures computed by SQL and the snapshot rows, as waymark_analytics.
 */
let db: TestDatabase;
let fx: Fixtures;
let reader: CrossTenantReader;
let frameworkId: string;
let authorId: string;

const ELEMENTS = ['3.1', '3.2', '3.3'];

interface Made {
  org: Organisation;
  assessmentId: string;
}

async function region(code: string): Promise<string> {
  const em = db.owner.em.fork();
  const r = em.create(Region, { code, name: `Region ${code}` });
  await em.flush();
  return r.id;
}

/** An institution with one submitted assessment whose kept scores are `practice` overall and per element (evidence = practice / 2). */
async function institution(input: { regionId: string; kind?: OrganisationKind; size?: SizeBand; consent?: BenchmarkingConsent; practice: number; name?: string; submittedAt?: Date }): Promise<Made> {
  const org = await fx.organisation({
    regionId: input.regionId, kind: input.kind ?? OrganisationKind.LIBRARY, sizeBand: input.size ?? SizeBand.MEDIUM,
    benchmarkingConsent: input.consent ?? BenchmarkingConsent.ANONYMOUS, ...(input.name ? { name: input.name } : {}),
  });
  return { org, assessmentId: await submission(org, input.practice, input.submittedAt ?? new Date('2026-05-01T10:00:00Z')) };
}

async function submission(org: Organisation, practice: number, submittedAt: Date, cycle = '2026'): Promise<string> {
  const em = db.owner.em.fork();
  const assessment = em.create(Assessment, { organisationId: org.id, frameworkId, cycle, createdBy: authorId, status: AssessmentStatus.SUBMITTED, submittedAt });
  const score = em.create(SubmittedScore, { organisationId: org.id, assessmentId: assessment.id, frameworkId, cycle, submittedAt, practice, evidence: practice / 2 });
  for (const elementKey of ELEMENTS) em.create(SubmittedElementScore, { organisationId: org.id, scoreId: score.id, elementKey, practice, evidence: practice / 2 });
  em.create(SubmittedPartAnswer, { organisationId: org.id, scoreId: score.id, partKey: '3.1.1.a', value: practice >= 50 ? 'YES' : 'NO' });
  await em.flush();
  return assessment.id;
}

const owner = () => db.owner.em.fork().getConnection();
const rowsOf = <R extends object>(sql: string, values: unknown[] = []) => owner().execute<R[]>(sql, values);

function quartiles(values: number[]): [number, number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const i = p * (sorted.length - 1);
    const lo = Math.floor(i);
    return sorted[lo]! + (sorted[Math.ceil(i)]! - sorted[lo]!) * (i - lo);
  };
  return [at(0.25), at(0.5), at(0.75)];
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = fixtures(db.owner);
  frameworkId = (await fx.framework()).id;
  authorId = (await fx.user()).id;
  reader = await createCrossTenantReader(db.config);
});
afterAll(async () => {
  await reader.close();
  await db.drop();
});

describe('a full recompute', () => {
  const practices = [12, 25, 31, 40, 58, 63, 77];
  let regionId: string;
  let libraries: Made[];
  let snapshotId: string;

  beforeAll(async () => {
    regionId = await region('T1');
    libraries = [];
    for (const [i, practice] of practices.entries()) {
      libraries.push(await institution({ regionId, practice, consent: i % 2 ? BenchmarkingConsent.NAMED : BenchmarkingConsent.ANONYMOUS, name: `Library ${i}` }));
    }
    // Out of every figure: consent NONE, a withdrawn submission, a regional body; and only the latest of two submissions counts.
    await institution({ regionId, practice: 100, consent: BenchmarkingConsent.NONE });
    const withdrawn = await institution({ regionId, practice: 99 });
    await db.owner.em.fork().nativeUpdate(SubmittedScore, { organisationId: withdrawn.org.id }, { withdrawnAt: new Date() }, { filters: false });
    await institution({ regionId, practice: 98, kind: OrganisationKind.REGIONAL_BODY });
    await submission(libraries[0]!.org, 1, new Date('2025-05-01T10:00:00Z'), '2025');
    // Two museums: too few to show, so their cell is suppressed, and another with it.
    for (const practice of [90, 95]) await institution({ regionId, practice, kind: OrganisationKind.MUSEUM });

    const result = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-06-01T02:00:00Z') });
    expect(result.snapshotId).not.toBeNull();
    snapshotId = result.snapshotId!;
    expect(result.institutions).toBe(practices.length + 2);
  });

  it('computes each cohort\'s distribution in SQL over consenting institutions\' latest submissions', async () => {
    const [figure] = await rowsOf<{ n: number; mean: number; p25: number; median: number; p75: number; min: number; max: number }>(
      `select n, mean, p25, median, p75, min, max from benchmark_figure where snapshot_id = ? and cohort_key = 'region:T1' and scope = 'overall' and measure = 'practice'`,
      [snapshotId],
    );
    const counted = [...practices, 90, 95];
    const [p25, median, p75] = quartiles(counted);
    expect(figure).toEqual({
      n: counted.length, mean: expect.closeTo(counted.reduce((a, b) => a + b) / counted.length, 6),
      p25: expect.closeTo(p25, 6), median: expect.closeTo(median, 6), p75: expect.closeTo(p75, 6), min: 12, max: 95,
    });
    const [evidence] = await rowsOf<{ median: number }>(
      `select median from benchmark_figure where snapshot_id = ? and cohort_key = 'region:T1' and scope = 'overall' and measure = 'evidence'`, [snapshotId],
    );
    expect(evidence!.median).toBeCloseTo(median / 2, 6);
    const elements = await rowsOf<{ scope: string }>(`select distinct scope from benchmark_figure where snapshot_id = ? and cohort_key = 'region:T1' order by scope`, [snapshotId]);
    expect(elements.map((e) => e.scope)).toEqual([...ELEMENTS, 'overall']);
    const [share] = await rowsOf<{ answered: number; yes: number; no: number }>(
      `select answered, yes, no from benchmark_part_share where snapshot_id = ? and cohort_key = 'region:T1' and part_key = '3.1.1.a'`, [snapshotId],
    );
    expect(share).toEqual({ answered: 9, yes: expect.closeTo(5 / 9, 6), no: expect.closeTo(4 / 9, 6) });
  });

  it('keeps a too-small cohort out of every figure, with a complementary cell beside it', async () => {
    const cohorts = await rowsOf<{ key: string; members: number | null; suppressed: string | null }>(
      `select key, members, suppressed from benchmark_cohort where snapshot_id = ? and key like '%T1%' order by key`, [snapshotId],
    );
    expect(cohorts).toEqual(expect.arrayContaining([{ key: 'region-kind:T1:MUSEUM', members: null, suppressed: 'too-small' }]));
    // The region (9) less its libraries (7) would give the museums away: one of the two must go too.
    const region = cohorts.find((c) => c.key === 'region:T1')!;
    const libraries = cohorts.find((c) => c.key === 'region-kind:T1:LIBRARY')!;
    expect([region.suppressed, libraries.suppressed]).toContain('complementary');
    const shownKeys = cohorts.filter((c) => !c.suppressed).map((c) => c.key);
    const figured = await rowsOf<{ cohort_key: string }>(`select distinct cohort_key from benchmark_figure where snapshot_id = ? and cohort_key like '%T1%'`, [snapshotId]);
    expect(figured.map((f) => f.cohort_key).sort()).toEqual(shownKeys.sort());
  });

  it('gives each institution its own percentile rank, readable by it alone', async () => {
    const ranks = await rowsOf<{ organisation_id: string; percentile: number }>(
      `select b.organisation_id, (r->>'percentile')::float8 as percentile from benchmark_rank b cross join jsonb_array_elements(b.ranks) as e(r)
        where b.snapshot_id = ? and r->>'cohortKey' = 'region:T1' and r->>'scope' = 'overall' and r->>'measure' = 'practice'`,
      [snapshotId],
    );
    expect(ranks).toHaveLength(9);
    const byOrg = new Map(ranks.map((r) => [r.organisation_id, r.percentile]));
    // percent_rank: the share of the others below. The lowest of nine is 0, the fourth 37.5, the seventh library 75.
    expect(byOrg.get(libraries[0]!.org.id)).toBe(0);
    expect(byOrg.get(libraries[3]!.org.id)).toBe(37.5);
    expect(byOrg.get(libraries[6]!.org.id)).toBe(75);

    const app = new Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      await app.query('begin');
      await app.query(`select set_config('app.organisation_id', $1, true)`, [libraries[3]!.org.id]);
      const { rows } = await app.query(`select distinct organisation_id from benchmark_rank`);
      expect(rows).toEqual([{ organisation_id: libraries[3]!.org.id }]);
      await app.query('rollback');
    } finally {
      await app.end();
    }
  });
});

describe('snapshots of one day', () => {
  it('are not published when one could be subtracted from another; the next day\'s is', async () => {
    const regionId = await region('T2');
    const made: Made[] = [];
    for (let i = 0; i < 6; i++) made.push(await institution({ regionId, practice: 10 * (i + 1), kind: OrganisationKind.ARCHIVE }));
    const first = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-07-01T02:00:00Z') });
    expect(first.snapshotId).not.toBeNull();

    // One more archive the same day: region T2 and the archives would differ by one institution.
    await institution({ regionId, practice: 70, kind: OrganisationKind.ARCHIVE });
    const later = await recomputeBenchmarks(reader, { frameworkId, trigger: 'incremental', now: new Date('2026-07-01T12:00:00Z') });
    expect(later.snapshotId).toBeNull();
    expect(later.blocking.map((b) => b.cohort)).toEqual(expect.arrayContaining(['region:T2', 'region-kind:T2:ARCHIVE']));
    expect(later.blocking.every((b) => b.difference > 0 && b.difference < 5)).toBe(true);

    const nextDay = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-07-02T02:00:00Z') });
    expect(nextDay.snapshotId).not.toBeNull();
    const [members] = await rowsOf<{ members: number }>(`select members from benchmark_cohort where snapshot_id = ? and key = 'region:T2'`, [nextDay.snapshotId]);
    expect(members!.members).toBe(7);
  });

  it('an incremental run recomputes only the cohorts whose members changed, and copies the rest', async () => {
    const base = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-08-01T02:00:00Z') });
    const again = await recomputeBenchmarks(reader, { frameworkId, trigger: 'incremental', now: new Date('2026-08-01T03:00:00Z') });
    expect(again.snapshotId).not.toBeNull();
    expect(again.recomputed).toBe(0);
    const figures = (id: string) => rowsOf<{ cohort_key: string; scope: string; measure: string; mean: number }>(
      `select cohort_key, scope, measure, mean from benchmark_figure where snapshot_id = ? order by 1, 2, 3`, [id],
    );
    expect(await figures(again.snapshotId!)).toEqual(await figures(base.snapshotId!));
  });
});

describe('a network', () => {
  it('shows its body NAMED members by name, ANONYMOUS ones under pseudonyms fresh for every snapshot, or hides them when too few', async () => {
    const regionId = await region('T3');
    const body = await fx.organisation({ kind: OrganisationKind.REGIONAL_BODY, regionId });
    const em = db.owner.em.fork();
    const network = em.create(Network, { organisationId: body.id, name: 'Test network', createdBy: authorId });
    await em.flush();
    const members: Made[] = [];
    const consents = [BenchmarkingConsent.NAMED, BenchmarkingConsent.NAMED, BenchmarkingConsent.ANONYMOUS, BenchmarkingConsent.ANONYMOUS, BenchmarkingConsent.NONE];
    for (const [i, consent] of consents.entries()) members.push(await institution({ regionId, practice: 20 + i, consent, name: `Net member ${i}`, kind: OrganisationKind.COMBINED }));
    const join = db.owner.em.fork();
    for (const m of members) join.create(NetworkMember, { organisationId: body.id, networkId: network.id, memberOrganisationId: m.org.id, status: NetworkMemberStatus.MEMBER, invitedBy: authorId });
    await join.flush();

    const cells = async (snapshot: string) => rowsOf<{ label: string; member_organisation_id: string | null }>(
      `select distinct label, member_organisation_id from benchmark_network_cell where snapshot_id = ? and network_id = ? order by label`, [snapshot, network.id],
    );
    const first = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-09-01T02:00:00Z') });
    // Two anonymous members are too few to hide among: only the named ones show, and the network's own figures are withheld.
    expect(await cells(first.snapshotId!)).toEqual([
      { label: 'Net member 0', member_organisation_id: members[0]!.org.id },
      { label: 'Net member 1', member_organisation_id: members[1]!.org.id },
    ]);
    const [cohort] = await rowsOf<{ suppressed: string | null; hidden_rows: number }>(`select suppressed, hidden_rows from benchmark_cohort where snapshot_id = ? and key = ?`, [first.snapshotId, `network:${network.id}`]);
    expect(cohort).toEqual({ suppressed: 'too-small', hidden_rows: 2 });

    // Five anonymous members: shown, under labels that change from one snapshot to the next.
    const more: Made[] = [];
    for (let i = 0; i < 3; i++) more.push(await institution({ regionId, practice: 40 + i, consent: BenchmarkingConsent.ANONYMOUS, kind: OrganisationKind.COMBINED }));
    const join2 = db.owner.em.fork();
    for (const m of more) join2.create(NetworkMember, { organisationId: body.id, networkId: network.id, memberOrganisationId: m.org.id, status: NetworkMemberStatus.MEMBER, invitedBy: authorId });
    await join2.flush();
    const second = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-09-02T02:00:00Z') });
    const third = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-09-03T02:00:00Z') });
    const anonymous = async (snapshot: string) => (await cells(snapshot)).filter((c) => !c.member_organisation_id).map((c) => c.label);
    const [a, b] = [await anonymous(second.snapshotId!), await anonymous(third.snapshotId!)];
    expect(a).toHaveLength(5);
    expect(b).toHaveLength(5);
    expect(a.filter((label) => b.includes(label))).toEqual([]);
    expect(JSON.stringify(await cells(third.snapshotId!))).not.toContain('Net member 4');
  });
});

describe('the analytics role', () => {
  it('reaches institutions only through the benchmark functions: no users, hashes, notes, evidence, partners or keys', async () => {
    const analytics = new Client({ connectionString: databaseUrlFor(db.config, 'analytics') });
    await analytics.connect();
    try {
      for (const table of ['app_user', 'membership', 'action_item_note', 'evidence', 'partner', 'api_key', 'assessment', 'consensus_answer', 'submitted_score', 'organisation', 'network_member', 'invitation']) {
        await expect(analytics.query(`select * from ${table} limit 1`)).rejects.toThrow(/permission denied/);
      }
      await expect(analytics.query(`select password_hash from app_user`)).rejects.toThrow(/permission denied/);
      await expect(analytics.query(`update assessment set cycle = 'x'`)).rejects.toThrow(/permission denied/);
      const { rows } = await analytics.query(`select * from waymark_benchmark_entries($1) limit 1`, [frameworkId]);
      expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['consent', 'entry', 'kind', 'name', 'organisation_id', 'region', 'score_id', 'size_band']);
      await expect(analytics.query(`select * from waymark_institution_directory()`)).rejects.toThrow(/permission denied/);
    } finally {
      await analytics.end();
    }
    const audits = await db.owner.em.fork().find(AuditEntry, { action: 'cross-tenant.read' });
    expect(audits.length).toBeGreaterThan(0);
    expect(new Set(audits.map((a) => (a.after as { purpose: string }).purpose))).toEqual(new Set(['benchmarks: nightly recompute', 'benchmarks: incremental recompute']));
  });
});

