import type { Job } from 'bullmq';
import type { z } from 'zod';
import type { QueueName } from '@waymark/jobs';
import type { WorkerServices } from '../services';

/**
 * One kind of job: where it runs, how its payload is checked, and an idempotent handler (running it
 * twice for the same payload has the effect of running it once). The registry parses the payload
 * before calling `handle`; a payload that does not parse fails the job for good.
 */
export interface Processor<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  name: string;
  payload: S;
  /** `signal` aborts when the job is cancelled (BullMQ's `worker.cancelJob`) or the worker closes: stop before the next effect. */
  handle(services: WorkerServices, payload: z.infer<S>, job: Job, signal?: AbortSignal): Promise<unknown>;
}

export function defineProcessor<S extends z.ZodType>(definition: { job: { queue: QueueName; name: string; payload: S } } & Pick<Processor<S>, 'handle'>): Processor<S> {
  return { queue: definition.job.queue, name: definition.job.name, payload: definition.job.payload, handle: definition.handle };
}
