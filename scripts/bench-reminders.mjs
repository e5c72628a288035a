// `npm run bench:reminders`: reminder digests for organisations with 100,000 due action items in
// total, delivered by the real worker process (apps/worker/dist/main.js) to a local SMTP sink:
//   1. a clean run: messages per second, time to the last delivery, duplicates and misses;
//   2. the same with the worker SIGKILLed at a random moment of the middle half (BENCH_SEED) and
//      started again: misses must stay 0, and a repeat is allowed only for a message in the one
//      window the ledger cannot close (SMTP accepted it, the worker died before marking it SENT);
//      the run counts how many messages were in that window at the kill;
//   3. a bare pooled nodemailer sending the same number of messages to the same sink, and the
//      ratio of the worker's rate to it.
// A throw-away database on DATABASE_URL's server, a private redis-server and SMTP sink on free
// ports; all removed afterwards. BENCH_ORGS, BENCH_OWNERS, BENCH_ITEMS_EACH change the size.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase, migrateBenchDatabase, ownerClient } from './bench/db.mjs';
import { seedReminders } from './bench/reminder-seed.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { poll, startRedis, startSmtpReceiver } = require(path.join(ROOT, 'packages/testing/dist/services.js'));
const { RunningProcess } = require(path.join(ROOT, 'packages/testing/dist/services/process.js'));
const { seededRandom } = require(path.join(ROOT, 'packages/testing/dist/services.js'));
const { Queue } = require('bullmq');
const IORedis = require('ioredis').default ?? require('ioredis');
const nodemailer = require('nodemailer');
const { JOBS, queuePrefix } = require(path.join(ROOT, 'packages/jobs/dist/index.js'));

const ORGS = Number(process.env.BENCH_ORGS ?? 100);
const OWNERS = Number(process.env.BENCH_OWNERS ?? 20);
const ITEMS_EACH = Number(process.env.BENCH_ITEMS_EACH ?? 50);
const RECIPIENTS = ORGS * OWNERS;
const ITEMS = RECIPIENTS * ITEMS_EACH;
const SECRET = 'bench-token-secret-'.padEnd(48, 'x');
const SEED = Number(process.env.BENCH_SEED ?? Date.now() % 1_000_000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Whether `check` came true within `timeoutMs`. */
const until = async (check, timeoutMs, everyMs = 20) => (await poll(check, timeoutMs, everyMs)) !== null;

function workerEnv(db, redisUrl, smtpUrl) {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    AUTH_TOKEN_SECRET: SECRET,
    WORKER_HEALTH_PORT: '0',
    REMINDER_LOCAL_HOUR: '0',
    REMINDER_SCAN_PATTERN: '0 0 1 1 *',
    REMINDER_LEASE_MS: '3000',
    REMINDER_RETRY_DELAY_MS: '500',
    WORKER_STALLED_MS: '2000',
    DATABASE_POOL_MAX: '12',
  };
}

const messageId = (m) => /^Message-ID:\s*(.*)$/im.exec(m.raw.split(/\r?\n\r?\n/, 1)[0])?.[1];

/** Repeats by address and by Message-ID; `window` holds the Message-IDs SMTP had accepted unmarked when the worker was killed. */
function tally(messages, window = new Set()) {
  const byAddress = new Map();
  const ids = new Set();
  let sameId = 0;
  let outsideWindow = 0;
  for (const m of messages) {
    for (const to of m.to) byAddress.set(to, (byAddress.get(to) ?? 0) + 1);
    const id = messageId(m);
    if (ids.has(id)) {
      sameId += 1;
      if (!window.has(id)) outsideWindow += 1;
    }
    ids.add(id);
  }
  let duplicates = 0;
  for (const c of byAddress.values()) duplicates += c - 1;
  return { duplicates, misses: RECIPIENTS - byAddress.size, sameMessageId: sameId, outsideWindow, window: window.size };
}

