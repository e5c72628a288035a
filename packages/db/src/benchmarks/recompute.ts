import type { EntityManager } from '@mikro-orm/postgresql';
import { type Cohort, type Consent, assignPseudonyms, groupBy, minimumCohort, networkRows, sameDayPublishable, suppressCohorts } from '@waymark/domain';
import type { CrossTenantReader } from '../cross-tenant';

export type RecomputeTrigger = 'nightly' | 'incremental' | 'manual';

export interface RecomputeOptions {
  frameworkId: string;
  trigger: RecomputeTrigger;
  /** The smallest cohort shown (k): default 5, never below 3. */
  minCohort?: number;
  /** The moment the snapshot is taken (tests and the nightly job pass it); now by default. */
  now?: Date;
}

export interface RecomputeResult {
  /** The snapshot written, or null when publishing was deferred (see `blocking`). */
  snapshotId: string | null;
  institutions: number;
  cohorts: number;
  shown: number;
  suppressed: number;
  /** Shown cohorts whose figures were computed afresh; the others were copied from the last snapshot. */
  recomputed: number;
  /** Why a snapshot was not published: cohorts that would differ from an earlier one of the day by fewer than k. */
  blocking: { cohort: string; earlier: number; difference: number }[];
  /** Milliseconds by phase. */
  timings: Record<string, number>;
}

interface MemberRow {
  cohort: string;
  dimension: string;
  value: string | null;
  second_value: string | null;
  organisations: string[];
  entries: string[];
  consents: Consent[];
}

/** The cohorts every institution counts in: its region, kind, size band, region and kind, and each network it is a member of. */
const MEMBERSHIP = `
  create temp table bm_member on commit drop as
    select 'region:' || region as cohort, 'REGION' as dimension, region as value, null::text as second_value, organisation_id, entry, consent
      from bm_entry where region is not null
    union all
    select 'kind:' || kind, 'KIND', kind, null, organisation_id, entry, consent from bm_entry
    union all
    select 'size:' || size_band, 'SIZE', size_band, null, organisation_id, entry, consent from bm_entry where size_band is not null
    union all
    select 'region-kind:' || region || ':' || kind, 'REGION_KIND', region, kind, organisation_id, entry, consent from bm_entry where region is not null
    union all
    select 'network:' || n.network_id, 'NETWORK', n.network_id::text, n.body_id::text, e.organisation_id, e.entry, e.consent
      from waymark_benchmark_networks() n join bm_entry e on e.organisation_id = n.organisation_id`;

/**
 * Computes a benchmark snapshot of one framework, as waymark_analytics (audited with its purpose):
 *
 * 1. the population (consenting institutions' latest submissions) and each cohort's members come
 *    from the narrow SECURITY DEFINER functions into temporary tables;
 * 2. which cohorts may be shown is decided by the privacy rules in packages/domain (too small,
 *    complementary suppression, network rows and pseudonyms), and a snapshot that could be
 *    subtracted from an earlier one of the same day is not published;
 * 3. the figures are computed by PostgreSQL (count, mean, percentile_cont quartiles, min, max,
 *    answer shares, percent_rank) straight into the snapshot tables. An incremental run recomputes
 *    only the cohorts whose members changed since the last snapshot and copies the rest.
 */
