import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, poll } from './ports';
import { RunningProcess, tail } from './process';

export interface RedisOptions {
  port?: number;
  /** Default `redis-server` on PATH, or WAYMARK_REDIS_SERVER. */
  command?: string;
  /** `aof`: the append-only file, fsync every second (as docker compose runs it); default nothing kept. */
  persistence?: 'none' | 'aof';
}

export interface RedisService {
  readonly port: number;
  readonly url: string;
  readonly pid: number | null;
  readonly running: boolean;
  /** SIGTERM: Redis shuts down cleanly (writing its AOF when persistence is on). */
  stop(): Promise<void>;
  /** SIGKILL: no clean shutdown. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  freeze(): void;
  thaw(): void;
  logs(lines?: number): string;
  close(): Promise<void>;
}

/** One PING over raw TCP: true on +PONG (not on -LOADING or silence). */
export function redisPing(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

/** A throw-away `redis-server` of its own on a free loopback port, data in a temporary folder. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisService> {
  const command = options.command ?? process.env.WAYMARK_REDIS_SERVER ?? 'redis-server';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-redis-'));
  const logFile = path.join(dir, 'redis.log');
  const port = options.port ?? (await freePort());
  const persistence = options.persistence === 'aof' ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir, '--daemonize', 'no'];
  let server: RunningProcess | null = null;

  const launch = async () => {
    let started: RunningProcess;
    try {
      started = await RunningProcess.start({ command, args, logFile });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`${command} was not found: install Redis 7 (apt-get install redis-server, brew install redis) or set WAYMARK_REDIS_SERVER`);
      }
      throw error;
    }
    server = started;
    const ready = await poll(async () => !started.running || (await redisPing(port)), 10_000, 50);
    if (!started.running || !ready) {
      started.signalTree('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}:\n${tail(logFile)}`);
    }
  };
  try {
    await launch();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const service: RedisService = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return server?.running ? server.pid : null;
    },
    get running() {
      return Boolean(server?.running);
    },
    async stop() {
      const current = server;
      if (!current?.running) return;
      current.signal('SIGTERM');
      current.signal('SIGCONT');
      if (!(await current.waitForExit(10_000))) {
        current.signalTree('SIGKILL');
        await current.exited;
      }
    },
    async kill() {
      const current = server;
      if (!current?.running) return;
      current.signalTree('SIGKILL');
      await current.exited;
    },
    async restart() {
      await service.stop();
      await launch();
    },
    freeze: () => server?.signalTree('SIGSTOP'),
    thaw: () => server?.signalTree('SIGCONT'),
    logs: (lines = 40) => tail(logFile, lines),
    async close() {
      await service.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return service;
}
