import { sendWebhook } from '../webhooks/send';
import { WebhookReceiver } from './webhook-receiver';

/**
 * Server-side request forgery at delivery time: with private targets refused, a delivery to an
 * endpoint whose address is (or whose name now resolves to) loopback is refused before any
 * connection, and the receiver on that address never hears of it.
 */
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
});
afterAll(() => receiver.close());

const send = (url: string, allowPrivateTargets: boolean) => sendWebhook({ url, headers: {}, body: '{}', timeoutMs: 2_000, allowPrivateTargets });

it('refuses a loopback address, and a name that resolves to one, when private targets are refused', async () => {
  const port = new URL(receiver.url).port;
  expect(await send(`${receiver.url}/literal`, false)).toEqual({ ok: false, status: null, error: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/) });
  expect(await send(`http://localhost:${port}/named`, false)).toEqual({ ok: false, status: null, error: expect.stringMatching(/^refused: localhost resolves to .*loopback/) });
  expect(await send(`http://[::ffff:127.0.0.1]:${port}/mapped`, false)).toMatchObject({ ok: false, error: expect.stringMatching(/^refused/) });
  expect(receiver.received).toHaveLength(0);
  // Allowed (development, tests): the same receiver gets it.
  expect(await send(`${receiver.url}/allowed`, true)).toEqual({ ok: true, status: 204, error: null });
  expect(receiver.received.map((r) => r.path)).toEqual(['/allowed']);
});

it('gives up on an endpoint that does not answer within the timeout', async () => {
  receiver.mode('/slow', 'hold');
  const result = await sendWebhook({ url: `${receiver.url}/slow`, headers: {}, body: '{}', timeoutMs: 200, allowPrivateTargets: true });
  expect(result).toEqual({ ok: false, status: null, error: 'no answer within 200 ms' });
  receiver.release('/slow');
});
