import { type Reader, type WebhookDeliveryStatus } from '@waymark/db';
import { sql } from 'kysely';
import { badInput, isUuid, notFound } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import type { WebhookDeliveryFilter, WebhookDeliveryRow, WebhookEndpointRow } from './types';

/** The columns an endpoint and a delivery are read with. */
const ENDPOINT = [
  'e.id', 'e.url', 'e.description', 'e.eventTypes', 'e.enabled', 'e.previousSecretExpiresAt', 'e.createdAt', 'e.updatedAt',
] as const satisfies readonly `e.${keyof WebhookEndpointRow}`[];
const DELIVERY = [
  'd.id', 'd.endpointId', 'e.url as endpointUrl', 'd.eventId', 'd.eventType', 'd.body', 'd.status', 'd.attempts', 'd.lastStatusCode', 'd.lastError',
  'd.lastAttemptAt', 'd.deliveredAt', 'd.deadAt', 'd.redeliveries', 'd.createdAt',
] as const;

export async function findEndpoint(db: Reader, id: string): Promise<WebhookEndpointRow> {
  const row = isUuid(id) ? await db.sql.selectFrom('webhookEndpoint as e').select(ENDPOINT).where('e.id', '=', id).executeTakeFirst() : null;
  if (!row) throw notFound('WebhookEndpoint', id);
  return row;
}

/** Endpoints, newest first. */
export function listEndpoints(db: Reader, page: PageArgs): Promise<Connection<WebhookEndpointRow>> {
  return keysetPage({
    query: db.sql
      .selectFrom('webhookEndpoint as e')
      .select(['e.id', 'e.url', 'e.description', 'e.eventTypes', 'e.enabled', 'e.previousSecretExpiresAt', 'e.createdAt', 'e.updatedAt']),
    order: [
      { ref: 'e.createdAt', direction: 'desc', cast: 'timestamptz' },
      { ref: 'e.id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: 'webhook-endpoints',
    page,
  });
}

/** Deliveries, newest first; the dead-letter list is the DEAD ones, most recently dead first. */
export function listDeliveries(db: Reader, page: PageArgs, filter: WebhookDeliveryFilter | null | undefined, deadLetters = false): Promise<Connection<WebhookDeliveryRow>> {
  let count = db.sql.selectFrom('webhookDelivery as d');
  if (filter?.endpointId) {
    if (!isUuid(filter.endpointId)) throw badInput('filter.endpointId', 'is not an id');
    count = count.where('d.endpointId', '=', sql<string>`${filter.endpointId}::uuid`);
  }
  if (deadLetters) count = count.where('d.status', '=', sql.lit('DEAD'));
  else if (filter?.status?.length) count = count.where('d.status', '=', sql<WebhookDeliveryStatus>`any(${filter.status}::webhook_delivery_status[])`);
  // The count needs no endpoint: every delivery has one.
  const query = count
    .innerJoin('webhookEndpoint as e', (j) => j.onRef('e.organisationId', '=', 'd.organisationId').onRef('e.id', '=', 'd.endpointId'))
    .select([
      'd.id', 'd.endpointId', 'e.url as endpointUrl', 'd.eventId', 'd.eventType', 'd.body', 'd.status', 'd.attempts', 'd.lastStatusCode', 'd.lastError',
      'd.lastAttemptAt', 'd.deliveredAt', 'd.deadAt', 'd.redeliveries', 'd.createdAt',
    ]);
  return keysetPage({
    query,
    count,
    order: [
      { ref: deadLetters ? 'd.deadAt' : 'd.createdAt', direction: 'desc', cast: 'timestamptz', nullable: deadLetters },
      { ref: 'd.id', direction: 'desc', cast: 'uuid' },
    ],
    orderName: deadLetters ? 'webhook-dead-letters' : 'webhook-deliveries',
    page,
  });
}

export async function findDelivery(db: Reader, id: string): Promise<WebhookDeliveryRow> {
  const row: WebhookDeliveryRow | undefined = isUuid(id)
    ? await db.sql
        .selectFrom('webhookDelivery as d')
        .innerJoin('webhookEndpoint as e', 'e.id', 'd.endpointId')
        .select(DELIVERY)
        .where('d.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('WebhookDelivery', id);
  return row;
}
