// Regional benchmarking at scale: `npm run bench:benchmarks` (builds first). Figures only.
//
// A throw-away database (as `npm run bench`) with BENCH_INSTITUTIONS (10000) institutions across
// nine regions, three kinds and four size bands, each with a submitted assessment whose scores
// were kept at submission (overall, per element, every action part), a tenth of them not sharing
// (consent NONE), a quarter NAMED, and a regional body with a network of BENCH_NETWORK (300)
// members. Then:
//
// 1. a full (nightly) recompute as the worker runs it (recomputeBenchmarks: waymark_analytics, the
//    narrow functions, the job's tables, packages/disclosure's protect with its intruder audit),
//    with the peak RSS of this process meanwhile (it runs the worker's job code in process);
// 2. in the same run, the floor: hand-written SQL as the owner computing the same outputs (every
//    cohort's n, perturbed sum and mean per scope and measure by waymark_cell_noise, the threshold
//    on unknown contributors, every part's perturbed YES/STARTED/NO counts), and the ratio full /
//    floor (goal: at most 2x), with and without the audit's share;
// 3. one institution submits again; the incremental recompute that follows (goal: under 100 ms);
// 4. the audit: viewers, protected values, narrowest interval, cells held back by it, its time;
// 5. the body's analyst reads the network heatmap and an institution its benchmarks over HTTP
//    from the real API (latency and SQL statements per request).
//
// BENCH_KEEP_DATABASE=1 leaves the database behind for EXPLAIN ANALYZE (drop it by hand).
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createBenchDatabase, migrateBenchDatabase, ownerClient } from './bench/db.mjs';
import { startApi } from './bench/server.mjs';
import { fixed, int, step, table } from './bench/format.mjs';
import { answerKeys } from './bench/pure.mjs';

const require = createRequire(import.meta.url);
const { parseConfigFor } = require('../packages/config/dist/index.js');
const { createCrossTenantReader, recomputeBenchmarks } = require('../packages/db/dist/index.js');
const { DEFAULT_PARAMS } = require('../packages/disclosure/dist/index.js');

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${process.env[name]}"`);
  return value;
};
const INSTITUTIONS = positive('BENCH_INSTITUTIONS', 10_000);
const NETWORK = Math.min(positive('BENCH_NETWORK', 300), INSTITUTIONS);
const READS = positive('BENCH_BENCHMARK_READS', 100);
const NIGHT = new Date('2026-11-30T02:00:00Z');
const NEXT_DAY = new Date('2026-12-01T12:00:00Z');

