import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { QUEUES, type QueueName, queuePrefix } from '@waymark/jobs';

/** Every queue the worker serves: their health is read, and webhook redeliveries are queued, from the API. */
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES);

/**
 * The API's handles on the worker's queues, with the same per-queue prefix the worker uses. Made
 * once per server when REDIS_URL is set; without Redis there are none, and what needs them says so.
 */
export class ApiQueues {
  private readonly redis: IORedis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(redisUrl: string) {
    // A command gives up after one retry while Redis is away; callers also bound how long they wait.
    this.redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: queuePrefix(name) });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await this.redis.quit().catch(() => undefined);
  }
}
