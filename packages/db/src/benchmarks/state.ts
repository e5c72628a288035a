import { type Expression, type Kysely, sql } from 'kysely';
import { type ScopedDB, anyUuid } from '../sql';

/**
 * The benchmark job's own tables, kept by PostgreSQL as waymark_analytics:
 * - `benchmark_entry`: every contribution (one submission of one institution) that ever counted,
 *   with its secret record key and its values and answers as they were. An entry never changes (a
 *   resubmission is a new entry), so each is read through the narrow functions once;
 * - `benchmark_contribution`: the population as last computed, each institution's entry and cohorts.
 *
 * Each run compares the population now (`bm_now`) with the last one and reads the scores of new
 * entries only; it returns the cohorts whose contributors changed.
 */

/** The job's temporary tables of one run (dropped when its transaction commits), typed for the builder. */
export type RunTables = {
  bmNetwork: { networkId: string; bodyId: string; organisationId: string };
  bmNow: { organisationId: string; entry: string; consent: string; name: string | null; cohorts: string[] };
  bmChanged: { organisationId: string; entry: string | null; consent: string | null; newCohorts: string[] | null; oldCohorts: string[] | null };
};

/** The recompute's builder: the schema and the run's temporary tables, in the system scope (see recompute.ts). */
export type Run = Kysely<ScopedDB & RunTables>;

/** What waymark_benchmark_entries(framework) returns: each consenting institution's latest submission. */
interface EntryRow {
  organisationId: string;
  scoreId: string;
  entry: string;
  kind: string;
  region: string | null;
  sizeBand: string | null;
  consent: string;
  name: string | null;
}

/** A fresh secret record key in [0, 2^62) (gen_random_uuid draws from a strong random source). */
const NEW_RECORD_KEY = sql<string>`(('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint & 4611686018427387903)`;
/** Scopes as packages/disclosure names them: `overall` or `element:<key>`. */
const scopeKey = (scope: Expression<string>) => sql<string>`case when ${scope} = 'overall' then 'overall' else 'element:' || ${scope} end`;
const EMPTY = sql<string[]>`'{}'`;

/**
 * The population now (`bm_now`): each consenting institution's latest submission and every cohort
 * it counts in: its region, kind, size band, region and kind, each network it is a member of, and,
 * unless it chose NAMED, that network's "Other members". Network memberships go to `bm_network`.
 */
export async function readPopulation(db: Run, frameworkId: string): Promise<void> {
  await db.schema
    .createTable('bmNetwork')
    .temporary()
    .onCommit('drop')
    .as(db.selectFrom(sql<RunTables['bmNetwork']>`waymark_benchmark_networks()`.as('n')).selectAll())
    .execute();
  const population = db.selectFrom(sql<EntryRow>`waymark_benchmark_entries(${frameworkId})`.as('e')).select((eb) => {
    const e = (column: 'kind' | 'sizeBand' | 'region') => eb.ref(`e.${column}`);
    const own = sql<(string | null)[]>`array[${sql.join([
      sql`'kind:' || ${e('kind')}`,
      sql`case when ${e('sizeBand')} is not null then 'size:' || ${e('sizeBand')} end`,
      sql`case when ${e('region')} is not null then 'region:' || ${e('region')} end`,
      sql`case when ${e('region')} is not null then 'region-kind:' || ${e('region')} || ':' || ${e('kind')} end`,
    ])}]`;
    const networks = eb
      .selectFrom('bmNetwork as n')
      .select((n) => sql<string>`'network:' || ${n.ref('n.networkId')}`.as('c'))
      .whereRef('n.organisationId', '=', 'e.organisationId')
      .unionAll(
        eb
          .selectFrom('bmNetwork as n')
          .select((n) => sql<string>`'others:' || ${n.ref('n.networkId')}`.as('c'))
          .whereRef('n.organisationId', '=', 'e.organisationId')
          .where('e.consent', '<>', sql.lit('NAMED')),
      );
    const cohorts = eb.selectFrom(networks.as('x')).select((x) => x.fn.agg<string[]>('array_agg', ['x.c']).orderBy('x.c').as('cohorts'));
    return ['e.organisationId', 'e.entry', 'e.consent', 'e.name', sql<string[]>`array_remove(${own}, null) || ${eb.fn.coalesce(cohorts, EMPTY)}`.as('cohorts')];
  });
  await db.schema.createTable('bmNow').temporary().onCommit('drop').as(population).execute();
}

/**
 * Brings the job's tables up to date with `bm_now`. Returns the cohorts whose contributors changed
 * since the last run (every cohort when there was none, or when `everything` is asked for).
 */
