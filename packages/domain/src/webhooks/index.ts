export { WebhookDeliveryStatus } from './status';
export { addressProblem, parseWebhookUrl, MAX_WEBHOOK_URL_LENGTH, WebhookUrlError, type WebhookTarget } from './targets';
export { SECRET_PREFIX, newSigningSecret, sealSecret, openSecret } from './secrets';
export { retryDelay } from './retries';

import { DOMAIN_EVENT_TYPES, type DomainEventType } from '../events';

/** What endpoints can subscribe to: every domain event the outbox carries. */
export const WEBHOOK_EVENT_TYPES = DOMAIN_EVENT_TYPES;
export type WebhookEventType = DomainEventType;
