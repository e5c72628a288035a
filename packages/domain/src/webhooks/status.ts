import { type ValueOf, enumOf } from '../enums';

/**
 * Where one delivery (one event to one endpoint) stands: PENDING (queued, not tried yet, or queued
 * again by a redelivery), RETRYING (failed, another try scheduled), DELIVERED (a 2xx answer), DEAD
 * (every try failed: a dead letter until redelivered).
 */
export const WebhookDeliveryStatus = enumOf(['PENDING', 'RETRYING', 'DELIVERED', 'DEAD']);
export type WebhookDeliveryStatus = ValueOf<typeof WebhookDeliveryStatus>;
