// Prints figures that back Waymark's speed and memory claims. Run with `npm run bench` (builds
// first). Figures only: no assertions, so a slow machine never fails a build.
//
// 1. Pure paths (no database): scoring and framework loading.
// 2. A throw-away database `waymark_bench_<pid>` on the DATABASE_URL server (default
//    postgres://postgres@127.0.0.1:5432/postgres), migrated and loaded with frameworks by the compiled
//    CLI, filled as the owner; dropped at the end, also after a failure or Ctrl-C.
// 3. The real API in this process (as `waymark_app`, row-level security on), driven over HTTP by a
//    client in a separate process: GraphQL throughput, latency and SQL statements per request.
// 4. Streamed exports of large organisations: bytes, speed, and the server's peak memory growth.
//
// Knobs: BENCH_REQUESTS (2000 light requests), BENCH_WHOLE_REQUESTS (500 whole-assessment reads),
// BENCH_CONNECTIONS (10), BENCH_EXPORT_ROWS (20000,200000).
// The whole-assessment read costs tens of milliseconds of CPU on a 2-core machine, so it gets fewer
// requests than the light query: that keeps the whole run under two minutes.
import os from 'node:os';
import { answerKeys, runPureBenchmarks } from './bench/pure.mjs';
import { createBenchDatabase, migrateBenchDatabase, ownerClient } from './bench/db.mjs';
import { seedAnsweredAssessment, seedAssessmentList, seedLargeOrganisation, seedPlan } from './bench/data.mjs';
import { startApi } from './bench/server.mjs';
import { startClient } from './bench/client.mjs';
import { ASSESSMENT_LIST, FRAMEWORK_COUNT, PLAN_PAGE, TYPENAME, WHOLE_ASSESSMENT, graphqlLoad } from './bench/load.mjs';
import { startFloor } from './bench/floor/server.mjs';
import { sideBySide } from './bench/side-by-side.mjs';
import { measureDownload } from './bench/export.mjs';
import { deltaMb, fixed, int, mb, step, table } from './bench/format.mjs';

/** Positive integers from a knob ("2000" or "20000,200000"); a bad value stops before anything is created. */
const knob = (name, fallback) =>
  (process.env[name] ?? fallback).split(',').map((text) => {
    const value = Number(text.trim());
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be positive integers, not "${process.env[name]}"`);
    return value;
  });
const [REQUESTS] = knob('BENCH_REQUESTS', '2000');
const [WHOLE_REQUESTS] = knob('BENCH_WHOLE_REQUESTS', '500');
const [ROUNDS] = knob('BENCH_ROUNDS', '3');
const [CONNECTIONS] = knob('BENCH_CONNECTIONS', '10');
const EXPORT_ROWS = knob('BENCH_EXPORT_ROWS', '20000,200000');

const cpus = os.cpus();
console.log(`Waymark benchmarks (node ${process.version}, ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'})`);
console.log('\n# Pure paths');
const pure = runPureBenchmarks();

console.log('\n# Setup');
const db = await step('create database', () => createBenchDatabase());
let api;
let floor;
let client;

// The normal way out (after success or failure): stop the client and the API, then drop the database.
let cleaning;
const cleanup = () =>
  (cleaning ??= (async () => {
    client?.close();
    await api?.stop().catch((error) => console.error(`bench: stopping the API failed: ${error.message}`));
    await floor?.stop().catch((error) => console.error(`bench: stopping the floor failed: ${error.message}`));
    await db.drop();
    console.log(`\nDropped ${db.name}.`);
  })());
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    interrupted = true;
    console.error(`\n${signal}: dropping ${db.name} and stopping`);
    // Give in-flight requests a moment to finish (the client is gone, so they end quickly), but never
    // wait long: `with (force)` ends whatever connections the API still holds.
    client?.close();
    const stopped = api ? api.stop().catch(() => undefined) : Promise.resolve();
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    try {
      await db.drop();
      console.error(`Dropped ${db.name}.`);
      process.exit(130);
    } catch (error) {
      console.error(`bench: could not drop ${db.name}: ${error.message}`);
      process.exit(1);
    }
  });
}

