// The benchmark database: a throw-away database on the server named by DATABASE_URL, built with the
// same compiled CLI that production uses (migrations incl. row-level security, then the bundled
// frameworks), and dropped afterwards whatever happens.
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pg = require('pg');
const run = promisify(execFile);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'packages', 'db', 'dist', 'cli.js');
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

/** The same server and credentials as `serverUrl`, another database. */
function withDatabase(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the maintenance database (CREATE/DROP DATABASE cannot run inside the target). */
async function onServer(serverUrl, sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates `waymark_bench_<pid>` (the pid keeps two runs on one server apart). Call `drop()` in a
 * finally: it is idempotent and forces out any connection the API pool still holds.
 */
export async function createBenchDatabase(serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  const name = `waymark_bench_${process.pid}`;
  const url = withDatabase(serverUrl, name);
  // A previous run with the same pid that was killed with -9 may have left one behind.
  await onServer(serverUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
  await onServer(serverUrl, `create database ${quoteIdent(name)}`);
  let dropping;
  return {
    name,
    url,
    /** The environment the CLI and the in-process API read their configuration from. */
    env: { ...process.env, DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL || DEFAULT_REDIS_URL },
    /** Idempotent: every caller (the normal path, a signal handler) waits for the same drop. */
    drop() {
      dropping ??= onServer(serverUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
      return dropping;
    },
  };
}

/** `node packages/db/dist/cli.js migrate` then `frameworks`, as `npm start` and docker compose do. */
export async function migrateBenchDatabase(db) {
  const lines = [];
  for (const step of ['migrate', 'frameworks']) {
    const { stdout } = await run(process.execPath, [CLI, step], { env: db.env, cwd: ROOT });
    lines.push(...stdout.trim().split('\n').filter(Boolean));
  }
  return lines;
}

/** A plain owner connection to the bench database (the owner is not subject to row-level security). */
export async function ownerClient(db) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return client;
}
