// `npm run chaos`: the delivery promises under faults at random moments. A stack of its own (see
// scripts/drills/stack.mjs: PostgreSQL, Redis with AOF, a migrated database), two API processes and
// three worker processes, an SMTP sink and a webhook receiver; CHAOS_ITEMS due action items (default
// 100,000, in digests of 50) and as many webhook events as digests. While they are delivered, a
// seeded random schedule (CHAOS_SEED) SIGKILLs workers, restarts PostgreSQL, freezes (SIGSTOP) and
// restarts Redis, makes SMTP refuse (421, 451) and the webhook receiver fail (503), and both APIs
// are asked a question every 50 ms. It prints duplicates (by Message-ID at the sink and by ledger),
// misses, webhooks delivered (each verified with the standardwebhooks library) and how often, the
// windows it hit, and how long the APIs took to answer during each fault. Exits 1 when a promise
// was broken: a repeat outside the documented window, a miss, a webhook not delivered exactly
// once, or an API answer slower than CHAOS_ANSWER_MS.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from './drills/stack.mjs';
import { seedReminders } from './bench/reminder-seed.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const services = require(path.join(ROOT, 'packages/testing/dist/services.js'));
const { RunningProcess } = require(path.join(ROOT, 'packages/testing/dist/services/process.js'));
const { sealSecret, newSigningSecret } = require(path.join(ROOT, 'packages/domain/dist/index.js'));
const { Webhook } = require('standardwebhooks');

const ITEMS_EACH = 50;
const ITEMS = Number(process.env.CHAOS_ITEMS ?? 100_000);
const RECIPIENTS = Math.max(1, Math.ceil(ITEMS / ITEMS_EACH));
const ORGS = Math.max(1, Math.ceil(RECIPIENTS / 20));
const OWNERS = Math.ceil(RECIPIENTS / ORGS);
const EVENTS = Number(process.env.CHAOS_EVENTS ?? ORGS * OWNERS);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const ANSWER_MS = Number(process.env.CHAOS_ANSWER_MS ?? 1_000);
const DEADLINE_MS = Number(process.env.CHAOS_TIMEOUT_MS ?? 20 * 60_000);
const WORKERS = 3;
const APIS = 2;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const random = services.seededRandom(SEED);
const header = (raw, name) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' '))?.[1]?.trim();

