/** Where one delivery (one event to one endpoint) stands. */
export enum WebhookDeliveryStatus {
  /** Queued, not tried yet (or queued again by a redelivery). */
  PENDING = 'PENDING',
  /** Tried and failed; another try is scheduled. */
  RETRYING = 'RETRYING',
  /** The endpoint answered 2xx. */
  DELIVERED = 'DELIVERED',
  /** Every try failed: a dead letter, until someone redelivers it. */
  DEAD = 'DEAD',
}
