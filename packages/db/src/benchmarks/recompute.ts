import { randomUUID } from 'node:crypto';
import { type DisclosureParams, type FigureCell, type Publication, type ShareCell, disclosureParams, protect } from '@waymark/disclosure';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type RawBuilder, sql } from 'kysely';
import type { CrossTenantReader } from '../cross-tenant';
import { sqlIn } from '../sql';
import type { CohortDimension } from '../sql/schema';
import type { SnapshotAudit } from '../entities';
import { type PopulationRow, candidateOf, historyOf, keepPublication } from './publication';
import { type Run, type RunTables, readPopulation, updateState } from './state';

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
    const db = await benchmarkSql(em);
    // One recompute of a framework at a time, whichever worker runs it: each audits against the snapshots before it.
    await db
      .selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.fn('hashtextextended', [sql`'waymark:benchmarks:' || ${options.frameworkId}::text`, sql.lit(0)])]).as('locked'))
      .execute();
    await readPopulation(db, options.frameworkId);
    phase('population');

    const last = await db
      .selectFrom('benchmarkSnapshot')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('frameworkId', '=', options.frameworkId)
      .executeTakeFirst();
    const full = options.trigger !== 'incremental' || Number(last?.n) === 0;
    const changed = await updateState(db, options.frameworkId, full);
    const population: PopulationRow[] = await db
      .selectFrom('bmNow')
      .select(['organisationId', 'entry', 'consent', 'name', 'cohorts'])
      .orderBy('organisationId')
      .$narrowType<{ consent: 'NAMED' | 'ANONYMOUS' }>()
      .execute();
    phase('state');
    if (!full && !changed.length) {
      return { snapshotId: null, institutions: population.length, cohorts: 0, changedCohorts: 0, published: 0, heldBack: 0, audit: null, timings };
    }

    const networks = new Map((await db.selectFrom('bmNetwork').select(['networkId', 'bodyId']).distinct().execute()).map((r) => [r.networkId, r.bodyId]));
    const snapshotId = randomUUID();
    const candidate = await candidateOf(db, snapshotId, now, population, networks);
    const history = await historyOf(db, options.frameworkId);
    phase('candidate');

    const result = await protect(candidate, history, params);
    const audit: SnapshotAudit = {
      viewers: result.report.viewers, protectedValues: result.report.protectedValues, narrowest: result.report.narrowest,
      cellsProtected: result.secondary, rounds: result.rounds, ms: Math.round(result.report.millis),
    };
    phase('protection and audit');

    // Cells whose cohort did not change keep the as-of of the snapshot that last changed it.
    const asOf = await cohortsAsOf(db, options.frameworkId, changed, now);
    await db
      .insertInto('benchmarkSnapshot')
      .values({
        id: snapshotId, frameworkId: options.frameworkId, takenAt: now, trigger: options.trigger, protectionPoints: params.protectionPoints,
        institutions: population.length, changedCohorts: changed.length, audit: JSON.stringify(audit),
      })
      .execute();
    const cohorts = candidate.cohorts.map((c) => c.key);
    await writeCells(db, result.publication, cohorts, population, networks, asOf);
    await writeNamedRows(db, snapshotId);
    await keepPublication(db, options.frameworkId, result.publication);
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
async function cohortsAsOf(db: Run, frameworkId: string, changed: readonly string[], now: Date): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('benchmarkCohort as c')
    .select(['c.key', 'c.asOf'])
    .where('c.snapshotId', '=', (eb) => eb.selectFrom('benchmarkSnapshot').select('id').where('frameworkId', '=', frameworkId).orderBy('takenAt', 'desc').limit(1))
    .execute();
  const asOf = new Map(rows.map((r) => [r.key, new Date(r.asOf)]));
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
  db: Run, publication: Publication, cohortKeys: string[], population: readonly PopulationRow[], networks: ReadonlyMap<string, string>, asOf: ReadonlyMap<string, Date>,
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
  await db
    .insertInto('benchmarkCohort')
    .columns(['id', 'snapshotId', 'key', 'dimension', 'value', 'secondValue', 'members', 'heldBack', 'otherMembers', 'asOf'])
    .expression(
      db
        .selectFrom(
          recordset<{ key: string; dimension: string; value: string | null; second: string | null; members: number | null; heldBack: string | null; otherMembers: number; asOf: Date }>(
            cohorts,
            sql`c(key text, dimension text, value text, second text, members int, held_back text, other_members int, as_of timestamptz)`,
          ),
        )
        .select((eb) => [
          sql<string>`gen_random_uuid()`.as('id'), eb.val(publication.snapshotId).as('snapshotId'), 'c.key', eb.cast<CohortDimension>('c.dimension', sql.raw('cohort_dimension')).as('dimension'),
          'c.value', 'c.second', 'c.members', 'c.heldBack', 'c.otherMembers', 'c.asOf',
        ]),
    )
    .execute();
  const figures = publication.figures.map((f) => ({
    cohort: f.cohortKey, ...scopeAndMeasure(f.valueKey), n: f.status === 'PUBLISHED' ? f.n : null, mean: f.mean,
    p25: f.p25, median: f.median, p75: f.p75, held_back: f.reason ?? (f.status === 'PUBLISHED' && f.median === null ? f.quartileReason : null), as_of: when(f.cohortKey),
  }));
  await db
    .insertInto('benchmarkFigure')
    .columns(['id', 'snapshotId', 'cohortKey', 'scope', 'measure', 'n', 'mean', 'p25', 'median', 'p75', 'heldBack', 'asOf'])
    .expression(
      db
        .selectFrom(
          recordset<{ cohort: string; scope: string; measure: string; n: number | null; mean: number | null; p25: number | null; median: number | null; p75: number | null; heldBack: string | null; asOf: Date }>(
            figures,
            sql`f(cohort text, scope text, measure text, n int, mean float8, p25 float8, median float8, p75 float8, held_back text, as_of timestamptz)`,
          ),
        )
        .select((eb) => [
          sql<string>`gen_random_uuid()`.as('id'), eb.val(publication.snapshotId).as('snapshotId'), 'f.cohort', 'f.scope', 'f.measure', 'f.n', 'f.mean', 'f.p25', 'f.median', 'f.p75',
          'f.heldBack', 'f.asOf',
        ]),
    )
    .execute();
  const shares = publication.shares.map((s) => {
    const published = s.status === 'PUBLISHED';
    return {
      cohort: s.cohortKey, part: s.partKey, answered: published ? s.answered : null, held_back: s.reason, as_of: when(s.cohortKey),
      yes: published ? share(s.yes ?? 0, s) : null, started: published ? share(s.started ?? 0, s) : null, no: published ? share(s.no ?? 0, s) : null,
    };
  });
  await db
    .insertInto('benchmarkPartShare')
    .columns(['id', 'snapshotId', 'cohortKey', 'partKey', 'answered', 'yes', 'started', 'no', 'heldBack', 'asOf'])
    .expression(
      db
        .selectFrom(
          recordset<{ cohort: string; part: string; answered: number | null; yes: number | null; started: number | null; no: number | null; heldBack: string | null; asOf: Date }>(
            shares,
            sql`s(cohort text, part text, answered int, yes float8, started float8, no float8, held_back text, as_of timestamptz)`,
          ),
        )
        .select((eb) => [
          sql<string>`gen_random_uuid()`.as('id'), eb.val(publication.snapshotId).as('snapshotId'), 's.cohort', 's.part', 's.answered', 's.yes', 's.started', 's.no', 's.heldBack', 's.asOf',
        ]),
    )
    .execute();
}