/** Every institution's scores, generated in SQL: elements and parts from the bundled framework. */
async function seed(client, { elements, parts }) {
  await client.query(`insert into region (id, code, name) select gen_random_uuid(), 'R' || g, 'Region ' || g from generate_series(1, 9) g`);
  await client.query(
    `insert into organisation (id, name, slug, kind, region_id, size_band, governance, benchmarking_consent, created_at)
     select gen_random_uuid(), 'Institution ' || g, 'bench-' || g,
            (array['LIBRARY','MUSEUM','ARCHIVE'])[1 + g % 3]::organisation_kind,
            (select id from region where code = 'R' || (1 + g % 9)),
            (array['MICRO','SMALL','MEDIUM','LARGE'])[1 + (g / 3) % 4]::size_band, 'LOCAL_AUTHORITY',
            (case when g % 10 = 0 then 'NONE' when g % 4 = 0 then 'NAMED' else 'ANONYMOUS' end)::benchmarking_consent, now()
       from generate_series(1, $1::int) g`,
    [INSTITUTIONS],
  );
  const framework = (await client.query(`select id from framework order by created_at limit 1`)).rows[0].id;
  const author = (await client.query(
    `insert into app_user (id, created_at, email, name, password_hash) values (gen_random_uuid(), now(), 'analyst@bench.test', 'Analyst', 'x') returning id`,
  )).rows[0].id;
  await client.query(
    `insert into assessment (id, created_at, organisation_id, framework_id, cycle, status, created_by, submitted_at, submitted_by, updated_at)
     select gen_random_uuid(), now(), o.id, $1, '2026', 'SUBMITTED', $2, timestamptz '2026-06-01' + (row_number() over ()) * interval '1 minute', $2, now()
       from organisation o where o.slug like 'bench-%'`,
    [framework, author],
  );
  // A score per element from a per-institution level plus per-element noise; overall is their mean.
  await client.query(
    `insert into submitted_score (id, created_at, organisation_id, assessment_id, framework_id, cycle, submitted_at, practice, evidence)
     select gen_random_uuid(), now(), a.organisation_id, a.id, a.framework_id, a.cycle, a.submitted_at, 0, 0 from assessment a where a.status = 'SUBMITTED'`,
  );
  await client.query(
    `insert into submitted_element_score (id, created_at, organisation_id, score_id, element_key, practice, evidence)
     select gen_random_uuid(), now(), s.organisation_id, s.id, e.key,
            round((random() * 100)::numeric, 1), case when random() < 0.9 then round((random() * 100)::numeric, 1) end
       from submitted_score s cross join unnest($1::text[]) as e(key)`,
    [elements],
  );
  await client.query(
    `update submitted_score s set practice = x.practice, evidence = x.evidence
       from (select score_id, avg(practice) as practice, avg(evidence) as evidence from submitted_element_score group by score_id) x
      where x.score_id = s.id`,
  );
  await client.query(
    `insert into submitted_part_answer (id, created_at, organisation_id, score_id, part_key, value)
     select gen_random_uuid(), now(), s.organisation_id, s.id, p.key, (array['YES','STARTED','NO'])[1 + floor(random() * 3)::int]
       from submitted_score s cross join unnest($1::text[]) as p(key)`,
    [parts],
  );
  const body = (await client.query(
    `insert into organisation (id, name, slug, kind, region_id, size_band, governance, created_at)
     values (gen_random_uuid(), 'Bench Regional Body', 'bench-body', 'REGIONAL_BODY', (select id from region where code = 'R1'), 'MEDIUM', 'CHARITY', now()) returning id`,
  )).rows[0].id;
  await client.query(`insert into membership (id, created_at, organisation_id, user_id, role) values (gen_random_uuid(), now(), $1, $2, 'ANALYST')`, [body, author]);
  const network = (await client.query(
    `insert into network (id, created_at, organisation_id, name, created_by) values (gen_random_uuid(), now(), $1, 'Bench network', $2) returning id`,
    [body, author],
  )).rows[0].id;
  await client.query(
    `insert into network_member (id, created_at, organisation_id, network_id, member_organisation_id, status, invited_by, responded_at, updated_at)
     select gen_random_uuid(), now(), $1, $2, o.id, 'MEMBER', $3, now(), now()
       from organisation o where o.slug like 'bench-%' and o.slug <> 'bench-body' order by o.slug limit $4`,
    [body, network, author, NETWORK],
  );
  const institution = (await client.query(`select id from organisation where slug = 'bench-7'`)).rows[0].id;
  await client.query(`insert into membership (id, created_at, organisation_id, user_id, role) values (gen_random_uuid(), now(), $1, $2, 'VIEWER')`, [institution, author]);
  await client.query('analyze');
  return { framework, author, body, network, institution };
}

/**
 * The floor: the outputs a snapshot publishes, in hand-written SQL as the owner, straight from the
 * tables (no narrow functions, no job tables but the record keys, no audit): per cohort and value
 * key n, the perturbed sum and the mean, held back below the threshold on unknown contributors;
 * per cohort and part the perturbed answer counts. Same cohorts, same noise, same rounding.
 */