function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startApi(env, port, logFile) {
  const child = await RunningProcess.start({ command: process.execPath, args: [path.join(ROOT, 'apps/api/dist/main.js')], env: { ...env, PORT: String(port) }, logFile, cwd: ROOT });
  for (let t = Date.now(); Date.now() - t < 60_000; await sleep(100)) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return child;
  }
  throw new Error(`the API on ${port} did not start:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/** Asks every API `{ __typename }` and `me` every 50 ms; each answer's time, tagged with the faults active when it was sent. */
function probeApis(urls, token, activeFaults) {
  const samples = [];
  let stopping = false;
  const ask = async (url, query, auth) => {
    const faults = [...activeFaults];
    const at = Date.now();
    let ok = false;
    try {
      const res = await fetch(url, {
        method: 'POST', signal: AbortSignal.timeout(10_000),
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ query }),
      });
      ok = res.status < 500 || res.status === 503;
      await res.text();
    } catch {
      ok = false;
    }
    samples.push({ ms: Date.now() - at, ok, faults });
  };
  const loop = (async () => {
    while (!stopping) {
      await Promise.all(urls.flatMap((url) => [ask(url, '{ __typename }'), ask(url, '{ me { user { id } } }', token)]));
      await sleep(50);
    }
  })();
  return { samples, stop: async () => { stopping = true; await loop; } };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-chaos-'));
  const log = (message) => console.log(`  ${message}`);
  console.log(`chaos: seed ${SEED}; ${ITEMS.toLocaleString('en-GB')} due items in ${RECIPIENTS.toLocaleString('en-GB')} digests (${ORGS} organisations), ${EVENTS.toLocaleString('en-GB')} webhook events; ${APIS} APIs, ${WORKERS} workers`);
  const stack = await startStack({ log, redisOptions: { persistence: 'aof' }, apiEnv: { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000', REDIS_COMMAND_TIMEOUT_MS: '200' } });
  const [smtp, hooks] = await Promise.all([services.startSmtpReceiver(), services.startHttpReceiver()]);
  const processes = [];
  const activeFaults = new Set();
  const windows = { workerKills: 0, postgresRestarts: 0, redisFreezes: 0, redisRestarts: 0, smtpRefusals: 0, webhookFailures: 0 };
  let probe;
  try {
    const seeded = await stack.owner.connect();
    let secrets;
    try {
      log(`seeded in ${(await seedReminders(seeded, { orgs: ORGS, owners: OWNERS, itemsEach: ITEMS_EACH }) / 1000).toFixed(1)} s`);
      // One webhook endpoint per organisation, and the events written to the outbox as the API writes them.
      const orgs = (await seeded.query(`select o.id, min(m.user_id::text)::uuid as by from organisation o join membership m on m.organisation_id = o.id where o.slug like 'bench-%' group by o.id`)).rows;
      secrets = new Map();
      for (const o of orgs) {
        const id = randomUUID();
        const secret = newSigningSecret();
        secrets.set(`/hooks/${id}`, secret);
        await seeded.query(
          `insert into webhook_endpoint (id, created_at, organisation_id, url, event_types, enabled, secret_ciphertext, created_by, updated_at)
           values ($1, now(), $2, $3, '{plan.generated}', true, $4, $5, now())`,
          [id, o.id, `${hooks.url}/hooks/${id}`, sealSecret(stack.api.env.AUTH_TOKEN_SECRET, o.id, id, secret), o.by],
        );
      }
      await seeded.query(
        `insert into outbox_event (id, created_at, organisation_id, type, subject_id, payload)
         select gen_random_uuid(), now(), o.id, 'plan.generated', gen_random_uuid(), jsonb_build_object('assessmentId', gen_random_uuid(), 'planId', gen_random_uuid(), 'items', 3)
           from (select id, row_number() over (order by id) - 1 as k from organisation where slug like 'bench-%') o
           cross join generate_series(1, $1::int) n where (n - 1) % $2 = o.k`,
        [EVENTS, orgs.length],
      );
    } finally {
      seeded.release();
    }
    const member = (await stack.owner.query(`select user_id from membership limit 1`)).rows[0].user_id;

    const env = {
      ...stack.api.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', SMTP_URL: smtp.url, WORKER_HEALTH_PORT: '0',
      REMINDER_LOCAL_HOUR: '0', REMINDER_SCAN_PATTERN: '*/10 * * * * *', REMINDER_LEASE_MS: '4000', REMINDER_RETRY_DELAY_MS: '500',
      WORKER_STALLED_MS: '2000', WEBHOOK_BACKOFF_BASE_MS: '200', WEBHOOK_BACKOFF_MAX_MS: '2000', WEBHOOK_MAX_ATTEMPTS: '20', OUTBOX_POLL_MS: '500',
    };
    const workers = [];
    const startWorkerProcess = async (n) => {
      const child = await RunningProcess.start({ command: process.execPath, args: [path.join(ROOT, 'apps/worker/dist/main.js')], env, logFile: path.join(dir, `worker-${n}.log`), cwd: ROOT });
      processes.push(child);
      return child;
    };
    const apiUrls = [stack.url];
    for (let i = 1; i < APIS; i++) {
      const port = await services.freePort();
      processes.push(await startApi(stack.api.env, port, path.join(dir, `api-${i}.log`)));
      apiUrls.push(`http://127.0.0.1:${port}/graphql`);
    }
    probe = probeApis(apiUrls, stack.token(member), activeFaults);
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorkerProcess(i));
    const t0 = Date.now();

    const distinctMail = () => new Set(smtp.messages.map((m) => header(m.raw, 'Message-ID'))).size;
    const delivered = () => new Set(hooks.requests.filter((r) => r.status < 300).map((r) => r.headers['webhook-id'])).size;
    const done = () => distinctMail() >= RECIPIENTS && delivered() >= EVENTS;
    const sentRows = async () => new Set((await stack.owner.query(`select message_id from reminder_delivery where state = 'SENT'`)).rows.map((r) => r.message_id));
    const deliveredRows = async () => new Set((await stack.owner.query(`select 'msg_' || id as id from webhook_delivery where status = 'DELIVERED'`)).rows.map((r) => r.id));
    const window = new Set();
    const hookWindow = new Set();

    // The faults, one at a time, at seeded random moments, until everything has arrived.
    const faults = {
      async 'worker SIGKILL'() {
        const n = random.int(0, WORKERS - 1);
        workers[n].signalTree('SIGKILL');
        await workers[n].exited;
        windows.workerKills += 1;
        // What the worker wrote before it died may still be in the receivers' sockets: let it land first.
        await sleep(500);
        // What SMTP (or a webhook receiver) accepted that the ledger had not recorded when this worker died: the one window.
        const marked = await sentRows().catch(() => null);
        if (marked) for (const m of smtp.messages) if (!marked.has(header(m.raw, 'Message-ID'))) window.add(header(m.raw, 'Message-ID'));
        const recorded = await deliveredRows().catch(() => null);
        if (recorded) for (const r of hooks.requests) if (r.status < 300 && !recorded.has(r.headers['webhook-id'])) hookWindow.add(r.headers['webhook-id']);
        await sleep(random.int(200, 2_000));
        workers[n] = await startWorkerProcess(`${n}-${windows.workerKills}`);
      },
      async 'PostgreSQL restart'() {
        await stack.postgres.restart();
        windows.postgresRestarts += 1;
      },
      async 'Redis frozen'() {
        stack.redis.freeze();
        await sleep(random.int(500, 3_000));
        stack.redis.thaw();
        windows.redisFreezes += 1;
      },
      async 'Redis restart'() {
        await stack.redis.restart();
        windows.redisRestarts += 1;
      },
      async 'SMTP refusing'() {
        smtp.refuse({ code: random.next() < 0.5 ? 421 : 451, forMs: random.int(300, 3_000) });
        await sleep(3_000);
        windows.smtpRefusals += 1;
      },
      async 'webhook receiver failing'() {
        hooks.fail({ status: 503, forMs: random.int(300, 3_000) });
        await sleep(3_000);
        windows.webhookFailures += 1;
      },
    };
    const names = Object.keys(faults);
    const faultTimes = new Map(names.map((n) => [n, []]));
    let restartsAfterExit = 0;
    while (!done() && Date.now() - t0 < DEADLINE_MS) {
      await sleep(random.int(300, 2_500));
      // A worker that could not start (PostgreSQL was restarting) is started again.
      for (const [n, w] of workers.entries()) {
        if (w.running) continue;
        if (++restartsAfterExit > 30) throw new Error(`workers keep exiting:\n${readFileSync(path.join(dir, `worker-${n}.log`), 'utf8').slice(-2000)}`);
        workers[n] = await startWorkerProcess(`${n}-again-${restartsAfterExit}`);
      }
      if (done()) break;
      const name = names[random.int(0, names.length - 1)];
      activeFaults.add(name);
      const at = Date.now();
      await faults[name]().catch((error) => log(`${name} failed: ${error?.message ?? error}`));
      faultTimes.get(name).push(Date.now() - at);
      activeFaults.delete(name);
      log(`${((Date.now() - t0) / 1000).toFixed(0)} s: ${name}; ${distinctMail()} of ${RECIPIENTS} digests, ${delivered()} of ${EVENTS} webhooks`);
    }
    const finished = done();
    const tookMs = Date.now() - t0;
    // Late repeats (a lease running out after a kill) arrive now.
    await sleep(8_000);
    await probe.stop();

    const byId = new Map();
    for (const m of smtp.messages) byId.set(header(m.raw, 'Message-ID'), (byId.get(header(m.raw, 'Message-ID')) ?? 0) + 1);
    const repeats = [...byId].filter(([, n]) => n > 1);
    const outside = repeats.filter(([id]) => !window.has(id));
    const ledger = (await stack.owner.query(
      `select count(*)::int as rows, count(*) filter (where state = 'SENT')::int as sent, count(distinct (organisation_id, recipient_user_id, period))::int as keys from reminder_delivery`,
    )).rows[0];
    const hookCounts = new Map();
    let unverified = 0;
    for (const r of hooks.requests.filter((x) => x.status < 300)) {
      const secret = secrets.get(r.path);
      try {
        new Webhook(secret).verify(r.body, { 'webhook-id': r.headers['webhook-id'], 'webhook-timestamp': r.headers['webhook-timestamp'], 'webhook-signature': r.headers['webhook-signature'] });
      } catch {
        unverified += 1;
      }
      hookCounts.set(r.headers['webhook-id'], (hookCounts.get(r.headers['webhook-id']) ?? 0) + 1);
    }
    const hookRepeats = [...hookCounts].filter(([, n]) => n > 1);
    const hookOutside = hookRepeats.filter(([id]) => !hookWindow.has(id));
    const deadLetters = (await stack.owner.query(`select count(*)::int as n from webhook_delivery where status = 'DEAD'`)).rows[0].n;

    const answers = probe.samples;
    const slow = answers.filter((s) => s.ms > ANSWER_MS || !s.ok);
    console.log(`\nchaos: ${finished ? 'everything arrived' : 'NOT everything arrived'} in ${(tookMs / 1000).toFixed(1)} s (seed ${SEED})`);
    console.log(`faults: ${Object.entries(windows).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`digests: ${byId.size} of ${RECIPIENTS} distinct Message-IDs at the sink; misses ${RECIPIENTS - byId.size}; repeats ${repeats.length} (all in the accepted-then-killed window: ${outside.length === 0 ? 'yes' : `NO, ${outside.length} outside`}; messages in that window at the kills: ${window.size})`);
    console.log(`ledger: ${ledger.rows} rows for ${ledger.keys} (organisation, person, period) keys, ${ledger.sent} SENT`);
    console.log(`webhooks: ${hookCounts.size} of ${EVENTS} delivered (2xx), ${hookRepeats.length} delivered more than once (outside the answered-then-killed window: ${hookOutside.length}; in that window at the kills: ${hookWindow.size}), ${unverified} failing standardwebhooks verification, ${deadLetters} dead letters; ${hooks.requests.length - [...hookCounts.values()].reduce((a, b) => a + b, 0)} failed tries`);
    console.log(`API answers: ${answers.length} (max ${Math.max(...answers.map((s) => s.ms))} ms, p99 ${percentile(answers.map((s) => s.ms), 99)} ms); slower than ${ANSWER_MS} ms or failed: ${slow.length}`);
    for (const name of names) {
      const during = answers.filter((s) => s.faults.includes(name));
      if (during.length) console.log(`  during ${name} (${faultTimes.get(name).length}x): ${during.length} answers, max ${Math.max(...during.map((s) => s.ms))} ms, p99 ${percentile(during.map((s) => s.ms), 99)} ms`);
    }
    const broken = !finished || outside.length || byId.size < RECIPIENTS || ledger.rows !== ledger.keys || hookOutside.length || unverified || hookCounts.size < EVENTS || slow.length;
    console.log(broken ? '\nchaos: a promise was broken (see above)' : '\nchaos: every promise kept');
    process.exitCode = broken ? 1 : 0;
  } finally {
    await probe?.stop().catch(() => undefined);
    for (const p of processes) {
      p.signal('SIGTERM');
      if (!(await p.waitForExit(10_000))) p.signalTree('SIGKILL');
    }
    await Promise.all([smtp.close(), hooks.close()]);
    await stack.stop();
    if (process.exitCode) console.log(`logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
