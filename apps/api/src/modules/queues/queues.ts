import { Queue } from 'bullmq';
import { type QueueName, queuePrefix } from '@waymark/jobs';
import type { RedisLink } from '../../http/redis-link';

/**
 * The API's handles on the worker's queues (webhook redeliveries are queued from here), with the
 * same per-queue prefix the worker uses. Made once per server when REDIS_URL is set; without Redis
 * there are none, and what needs them says so. Every command goes through the link, so a Redis that
 * is down or silent refuses at once or within its deadline instead of holding the request.
 */
export class ApiQueues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(readonly link: RedisLink) {}

  /** Runs work on a queue within the link's deadline. */
  with<T>(name: QueueName, work: (queue: Queue) => Promise<T>): Promise<T> {
    return this.link.run(() => work(this.get(name)));
  }

  private get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.link.client, prefix: queuePrefix(name) });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.link.close();
  }
}
