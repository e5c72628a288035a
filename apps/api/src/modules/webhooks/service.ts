import { randomUUID } from 'node:crypto';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '@waymark/db';
import {
  WEBHOOK_EVENT_TYPES, badInput, conflict, isUuid, newSigningSecret, notFound, sealSecret, unavailable,
} from '@waymark/domain';
import { WEBHOOK_JOBS, WEBHOOK_QUEUE, webhookDeliveryJobOptions, webhookJobIds } from '@waymark/jobs';
import { withTraceContext } from '@waymark/telemetry';
import { type TenantContext, actorOf } from '../../context';
import { audit } from '../../graphql/audit';
import { checkEndpointUrl } from './targets';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookEndpointWithSecret } from './types';

/** What the audit log keeps of an endpoint: never its secrets, sealed or not. */
const visible = (e: WebhookEndpoint) => ({
  id: e.id, url: e.url, description: e.description, eventTypes: e.eventTypes, enabled: e.enabled, previousSecretExpiresAt: e.previousSecretExpiresAt,
});

function eventTypes(types: string[]): string[] {
  const bad = types.find((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
  if (bad !== undefined) throw badInput('eventTypes', `"${bad}" is not an event type; choose from ${WEBHOOK_EVENT_TYPES.join(', ')}`, { reason: 'UNKNOWN_EVENT', eventType: bad });
  return [...new Set(types)].sort();
}

async function endpointForWrite(ctx: TenantContext, id: string): Promise<WebhookEndpoint> {
  const row = isUuid(id) ? await ctx.em.findOne(WebhookEndpoint, { id, organisationId: ctx.organisationId }) : null;
  if (!row) throw notFound('WebhookEndpoint', id);
  return row;
}

export async function createEndpoint(ctx: TenantContext, input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
  const url = await checkEndpointUrl(input.url, ctx.config.WEBHOOK_ALLOW_PRIVATE_TARGETS);
  const id = randomUUID();
  const secret = newSigningSecret();
  const endpoint = ctx.em.create(WebhookEndpoint, {
    id, organisationId: ctx.organisationId, url, description: input.description || null, eventTypes: eventTypes(input.eventTypes), enabled: input.enabled,
    secretCiphertext: sealSecret(ctx.config.AUTH_TOKEN_SECRET, ctx.organisationId, id, secret), createdBy: actorOf(ctx),
  });
  audit(ctx, 'webhook.create', 'WebhookEndpoint', id, null, visible(endpoint));
  return { endpoint, secret };
}

export async function updateEndpoint(ctx: TenantContext, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
  const endpoint = await endpointForWrite(ctx, id);
  const before = visible(endpoint);
  if (input.url === null) throw badInput('url', 'cannot be cleared');
  if (input.eventTypes === null) throw badInput('eventTypes', 'cannot be cleared');
  if (input.enabled === null) throw badInput('enabled', 'cannot be cleared');
  if (input.url !== undefined) endpoint.url = await checkEndpointUrl(input.url, ctx.config.WEBHOOK_ALLOW_PRIVATE_TARGETS);
  if (input.eventTypes !== undefined) endpoint.eventTypes = eventTypes(input.eventTypes);
  if (input.description !== undefined) endpoint.description = input.description || null;
  if (input.enabled !== undefined) endpoint.enabled = input.enabled;
  audit(ctx, 'webhook.update', 'WebhookEndpoint', id, before, visible(endpoint));
  return endpoint;
}

/**
 * A new secret, shown once. The one it replaces keeps signing, as a second signature, for
 * WEBHOOK_SECRET_GRACE_HOURS, so receivers can switch without missing a delivery. Rotating again
 * within the grace period drops the oldest.
 */
export async function rotateSecret(ctx: TenantContext, id: string): Promise<WebhookEndpointWithSecret> {
  const endpoint = await endpointForWrite(ctx, id);
  const before = visible(endpoint);
  const secret = newSigningSecret();
  const graceMs = ctx.config.WEBHOOK_SECRET_GRACE_HOURS * 3_600_000;
  endpoint.previousSecretCiphertext = graceMs > 0 ? endpoint.secretCiphertext : null;
  endpoint.previousSecretExpiresAt = graceMs > 0 ? new Date(Date.now() + graceMs) : null;
  endpoint.secretCiphertext = sealSecret(ctx.config.AUTH_TOKEN_SECRET, ctx.organisationId, id, secret);
  audit(ctx, 'webhook.rotate-secret', 'WebhookEndpoint', id, before, visible(endpoint));
  return { endpoint, secret };
}

/** Deleting an endpoint removes its deliveries too; jobs still queued for them find nothing to do. */
export async function deleteEndpoint(ctx: TenantContext, id: string): Promise<boolean> {
  const endpoint = await endpointForWrite(ctx, id);
  audit(ctx, 'webhook.delete', 'WebhookEndpoint', id, visible(endpoint), null);
  await ctx.em.nativeDelete(WebhookDelivery, { organisationId: ctx.organisationId, endpointId: id });
  ctx.em.remove(endpoint);
  return true;
}

/**
 * Sends a dead letter again: the row is queued again (PENDING) and written (locked by this
 * transaction) before its job is queued, so the job's own update waits for this commit and cannot
 * be overwritten by it. Each redelivery is one job (its number is in the id): asking twice at once
 * is refused by the status check, not sent twice.
 */
export async function redeliver(ctx: TenantContext, id: string): Promise<string> {
  const delivery = isUuid(id) ? await ctx.em.findOne(WebhookDelivery, { id, organisationId: ctx.organisationId }) : null;
  if (!delivery) throw notFound('WebhookDelivery', id);
  if (delivery.status !== WebhookDeliveryStatus.DEAD) throw conflict(`WebhookDelivery ${id} is ${delivery.status}: only a dead letter can be redelivered`);
  if (!ctx.queues) throw unavailable('The queues are not reachable (no REDIS_URL): nothing was redelivered');
  const before = { status: delivery.status, redeliveries: delivery.redeliveries };
  delivery.status = WebhookDeliveryStatus.PENDING;
  delivery.redeliveries += 1;
  delivery.deadAt = null;
  audit(ctx, 'webhook.redeliver', 'WebhookDelivery', id, before, { status: delivery.status, redeliveries: delivery.redeliveries });
  await ctx.em.flush();
  try {
    await ctx.queues.with(WEBHOOK_QUEUE, (queue) =>
      queue.add(
        WEBHOOK_JOBS.deliver.name,
        withTraceContext({ organisationId: ctx.organisationId, deliveryId: id }),
        webhookDeliveryJobOptions(ctx.config.WEBHOOK_MAX_ATTEMPTS, webhookJobIds.redeliver(id, delivery.redeliveries)),
      ),
    );
  } catch {
    throw unavailable('The queue could not be reached: nothing was redelivered; try again shortly', { retryable: true });
  }
  return id;
}