const results = { http: [], exports: [], floor: [] };
try {
  await step('migrate + import frameworks (node packages/db/dist/cli.js)', () => migrateBenchDatabase(db));

  const owner = await ownerClient(db);
  let answered;
  const large = [];
  try {
    answered = await step('answered assessment: 42 consensus, 5 assessors, evidence', () => seedAnsweredAssessment(owner, answerKeys()));
    await step('19 more answered assessments (the list)', () => seedAssessmentList(owner, answered, answerKeys()));
    answered.plan = await step('an action plan: 40 items, 3 notes each', () => seedPlan(owner, answered));
    for (const rows of EXPORT_ROWS) {
      large.push(await step(`large organisation: ${int(rows)} evidence rows (generate_series)`, () => seedLargeOrganisation(owner, rows)));
    }
    // Fresh statistics, so the planner sees the tables as they now are (as autovacuum soon would).
    await step('analyze', () => owner.query('analyze'));
  } finally {
    await owner.end();
  }
  const c = answered.counts;
  console.log(`  (${c.consensus} consensus answers, ${c.assessorAnswers} assessor answers, ${c.evidence} evidence items, ${c.links} links)`);

  api = await step('start API in-process (waymark_app role)', () => startApi(db.env));
  floor = await step('start the floor in-process (graphql-js + node:http + pg, waymark_app role)', () =>
    startFloor({ connectionString: api.appUrl, poolMax: api.poolMax, secret: api.tokenSecret }),
  );
  client = startClient();
  const ownerHeaders = await api.headersFor(answered.owner, answered.organisation.id);

  console.log(`\n# Waymark against the floor (${CONNECTIONS} connections, ${ROUNDS} interleaved rounds; the same query, the same JSON)`);
  for (const [label, query, variables, requests] of [
    ['whole assessment read', WHOLE_ASSESSMENT, { id: answered.assessmentId }, WHOLE_REQUESTS],
    ['assessments list (20, answered)', ASSESSMENT_LIST, {}, Math.max(50, Math.round(WHOLE_REQUESTS / 2))],
    ['action-plan page (40 items)', PLAN_PAGE, { a: answered.assessmentId }, WHOLE_REQUESTS],
    ['{ __typename } signed in', TYPENAME, {}, REQUESTS],
  ]) {
    const r = await sideBySide({ api, floor, client, label, query, variables, headers: ownerHeaders, requests, connections: CONNECTIONS, rounds: ROUNDS });
    results.floor.push(r);
    console.log(
      `  ${label.padEnd(34)} Waymark ${int(r.waymark.rps)} req/s (p50 ${fixed(r.waymark.p50)} ms, ${fixed(r.waymark.cpuMs, 2)} ms CPU, ${fixed(r.waymark.statements)} SQL)  ` +
        `floor ${int(r.floor.rps)} req/s (p50 ${fixed(r.floor.p50)} ms, ${fixed(r.floor.cpuMs, 2)} ms CPU, ${fixed(r.floor.statements)} SQL)  ratio ${fixed(r.ratio, 2)}`,
    );
  }

  console.log(`\n# Exports (server RSS sampled every 50 ms; a full GC before each download)`);
  // Warm-up: the first download pays for lazy module loading and JIT, which is not a cost of rows.
  for (const path of ['/exports/organisation.json', '/exports/tables/evidence.csv']) {
    await measureDownload({ api, client, path, headers: ownerHeaders, rows: 0, label: 'warm-up' });
  }
  for (const org of large) {
    const headers = await api.headersFor(org.owner, org.organisation.id);
    for (const path of ['/exports/organisation.json', '/exports/tables/evidence.csv']) {
      const r = await measureDownload({ api, client, path, headers, rows: org.rows, label: `${path} (${int(org.rows)} rows)` });
      results.exports.push(r);
      console.log(
        `  ${path.padEnd(30)} ${int(r.rows).padStart(8)} rows  ${mb(r.bytes).padStart(9)}${r.lines ? ` (${int(r.lines)} lines)` : ''}  ${fixed(r.seconds, 2)} s  ` +
          `${fixed(r.mbPerSecond)} MB/s  first byte ${fixed(r.firstByteMs)} ms  ` +
          `RSS ${mb(r.rssBefore)} -> peak ${mb(r.rssPeak)} (${deltaMb(r.rssGrowth)}), heap peak ${mb(r.heapPeak)}`,
      );
    }
  }

  console.log(`\n# GraphQL over HTTP (${CONNECTIONS} keep-alive connections, client in its own process, 50 warm-up requests each)`);
  for (const [label, query, variables, requests] of [
    ['whole assessment read', WHOLE_ASSESSMENT, { id: answered.assessmentId }, WHOLE_REQUESTS],
    ['{ frameworks { totalCount } }', FRAMEWORK_COUNT, {}, REQUESTS],
  ]) {
    const r = await graphqlLoad({ api, client, label, query, variables, headers: ownerHeaders, requests, connections: CONNECTIONS });
    results.http.push(r);
    console.log(
      `  ${label.padEnd(30)} ${int(requests).padStart(5)} req in ${fixed(r.seconds)} s: ${int(r.rps)} req/s  p50 ${fixed(r.p50)} ms  p95 ${fixed(r.p95)} ms  ` +
        `p99 ${fixed(r.p99)} ms  ${fixed(r.statementsPerRequest)} SQL/req  API CPU ${fixed(r.apiCpuMsPerRequest)} ms/req  ` +
        `${int(r.bytesPerResponse)} B/response  ${r.failed} failed`,
    );
  }
} catch (error) {
  // After Ctrl-C the failures are ours (client killed, database dropped): the signal handler reports.
  if (!interrupted) console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  process.exitCode = 1;
} finally {
  if (!interrupted) await cleanup();
}
if (interrupted) await new Promise(() => undefined); // the signal handler exits once the drop is done

