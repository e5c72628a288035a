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

export type Run = <R extends object>(sql: string, values?: unknown[]) => Promise<R[]>;

/** A fresh secret record key in [0, 2^62) (gen_random_uuid draws from a strong random source). */
const NEW_RECORD_KEY = `(('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint & 4611686018427387903)`;
/** Scopes as packages/disclosure names them: `overall` or `element:<key>`. */
const SCOPE = `case when s.scope = 'overall' then 'overall' else 'element:' || s.scope end`;

/**
 * The population now (`bm_now`): each consenting institution's latest submission and every cohort
 * it counts in: its region, kind, size band, region and kind, each network it is a member of, and,
 * unless it chose NAMED, that network's "Other members". Network memberships go to `bm_network`.
 */
export async function readPopulation(run: Run, frameworkId: string): Promise<void> {
  await run(`create temp table bm_network on commit drop as select * from waymark_benchmark_networks()`);
  await run(
    `create temp table bm_now on commit drop as
     select e.organisation_id, e.entry, e.consent, e.name,
            array_remove(array['kind:' || e.kind,
                               case when e.size_band is not null then 'size:' || e.size_band end,
                               case when e.region is not null then 'region:' || e.region end,
                               case when e.region is not null then 'region-kind:' || e.region || ':' || e.kind end], null)
            || coalesce((select array_agg(c order by c) from (
                 select 'network:' || n.network_id as c from bm_network n where n.organisation_id = e.organisation_id
                 union all
                 select 'others:' || n.network_id from bm_network n where n.organisation_id = e.organisation_id and e.consent <> 'NAMED') x), '{}') as cohorts
       from waymark_benchmark_entries(?) e`,
    [frameworkId],
  );
}

/**
 * Brings the job's tables up to date with `bm_now`. Returns the cohorts whose contributors changed
 * since the last run (every cohort when there was none, or when `everything` is asked for).
 */
export async function updateState(run: Run, frameworkId: string, everything: boolean): Promise<string[]> {
  // New entries (a first submission, a resubmission): their values and answers, read once.
  const fresh = (
    await run<{ organisation_id: string }>(`select n.organisation_id from bm_now n where not exists (select 1 from benchmark_entry e where e.entry = n.entry)`)
  ).map((r) => r.organisation_id);
  if (fresh.length) {
    const orgs = JSON.stringify(fresh);
    await run(
      `insert into benchmark_entry (entry, framework_id, institution_id, record_key, scores, parts)
       select n.entry, ?, n.organisation_id, ${NEW_RECORD_KEY}, coalesce(v.scores, '{}'), coalesce(p.parts, '{}')
         from bm_now n
         left join (select s.organisation_id,
                           jsonb_object_agg(${SCOPE} || '|practice', s.practice) || jsonb_object_agg(${SCOPE} || '|evidence', s.evidence) as scores
                      from waymark_benchmark_scores_of(?, array(select jsonb_array_elements_text(?::jsonb))::uuid[]) s group by s.organisation_id) v
                on v.organisation_id = n.organisation_id
         left join (select p.organisation_id, jsonb_object_agg(p.part_key, p.value) as parts
                      from waymark_benchmark_parts_of(?, array(select jsonb_array_elements_text(?::jsonb))::uuid[]) p group by p.organisation_id) p
                on p.organisation_id = n.organisation_id
        where n.organisation_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
       on conflict (entry) do nothing`,
      [frameworkId, frameworkId, orgs, frameworkId, orgs, orgs],
    );
  }

  // Who joined, left, resubmitted, changed consent or moved between cohorts since the last run.
  await run(
    `create temp table bm_changed on commit drop as
     select coalesce(n.organisation_id, c.institution_id) as organisation_id, n.entry, n.consent, n.cohorts as new_cohorts, c.cohorts as old_cohorts
       from bm_now n full join (select * from benchmark_contribution where framework_id = ?) c on c.institution_id = n.organisation_id
      where n.organisation_id is null or c.institution_id is null or n.entry <> c.entry or n.consent <> c.consent or n.cohorts <> c.cohorts`,
    [frameworkId],
  );
  await run(`delete from benchmark_contribution where framework_id = ? and institution_id in (select organisation_id from bm_changed)`, [frameworkId]);
  await run(
    `insert into benchmark_contribution (framework_id, institution_id, entry, consent, cohorts)
     select ?, organisation_id, entry, consent, new_cohorts from bm_changed where entry is not null`,
    [frameworkId],
  );
  const changed = everything
    ? `select distinct unnest(cohorts) as cohort from bm_now`
    : `select distinct x.cohort from bm_changed cross join unnest(coalesce(new_cohorts, '{}') || coalesce(old_cohorts, '{}')) as x(cohort)`;
  return (await run<{ cohort: string }>(changed)).map((r) => r.cohort);
}