async function run({ db, redis, smtp, client, dir, kill }) {
  await client.query('truncate reminder_delivery');
  smtp.clear();
  const flush = new IORedis(redis.url, { maxRetriesPerRequest: null });
  await flush.flushall();
  const queue = new Queue(JOBS.reminderScan.queue, { connection: flush, prefix: queuePrefix(JOBS.reminderScan.queue) });
  const children = [];
  const start = async () => {
    const child = await RunningProcess.start({
      command: process.execPath, args: [path.join(ROOT, 'apps/worker/dist/main.js')], env: workerEnv(db, redis.url, smtp.url),
      logFile: path.join(dir, `worker-${kill ? 'kill' : 'clean'}-${children.length}.log`),
    });
    children.push(child);
    return child;
  };
  try {
    const first = await start();
    // Ready when its health endpoint would answer: here, when the scheduler exists in Redis.
    if (!(await until(async () => (await queue.getJobSchedulers()).length > 0, 20_000))) throw new Error(`worker did not start:\n${readFileSync(path.join(dir, 'worker-clean-0.log'), 'utf8')}`);
    const t0 = Date.now();
    await queue.add(JOBS.reminderScan.name, {}, { jobId: `bench-scan-${Date.now()}` });
    let killedAt = null;
    const window = new Set();
    if (kill) {
      const random = seededRandom(SEED);
      await until(() => smtp.messages.length >= Math.round(RECIPIENTS * (0.25 + random.next() / 2)), 600_000, 2);
      await sleep(random.int(0, 50));
      first.signalTree('SIGKILL');
      await first.exited;
      killedAt = smtp.messages.length;
      const marked = new Set((await client.query(`select message_id from reminder_delivery where state = 'SENT'`)).rows.map((r) => r.message_id));
      for (const m of smtp.messages) if (!marked.has(messageId(m))) window.add(messageId(m));
      await start();
    }
    const done = await until(() => smtp.messages.length >= RECIPIENTS && new Set(smtp.messages.flatMap((m) => m.to)).size >= RECIPIENTS, 900_000, 5);
    const last = smtp.messages.at(-1)?.receivedAt ?? new Date();
    const firstAt = smtp.messages[0]?.receivedAt ?? new Date();
    // Anything that would arrive late (a duplicate) arrives now.
    await sleep(kill ? 4_000 : 1_500);
    const sent = await client.query(`select count(*)::int as n from reminder_delivery where state = 'SENT'`);
    return {
      done, killedAt, toLastMs: last.getTime() - t0,
      rate: RECIPIENTS / ((last.getTime() - firstAt.getTime()) / 1000), ledgerSent: sent.rows[0].n, ...tally(smtp.messages, window),
    };
  } finally {
    for (const child of children) {
      child.signal('SIGTERM');
      if (!(await child.waitForExit(15_000))) child.signalTree('SIGKILL');
    }
    await queue.close();
    flush.disconnect();
  }
}

async function bare(smtp) {
  smtp.clear();
  // host and port, not url: given a url, nodemailer ignores every other option (the pool among them).
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, pool: true, maxConnections: 5, maxMessages: Infinity });
  // The same size as a digest: one line and one link per item.
  const lines = Array.from({ length: ITEMS_EACH }, (_, i) => `Action item: Agree the partnership plan with partner ${i} (due 2026-12-0${i % 7 + 1})`);
  const link = (i) => `http://localhost:4000/o/00000000-0000-4000-8000-000000000000/plan/00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const text = lines.map((l, i) => `- ${l}\n  ${link(i)}`).join('\n');
  const html = `<ul>${lines.map((l, i) => `<li><a href="${link(i)}">${l}</a></li>`).join('')}</ul>`;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 40 }, async () => {
    while (next < RECIPIENTS) {
      const i = next++;
      await transport.sendMail({ from: 'Waymark <no-reply@waymark.local>', to: `bare-${i}@bench.test`, subject: `Bare ${i}`, text, html, messageId: `<bare.${i}@waymark.local>` });
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  transport.close();
  return { rate: RECIPIENTS / seconds, seconds };
}

const fmt = (n, d = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-reminders-'));
  const db = await createBenchDatabase();
  let redis;
  let smtp;
  let client;
  try {
    await migrateBenchDatabase(db);
    client = await ownerClient(db);
    const seedMs = await seedReminders(client, { orgs: ORGS, owners: OWNERS, itemsEach: ITEMS_EACH });
    console.log(`bench:reminders: ${ORGS} organisations, ${fmt(ITEMS)} due action items, ${fmt(RECIPIENTS)} recipients (one digest each); seeded in ${fmt(seedMs / 1000, 1)} s`);
    [redis, smtp] = await Promise.all([startRedis(), startSmtpReceiver()]);

    const clean = await run({ db, redis, smtp, client, dir, kill: false });
    console.log(`\nworker, clean run:      ${fmt(clean.rate)} messages/s, last delivery ${fmt(clean.toLastMs / 1000, 2)} s after the scan was queued; duplicates: ${clean.duplicates}, misses: ${clean.misses} (ledger SENT ${fmt(clean.ledgerSent)})`);
    const killed = await run({ db, redis, smtp, client, dir, kill: true });
    console.log(`worker, SIGKILL at a random moment (seed ${SEED}): killed after ${fmt(killed.killedAt)} messages and started again; last delivery ${fmt(killed.toLastMs / 1000, 2)} s after the scan (stall detection 2 s + lease 3 s included); duplicates: ${killed.duplicates} (same Message-ID: ${killed.sameMessageId}; outside the accepted-then-killed window: ${killed.outsideWindow}; messages in that window at the kill: ${killed.window}), misses: ${killed.misses} (ledger SENT ${fmt(killed.ledgerSent)})`);
    const raw = await bare(smtp);
    console.log(`bare pooled nodemailer:  ${fmt(raw.rate)} messages/s (${fmt(RECIPIENTS)} messages in ${fmt(raw.seconds, 2)} s, 5 connections)`);
    console.log(`ratio worker / bare:     ${fmt(clean.rate / raw.rate, 2)}x (goal >= 0.8x)`);
    if (clean.duplicates || clean.misses || killed.outsideWindow || killed.duplicates !== killed.sameMessageId || killed.misses) process.exitCode = 1;
  } finally {
    await client?.end().catch(() => undefined);
    await Promise.all([redis?.close(), smtp?.close()]);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