/** Heatmap rows: NAMED members only (they chose to be named), by name, for the body that owns the network. */
async function writeNamedRows(db: Run, snapshotId: string): Promise<void> {
  const named = db
    .selectFrom('bmNetwork as n')
    .innerJoin('bmNow as e', 'e.organisationId', 'n.organisationId')
    .select((eb) => [
      'n.bodyId', 'n.networkId', 'e.organisationId', 'e.name', 'e.entry',
      sql<number>`${eb.fn.agg<number>('row_number').over((over) => over.partitionBy('n.networkId').orderBy('e.name').orderBy('e.organisationId'))}::int - 1`.as('position'),
    ])
    .where('e.consent', '=', sql.lit('NAMED'));
  // Each entry's scores by scope: `overall|practice` and `element:3.1|evidence` as (scope, practice, evidence).
  const scope = sql`split_part(k.key, '|', 1)`;
  const measure = sql`split_part(k.key, '|', 2)`;
  const value = sql`(k.value #>> '{}')::float8`;
  const byScope = sql<{ scope: string; practice: number | null; evidence: number | null }>`(
        select case when ${scope} = 'overall' then 'overall' else substr(${scope}, 9) end as scope,
               max(${value}) filter (where ${measure} = 'practice') as practice,
               max(${value}) filter (where ${measure} = 'evidence') as evidence
          from jsonb_each(${sql.ref('b.scores')}) as k(key, value) group by 1)`;
  await db
    .insertInto('benchmarkNetworkCell')
    .columns(['id', 'createdAt', 'organisationId', 'snapshotId', 'networkId', 'label', 'memberOrganisationId', 'position', 'scope', 'practice', 'evidence'])
    .expression(
      db
        .selectFrom(named.as('m'))
        .innerJoin('benchmarkEntry as b', 'b.entry', 'm.entry')
        .crossJoinLateral(byScope.as('v'))
        .select((eb) => [
          sql<string>`gen_random_uuid()`.as('id'), sql<Date>`now()`.as('createdAt'), 'm.bodyId', eb.val(snapshotId).as('snapshotId'), 'm.networkId', 'm.name', 'm.organisationId',
          'm.position', 'v.scope', 'v.practice', 'v.evidence',
        ])
        .where('v.practice', 'is not', null)
        .$narrowType<{ name: string; practice: number }>(),
    )
    .execute();
}

/** Rows of a JSON array, as a table with the columns `definition` names (one parameter however many rows). */
function recordset<R>(rows: readonly object[], definition: RawBuilder<unknown>) {
  return sql<R>`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`.as(definition);
}

/**
 * The recompute's builder inside the cross-organisation reader's transaction (as waymark_analytics):
 * the system scope, because computing benchmarks is about every consenting organisation by its
 * nature and already reads across organisations through the narrow functions. Row-level security
 * and the role's grants stay the wall.
 */
export async function benchmarkSql(em: EntityManager): Promise<Run> {
  return (await sqlIn(em, { kind: 'system', purpose: 'benchmarks recompute' })).withTables<RunTables>();
}