export async function recomputeBenchmarks(reader: CrossTenantReader, options: RecomputeOptions): Promise<RecomputeResult> {
  const k = minimumCohort(options.minCohort);
  const now = options.now ?? new Date();
  const day = now.toISOString().slice(0, 10);
  const timings: Record<string, number> = {};
  let started = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round((t - started) * 10) / 10;
    started = t;
  };

  return reader.read(`benchmarks: ${options.trigger} recompute`, async (em) => {
    const run = <R extends object>(sql: string, values: unknown[] = []) => em.execute<R[]>(sql, values);
    // One recompute of a framework at a time, whichever worker runs it: the same-day rule compares
    // with the snapshots already written, which a concurrent run's transaction would not see.
    await run(`select pg_advisory_xact_lock(hashtextextended('waymark:benchmarks:' || ?::text, 0))`, [options.frameworkId]);
    await run(`create temp table bm_entry on commit drop as select * from waymark_benchmark_entries(?)`, [options.frameworkId]);
    await run(`create temp table bm_score on commit drop as select * from waymark_benchmark_scores(?)`, [options.frameworkId]);
    await run(MEMBERSHIP);
    await run(`create temp table bm_part on commit drop as select * from waymark_benchmark_parts(?)`, [options.frameworkId]);
    // Temporary tables are never analysed automatically: without statistics the planner joins them
    // by nested loops, which is quadratic in the number of institutions.
    await run(`analyze bm_entry, bm_score, bm_member, bm_part`);
    phase('population');

    const rows = await run<MemberRow>(
      `select cohort, dimension, value, second_value, array_agg(organisation_id::text order by organisation_id) as organisations,
              array_agg(entry order by organisation_id) as entries, array_agg(consent order by organisation_id) as consents
         from bm_member group by cohort, dimension, value, second_value`,
    );
    const institutions = Number((await run<{ n: string }>(`select count(*) as n from bm_entry`))[0]?.n ?? 0);
    const names = new Map((await run<{ organisation_id: string; name: string }>(`select organisation_id, name from bm_entry where name is not null`)).map((r) => [r.organisation_id, r.name]));
    // A network whose own aggregate would give hidden members away is left out before suppression begins.
    const networks = networkHeatmaps(rows, k, names);
    const withheld = new Set([...networks].filter(([, n]) => !n.aggregateShown).map(([key]) => key));
    const cohorts: Cohort[] = rows.filter((r) => !withheld.has(r.cohort)).map((r) => ({ key: r.cohort, members: new Set(r.organisations) }));
    const suppression = suppressCohorts(cohorts, k);
    for (const key of withheld) {
      const size = rows.find((r) => r.cohort === key)!.organisations.length;
      suppression.suppressed.set(key, size < k ? 'too-small' : 'complementary');
    }
    const entriesOf = new Map(rows.filter((r) => suppression.shown.has(r.cohort)).map((r) => [r.cohort, new Set(r.entries)]));
    phase('privacy');

    // Snapshots of the same day must not be subtractable from one another.
    const earlier = await run<{ snapshot_id: string; cohort_key: string; entries: string[] }>(
      `select e.snapshot_id, e.cohort_key, e.entries from benchmark_snapshot s join benchmark_cohort_entries e on e.snapshot_id = s.id
        where s.framework_id = ? and s.day = ? order by s.taken_at`,
      [options.frameworkId, day],
    );
    const earlierSnapshots = [...groupBy(earlier, (r) => r.snapshot_id).values()].map((group) => ({
      cohorts: new Map(group.map((r) => [r.cohort_key, new Set(r.entries)])),
    }));
    const check = sameDayPublishable(earlierSnapshots, { cohorts: entriesOf }, k);
    const base = { institutions, cohorts: rows.length, shown: suppression.shown.size, suppressed: suppression.suppressed.size };
    if (!check.publishable) {
      phase('same-day check');
      return { snapshotId: null, ...base, recomputed: 0, blocking: check.blocking, timings };
    }

    // Only cohorts whose members changed since the last snapshot need new figures.
    const previous = await latestSnapshot(em, options.frameworkId);
    const unchanged = new Set<string>();
    if (previous && options.trigger === 'incremental') {
      const stored = await run<{ cohort_key: string; entries: string[] }>(`select cohort_key, entries from benchmark_cohort_entries where snapshot_id = ?`, [previous]);
      for (const { cohort_key: key, entries } of stored) {
        const now = entriesOf.get(key);
        if (now && sameSet(now, entries)) unchanged.add(key);
      }
    }
    const fresh = [...suppression.shown].filter((key) => !unchanged.has(key));
    phase('same-day check');

    const [snapshot] = await run<{ id: string }>(
      `insert into benchmark_snapshot (id, framework_id, taken_at, day, trigger, min_cohort, institutions)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?) returning id`,
      [options.frameworkId, now, day, options.trigger, k, institutions],
    );
    const snapshotId = snapshot!.id;

    await run(
      `insert into benchmark_cohort (id, snapshot_id, key, dimension, value, second_value, members, suppressed, hidden_rows)
       select gen_random_uuid(), ?, c.key, c.dimension::cohort_dimension, c.value, c.second_value, c.members, c.suppressed, c.hidden
         from jsonb_to_recordset(?::jsonb) as c(key text, dimension text, value text, second_value text, members int, suppressed text, hidden int)`,
      [
        snapshotId,
        JSON.stringify(
          rows.map((r) => ({
            key: r.cohort, dimension: r.dimension, value: r.value, second_value: r.second_value,
            members: suppression.shown.has(r.cohort) ? r.organisations.length : null,
            suppressed: suppression.suppressed.get(r.cohort) ?? null,
            hidden: networks.get(r.cohort)?.hidden ?? 0,
          })),
        ),
      ],
    );
    await run(
      `insert into benchmark_cohort_entries (id, snapshot_id, cohort_key, entries)
       select gen_random_uuid(), ?, cohort, array_agg(entry order by entry) from bm_member where cohort = any(array(select jsonb_array_elements_text(?::jsonb))) group by cohort`,
      [snapshotId, JSON.stringify([...suppression.shown])],
    );
    phase('cohorts');

    if (fresh.length) await computeFigures(run, snapshotId, fresh, k);
    if (previous && unchanged.size) await copyFigures(run, previous, snapshotId, [...unchanged]);
    await writeRanks(run, snapshotId, fresh, unchanged.size ? previous : null, [...unchanged], k);
    phase('figures');

    await writeNetworkCells(run, snapshotId, networks);
    phase('networks');
    return { snapshotId, ...base, recomputed: fresh.length, blocking: [], timings };
  });
}

