import { z } from 'zod';

/**
 * The webhook queue's contracts: a fan-out job turns one event into a delivery per subscribed
 * endpoint (a ledger row each); a delivery job sends one ledger row. Job ids are deterministic:
 * the same (event, endpoint) is one job however often it is fanned out, and a redelivery is one
 * job per redelivery number.
 */
export const WEBHOOK_QUEUE = 'webhooks';

const uuid = z.uuid();

export const webhookFanOutPayload = z.strictObject({
  organisationId: uuid,
  eventId: uuid,
  type: z.string().min(1).max(100),
  occurredAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookFanOutPayload = z.infer<typeof webhookFanOutPayload>;

export const webhookDeliveryPayload = z.strictObject({
  organisationId: uuid,
  deliveryId: uuid,
});
export type WebhookDeliveryPayload = z.infer<typeof webhookDeliveryPayload>;

export const WEBHOOK_JOBS = {
  fanOut: { queue: WEBHOOK_QUEUE, name: 'webhook-fan-out', payload: webhookFanOutPayload },
  deliver: { queue: WEBHOOK_QUEUE, name: 'webhook-deliver', payload: webhookDeliveryPayload },
} as const;

/** The name of BullMQ's custom backoff strategy the webhook worker registers. */
export const WEBHOOK_BACKOFF = 'webhook';

export const webhookJobIds = {
  fanOut: (eventId: string) => `webhook-event-${eventId}`,
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
