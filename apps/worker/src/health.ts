import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import type IORedis from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';

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

const within = <T>(work: Promise<T>, ms: number): Promise<T | false> =>
  Promise.race([work, new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref())]).catch(() => false as const);

export async function readiness(redis: IORedis, orm: MikroORM, workers: Worker[]): Promise<Readiness> {
  const [pong, db] = await Promise.all([
    within(redis.ping(), 1_000),
    within(orm.em.fork().getConnection().execute('select 1'), 1_000),
  ]);
  const queues = Object.fromEntries(workers.map((w) => [w.name, w.isRunning() && !w.closing]));
  const ready = pong === 'PONG' && db !== false && Object.values(queues).every(Boolean);
  return { ready, redis: pong === 'PONG', database: db !== false, queues };
}

/**
 * GET /healthz: the process answers (docker compose's liveness check). GET /readyz: Redis and
 * PostgreSQL answer and every queue's worker is running (503 otherwise), with the detail as JSON.
 * Loopback only.
 */
export function startHealthServer(port: number, check: () => Promise<Readiness>): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { error: 'GET only' });
    if (req.url === '/healthz') return send(200, { ok: true });
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
