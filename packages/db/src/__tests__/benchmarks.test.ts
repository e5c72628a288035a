import { Client } from 'pg';
import { databaseUrlFor } from '@waymark/config';
import { createTestDatabase, fixtures, type Fixtures, type TestDatabase } from '@waymark/testing';
import {
  Assessment, AssessmentStatus, AuditEntry, BenchmarkingConsent, Network, NetworkMember, NetworkMemberStatus, type Organisation,
  OrganisationKind, Region, SizeBand, SubmittedElementScore, SubmittedPartAnswer, SubmittedScore,
} from '../entities';
import { audit, cellNoise, disclosureParams, newRecordKey } from '@waymark/disclosure';
import { type CrossTenantReader, createCrossTenantReader } from '../cross-tenant';
import { recomputeBenchmarks } from '../benchmarks/recompute';
import { historyOf } from '../benchmarks/publication';
import { benchmarkSql } from '../benchmarks/recompute';

/**
 * The benchmark job, end to end on PostgreSQL as waymark_analytics: the population through the
 * narrow functions, the job's own tables (entries with secret record keys, read once), protection
 * and audit by packages/disclosure before a snapshot is written, held-back reasons, incremental runs
 * that touch only the cohorts that changed, and the SQL twin of the cell-key noise.
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

const PARAMS = disclosureParams();
const REASONS = ['NO_CONTRIBUTORS', 'TOO_FEW_UNKNOWN', 'SECONDARY'];

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

const snapshotsCount = async () => Number((await rowsOf<{ n: string }>(`select count(*) as n from benchmark_snapshot where framework_id = ?`, [frameworkId]))[0]!.n);

/** Every stored snapshot, judged again by the intruder for every viewer: what the API serves passes the audit. */
async function auditEverything(): Promise<void> {
  await reader.read('benchmarks: test audit', async (em) => {
    const history = await historyOf(await benchmarkSql(em), frameworkId);
    const bodies = (await em.execute<{ id: string }[]>(`select distinct body_id as id from waymark_benchmark_networks()`)).map((b) => ({ id: b.id, institutionId: null }));
    const institutions = [...new Set(history.contributions.map((c) => c.institutionId))].map((id) => ({ id, institutionId: id }));
    const viewers = [{ id: 'public', institutionId: null }, ...bodies, ...institutions];
    const report = await audit({ publications: history.publications, contributions: history.contributions, viewers }, PARAMS);
    expect(report.violations).toEqual([]);
    if (report.narrowest !== null) expect(report.narrowest).toBeGreaterThanOrEqual(PARAMS.protectionPoints - 1e-6);
  });
}

