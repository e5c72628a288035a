// `npm start`: everything Waymark needs on one machine, in one command.
//
// Uses DATABASE_URL and REDIS_URL when they are set. Otherwise it runs an embedded PostgreSQL
// (data kept in .waymark/postgres) and a redis-server from PATH (nothing kept); without SMTP_URL a
// local mail sink writes every email to .waymark/mail. Then it migrates, seeds the demo, and runs
// the API and the worker with their output prefixed.
//
// Every long-running child is supervised on its own (start/supervisor.mjs): one that dies is
// started again with a growing delay, and given up on (with a message) when it keeps dying, while
// the others keep running. Ctrl-C stops the apps first (they drain), then the mail sink, Redis and
// PostgreSQL, each with a deadline.
//
// This is the one place besides packages/config that reads the environment: it prepares the
// environment the apps then parse.
import { superviseApp, waitForApi } from './start/apps.mjs';
import { NO_REDIS, checkBuilt, onPath } from './start/checks.mjs';
import { startMailSink } from './start/mail-sink.mjs';
import { log, redact, warn } from './start/output.mjs';
import { startEmbeddedPostgres } from './start/postgres.mjs';
import { startLocalRedis } from './start/redis.mjs';
import { developmentSecrets } from './start/secrets.mjs';
import { API_PORT, APPS, DB_CLI, PG_DIR, PG_PORT, REDIS_PORT, shown } from './start/settings.mjs';
import { runStep } from './start/steps.mjs';

/** Everything started so far, so any exit path stops exactly that, in order. */
const running = {
  /** @type {import('node:child_process').ChildProcess | null} the migrate/seed step in progress */
  step: null,
  /** @type {import('./start/supervisor.mjs').Supervised[]} */
  apps: [],
  /** @type {{ close(): Promise<void> } | null} */
  mailSink: null,
  /** @type {import('./start/supervisor.mjs').Supervised | null} */
  redis: null,
  /** @type {import('./start/supervisor.mjs').Supervised | null} */
  postgres: null,
};
let shuttingDown = false;

let stopping = null;
function stopAll(code, reason) {
  stopping ??= (async () => {
    shuttingDown = true;
    if (reason) warn(reason);
    const started = Boolean(running.step || running.apps.length || running.mailSink || running.redis || running.postgres);
    if (started) log('Stopping ...');
    if (running.step && running.step.exitCode === null) running.step.kill('SIGTERM');
    await Promise.all(running.apps.map((app) => app.stop()));
    await running.mailSink?.close();
    await running.redis?.stop();
    await running.postgres?.stop();
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
        for (const child of [...running.apps, running.redis, running.postgres]) child?.signal('SIGKILL');
        running.step?.kill('SIGKILL');
        process.exit(1);
      }
      return;
    }
    void stopAll(0);
  });
}

// Last resort when this script dies some other way: children in their own process groups would
// otherwise outlive it.
process.on('exit', () => {
  running.step?.kill('SIGTERM');
  for (const app of running.apps) app.signal('SIGTERM');
  running.redis?.signal('SIGTERM');
  running.postgres?.signal('SIGINT');
});

async function main() {
  const redisServer = process.env.REDIS_URL ? null : onPath('redis-server');
  if (!process.env.REDIS_URL && !redisServer) {
    console.error(NO_REDIS);
    process.exit(1);
  }
  checkBuilt();

  const notes = [];
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    notes.push(`Data: the database at ${redact(databaseUrl)} (DATABASE_URL).`);
  } else {
    const pg = await startEmbeddedPostgres({ quiet: () => shuttingDown });
    running.postgres = pg.supervised;
    databaseUrl = pg.url;
    notes.push(`Data: embedded PostgreSQL on 127.0.0.1:${PG_PORT}, data folder ${PG_DIR} (delete it, while stopped, to start afresh).`);
    log(`Embedded PostgreSQL is up on 127.0.0.1:${PG_PORT} (data in ${shown(PG_DIR)}).`);
  }
  if (shuttingDown) return;

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis(redisServer);
    running.redis = redis.supervised;
    redisUrl = redis.url;
    log(`Redis is up on 127.0.0.1:${REDIS_PORT} (nothing persisted).`);
  }
  if (shuttingDown) return;

  const env = { ...developmentSecrets(), ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  if (!process.env.SMTP_URL) {
    const sink = await startMailSink();
    running.mailSink = sink;
    env.SMTP_URL = sink.url;
    notes.push(`Mail: nothing leaves this machine; every email is written to ${sink.folder} (SMTP sink on ${sink.url.replace('smtp://', '')}).`);
  } else {
    notes.push(`Mail: sent through ${redact(process.env.SMTP_URL)} (SMTP_URL).`);
  }
  if (shuttingDown) return;

  const track = (child) => {
    running.step = child;
  };
  log('Migrating the database ...');
  await runStep([DB_CLI, 'migrate'], env, track);
  if (shuttingDown) return;
  log('Loading frameworks and demo data ...');
  await runStep([DB_CLI, 'seed'], env, track);
  if (shuttingDown) return;

  for (const app of APPS) {
    const supervised = superviseApp(app, env);
    running.apps.push(supervised);
    await supervised.start();
  }
  const api = running.apps[0];
  // A crash during start-up is restarted like any other, so this waits through restarts.
  const tookMs = await waitForApi(() => !shuttingDown && api.state !== 'gave-up', 60_000);
  if (shuttingDown) return;
  console.log('');
  if (api.state === 'gave-up') log('The API stopped during start-up and was given up on: see its output above.');
  else if (tookMs === null) log(`The API has not answered http://127.0.0.1:${API_PORT}/healthz after a minute; see its output above.`);
  console.log(api.state === 'gave-up'
    ? 'Waymark is running without its API (see above).'
    : `Waymark is running: the web app at http://localhost:${API_PORT}/, GraphQL at http://localhost:${API_PORT}/graphql, health at http://localhost:${API_PORT}/healthz`);
  for (const note of notes) console.log(note);
  console.log('A child that stops is started again (up to 5 times a minute); the others keep running.');
  console.log('Press Ctrl-C to stop.');
}

main().catch((error) => {
  if (shuttingDown) return;
  void stopAll(1, error?.friendly ? error.message : `Start-up failed: ${error?.stack ?? error}`);
});
