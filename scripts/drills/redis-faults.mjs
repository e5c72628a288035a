// Drills: Redis frozen, restarted, and cut off by the network, each while the API's connections to
// it are open and busy (clients send reads and writes without a pause, so every rate-limit count
// goes to Redis when the fault begins). The API does not need Redis: every request must be answered
// within a second, in the same API process, /readyz must say degraded (and why) during the fault and
// ready after it, and every acknowledged write must be saved.
import { CREATE_ASSESSMENT, FRAMEWORK_QUERY, gql, must, tally } from './client.mjs';
import { sleep, startLoad } from './load.mjs';
import { Report } from './report.mjs';
import { createMembers, startStack } from './stack.mjs';

const CLIENTS = 4;
const BEFORE_MS = 2_000;
const FAULT_MS = 6_000;
const AFTER_MS = 4_000;
// The promise: every request answered within a second, whatever Redis does.
const ANSWER_MS = 1_000;
const CREATE_EVIDENCE = `mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }`;
const READ = `query($a: ID!) { me { user { id } } assessment(id: $a) { id status } evidenceLibrary(first: 5) { totalCount } }`;

async function readyz(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
    return { at: Date.now(), ...(await res.json()) };
  } catch (error) {
    return { at: Date.now(), status: `no answer (${error?.name})` };
  }
}

/** Polls /readyz every 200 ms until stopped. */
function watchReadiness(port) {
  const seen = [];
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      seen.push(await readyz(port));
      await sleep(200);
    }
  })();
  return {
    seen,
    async stop() {
      stopping = true;
      await loop;
      return seen;
    },
  };
}

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * One Redis drill: `fault` breaks Redis and resolves; `heal` mends it. Phases by the time a request
 * was sent: before, during (from fault to heal), after.
 */
