import { randomUUID } from 'node:crypto';
import { type DisclosureParams, type FigureCell, type Publication, type ShareCell, disclosureParams, protect } from '@waymark/disclosure';
import type { CrossTenantReader } from '../cross-tenant';
import type { SnapshotAudit } from '../entities';
import { type PopulationRow, candidateOf, historyOf, keepPublication } from './publication';
import { type Run, readPopulation, updateState } from './state';

export type RecomputeTrigger = 'nightly' | 'incremental' | 'manual';

export interface RecomputeOptions {
  frameworkId: string;
  trigger: RecomputeTrigger;
  /** The method's parameters (BENCHMARK_PROTECTION_POINTS, BENCHMARK_MIN_UNKNOWN); the defaults otherwise. */
  params?: Partial<DisclosureParams>;
  /** The moment the snapshot is taken (tests and the nightly job pass it); now by default. */
  now?: Date;
}

export interface RecomputeResult {
  /** The snapshot written, or null when an incremental run found nothing changed (the last snapshot stands). */
  snapshotId: string | null;
  institutions: number;
  cohorts: number;
  /** Cohorts whose contributors changed since the last run: every cohort for a full run. */
  changedCohorts: number;
  /** Figures and part shares published, and held back (for any reason). */
  published: number;
  heldBack: number;
  audit: SnapshotAudit | null;
  /** Milliseconds by phase. */
  timings: Record<string, number>;
}

/**
 * Computes and publishes a benchmark snapshot of one framework, as waymark_analytics (audited with
 * its purpose), in one transaction:
 *
 * 1. the population (consenting institutions' latest submissions and their cohorts) comes from the
 *    narrow SECURITY DEFINER functions; only new entries' scores are read (see state.ts);
 * 2. an incremental run whose population did not change writes nothing: the last snapshot stands;
 * 3. `protect` (packages/disclosure) decides what may be published: threshold on unknown
 *    contributors, cell-key perturbation, and cells held back until the intruder's audit of this
 *    snapshot together with every earlier one finds nothing for any viewer;
 * 4. only then is the snapshot written, so any snapshot that exists is readable.
 */
