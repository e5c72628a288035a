import { DelayedError, type Job, UnrecoverableError, WaitingChildrenError, Worker, type WorkerOptions } from 'bullmq';
import type IORedis from 'ioredis';
import { QUEUES, type QueueName, WEBHOOK_BACKOFF, queuePrefix } from '@waymark/jobs';
import { webhookBackoff } from './processors/webhooks';
import type { Processor } from './processors';
import type { WorkerServices } from './services';
import { SpanKind, inSpan, takeTraceContext } from '@waymark/telemetry';

/** Concurrency per queue: reminders send in parallel inside a job, so few jobs at a time suffice. */
/** Benchmarks one at a time (recomputes also take a lock per framework, across worker processes). */
const CONCURRENCY: Partial<Record<QueueName, number>> = { maintenance: 4, events: 8, reminders: 4, benchmarks: 1 };

/**
 * One BullMQ Worker per queue that has processors, dispatching by job name. The payload is parsed
 * with the processor's zod schema first: a bad payload (or an unknown job) fails for good as an
 * UnrecoverableError, with one log line naming the job and the problem.
 */
export function startProcessors(services: WorkerServices, connection: IORedis, processors: readonly Processor[], options: Partial<WorkerOptions> = {}): Worker[] {
  const byQueue = new Map<QueueName, Map<string, Processor>>();
  for (const p of processors) {
    const names = byQueue.get(p.queue) ?? new Map<string, Processor>();
    if (names.has(p.name)) throw new Error(`two processors for ${p.queue}/${p.name}`);
    names.set(p.name, p);
    byQueue.set(p.queue, names);
  }
  const backoff = webhookBackoff(services.cfg);
  return [...byQueue].map(([queue, names]) => {
    const refuse = (job: Job, problem: string): never => {
      services.logger.error({ queue, job: job.name, jobId: job.id, problem }, 'job refused: bad payload');
      throw new UnrecoverableError(problem);
    };
    return new Worker(
      queue,
      async (job: Job, _token?: string, signal?: AbortSignal) => {
        // The trace context the producer put in the job data (none when tracing was off there) is
        // taken off before the payload is parsed; the job's span continues that trace.
        const { data, parent } = takeTraceContext(job.data);
        const attributes = { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'messaging.message.id': String(job.id), 'waymark.job.attempt': job.attemptsMade + 1 };
        return inSpan(`job ${job.name}`, { kind: SpanKind.CONSUMER, parent, attributes, expected: (e) => e instanceof DelayedError || e instanceof WaitingChildrenError }, async () => {
          const processor = names.get(job.name);
          if (!processor) return refuse(job, `unknown job ${job.name}`);
          const parsed = processor.payload.safeParse(data);
          if (!parsed.success) return refuse(job, `invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`);
          return processor.handle(services, parsed.data, job, signal);
        });
      },
      {
        connection,
        prefix: queuePrefix(queue),
        // Webhook deliveries wait on other people's servers: many at once (each with its own timeout, and a few per endpoint at most).
        concurrency: (queue === QUEUES.webhooks ? services.cfg.WEBHOOK_CONCURRENCY : CONCURRENCY[queue]) ?? 2,
        settings: { backoffStrategy: (attemptsMade: number, type?: string) => (type === WEBHOOK_BACKOFF ? backoff(attemptsMade) : 0) },
        lockDuration: services.cfg.WORKER_STALLED_MS,
        stalledInterval: services.cfg.WORKER_STALLED_MS,
        maxStalledCount: 10,
        ...options,
      },
    );
  });
}