const FLOOR = `
  create temp table floor_cells as
  with entry as (
    select distinct on (s.organisation_id) s.id, s.organisation_id, o.kind::text as kind, r.code as region, o.size_band::text as size,
           o.benchmarking_consent::text as consent,
           md5(s.organisation_id::text || ':' || s.assessment_id::text || ':' || extract(epoch from s.submitted_at)::text) as entry
      from submitted_score s join organisation o on o.id = s.organisation_id left join region r on r.id = o.region_id
     where s.framework_id = $1 and s.withdrawn_at is null and o.benchmarking_consent <> 'NONE' and o.kind <> 'REGIONAL_BODY'
     order by s.organisation_id, s.submitted_at desc, s.id
  ), keyed as (
    select e.*, k.record_key from entry e join benchmark_entry k on k.entry = e.entry
  ), member as (
    select 'region:' || region as cohort, k.* from keyed k where region is not null
    union all select 'kind:' || kind, k.* from keyed k
    union all select 'size:' || size, k.* from keyed k where size is not null
    union all select 'region-kind:' || region || ':' || kind, k.* from keyed k where region is not null
    union all select 'network:' || m.network_id, k.* from keyed k join network_member m on m.member_organisation_id = k.organisation_id and m.status = 'MEMBER'
    union all select 'others:' || m.network_id, k.* from keyed k join network_member m on m.member_organisation_id = k.organisation_id and m.status = 'MEMBER' where k.consent <> 'NAMED'
  ), value as (
    select m.cohort, m.consent, m.record_key, case when s.scope = 'overall' then 'overall' else 'element:' || s.scope end || '|' || v.measure as value_key, v.value
      from member m
      join (select id as score_id, 'overall' as scope, practice, evidence from submitted_score
            union all select score_id, element_key, practice, evidence from submitted_element_score) s on s.score_id = m.id
     cross join lateral (values ('practice', s.practice), ('evidence', s.evidence)) as v(measure, value)
     where v.value is not null
  ), figure as (
    select cohort, value_key, count(*) as n, count(*) filter (where consent <> 'NAMED') as unknown,
           sum(value) + waymark_cell_noise((sum(record_key::numeric) % 4611686018427387904)::bigint, 'sum|' || value_key, $2) as perturbed
      from value group by cohort, value_key
  ), share as (
    select m.cohort, p.part_key, count(*) as n, count(*) filter (where m.consent <> 'NAMED') as unknown,
           (sum(m.record_key::numeric) % 4611686018427387904)::bigint as key,
           count(*) filter (where p.value = 'YES') as yes, count(*) filter (where p.value = 'STARTED') as started, count(*) filter (where p.value = 'NO') as no
      from member m join submitted_part_answer p on p.score_id = m.id group by m.cohort, p.part_key
  )
  select cohort, value_key as key, n, case when unknown between 1 and $3 - 1 then null else round((least(100, greatest(0, perturbed / n)) * 10)::numeric) / 10 end as mean,
         null::int as yes, null::int as started, null::int as no
    from figure
  union all
  select cohort, part_key, n, null,
         case when unknown between 1 and $3 - 1 then null else least(n, greatest(0, yes + waymark_cell_noise(key, 'count|' || part_key || '|YES', $4))) end,
         case when unknown between 1 and $3 - 1 then null else least(n, greatest(0, started + waymark_cell_noise(key, 'count|' || part_key || '|STARTED', $4))) end,
         case when unknown between 1 and $3 - 1 then null else least(n, greatest(0, no + waymark_cell_noise(key, 'count|' || part_key || '|NO', $4))) end
    from share`;

/** Runs `fn` while sampling this process's RSS; returns its result, the time and the peak growth. */
async function measured(fn) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms: performance.now() - started, growth: peak - base, peak };
  } finally {
    clearInterval(timer);
  }
}

async function readOverHttp(api, headers, query, variables) {
  const times = [];
  const before = api.counter.statements;
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    const res = await fetch(`${api.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(`benchmark read failed: ${JSON.stringify(body.errors)}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], statements: (api.counter.statements - before) / READS };
}

const HEATMAP = `query($n: ID!) { networkHeatmap(networkId: $n) { asOf scopes rows { label named members cells { scope practice evidence } } counts { members counted named others leftOut } } }`;
const MINE = `{ benchmarks { asOf reason own { practice } cohorts { key label published members asOf reason figures { scope practice { mean } } mine { scope measure value cohortMean difference } } } }`;

async function runFloor(client, frameworkId) {
  return measured(async () => {
    await client.query('begin');
    try {
      await client.query(FLOOR, [frameworkId, DEFAULT_PARAMS.sumNoise, DEFAULT_PARAMS.minUnknown, DEFAULT_PARAMS.countNoise]);
      return (await client.query('select cohort, key, n, mean::float8 as mean, yes, started, no from floor_cells')).rows;
    } finally {
      await client.query('rollback');
    }
  });
}

