import { z } from 'zod';

/**
 * The webhook queue's contracts. Each domain event relayed from the outbox is fanned out (by a
 * consumer of the `events` queue) into a ledger row and a delivery job per subscribed endpoint; a
 * delivery job sends one ledger row. Job ids are deterministic: the same (event, endpoint) is one
 * job however often it is fanned out, and a redelivery is one job per redelivery number.
 */
export const WEBHOOK_QUEUE = 'webhooks';

const uuid = z.uuid();

export const webhookDeliveryPayload = z.strictObject({
  organisationId: uuid,
  deliveryId: uuid,
});
export type WebhookDeliveryPayload = z.infer<typeof webhookDeliveryPayload>;

export const WEBHOOK_JOBS = {
  deliver: { queue: WEBHOOK_QUEUE, name: 'webhook-deliver', payload: webhookDeliveryPayload },
} as const;

/** The name of BullMQ's custom backoff strategy the webhook worker registers. */
export const WEBHOOK_BACKOFF = 'webhook';

export const webhookJobIds = {
  deliver: (eventId: string, endpointId: string) => `webhook-${eventId}-${endpointId}`,
  redeliver: (deliveryId: string, redelivery: number) => `webhook-redeliver-${deliveryId}-${redelivery}`,
};

/** Options of every delivery job: the configured tries, the webhook backoff, kept a while once finished. */
export function webhookDeliveryJobOptions(maxAttempts: number, jobId: string) {
  return {
    jobId,
    attempts: maxAttempts,
    backoff: { type: WEBHOOK_BACKOFF },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}
