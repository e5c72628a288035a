import type { DomainEventJob } from '@waymark/jobs';
import { JOBS } from '@waymark/jobs';
import type { WorkerServices } from '../services';
import { defineProcessor } from './processor';
import { recomputeAfterSubmission } from './benchmarks';
import { webhookFanOut } from './webhooks';

/**
 * Something that acts on relayed domain events (webhook fan-out, benchmark recompute ...). Each is
 * called once per delivery of the job and must itself be idempotent on `event.id`: a job may run
 * again after a crash.
 */
export type EventConsumer = (services: WorkerServices, event: DomainEventJob) => Promise<void>;

/** Every consumer of domain events, listed once here. */
export const EVENT_CONSUMERS: readonly EventConsumer[] = [webhookFanOut, recomputeAfterSubmission];

/** A domain event relayed from the outbox (job id = event id). */
export const domainEvent = defineProcessor({
  job: JOBS.domainEvent,
  async handle(services, event) {
    for (const consume of EVENT_CONSUMERS) await consume(services, event);
    services.logger.debug({ event: event.id, type: event.type, organisation: event.organisationId }, 'domain event handled');
    return { consumers: EVENT_CONSUMERS.length };
  },
});
