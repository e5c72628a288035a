import { Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { WorkerConfig } from '@waymark/config';
import { QUEUE_PREFIX, WEBHOOK_BACKOFF, WEBHOOK_QUEUE } from '@waymark/jobs';
import type { Logger } from '@waymark/logger';
import { webhookBackoff, webhookProcessor } from '../processors/webhooks';
import { EndpointSlots } from './slots';

export interface WebhookWorker {
  worker: Worker;
  queue: Queue;
  close(): Promise<void>;
}

/**
 * The webhook queue's worker: WEBHOOK_CONCURRENCY deliveries at once per process, each with its
 * own timeout, at most WEBHOOK_ENDPOINT_CONCURRENCY of them to any one endpoint.
 */
export function startWebhookWorker(cfg: WorkerConfig, orm: MikroORM, redis: IORedis, log: Logger): WebhookWorker {
  const queue = new Queue(WEBHOOK_QUEUE, { connection: redis, prefix: QUEUE_PREFIX });
  const slots = new EndpointSlots(redis, cfg.WEBHOOK_ENDPOINT_CONCURRENCY, cfg.WEBHOOK_TIMEOUT_MS + 5_000);
  const backoff = webhookBackoff(cfg);
  const worker = new Worker(WEBHOOK_QUEUE, webhookProcessor({ cfg, orm, queue, slots, log }), {
    connection: redis,
    prefix: QUEUE_PREFIX,
    concurrency: cfg.WEBHOOK_CONCURRENCY,
    settings: { backoffStrategy: (attemptsMade, type) => (type === WEBHOOK_BACKOFF ? backoff(attemptsMade) : 0) },
  });
  return {
    worker,
    queue,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