type Run = <R extends object>(sql: string, values?: unknown[]) => Promise<R[]>;

/** Distributions and answer shares for the given shown cohorts, computed by PostgreSQL. */
async function computeFigures(run: Run, snapshotId: string, cohorts: string[], k: number): Promise<void> {
  // One pass per cohort and scope for both measures; a measure with fewer than k values (evidence can be null) is not shown.
  await run(
    `insert into benchmark_figure (id, snapshot_id, cohort_key, scope, measure, n, mean, p25, median, p75, min, max)
     select gen_random_uuid(), ?, a.cohort, a.scope, v.measure, v.n, v.mean, v.q[1], v.q[2], v.q[3], v.lo, v.hi
       from (select m.cohort, s.scope,
                    count(*) as pn, avg(s.practice) as pmean, percentile_cont(array[0.25, 0.5, 0.75]) within group (order by s.practice) as pq,
                    min(s.practice) as pmin, max(s.practice) as pmax,
                    count(s.evidence) as en, avg(s.evidence) as emean,
                    percentile_cont(array[0.25, 0.5, 0.75]) within group (order by s.evidence) filter (where s.evidence is not null) as eq,
                    min(s.evidence) as emin, max(s.evidence) as emax
               from bm_member m join bm_score s on s.organisation_id = m.organisation_id
              where m.cohort = any(array(select jsonb_array_elements_text(?::jsonb)))
              group by m.cohort, s.scope) a
      cross join lateral (values ('practice', a.pn, a.pmean, a.pq, a.pmin, a.pmax), ('evidence', a.en, a.emean, a.eq, a.emin, a.emax))
            as v(measure, n, mean, q, lo, hi)
      where v.n >= ?`,
    [snapshotId, JSON.stringify(cohorts), k],
  );
  await run(
    `insert into benchmark_part_share (id, snapshot_id, cohort_key, part_key, answered, yes, started, no)
     select gen_random_uuid(), ?, m.cohort, p.part_key, count(*),
            avg((p.value = 'YES')::int), avg((p.value = 'STARTED')::int), avg((p.value = 'NO')::int)
       from bm_member m join bm_part p on p.organisation_id = m.organisation_id
      where m.cohort = any(array(select jsonb_array_elements_text(?::jsonb)))
      group by m.cohort, p.part_key
     having count(*) >= ?`,
    [snapshotId, JSON.stringify(cohorts), k],
  );
}

/** Cohorts whose members did not change keep their figures from the last snapshot. */
async function copyFigures(run: Run, from: string, to: string, cohorts: string[]): Promise<void> {
  await run(
    `insert into benchmark_figure (id, snapshot_id, cohort_key, scope, measure, n, mean, p25, median, p75, min, max)
     select gen_random_uuid(), ?, cohort_key, scope, measure, n, mean, p25, median, p75, min, max from benchmark_figure where snapshot_id = ? and cohort_key = any(array(select jsonb_array_elements_text(?::jsonb)))`,
    [to, from, JSON.stringify(cohorts)],
  );
  await run(
    `insert into benchmark_part_share (id, snapshot_id, cohort_key, part_key, answered, yes, started, no)
     select gen_random_uuid(), ?, cohort_key, part_key, answered, yes, started, no from benchmark_part_share where snapshot_id = ? and cohort_key = any(array(select jsonb_array_elements_text(?::jsonb)))`,
    [to, from, JSON.stringify(cohorts)],
  );
}

/**
 * One row per institution with its percentile rank in every shown cohort, scope and measure:
 * computed (percent_rank) for the fresh cohorts, carried over from the last snapshot for the
 * unchanged ones. A measure ranked among fewer than k institutions is left out.
 */