console.log(`\n# Summary (${cpus.length} cores; the API, PostgreSQL and the client share them)`);
console.log(
  table(
    [{ title: 'pure path', align: 'left' }, { title: 'ops/s' }, { title: 'ms/op' }],
    pure.map((r) => [r.label, int(r.opsPerSecond), fixed(r.msPerOp, 4)]),
  ),
);
if (results.http.length) {
  console.log();
  console.log(
    table(
      [{ title: `GraphQL, ${CONNECTIONS} connections`, align: 'left' }, { title: 'requests' }, { title: 'req/s' }, { title: 'p50 ms' },
        { title: 'p95 ms' }, { title: 'p99 ms' }, { title: 'SQL/req' }, { title: 'API CPU ms/req' }, { title: 'failed' }],
      results.http.map((r) => [
        r.label, int(r.requests), int(r.rps), fixed(r.p50), fixed(r.p95), fixed(r.p99), fixed(r.statementsPerRequest), fixed(r.apiCpuMsPerRequest), r.failed,
      ]),
    ),
  );
}
if (results.floor.length) {
  console.log();
  console.log(
    table(
      [{ title: `vs the floor, ${CONNECTIONS} connections`, align: 'left' }, { title: 'Waymark req/s' }, { title: 'floor req/s' }, { title: 'ratio' },
        { title: 'p50 W/F ms' }, { title: 'p99 W/F ms' }, { title: 'SQL W/F' }, { title: 'CPU W/F ms/req' }],
      results.floor.map((r) => [
        r.label, int(r.waymark.rps), int(r.floor.rps), fixed(r.ratio, 2),
        `${fixed(r.waymark.p50)} / ${fixed(r.floor.p50)}`, `${fixed(r.waymark.p99)} / ${fixed(r.floor.p99)}`,
        `${fixed(r.waymark.statements)} / ${fixed(r.floor.statements)}`, `${fixed(r.waymark.cpuMs, 2)} / ${fixed(r.floor.cpuMs, 2)}`,
      ]),
    ),
  );
  console.log('ratio = Waymark req/s / floor req/s, in the same run (goal: at least 0.8 for each of the four reads)');
}
if (results.exports.length) {
  console.log();
  console.log(
    table(
      [{ title: 'export (streamed)', align: 'left' }, { title: 'evidence rows' }, { title: 'size' }, { title: 's' }, { title: 'MB/s' },
        { title: 'RSS growth' }, { title: 'RSS peak' }, { title: 'heap peak' }],
      results.exports.map((r) => [
        r.path, int(r.rows), mb(r.bytes), fixed(r.seconds, 2), fixed(r.mbPerSecond), deltaMb(r.rssGrowth), mb(r.rssPeak), mb(r.heapPeak),
      ]),
    ),
  );
}