describe('a full recompute', () => {
  const practices = [12, 25, 31, 40, 58, 63, 77, 81, 86, 90];
  let regionId: string;
  let snapshotId: string;
  let libraries: Made[];

  beforeAll(async () => {
    regionId = await region('T1');
    libraries = [];
    for (const [i, practice] of practices.entries()) {
      libraries.push(await institution({ regionId, practice, consent: i % 3 ? BenchmarkingConsent.ANONYMOUS : BenchmarkingConsent.NAMED, name: `Library ${i}` }));
    }
    // Out of every figure: consent NONE, a withdrawn submission, a regional body; and only the latest of two submissions counts.
    await institution({ regionId, practice: 100, consent: BenchmarkingConsent.NONE });
    const withdrawn = await institution({ regionId, practice: 99 });
    await db.owner.em.fork().nativeUpdate(SubmittedScore, { organisationId: withdrawn.org.id }, { withdrawnAt: new Date() }, { filters: false });
    await institution({ regionId, practice: 98, kind: OrganisationKind.REGIONAL_BODY });
    await submission(libraries[0]!.org, 1, new Date('2025-05-01T10:00:00Z'), '2025');
    // Two museums: too few unknown contributors to publish anything of theirs.
    for (const practice of [90, 95]) await institution({ regionId, practice, kind: OrganisationKind.MUSEUM });

    const result = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-06-01T02:00:00Z') });
    expect(result.snapshotId).not.toBeNull();
    snapshotId = result.snapshotId!;
    expect(result.institutions).toBe(practices.length + 2);
    expect(result.audit).toMatchObject({ viewers: expect.any(Number), protectedValues: expect.any(Number) });
    expect(result.audit!.viewers).toBeGreaterThan(practices.length);
  });

  it('publishes means from perturbed sums, never min, max or a single contributor, and says why a figure is held back', async () => {
    const figures = await rowsOf<{ cohort_key: string; scope: string; measure: string; n: number | null; mean: number | null; held_back: string | null }>(
      `select cohort_key, scope, measure, n, mean, held_back from benchmark_figure where snapshot_id = ?`, [snapshotId],
    );
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      if (f.mean === null) expect(REASONS).toContain(f.held_back);
      else expect(f.n).toBeGreaterThanOrEqual(PARAMS.minUnknown);
    }
    const columns = await rowsOf<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'benchmark_figure'`);
    expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['min']));
    expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['max']));
    // The museums of T1 (two, both unknown to everyone) are held back for that reason.
    const museums = figures.filter((f) => f.cohort_key === 'region-kind:T1:MUSEUM');
    expect(museums.length).toBeGreaterThan(0);
    expect(museums.every((f) => f.mean === null && f.held_back === 'TOO_FEW_UNKNOWN')).toBe(true);
    const [cohort] = await rowsOf<{ members: number | null; held_back: string | null }>(`select members, held_back from benchmark_cohort where snapshot_id = ? and key = 'region-kind:T1:MUSEUM'`, [snapshotId]);
    expect(cohort).toEqual({ members: null, held_back: 'TOO_FEW_UNKNOWN' });
    // A published mean is the true mean give or take the noise bound over n.
    const region = figures.find((f) => f.cohort_key === 'region-kind:T1:LIBRARY' && f.scope === 'overall' && f.measure === 'practice')!;
    if (region.mean !== null) {
      const truth = practices.reduce((a, b) => a + b) / practices.length;
      expect(Math.abs(region.mean - truth)).toBeLessThanOrEqual(PARAMS.sumNoise / practices.length + 0.05);
    }
  });

  it('keeps a secret record key per submission that no API role can read, and the same key on every run', async () => {
    const keys = async () => new Map((await rowsOf<{ entry: string; record_key: string }>(`select entry, record_key::text from benchmark_entry`)).map((r) => [r.entry, r.record_key]));
    const before = await keys();
    expect(before.size).toBe(practices.length + 2);
    await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-06-02T02:00:00Z') });
    expect(await keys()).toEqual(before);
    for (const key of before.values()) expect(BigInt(key) < 1n << 62n && BigInt(key) >= 0n).toBe(true);
    const app = new Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      for (const table of ['benchmark_entry', 'benchmark_contribution', 'benchmark_publication']) {
        await expect(app.query(`select * from ${table} limit 1`)).rejects.toThrow(/permission denied/);
      }
    } finally {
      await app.end();
    }
  });

  it('passes the intruder\'s audit, snapshot by snapshot and all together', async () => {
    await auditEverything();
  });
});

describe('an incremental run', () => {
  it('reads only the new submission and touches only the cohorts it is in; with nothing changed it writes nothing', async () => {
    const regionId = await region('T2');
    for (let i = 0; i < 6; i++) await institution({ regionId, practice: 10 * (i + 1), kind: OrganisationKind.ARCHIVE, size: SizeBand.LARGE });
    await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-07-01T02:00:00Z') });
    const entries = async () => Number((await rowsOf<{ n: string }>(`select count(*) as n from benchmark_entry`))[0]!.n);
    const before = await entries();

    // Another archive the same day: published as soon as the audit passes (no same-day rule).
    await institution({ regionId, practice: 70, kind: OrganisationKind.ARCHIVE, size: SizeBand.LARGE });
    const later = await recomputeBenchmarks(reader, { frameworkId, trigger: 'incremental', now: new Date('2026-07-01T12:00:00Z') });
    expect(later.snapshotId).not.toBeNull();
    expect(later.changedCohorts).toBe(4);
    expect(await entries()).toBe(before + 1);
    const asOf = await rowsOf<{ key: string; fresh: boolean }>(
      `select key, as_of = timestamptz '2026-07-01T12:00:00Z' as fresh from benchmark_cohort where snapshot_id = ? order by key`, [later.snapshotId],
    );
    const fresh = asOf.filter((c) => c.fresh).map((c) => c.key);
    expect(fresh.sort()).toEqual(['kind:ARCHIVE', 'region-kind:T2:ARCHIVE', 'region:T2', 'size:LARGE']);

    const count = await snapshotsCount();
    const nothing = await recomputeBenchmarks(reader, { frameworkId, trigger: 'incremental', now: new Date('2026-07-01T13:00:00Z') });
    expect(nothing).toMatchObject({ snapshotId: null, changedCohorts: 0 });
    expect(await snapshotsCount()).toBe(count);
    await auditEverything();
  });

  it('keeps a resubmitted institution\'s earlier entry for the audit of later snapshots', async () => {
    const regionId = await region('T4');
    const made: Made[] = [];
    for (let i = 0; i < 5; i++) made.push(await institution({ regionId, practice: 30 + 5 * i, kind: OrganisationKind.LIBRARY, size: SizeBand.MICRO }));
    await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-07-05T02:00:00Z') });
    const [oldEntry] = await rowsOf<{ entry: string }>(`select entry from benchmark_contribution where institution_id = ?`, [made[0]!.org.id]);
    // Reopened and submitted again with other scores: a new entry; the old one stays.
    await db.owner.em.fork().nativeDelete(SubmittedScore, { organisationId: made[0]!.org.id }, { filters: false });
    await submission(made[0]!.org, 95, new Date('2026-07-05T09:00:00Z'), '2027');
    const result = await recomputeBenchmarks(reader, { frameworkId, trigger: 'incremental', now: new Date('2026-07-05T10:00:00Z') });
    expect(result.snapshotId).not.toBeNull();
    const [newEntry] = await rowsOf<{ entry: string }>(`select entry from benchmark_contribution where institution_id = ?`, [made[0]!.org.id]);
    expect(newEntry!.entry).not.toBe(oldEntry!.entry);
    expect(await rowsOf(`select entry from benchmark_entry where entry = ?`, [oldEntry!.entry])).toHaveLength(1);
    await auditEverything();
  });
});

describe('a network', () => {
  it('gives its body rows for NAMED members only; everyone else counts only in the "Other members" cohort', async () => {
    const regionId = await region('T3');
    const body = await fx.organisation({ kind: OrganisationKind.REGIONAL_BODY, regionId });
    const em = db.owner.em.fork();
    const network = em.create(Network, { organisationId: body.id, name: 'Test network', createdBy: authorId });
    await em.flush();
    const members: Made[] = [];
    const consents = [BenchmarkingConsent.NAMED, BenchmarkingConsent.NAMED, BenchmarkingConsent.ANONYMOUS, BenchmarkingConsent.ANONYMOUS, BenchmarkingConsent.ANONYMOUS, BenchmarkingConsent.ANONYMOUS, BenchmarkingConsent.NONE];
    for (const [i, consent] of consents.entries()) members.push(await institution({ regionId, practice: 20 + 7 * i, consent, name: `Net member ${i}`, kind: OrganisationKind.COMBINED }));
    const join = db.owner.em.fork();
    for (const m of members) join.create(NetworkMember, { organisationId: body.id, networkId: network.id, memberOrganisationId: m.org.id, status: NetworkMemberStatus.MEMBER, invitedBy: authorId });
    await join.flush();

    const result = await recomputeBenchmarks(reader, { frameworkId, trigger: 'nightly', now: new Date('2026-09-01T02:00:00Z') });
    const cells = await rowsOf<{ label: string; member_organisation_id: string }>(
      `select distinct label, member_organisation_id from benchmark_network_cell where snapshot_id = ? and network_id = ? order by label`, [result.snapshotId, network.id],
    );
    expect(cells).toEqual([
      { label: 'Net member 0', member_organisation_id: members[0]!.org.id },
      { label: 'Net member 1', member_organisation_id: members[1]!.org.id },
    ]);
    const cohorts = await rowsOf<{ key: string; dimension: string; second_value: string; other_members: number; held_back: string | null }>(
      `select key, dimension::text, second_value, other_members, held_back from benchmark_cohort where snapshot_id = ? and key like ? order by key`,
      [result.snapshotId, `%${network.id}`],
    );
    expect(cohorts.map((c) => [c.key, c.dimension, c.second_value])).toEqual([
      [`network:${network.id}`, 'NETWORK', body.id],
      [`others:${network.id}`, 'NETWORK_OTHERS', body.id],
    ]);
    expect(cohorts[0]!.other_members).toBe(4);
    await auditEverything();
  });
});

describe('the cell-key noise', () => {
  it('is the same number in SQL (waymark_cell_noise) as in packages/disclosure (cellNoise)', async () => {
    const cases = Array.from({ length: 2_000 }, (_, i) => ({
      key: (i % 7 === 0 ? BigInt(i) : newRecordKey()).toString(),
      what: i % 2 ? `sum|element:3.${i % 3}|practice` : `count|3.1.${i % 5}.a|${['YES', 'STARTED', 'NO'][i % 3]}`,
      bound: 1 + (i % 10),
    }));
    const rows = await rowsOf<{ noise: number }>(
      `select waymark_cell_noise((c.x->>'key')::bigint, c.x->>'what', (c.x->>'bound')::int) as noise from jsonb_array_elements(?::jsonb) with ordinality as c(x, i) order by c.i`,
      [JSON.stringify(cases)],
    );
    expect(rows.map((r) => r.noise)).toEqual(cases.map((c) => cellNoise(BigInt(c.key), c.what, c.bound)));
    expect(new Set(rows.map((r) => r.noise)).size).toBeGreaterThan(10);
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
      // The narrow reads of named institutions keep the same rules: consent NONE gives nothing.
      const none = await fx.organisation({ benchmarkingConsent: BenchmarkingConsent.NONE });
      await submission(none, 50, new Date('2026-05-01T10:00:00Z'));
      for (const fn of ['waymark_benchmark_scores_of', 'waymark_benchmark_parts_of']) {
        expect((await analytics.query(`select * from ${fn}($1, $2)`, [frameworkId, [none.id]])).rows).toEqual([]);
      }
    } finally {
      await analytics.end();
    }
    const audits = await db.owner.em.fork().find(AuditEntry, { action: 'cross-tenant.read' });
    expect(audits.length).toBeGreaterThan(0);
    expect(new Set(audits.map((a) => (a.after as { purpose: string }).purpose))).toEqual(
      new Set(['benchmarks: nightly recompute', 'benchmarks: incremental recompute', 'benchmarks: test audit']),
    );
  });
});
