// A private Waymark stack for one drill: its own PostgreSQL and Redis (packages/testing's services)
// on free ports in temporary folders, a database migrated by the real CLI, and the real API as a
// child process. Every drill stops only what it started here.
import { execFile, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
// Built by `npm run build` (npm run drills builds first); CommonJS, so loaded with require.
const services = require(path.join(ROOT, 'packages/testing/dist/services.js'));
const run = promisify(execFile);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts PostgreSQL, Redis, a migrated database and the API; `stop()` undoes all of it. With
 * `proxyRedis`, the API reaches Redis through a TCP proxy the drill can stall (`stack.redisProxy`);
 * `redisOptions` go to startRedis (`{ persistence: 'aof' }` keeps the queues across a restart).
 */
export async function startStack({ log = () => undefined, apiEnv = {}, proxyRedis = false, redisOptions = {} } = {}) {
  const started = [];
  const stack = { postgres: null, redis: null, api: null };
  try {
    stack.postgres = await services.startPostgres();
    started.push(() => stack.postgres.close());
    stack.redis = await services.startRedis(redisOptions);
    started.push(() => stack.redis.close());
    log(`PostgreSQL on ${stack.postgres.port}, Redis on ${stack.redis.port}`);

    const admin = new pg.Client({ connectionString: stack.postgres.url() });
    await admin.connect();
    await admin.query('create database waymark');
    await admin.end();
    const secrets = {
      AUTH_TOKEN_SECRET: randomBytes(48).toString('base64url'),
      DATABASE_APP_PASSWORD: randomBytes(24).toString('base64url'),
      DATABASE_ANALYTICS_PASSWORD: randomBytes(24).toString('base64url'),
    };
    if (proxyRedis) {
      stack.redisProxy = await services.startTcpProxy(stack.redis.port);
      started.push(() => stack.redisProxy.close());
    }
    const redisUrl = stack.redisProxy ? stack.redisProxy.url('redis') : stack.redis.url;
    const env = { ...process.env, ...secrets, DATABASE_URL: stack.postgres.url('waymark'), REDIS_URL: redisUrl, LOG_LEVEL: 'warn' };
    for (const command of ['migrate', 'frameworks']) await run(process.execPath, ['packages/db/dist/cli.js', command], { cwd: ROOT, env });
    log('database migrated, frameworks imported');

    stack.owner = new pg.Pool({ connectionString: stack.postgres.url('waymark'), max: 2 });
    // The owner pool sees the server restart too; an idle client's error must not end the drill.
    stack.owner.on('error', () => undefined);
    started.push(() => stack.owner.end());

    const port = await services.freePort();
    stack.apiPort = port;
    stack.url = `http://127.0.0.1:${port}/graphql`;
    stack.api = {
      child: null,
      output: [],
      env: { ...env, ...apiEnv, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' },
      /** Starts the API and waits for /healthz; resolves with the milliseconds it took. */
      async start() {
        const at = Date.now();
        const child = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
        this.child = child;
        for (const stream of [child.stdout, child.stderr]) {
          stream.on('data', (chunk) => {
            this.output.push(...String(chunk).split('\n').filter(Boolean));
            // DRILL_API_LOG=<file> keeps the API's whole output, for looking into a failure.
            if (process.env.DRILL_API_LOG) appendFileSync(process.env.DRILL_API_LOG, chunk);
            if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
          });
        }
        while (Date.now() - at < 60_000) {
          if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${this.output.slice(-20).join('\n')}`);
          if (await healthy(port)) return Date.now() - at;
          await sleep(100);
        }
        throw new Error('the API did not answer /healthz within 60 s');
      },
      /** The distinct error messages the API logged, with how often: what a failed drill reports. */
      distinctErrors() {
        const counts = new Map();
        for (const line of this.output) {
          let message = line;
          try {
            const entry = JSON.parse(line);
            if (entry.level !== 'error') continue;
            message = `${entry.message}: ${entry.detail?.error ?? ''}`.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
          } catch {
            // not a JSON log line: kept as it is
          }
          counts.set(message, (counts.get(message) ?? 0) + 1);
        }
        return Object.fromEntries(counts);
      },
      get pid() {
        return this.child?.exitCode === null && this.child?.signalCode === null ? this.child.pid : null;
      },
      kill(signal = 'SIGKILL') {
        this.child?.kill(signal);
        return new Promise((resolve) => (this.child.exitCode !== null || this.child.signalCode !== null ? resolve() : this.child.once('exit', resolve)));
      },
      async stop() {
        if (!this.pid) return;
        this.child.kill('SIGTERM');
        const exited = await Promise.race([new Promise((r) => this.child.once('exit', () => r(true))), sleep(15_000).then(() => false)]);
        if (!exited) await this.kill();
      },
    };
    started.push(() => stack.api.stop());
    const took = await stack.api.start();
    log(`API up on ${port} in ${took} ms`);

    stack.healthy = () => healthy(port);
    // A session token as sign-in makes one: a user_session row (the API checks it on every request) and its id as `jti`.
    stack.token = async (userId) => {
      const sessionId = randomUUID();
      await stack.owner.query(
        `insert into user_session (id, created_at, user_id, last_seen_at, expires_at) values ($1, now(), $2, now(), now() + interval '1 hour')`,
        [sessionId, userId],
      );
      return jwt.sign({}, secrets.AUTH_TOKEN_SECRET, { algorithm: 'HS256', subject: userId, jwtid: sessionId, expiresIn: 3600, issuer: 'waymark' });
    };
    stack.stop = async () => {
      for (const undo of started.reverse()) await undo().catch(() => undefined);
    };
    return stack;
  } catch (error) {
    for (const undo of started.reverse()) await undo().catch(() => undefined);
    throw error;
  }
}

/** An organisation and `count` members with `role`, written as the database owner; each with its token. */
export async function createMembers(stack, { count, role = 'OWNER' }) {
  const organisationId = randomUUID();
  const slug = `drill-${organisationId.slice(0, 8)}`;
  await stack.owner.query(
    `insert into organisation (id, name, slug, kind, size_band, governance, created_at)
     values ($1, $2, $3, 'LIBRARY', 'MEDIUM', 'LOCAL_AUTHORITY', now())`,
    [organisationId, `Drill library ${slug}`, slug],
  );
  const members = [];
  for (let i = 0; i < count; i++) {
    const userId = randomUUID();
    await stack.owner.query(`insert into app_user (id, email, name, password_hash, created_at) values ($1, $2, $3, 'not-a-login', now())`, [
      userId, `${slug}-${i}@drill.example.test`, `Drill user ${i}`,
    ]);
    await stack.owner.query(`insert into membership (id, organisation_id, user_id, role, created_at) values ($1, $2, $3, $4, now())`, [
      randomUUID(), organisationId, userId, role,
    ]);
    members.push({ userId, token: await stack.token(userId), organisationId });
  }
  return { organisationId, members };
}