export async function recomputeBenchmarks(reader: CrossTenantReader, options: RecomputeOptions): Promise<RecomputeResult> {
  const now = options.now ?? new Date();
  const params = disclosureParams(options.params);
  const timings: Record<string, number> = {};
  let started = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round((t - started) * 10) / 10;
    started = t;
  };

  return reader.read(`benchmarks: ${options.trigger} recompute`, async (em) => {
    const run: Run = <R extends object>(sql: string, values: unknown[] = []) => em.execute<R[]>(sql, values);
    // One recompute of a framework at a time, whichever worker runs it: each audits against the snapshots before it.
    await run(`select pg_advisory_xact_lock(hashtextextended('waymark:benchmarks:' || ?::text, 0))`, [options.frameworkId]);
    await readPopulation(run, options.frameworkId);
    phase('population');

    const [last] = await run<{ n: string }>(`select count(*) as n from benchmark_snapshot where framework_id = ?`, [options.frameworkId]);
    const full = options.trigger !== 'incremental' || Number(last?.n) === 0;
    const changed = await updateState(run, options.frameworkId, full);
    const population = (
      await run<{ organisation_id: string; entry: string; consent: 'NAMED' | 'ANONYMOUS'; name: string | null; cohorts: string[] }>(
        `select organisation_id, entry, consent, name, cohorts from bm_now order by organisation_id`,
      )
    ).map((r): PopulationRow => ({ organisationId: r.organisation_id, entry: r.entry, consent: r.consent, name: r.name, cohorts: r.cohorts }));
    phase('state');
    if (!full && !changed.length) {
      return { snapshotId: null, institutions: population.length, cohorts: 0, changedCohorts: 0, published: 0, heldBack: 0, audit: null, timings };
    }

    const networks = new Map((await run<{ network_id: string; body_id: string }>(`select distinct network_id, body_id from bm_network`)).map((r) => [r.network_id, r.body_id]));
    const snapshotId = randomUUID();
    const candidate = await candidateOf(run, snapshotId, now, population, networks);
    const history = await historyOf(run, options.frameworkId);
    phase('candidate');

    const result = await protect(candidate, history, params);
    const audit: SnapshotAudit = {
      viewers: result.report.viewers, protectedValues: result.report.protectedValues, narrowest: result.report.narrowest,
      cellsProtected: result.secondary, rounds: result.rounds, ms: Math.round(result.report.millis),
    };
    phase('protection and audit');

    // Cells whose cohort did not change keep the as-of of the snapshot that last changed it.
    const asOf = await cohortsAsOf(run, options.frameworkId, changed, now);
    await run(
      `insert into benchmark_snapshot (id, framework_id, taken_at, trigger, protection_points, institutions, changed_cohorts, audit)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [snapshotId, options.frameworkId, now, options.trigger, params.protectionPoints, population.length, changed.length, JSON.stringify(audit)],
    );
    const cohorts = candidate.cohorts.map((c) => c.key);
    await writeCells(run, result.publication, cohorts, population, networks, asOf);
    await writeNamedRows(run, snapshotId);
    await keepPublication(run, options.frameworkId, result.publication);
    phase('publish');

    const cells = [...result.publication.figures, ...result.publication.shares];
    const heldBack = cells.filter((c) => c.status === 'HELD_BACK').length;
    return {
      snapshotId, institutions: population.length, cohorts: cohorts.length, changedCohorts: changed.length,
      published: cells.length - heldBack, heldBack, audit, timings,
    };
  });
}

/** When each cohort's contributors last changed: now for the changed ones, else as the last snapshot said. */
async function cohortsAsOf(run: Run, frameworkId: string, changed: readonly string[], now: Date): Promise<Map<string, Date>> {
  const rows = await run<{ key: string; as_of: Date | string }>(
    `select c.key, c.as_of from benchmark_cohort c
      where c.snapshot_id = (select id from benchmark_snapshot where framework_id = ? order by taken_at desc limit 1)`,
    [frameworkId],
  );
  const asOf = new Map(rows.map((r) => [r.key, new Date(r.as_of)]));
  for (const key of changed) asOf.set(key, now);
  return asOf;
}

/** `overall|practice` -> scope `overall`, measure `practice`; `element:3.1|evidence` -> `3.1`, `evidence`. */
function scopeAndMeasure(valueKey: string): { scope: string; measure: string } {
  const [scope = '', measure = ''] = valueKey.split('|');
  return { scope: scope.startsWith('element:') ? scope.slice('element:'.length) : scope, measure };
}

/** What a cohort key says about its cohort. */
function describe(key: string, networks: ReadonlyMap<string, string>): { dimension: string; value: string | null; second: string | null } {
  const [family, first = null, second = null] = key.split(':');
  switch (family) {
    case 'region': return { dimension: 'REGION', value: first, second: null };
    case 'kind': return { dimension: 'KIND', value: first, second: null };
    case 'size': return { dimension: 'SIZE', value: first, second: null };
    case 'region-kind': return { dimension: 'REGION_KIND', value: first, second };
    case 'network': return { dimension: 'NETWORK', value: first, second: networks.get(first ?? '') ?? null };
    default: return { dimension: 'NETWORK_OTHERS', value: first, second: networks.get(first ?? '') ?? null };
  }
}

/** A share from perturbed counts: the count over their (perturbed) total, never below 0. */
function share(count: number, cell: ShareCell): number {
  const total = Math.max(0, cell.yes ?? 0) + Math.max(0, cell.started ?? 0) + Math.max(0, cell.no ?? 0);
  return total ? Math.max(0, count) / total : 0;
}

/** The snapshot's cohorts, figures and part shares for the API: published (perturbed) or held back with the reason. */
async function writeCells(
  run: Run, publication: Publication, cohortKeys: string[], population: readonly PopulationRow[], networks: ReadonlyMap<string, string>, asOf: ReadonlyMap<string, Date>,
): Promise<void> {
  const when = (key: string) => (asOf.get(key) ?? new Date(publication.asOf)).toISOString();
  const others = new Map<string, number>();
  for (const p of population) for (const key of p.cohorts) if (key.startsWith('others:')) others.set(key, (others.get(key) ?? 0) + 1);
  // A cohort's size goes with its overall practice figure: published with it, or held back with it.
  const size = new Map<string, FigureCell>(publication.figures.filter((f) => f.valueKey === 'overall|practice').map((f) => [f.cohortKey, f]));
  const cohorts = cohortKeys.map((key) => {
    const figure = size.get(key);
    const { dimension, value, second } = describe(key, networks);
    return {
      key, dimension, value, second, members: figure?.status === 'PUBLISHED' ? figure.n : null,
      held_back: figure ? figure.reason : 'NO_CONTRIBUTORS', other_members: dimension === 'NETWORK' ? (others.get(`others:${value}`) ?? 0) : 0, as_of: when(key),
    };
  });
  await run(
    `insert into benchmark_cohort (id, snapshot_id, key, dimension, value, second_value, members, held_back, other_members, as_of)
     select gen_random_uuid(), ?, c.key, c.dimension::cohort_dimension, c.value, c.second, c.members, c.held_back, c.other_members, c.as_of
       from jsonb_to_recordset(?::jsonb) as c(key text, dimension text, value text, second text, members int, held_back text, other_members int, as_of timestamptz)`,
    [publication.snapshotId, JSON.stringify(cohorts)],
  );
  const figures = publication.figures.map((f) => ({
    cohort: f.cohortKey, ...scopeAndMeasure(f.valueKey), n: f.status === 'PUBLISHED' ? f.n : null, mean: f.mean,
    p25: f.p25, median: f.median, p75: f.p75, held_back: f.reason ?? (f.status === 'PUBLISHED' && f.median === null ? f.quartileReason : null), as_of: when(f.cohortKey),
  }));
  await run(
    `insert into benchmark_figure (id, snapshot_id, cohort_key, scope, measure, n, mean, p25, median, p75, held_back, as_of)
     select gen_random_uuid(), ?, f.cohort, f.scope, f.measure, f.n, f.mean, f.p25, f.median, f.p75, f.held_back, f.as_of
       from jsonb_to_recordset(?::jsonb) as f(cohort text, scope text, measure text, n int, mean float8, p25 float8, median float8, p75 float8, held_back text, as_of timestamptz)`,
    [publication.snapshotId, JSON.stringify(figures)],
  );
  const shares = publication.shares.map((s) => {
    const published = s.status === 'PUBLISHED';
    return {
      cohort: s.cohortKey, part: s.partKey, answered: published ? s.answered : null, held_back: s.reason, as_of: when(s.cohortKey),
      yes: published ? share(s.yes ?? 0, s) : null, started: published ? share(s.started ?? 0, s) : null, no: published ? share(s.no ?? 0, s) : null,
    };
  });
  await run(
    `insert into benchmark_part_share (id, snapshot_id, cohort_key, part_key, answered, yes, started, no, held_back, as_of)
     select gen_random_uuid(), ?, s.cohort, s.part, s.answered, s.yes, s.started, s.no, s.held_back, s.as_of
       from jsonb_to_recordset(?::jsonb) as s(cohort text, part text, answered int, yes float8, started float8, no float8, held_back text, as_of timestamptz)`,
    [publication.snapshotId, JSON.stringify(shares)],
  );
}

/** Heatmap rows: NAMED members only (they chose to be named), by name, for the body that owns the network. */
async function writeNamedRows(run: Run, snapshotId: string): Promise<void> {
  await run(
    `insert into benchmark_network_cell (id, created_at, organisation_id, snapshot_id, network_id, label, member_organisation_id, position, scope, practice, evidence)
     select gen_random_uuid(), now(), m.body_id, ?, m.network_id, m.name, m.organisation_id, m.position, v.scope, v.practice, v.evidence
       from (select n.body_id, n.network_id, e.organisation_id, e.name, e.entry,
                    row_number() over (partition by n.network_id order by e.name, e.organisation_id)::int - 1 as position
               from bm_network n join bm_now e on e.organisation_id = n.organisation_id where e.consent = 'NAMED') m
       join benchmark_entry b on b.entry = m.entry
      cross join lateral (
        select case when split_part(k.key, '|', 1) = 'overall' then 'overall' else substr(split_part(k.key, '|', 1), 9) end as scope,
               max((k.value #>> '{}')::float8) filter (where split_part(k.key, '|', 2) = 'practice') as practice,
               max((k.value #>> '{}')::float8) filter (where split_part(k.key, '|', 2) = 'evidence') as evidence
          from jsonb_each(b.scores) as k(key, value) group by 1) v
      where v.practice is not null`,
    [snapshotId],
  );
}
