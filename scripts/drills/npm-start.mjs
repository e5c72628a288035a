// Drill (d): `npm start`'s supervisor. The real scripts/start.mjs runs with its own data folder and
// ports; its API, Redis and PostgreSQL are SIGKILLed one at a time (each must come back while the
// others keep their pids), the worker is killed until the supervisor gives up on it (the API keeps
// answering), a message sent to the mail sink lands as an .eml file, and Ctrl-C stops everything
// in order: apps first, then Redis, then PostgreSQL, leaving no process behind.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { sleep } from './load.mjs';
import { Report } from './report.mjs';

export const name = 'npm-start';
export const purpose = "npm start's supervisor: a dead child comes back alone, a crash-looping one is given up on, Ctrl-C drains in order";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { freePort, poll } = require(path.join(ROOT, 'packages/testing/dist/services.js'));

const children = (pid) => {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map((line) => {
        const [, childPid, args] = line.trim().match(/^(\d+)\s+(.*)$/);
        return { pid: Number(childPid), args };
      });
  } catch {
    return [];
  }
};
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The first truthy answer of `check` within `timeoutMs`, or null. */
const until = (check, timeoutMs) => poll(check, timeoutMs, 100);

async function healthy(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200;
  } catch {
    return false;
  }
}

export async function run({ log }) {
  const report = new Report(name, purpose);
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-start-drill-'));
  const [apiPort, pgPort, redisPort, mailPort, workerPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  // The worker's health port too: on its default (4001) it dies at start whenever another stack on the machine holds it.
  const env = {
    ...process.env, WAYMARK_STATE_DIR: stateDir, PORT: String(apiPort), WAYMARK_EMBEDDED_PG_PORT: String(pgPort), WAYMARK_REDIS_PORT: String(redisPort),
    WAYMARK_MAIL_SINK_PORT: String(mailPort), WORKER_HEALTH_PORT: String(workerPort),
  };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL']) delete env[name];
  const lines = [];
  const start = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [start.stdout, start.stderr]) stream.on('data', (chunk) => lines.push(...String(chunk).split('\n')));
  const saw = (pattern, from = 0) => until(() => lines.slice(from).some((l) => pattern.test(l)), 30_000);
  const find = (pattern) => children(start.pid).find((c) => pattern.test(c.args))?.pid ?? null;
  const pids = () => ({ api: find(/apps\/api/), worker: find(/apps\/worker/), redis: find(/redis-server/), postgres: find(/bin\/postgres/) });

  try {
    const up = await until(() => lines.some((l) => l.startsWith('Waymark is running')), 180_000);
    if (!up) throw new Error(`npm start did not come up:\n${lines.slice(-20).join('\n')}`);
    log(`started (state in ${stateDir})`);
    const mailLine = lines.find((l) => l.startsWith('Mail:'));
    report.check('the start-up summary names the mail folder', mailLine?.includes(path.join(stateDir, 'mail')), mailLine);

    for (const [child, back] of [['api', /api is running again/], ['redis', /redis-server is running again/], ['postgres', /embedded PostgreSQL is running again/]]) {
      const before = pids();
      const mark = lines.length;
      const killedAt = Date.now();
      process.kill(before[child], 'SIGKILL');
      const cameBack = await saw(back, mark);
      const healthyAgain = await until(() => healthy(apiPort), 30_000);
      const after = pids();
      const others = Object.keys(before).filter((k) => k !== child);
      report.check(`${child} SIGKILLed: started again, the others kept running`,
        cameBack && healthyAgain && after[child] && after[child] !== before[child] && others.every((k) => after[k] === before[k]),
        `back and /healthz 200 after ${Date.now() - killedAt} ms; pids ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    }

    const mark = lines.length;
    for (let i = 0; i < 8 && !lines.slice(mark).some((l) => /Giving up on it/.test(l)); i++) {
      const worker = await until(() => pids().worker, 30_000);
      if (!worker) break;
      process.kill(worker, 'SIGKILL');
      await until(() => pids().worker !== worker || lines.slice(mark).some((l) => /Giving up on it/.test(l)), 30_000);
    }
    const gaveUp = lines.slice(mark).find((l) => /worker stopped unexpectedly.*Giving up on it/.test(l));
    report.check('a worker that keeps dying is given up on, with a message, and not started again', gaveUp && (await sleep(1000), pids().worker === null), gaveUp?.replace('[start] ', ''));
    report.check('the API kept answering meanwhile', await healthy(apiPort));

    await nodemailer.createTransport({ host: '127.0.0.1', port: mailPort, secure: false }).sendMail({ from: 'no-reply@waymark.local', to: 'someone@example.test', subject: 'Drill', text: 'hello' });
    const eml = await until(() => readdirSync(path.join(stateDir, 'mail')).find((f) => f.endsWith('.eml')), 5000);
    report.check('a message sent to the mail sink is written as an .eml file', Boolean(eml), eml ?? 'none');

    const last = pids();
    const exits = {};
    const watch = setInterval(() => {
      for (const [k, pid] of Object.entries(last)) if (pid && !exits[k] && !alive(pid)) exits[k] = Date.now();
    }, 10);
    const stopAt = Date.now();
    start.kill('SIGINT');
    const code = await new Promise((resolve) => start.once('exit', (c) => resolve(c)));
    await sleep(50);
    clearInterval(watch);
    const left = Object.entries(last).filter(([, pid]) => pid && alive(pid));
    const t = (k) => exits[k] ?? Infinity;
    report.check('Ctrl-C stops everything, exit code 0, no process left', code === 0 && left.length === 0, `exit ${code} after ${Date.now() - stopAt} ms; left: ${JSON.stringify(left)}`);
    report.check('in order: the API before Redis, Redis before PostgreSQL', t('api') <= t('redis') && t('redis') <= t('postgres'),
      Object.entries(exits).map(([k, at]) => `${k} +${at - stopAt} ms`).join(', '));
    report.figure('supervisor messages', lines.filter((l) => /^\[start\] .*(unexpectedly|running again|Giving up)/.test(l)).length);
  } finally {
    if (start.exitCode === null) {
      for (const c of children(start.pid)) process.kill(c.pid, 'SIGKILL');
      start.kill('SIGKILL');
    }
    rmSync(stateDir, { recursive: true, force: true });
  }
  return report;
}