/** The floor's means against the snapshot's published ones: the same outputs, cell for cell. */
async function compare(client, snapshotId, floorRows) {
  const published = (await client.query(
    `select cohort_key, case when scope = 'overall' then 'overall' else 'element:' || scope end || '|' || measure as key, mean from benchmark_figure where snapshot_id = $1 and mean is not null`,
    [snapshotId],
  )).rows;
  const floor = new Map(floorRows.filter((r) => r.mean !== null).map((r) => [`${r.cohort} ${r.key}`, r.mean]));
  const differ = published.filter((p) => floor.get(`${p.cohort_key} ${p.key}`) !== p.mean).length;
  return { published: published.length, differ };
}

async function main() {
  console.log(`Regional benchmarking: ${int(INSTITUTIONS)} institutions, a network of ${int(NETWORK)}\n`);
  const db = await createBenchDatabase();
  const stop = () => db.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  let reader;
  let api;
  const client = await ownerClient(db).catch(async (error) => {
    await db.drop();
    throw error;
  });
  try {
    await step('migrate + frameworks (compiled CLI)', () => migrateBenchDatabase(db));
    const { practiceKeys } = answerKeys();
    const elements = [...new Set(practiceKeys.map((k) => k.split('.').slice(0, 2).join('.')))];
    const ids = await step(`seed ${int(INSTITUTIONS)} submitted assessments (SQL)`, () => seed(client, { elements, parts: practiceKeys }));
    const cfg = parseConfigFor('worker', { ...db.env, LOG_LEVEL: 'warn', AUTH_TOKEN_SECRET: randomBytes(48).toString('base64') });
    reader = await createCrossTenantReader(cfg);

    // The first run reads every entry through the narrow functions and draws its record key; the
    // later nightly runs read only what changed. Both are shown; the floor runs beside each.
    const rounds = [];
    for (let round = 0; round < 3; round++) {
      const full = await measured(() => recomputeBenchmarks(reader, { frameworkId: ids.framework, trigger: 'nightly', now: new Date(NIGHT.getTime() + round * 3_600_000) }));
      const floor = await runFloor(client, ids.framework);
      rounds.push({ floor, full });
    }
    const best = (pick) => Math.min(...rounds.map(pick));
    const first = rounds[0].full;
    const auditMs = (r) => r.full.result.audit?.ms ?? 0;
    console.log(
      `\n${table(
        [{ title: 'full recompute', align: 'left' }, { title: 'ms (best of 3)', align: 'right' }, { title: 'first run', align: 'right' }, { title: 'peak RSS growth', align: 'right' }],
        [
          ['Waymark: recomputeBenchmarks (nightly), audit included', fixed(best((r) => r.full.ms), 0), fixed(first.ms, 0), `${fixed(Math.max(...rounds.map((r) => r.full.growth)) / 1e6)} MB`],
          ['  the same less the audit and protection', fixed(best((r) => r.full.ms - (r.full.result.timings['protection and audit'] ?? 0)), 0), '', ''],
          ['floor: the same outputs in hand-written SQL', fixed(best((r) => r.floor.ms), 0), fixed(rounds[0].floor.ms, 0), `${fixed(Math.max(...rounds.map((r) => r.floor.growth)) / 1e6)} MB`],
        ],
      )}`,
    );
    const floorMs = best((r) => r.floor.ms);
    console.log(`  ratio full / floor: ${fixed(best((r) => r.full.ms) / floorMs, 2)}x with the audit, ${fixed(best((r) => r.full.ms - (r.full.result.timings['protection and audit'] ?? 0)) / floorMs, 2)}x without (goal: at most 2x)`);
    const r = first.result;
    const check = await compare(client, r.snapshotId, rounds[0].floor.result);
    console.log(`  snapshot: ${int(r.institutions)} institutions, ${int(r.cohorts)} cohorts; ${int(r.published)} figures and shares published, ${int(r.heldBack)} held back`);
    console.log(`  published means the floor computes differently: ${int(check.differ)} of ${int(check.published)}`);
    console.log(`  phases of the first run (ms): ${Object.entries(r.timings).map(([k, v]) => `${k} ${fixed(v, 0)}`).join(', ')}`);
    console.log(`  peak RSS of this process (it runs the worker's job code): ${fixed(Math.max(...rounds.map((x) => x.full.peak)) / 1e6)} MB`);

    // One institution submits again the next day: an incremental run touches only its cohorts.
    await client.query(
      `with a as (
         insert into assessment (id, created_at, organisation_id, framework_id, cycle, status, created_by, submitted_at, submitted_by, updated_at)
         values (gen_random_uuid(), now(), $1, $2, '2027', 'SUBMITTED', $3, $4, $3, now()) returning *
       ), s as (
         insert into submitted_score (id, created_at, organisation_id, assessment_id, framework_id, cycle, submitted_at, practice, evidence)
         select gen_random_uuid(), now(), a.organisation_id, a.id, a.framework_id, a.cycle, a.submitted_at, 88, 70 from a returning *
       )
       insert into submitted_element_score (id, created_at, organisation_id, score_id, element_key, practice, evidence)
       select gen_random_uuid(), now(), s.organisation_id, s.id, e.key, 88, 70 from s cross join unnest($5::text[]) as e(key)`,
      [ids.institution, ids.framework, ids.author, new Date(NEXT_DAY.getTime() - 3_600_000), elements],
    );
    const incremental = await measured(() => recomputeBenchmarks(reader, { frameworkId: ids.framework, trigger: 'incremental', now: NEXT_DAY }));
    const inc = incremental.result;
    console.log(
      `\nincremental recompute after one submission: ${fixed(incremental.ms, 0)} ms in all (goal: under 100 ms); ${int(inc.changedCohorts)} of ${int(inc.cohorts)} cohorts changed`,
    );
    console.log(`  phases (ms): ${Object.entries(inc.timings).map(([k, v]) => `${k} ${fixed(v, 0)}`).join(', ')}`);

    const audit = (x) => x.audit ?? { viewers: 0, protectedValues: 0, narrowest: null, cellsProtected: 0, rounds: 0, ms: 0 };
    console.log(
      `\n${table(
        [{ title: 'the audit (intruder, every viewer)', align: 'left' }, { title: 'ms', align: 'right' }, { title: 'viewers', align: 'right' }, { title: 'protected values', align: 'right' },
          { title: 'narrowest interval', align: 'right' }, { title: 'cells protected', align: 'right' }, { title: 'rounds', align: 'right' }],
        [
          ['first full run', ...[audit(r)].map((a) => [fixed(a.ms, 0), int(a.viewers), int(a.protectedValues), a.narrowest === null ? '-' : fixed(a.narrowest), int(a.cellsProtected), int(a.rounds)])[0]],
          ['incremental run', ...[audit(inc)].map((a) => [fixed(a.ms, 0), int(a.viewers), int(a.protectedValues), a.narrowest === null ? '-' : fixed(a.narrowest), int(a.cellsProtected), int(a.rounds)])[0]],
        ],
      )}`,
    );
    console.log(`  protection interval P = ${DEFAULT_PARAMS.protectionPoints} points; audit share of the best full run: ${fixed(best(auditMs), 0)} ms`);

    api = await startApi(db.env);
    const analyst = { id: ids.author };
    const heatmap = await readOverHttp(api, await api.headersFor(analyst, ids.body), HEATMAP, { n: ids.network });
    const mine = await readOverHttp(api, await api.headersFor(analyst, ids.institution), MINE, {});
    console.log(
      `\n${table(
        [{ title: `read over HTTP (${READS} sequential)`, align: 'left' }, { title: 'p50 ms', align: 'right' }, { title: 'p95 ms', align: 'right' }, { title: 'statements', align: 'right' }],
        [
          [`networkHeatmap (${int(NETWORK)} members x ${elements.length + 1} scopes)`, fixed(heatmap.p50), fixed(heatmap.p95), fixed(heatmap.statements)],
          ['benchmarks (an institution and its cohorts)', fixed(mine.p50), fixed(mine.p95), fixed(mine.statements)],
        ],
      )}`,
    );
  } finally {
    await api?.stop().catch(() => undefined);
    await reader?.close().catch(() => undefined);
    await client.end().catch(() => undefined);
    if (process.env.BENCH_KEEP_DATABASE) console.log(`\nkept the database ${db.url} (BENCH_KEEP_DATABASE)`);
    else await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
