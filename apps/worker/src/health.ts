import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import type IORedis from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sqlPool } from '@waymark/db';
import { within } from '@waymark/jobs';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  redis: boolean;
  database: boolean;
  queues: Record<string, boolean>;
}

/** The answer, or false when there is none within a second. */
const answerOrFalse = <T>(work: Promise<T>): Promise<T | false> => within(1_000, work).catch(() => false as const);

export async function readiness(redis: IORedis, orm: MikroORM, workers: Worker[]): Promise<Readiness> {
  const [pong, db] = await Promise.all([
    answerOrFalse(redis.ping()),
    answerOrFalse(sqlPool(orm, { kind: 'system', purpose: 'health' }).selectNoFrom((eb) => eb.lit(1).as('one')).execute()),
  ]);
  const queues = Object.fromEntries(workers.map((w) => [w.name, w.isRunning() && !w.closing]));
  const ready = pong === 'PONG' && db !== false && Object.values(queues).every(Boolean);
  return { ready, redis: pong === 'PONG', database: db !== false, queues };
}

/** Who may read GET /metrics: anyone who reaches the port, only a bearer of the token, or nobody. */
export type MetricsAccess = { mode: 'open' } | { mode: 'token'; token: string } | { mode: 'off' };

const sameText = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * GET /healthz: the process answers (docker compose's liveness check). GET /readyz: Redis and
 * PostgreSQL answer and every queue's worker is running (503 otherwise), with the detail as JSON.
 * GET /metrics: Prometheus text, as `access` allows (like the API's: METRICS_TOKEN as a bearer
 * token; off in production without one). Loopback only.
 */
export function startHealthServer(
  port: number,
  check: () => Promise<Readiness>,
  metrics?: { access: MetricsAccess; contentType: string; text: () => Promise<string> },
): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { error: 'GET only' });
    if (req.url === '/healthz') return send(200, { ok: true });
    if (req.url === '/metrics' && metrics) {
      const { access } = metrics;
      if (access.mode === 'off') return send(404, { error: 'metrics are off: set METRICS_TOKEN to serve them' });
      if (access.mode === 'token' && !sameText(req.headers.authorization ?? '', `Bearer ${access.token}`)) return send(401, { error: 'metrics need the METRICS_TOKEN as a bearer token' });
      void metrics.text().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(text),
        () => send(500, { error: 'metrics could not be collected' }),
      );
      return;
    }
    if (req.url === '/readyz') {
      void check().then(
        (r) => send(r.ready ? 200 : 503, r),
        () => send(503, { ready: false }),
      );
      return;
    }
    send(404, { error: 'not found' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
