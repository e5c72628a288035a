// Checks that have no side effects, made before anything is started.
import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fail, log } from './output.mjs';
import { APPS, DB_CLI, ROOT } from './settings.mjs';

export function onPath(command) {
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

export const NO_REDIS = `Waymark needs Redis 7 (for its job queue), and none was found: REDIS_URL is not set and
there is no redis-server on PATH. Any one of these will do:
  - Debian/Ubuntu:  sudo apt-get install redis-server
  - macOS:          brew install redis
  - Docker:         docker run -d --name waymark-redis -p 127.0.0.1:6379:6379 redis:7
                    and then   export REDIS_URL=redis://localhost:6379
  - any Redis 7 you already run:   export REDIS_URL=redis://<host>:<port>
Then run npm start again.`;

export function checkBuilt() {
  const missing = [DB_CLI, ...APPS.map((app) => app.entry)].filter((file) => !existsSync(path.join(ROOT, file)));
  if (missing.length > 0) {
    throw fail(`Not built yet (missing ${missing.join(', ')}). Run "npm run build", or use "npm start", which builds first.`);
  }
}

/**
 * As root, PostgreSQL runs as a `postgres` user, which must be able to pass through every folder
 * above the data folder. A private folder (a mktemp directory, say) is opened for passing through
 * only (o+x: no listing, no reading), and the start-up output says so.
 */
export function letPostgresReach(dir) {
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

export function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
