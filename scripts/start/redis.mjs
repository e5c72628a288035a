// A local redis-server (nothing persisted) under supervision.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { portInUse } from './checks.mjs';
import { fail, prefixOutput } from './output.mjs';
import { REDIS_DIR, REDIS_PORT, ROOT } from './settings.mjs';
import { Supervised, readyWhen } from './supervisor.mjs';

/** One PING over raw TCP: true on +PONG, false on anything else (including LOADING). */
export function ping(port) {
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

export async function startLocalRedis(redisServer) {
  if (await portInUse(REDIS_PORT)) {
    throw fail(`Port ${REDIS_PORT} is already in use. Set WAYMARK_REDIS_PORT to a free port, or REDIS_URL to use your own Redis.`);
  }
  mkdirSync(REDIS_DIR, { recursive: true });
  const supervised = new Supervised({
    name: 'redis-server',
    spawn: () => {
      // Nothing is persisted: this Redis lives as long as `npm start`. PostgreSQL keeps everything
      // that matters (the reminder ledger included) and the worker re-creates its schedules.
      const child = spawn(
        redisServer,
        ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', REDIS_DIR, '--loglevel', 'warning'],
        // Its own process group: Ctrl-C reaches only start.mjs, which stops Redis after the apps.
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
      );
      // The banner and the overcommit warning (which only matters for saving to disk) are noise here.
      prefixOutput(child, 'redis', { skip: /oO0OoO0OoO0Oo|Redis version=|Configuration loaded|Server initialized|Memory overcommit/ });
      return child;
    },
    ready: (child) => readyWhen(child, () => ping(REDIS_PORT), 10_000, 'answering PING'),
    stopDeadlineMs: 10_000,
    onGiveUp: 'The worker cannot take jobs until Redis is back; the API does not need Redis and keeps answering.',
  });
  try {
    await supervised.start();
  } catch (error) {
    throw fail(`redis-server did not start: ${error.message} (see its output above).`);
  }
  return { supervised, url: `redis://127.0.0.1:${REDIS_PORT}` };
}
