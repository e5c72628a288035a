export { WebhookDeliveryStatus } from './status';
export { addressProblem, parseWebhookUrl, MAX_WEBHOOK_URL_LENGTH, type WebhookTarget } from './targets';
export { SECRET_PREFIX, newSigningSecret, sealSecret, openSecret } from './secrets';
export { retryDelay } from './retries';

/** What endpoints can subscribe to (the outbox's event types). */
export const WEBHOOK_EVENT_TYPES = [
  'assessment.submitted',
  'assessment.reopened',
  'plan.generated',
  'action_item.status_changed',
  'action_item.overdue',
  'partner.review_due',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