async function writeRanks(run: Run, snapshotId: string, fresh: string[], previous: string | null, unchanged: string[], k: number): Promise<void> {
  await run(
    `insert into benchmark_rank (id, created_at, organisation_id, snapshot_id, ranks)
     select gen_random_uuid(), now(), organisation_id, ?, jsonb_agg(rank order by rank->>'cohortKey', rank->>'scope', rank->>'measure')
       from (select r.organisation_id,
                    jsonb_build_object('cohortKey', r.cohort, 'scope', r.scope, 'measure', r.measure, 'value', r.value, 'percentile', r.percentile) as rank
               from (select m.organisation_id, m.cohort, s.scope, v.measure, v.value,
                            100 * percent_rank() over (partition by m.cohort, s.scope, v.measure order by v.value) as percentile,
                            count(*) over (partition by m.cohort, s.scope, v.measure) as n
                       from bm_member m join bm_score s on s.organisation_id = m.organisation_id
                      cross join lateral (values ('practice', s.practice), ('evidence', s.evidence)) as v(measure, value)
                      where v.value is not null and m.cohort = any(array(select jsonb_array_elements_text(?::jsonb)))) r
              where r.n >= ?
             union all
             select b.organisation_id, e.rank
               from benchmark_rank b cross join jsonb_array_elements(b.ranks) as e(rank)
              where b.snapshot_id = ? and e.rank->>'cohortKey' in (select jsonb_array_elements_text(?::jsonb))) ranked
      group by organisation_id`,
    [snapshotId, JSON.stringify(fresh), k, previous, JSON.stringify(unchanged)],
  );
}

interface NetworkHeatmap {
  networkId: string;
  bodyId: string;
  /** Members shown, in heatmap order: named ones by name, then anonymous ones in their pseudonyms' (random) order. */
  shown: { organisationId: string; label: string; named: boolean }[];
  hidden: number;
  aggregateShown: boolean;
}

/** Which members of each network its body sees, and under what label: names for NAMED, fresh pseudonyms every snapshot for ANONYMOUS. */
function networkHeatmaps(rows: readonly MemberRow[], k: number, names: ReadonlyMap<string, string>): Map<string, NetworkHeatmap> {
  const out = new Map<string, NetworkHeatmap>();
  for (const row of rows) {
    if (row.dimension !== 'NETWORK' || !row.value || !row.second_value) continue;
    const visible = networkRows(row.organisations.map((id, i) => ({ id, consent: row.consents[i]! })), k);
    const { pseudonyms, order } = assignPseudonyms(visible.anonymous);
    const named = visible.named.map((organisationId) => ({ organisationId, label: names.get(organisationId) ?? 'Member', named: true }));
    named.sort((a, b) => a.label.localeCompare(b.label, 'en') || a.organisationId.localeCompare(b.organisationId));
    out.set(row.cohort, {
      networkId: row.value,
      bodyId: row.second_value,
      shown: [...named, ...order.map((organisationId) => ({ organisationId, label: pseudonyms.get(organisationId)!, named: false }))],
      hidden: visible.anonymousSuppressed,
      aggregateShown: visible.aggregateShown,
    });
  }
  return out;
}

async function writeNetworkCells(run: Run, snapshotId: string, networks: Map<string, NetworkHeatmap>): Promise<void> {
  const rows = [...networks.values()].flatMap((n) => n.shown.map((m, position) => ({ ...m, position, networkId: n.networkId, bodyId: n.bodyId })));
  if (!rows.length) return;
  await run(
    `insert into benchmark_network_cell (id, created_at, organisation_id, snapshot_id, network_id, label, member_organisation_id, position, scope, practice, evidence)
     select gen_random_uuid(), now(), r.body, ?, r.network, r.label, case when r.named then r.org end, r.position, s.scope, s.practice, s.evidence
       from jsonb_to_recordset(?::jsonb) as r(body uuid, network uuid, org uuid, label text, named boolean, position int)
       join bm_score s on s.organisation_id = r.org`,
    [
      snapshotId,
      JSON.stringify(rows.map((r) => ({ body: r.bodyId, network: r.networkId, org: r.organisationId, label: r.label, named: r.named, position: r.position }))),
    ],
  );
}

async function latestSnapshot(em: EntityManager, frameworkId: string): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>(
    `select id from benchmark_snapshot where framework_id = ? order by taken_at desc limit 1`,
    [frameworkId],
  );
  return row?.id ?? null;
}

function sameSet(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return a.size === b.length && b.every((x) => a.has(x));
}