function redisDrill({ name, purpose, fault, heal, proxy = false }) {
  return {
    name,
    purpose,
    async run({ log }) {
      const report = new Report(name, purpose);
      // Rate limits high enough that the load is never refused, but counted in Redis on every request.
      const stack = await startStack({ log, proxyRedis: proxy, apiEnv: { RATE_LIMIT_PER_MINUTE: '1000000', REDIS_COMMAND_TIMEOUT_MS: '200' } });
      try {
        const { organisationId, members } = await createMembers(stack, { count: CLIENTS });
        const framework = (await must(stack.url, members[0], FRAMEWORK_QUERY)).framework;
        const assessmentId = (await must(stack.url, members[0], CREATE_ASSESSMENT, { i: { frameworkId: framework.id, cycle: '2026' } })).createAssessment.id;
        const apiPid = stack.api.pid;
        const clients = members.map((member, c) => (i) => {
          const write = i % 3 === 0;
          const title = `${name} ${c}-${i}`;
          return {
            describe: { kind: write ? 'write' : 'read', title },
            send: () =>
              write
                ? gql(stack.url, member, CREATE_EVIDENCE, { i: { title, fileReference: `shelf ${i}`, evidenceDate: '2026-02-01' } }, 10_000)
                : gql(stack.url, member, READ, { a: assessmentId }, 10_000),
          };
        });
        const load = startLoad(clients, { pauseMs: 0 });
        const readiness = watchReadiness(stack.apiPort);
        await sleep(BEFORE_MS);
        const faultAt = Date.now();
        const detail = await fault(stack);
        log(`${detail} while ${load.inFlight.size} requests were in flight`);
        await sleep(FAULT_MS);
        const healAt = Date.now();
        await heal(stack);
        log('healed');
        await sleep(AFTER_MS);
        const results = await load.stop();
        const seen = await readiness.stop();

        const phaseOf = (r) => (r.sentAt < faultAt ? 'before' : r.sentAt < healAt ? 'during' : 'after');
        const phases = { before: [], during: [], after: [] };
        for (const r of results) phases[phaseOf(r)].push(r);
        for (const [label, rs] of Object.entries(phases)) {
          const t = tally(rs);
          const ms = rs.map((r) => r.result.ms);
          const slowest = Math.max(0, ...ms);
          report.check(`${label}: every request answered within ${ANSWER_MS} ms`, t.sent > 0 && t.acknowledged === t.sent && slowest <= ANSWER_MS,
            `${t.acknowledged}/${t.sent} acknowledged, p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms, slowest ${slowest} ms${t.refused + t.unanswered ? `, failures ${JSON.stringify(t.failures)}` : ''}`);
          report.figure(`${label}: requests, p50 / p99 / max (ms)`, `${t.sent}, ${percentile(ms, 50)} / ${percentile(ms, 99)} / ${slowest}`);
        }
        // Requests in flight when the fault began were sent before it and answered during it.
        const straddling = phases.before.filter((r) => r.endedAt > faultAt);
        report.figure('requests in flight when the fault began (slowest ms)', `${straddling.length} (${Math.max(0, ...straddling.map((r) => r.result.ms))})`);

        const degraded = seen.find((s) => s.at > faultAt && s.at < healAt + 500 && s.status === 'degraded');
        report.check('/readyz said degraded during the fault, naming Redis', Boolean(degraded && /redis/.test((degraded.degraded ?? []).join(' '))),
          degraded ? `${degraded.at - faultAt} ms after the fault: redis ${degraded.redis}, rate limits in ${degraded.rateLimits}` : `seen: ${[...new Set(seen.map((s) => s.status))].join(', ')}`);
        const recovered = seen.find((s) => s.at > healAt && s.status === 'ready' && s.rateLimits === 'redis');
        report.check('/readyz said ready again after, with rate limits back in Redis', Boolean(recovered), recovered ? `${recovered.at - healAt} ms after healing` : 'never');
        report.check('/readyz itself answered throughout', seen.every((s) => ['ready', 'degraded'].includes(s.status)), `${seen.length} checks`);

        const titles = new Set((await stack.owner.query('select title from evidence where organisation_id = $1', [organisationId])).rows.map((r) => r.title));
        const lost = results.filter((r) => r.kind === 'write' && r.result.outcome === 'acknowledged' && !titles.has(r.title));
        report.check('every acknowledged write is in the database', lost.length === 0, `${lost.length} missing of ${results.filter((r) => r.kind === 'write').length} writes`);
        report.check('the same API process served throughout', stack.api.pid === apiPid);
        if (!report.passed) report.figure('API errors logged (distinct)', stack.api.distinctErrors());
      } finally {
        stack.redis.thaw();
        stack.redisProxy?.resume();
        await stack.stop();
      }
      return report;
    },
  };
}

export const redisFrozen = redisDrill({
  name: 'redis-frozen',
  purpose: 'Redis frozen (SIGSTOP) while the API is connected and using it: every request answered within a second',
  fault: (stack) => {
    stack.redis.freeze();
    return Promise.resolve('Redis frozen (SIGSTOP)');
  },
  heal: (stack) => {
    stack.redis.thaw();
    return Promise.resolve();
  },
});

export const redisRestarted = redisDrill({
  name: 'redis-restarted',
  purpose: 'Redis killed under load and started again 6 s later (empty): every request answered within a second',
  fault: async (stack) => {
    await stack.redis.kill();
    return 'Redis killed (SIGKILL)';
  },
  heal: async (stack) => {
    await stack.redis.restart();
  },
});

export const redisCutOff = redisDrill({
  name: 'redis-cut-off',
  purpose: 'the network to Redis drops everything (a TCP proxy that stops forwarding, connections left open): every request answered within a second',
  proxy: true,
  fault: (stack) => {
    stack.redisProxy.stall();
    return Promise.resolve('the proxy in front of Redis stalled');
  },
  heal: (stack) => {
    stack.redisProxy.resume();
    return Promise.resolve();
  },
});
