import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers for one try. Every secret in use signs (after a rotation the old
 * one still does, during its grace period), space-separated in one `webhook-signature` header as
 * the specification allows, so a receiver holding either secret verifies the message.
 */
export function webhookHeaders(messageId: string, at: Date, body: string, secrets: string[]): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' '),
  };
}
