import { Worker, type Job, UnrecoverableError, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { MikroORM } from '@mikro-orm/postgresql';
import type { WorkerConfig as Config } from '@waymark/config';
import { databaseUrlFor } from '@waymark/config';
import { ormConfig } from '@waymark/db';
import { JOBS, QUEUES, QUEUE_PREFIX, heartbeatPayload } from '@waymark/jobs';
import { type ShutdownResult, shutdownInOrder } from './shutdown';
import { createLogger } from '@waymark/logger';
import { startWebhookWorker } from './webhooks/worker';

export interface WaymarkWorker {
  orm: MikroORM;
  redis: IORedis;
  workers: Worker[];
  stop(): Promise<ShutdownResult>;
}

/**
 * Starts the worker: one BullMQ Worker per queue, connected to Redis and to PostgreSQL as the
 * API's role (jobs that need to read across organisations will use the analytics role). Later
 * issues add processors and schedulers here.
 */
export async function startWorker(cfg: Config): Promise<WaymarkWorker> {
  const redis = new IORedis(cfg.REDIS_URL, { maxRetriesPerRequest: null });
  await redis.ping();
  const orm = await MikroORM.init(ormConfig({ clientUrl: databaseUrlFor(cfg, 'app'), poolMax: 5 }));
  await orm.em.fork().getConnection().execute('select 1');

  const maintenance = new Worker(
    QUEUES.maintenance,
    async (job: Job) => {
      if (job.name === JOBS.heartbeat.name) {
        const parsed = heartbeatPayload.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
        const rows = await orm.em.fork().getConnection().execute<{ now: Date }[]>('select now() as now');
        return { requestedAt: parsed.data.requestedAt, databaseTime: new Date(rows[0]!.now).toISOString() };
      }
      throw new UnrecoverableError(`unknown job ${job.name}`);
    },
    { connection: redis, prefix: QUEUE_PREFIX, concurrency: 4 },
  );
  const webhooks = startWebhookWorker(cfg, orm, redis, createLogger({ level: cfg.LOG_LEVEL, name: 'worker', production: cfg.NODE_ENV === 'production' }));
  const workers = [maintenance, webhooks.worker];
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    orm,
    redis,
    workers,
    stop: () =>
      shutdownInOrder(
        [
          { name: 'stop taking work and drain', run: () => Promise.all([...workers.map((w) => w.close()), webhooks.close()]) },
          { name: 'close redis', run: () => redis.quit() },
          { name: 'close database', run: () => orm.close() },
        ],
        cfg.SHUTDOWN_DEADLINE_MS,
      ),
  };
}

export function queueFor(cfg: Config, name: string): Queue {
  return new Queue(name, { connection: new IORedis(cfg.REDIS_URL, { maxRetriesPerRequest: null }), prefix: QUEUE_PREFIX });
}
