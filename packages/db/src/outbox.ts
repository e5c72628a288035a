import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainEvent, DomainEventType } from '@waymark/domain';
import { traceparent } from '@waymark/telemetry';
import { OutboxEvent } from './entities';
import { Session } from './session/session';

/**
 * Writes a domain event to the outbox through the caller's unit of work, so it commits (and wakes
 * the relay, by NOTIFY at commit) exactly when the change it describes commits, and vanishes with
 * it on rollback. The worker relays it to the `events` queue with the row's id as the job id, and
 * continues the trace of the request that wrote it (its `traceparent`, null when tracing is off).
 */
export function recordEvent<T extends DomainEventType>(target: EntityManager | Session, event: DomainEvent<T>): OutboxEvent {
  const em = target instanceof Session ? target.em : target;
  return em.create(OutboxEvent, {
    organisationId: event.organisationId,
    type: event.type,
    subjectId: event.subjectId,
    payload: JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>,
    traceparent: traceparent(),
  });
}