export async function updateState(db: Run, frameworkId: string, everything: boolean): Promise<string[]> {
  // New entries (a first submission, a resubmission): their values and answers, read once.
  const fresh = (
    await db
      .selectFrom('bmNow as n')
      .select('n.organisationId')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('benchmarkEntry as e').select(sql.lit(1).as('one')).whereRef('e.entry', '=', 'n.entry'))))
      .execute()
  ).map((r) => r.organisationId);
  if (fresh.length) {
    const scores = db
      .selectFrom(sql<{ organisationId: string; scope: string; practice: number | null; evidence: number | null }>`waymark_benchmark_scores_of(${frameworkId}, ${fresh}::uuid[])`.as('s'))
      .select((eb) => [
        's.organisationId',
        sql<Record<string, number | null>>`${eb.fn('jsonb_object_agg', [sql`${scopeKey(eb.ref('s.scope'))} || '|practice'`, 's.practice'])} || ${eb.fn('jsonb_object_agg', [
          sql`${scopeKey(eb.ref('s.scope'))} || '|evidence'`,
          's.evidence',
        ])}`.as('scores'),
      ])
      .groupBy('s.organisationId');
    const parts = db
      .selectFrom(sql<{ organisationId: string; partKey: string; value: string }>`waymark_benchmark_parts_of(${frameworkId}, ${fresh}::uuid[])`.as('p'))
      .select((eb) => ['p.organisationId', eb.fn<Record<string, string>>('jsonb_object_agg', ['p.partKey', 'p.value']).as('parts')])
      .groupBy('p.organisationId');
    await db
      .insertInto('benchmarkEntry')
      .columns(['entry', 'frameworkId', 'institutionId', 'recordKey', 'scores', 'parts'])
      .expression(
        db
          .selectFrom('bmNow as n')
          .leftJoin(scores.as('v'), 'v.organisationId', 'n.organisationId')
          .leftJoin(parts.as('p'), 'p.organisationId', 'n.organisationId')
          .select((eb) => [
            'n.entry',
            eb.val(frameworkId).as('frameworkId'),
            'n.organisationId',
            NEW_RECORD_KEY.as('recordKey'),
            eb.fn.coalesce('v.scores', sql<Record<string, number | null>>`'{}'`).as('scores'),
            eb.fn.coalesce('p.parts', sql<Record<string, string>>`'{}'`).as('parts'),
          ])
          .where('n.organisationId', '=', anyUuid(fresh)),
      )
      .onConflict((conflict) => conflict.column('entry').doNothing())
      .execute();
  }

  // Who joined, left, resubmitted, changed consent or moved between cohorts since the last run.
  const last = db.selectFrom('benchmarkContribution').selectAll().where('frameworkId', '=', frameworkId);
  const changes = db
    .selectFrom('bmNow as n')
    .fullJoin(last.as('c'), 'c.institutionId', 'n.organisationId')
    .select((eb) => [eb.fn.coalesce('n.organisationId', 'c.institutionId').as('organisationId'), 'n.entry', 'n.consent', 'n.cohorts as newCohorts', 'c.cohorts as oldCohorts'])
    .where((eb) =>
      eb.or([
        eb('n.organisationId', 'is', null),
        eb('c.institutionId', 'is', null),
        eb('n.entry', '<>', eb.ref('c.entry')),
        eb('n.consent', '<>', eb.ref('c.consent')),
        eb('n.cohorts', '<>', eb.ref('c.cohorts')),
      ]),
    );
  await db.schema.createTable('bmChanged').temporary().onCommit('drop').as(changes).execute();
  await db
    .deleteFrom('benchmarkContribution')
    .where('frameworkId', '=', frameworkId)
    .where('institutionId', 'in', db.selectFrom('bmChanged').select('organisationId'))
    .execute();
  await db
    .insertInto('benchmarkContribution')
    .columns(['frameworkId', 'institutionId', 'entry', 'consent', 'cohorts'])
    .expression(
      db
        .selectFrom('bmChanged')
        .select((eb) => [eb.val(frameworkId).as('frameworkId'), 'organisationId', 'entry', 'consent', 'newCohorts'])
        .where('entry', 'is not', null)
        .$narrowType<{ entry: string; consent: string; newCohorts: string[] }>(),
    )
    .execute();
  const changed = everything
    ? db.selectFrom('bmNow').select((eb) => eb.fn<string>('unnest', ['cohorts']).as('cohort'))
    : db
        .selectFrom('bmChanged')
        .select((eb) => eb.fn<string>('unnest', [sql<string[]>`${eb.fn.coalesce('newCohorts', EMPTY)} || ${eb.fn.coalesce('oldCohorts', EMPTY)}`]).as('cohort'));
  return (await changed.distinct().execute()).map((r) => r.cohort);
}
