import { z } from 'zod';

/**
 * Queue names, payload schemas and job ids shared by the API (which enqueues) and the worker
 * (which processes). Names carry a hash tag so that on a Redis Cluster all of one queue's keys
 * live in one slot, as BullMQ requires.
 */
export const QUEUE_PREFIX = '{waymark}';

export const QUEUES = {
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A liveness job: the worker answers it by touching both Redis and PostgreSQL. */
export const heartbeatPayload = z.strictObject({ requestedAt: z.iso.datetime() });
export type HeartbeatPayload = z.infer<typeof heartbeatPayload>;

export const JOBS = {
  heartbeat: { queue: QUEUES.maintenance, name: 'heartbeat', payload: heartbeatPayload },
} as const;

/** BullMQ job ids must not contain ':'; ids are built from parts joined with '-'. */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.map(String).join('-');
  if (id.includes(':')) throw new Error(`job id must not contain ':': ${id}`);
  return id;
}
export * from './webhooks';
