// The API and the worker, each supervised on its own.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { duration, prefixOutput } from './output.mjs';
import { API_PORT, APP_STOP_DEADLINE_MS, ROOT } from './settings.mjs';
import { Supervised } from './supervisor.mjs';

/** GET /healthz on a connection that is closed afterwards: a kept-alive one would hold up the API's own shutdown. */
export function apiHealthy() {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port: API_PORT, path: '/healthz', agent: false, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

/** Polls /healthz (the API's readiness signal) until it answers 200, `stillWorthWaiting()` is false or `timeoutMs` passes. */
export async function waitForApi(stillWorthWaiting, timeoutMs) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs && stillWorthWaiting()) {
    if (await apiHealthy()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

const ON_GIVE_UP = {
  api: 'GraphQL is unavailable; the worker, the database and Redis keep running.',
  worker: 'Reminders and benchmark jobs wait in Redis; the API keeps answering.',
};

export function superviseApp({ name, entry }, env) {
  return new Supervised({
    name,
    spawn: () => {
      // Own process group: Ctrl-C reaches only start.mjs, which then asks each app to drain (SIGTERM).
      const child = spawn(process.execPath, [entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      prefixOutput(child, name);
      return child;
    },
    announce:
      name === 'api'
        ? async (child) => {
            const took = await waitForApi(() => child.exitCode === null && child.signalCode === null, 60_000);
            return took === null ? '/healthz does not answer yet' : `/healthz answered ${duration(took)} after it started`;
          }
        : undefined,
    stopDeadlineMs: APP_STOP_DEADLINE_MS,
    onGiveUp: ON_GIVE_UP[name],
  });
}
