import dns from 'node:dns/promises';
import { MAX_WEBHOOK_URL_LENGTH as MAX_URL, WebhookUrlError, addressProblem, badInput, parseWebhookUrl } from '@waymark/domain';

/**
 * An endpoint URL as registered: well formed, and (unless private targets are allowed, as in
 * development and tests) neither written as nor resolving to a loopback, private, link-local or
 * otherwise non-public address. The worker checks the addresses again on every try.
 */
export async function checkEndpointUrl(text: string, allowPrivateTargets: boolean): Promise<string> {
  let target;
  try {
    target = parseWebhookUrl(text.trim());
  } catch (error) {
    throw badInput('url', (error as Error).message, error instanceof WebhookUrlError ? { reason: error.reason, ...(error.reason === 'TOO_LONG' ? { limit: MAX_URL } : {}) } : {});
  }
  if (allowPrivateTargets) return target.url.toString();
  if (target.literalAddress) {
    const problem = addressProblem(target.literalAddress);
    if (problem) throw badInput('url', `refused: ${problem}; webhooks go to public addresses only`, { reason: 'PRIVATE_ADDRESS', host: target.host });
    return target.url.toString();
  }
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(target.host, { all: true });
  } catch {
    throw badInput('url', `the host ${target.host} could not be resolved`, { reason: 'UNKNOWN_HOST', host: target.host });
  }
  for (const { address } of addresses) {
    const problem = addressProblem(address);
    if (problem) throw badInput('url', `refused: ${target.host} resolves to ${problem}; webhooks go to public addresses only`, { reason: 'PRIVATE_ADDRESS', host: target.host });
  }
  return target.url.toString();
}
