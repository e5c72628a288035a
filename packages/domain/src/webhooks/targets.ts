import ipaddr from 'ipaddr.js';
import { TEXT_LIMITS } from '../limits';

/**
 * Where a webhook may be sent. Outside development an endpoint must be a public address: a URL
 * that names (or resolves to) loopback, a private network, link-local (cloud metadata services
 * live there), carrier-grade NAT, multicast or any other reserved range would let an organisation
 * make our servers call into our own network (server-side request forgery). ipaddr.js classifies
 * the ranges; only its `unicast` class (public) passes. IPv4 written inside IPv6
 * (`::ffff:127.0.0.1`) is judged as the IPv4 address it is.
 */
export function addressProblem(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? null : `${address} is a ${range} address, not a public one`;
}

export const MAX_WEBHOOK_URL_LENGTH = TEXT_LIMITS.url;

export interface WebhookTarget {
  url: URL;
  /** The host as DNS knows it (IPv6 literals without their brackets). */
  host: string;
  /** Set when the host is written as an address, so no lookup is needed. */
  literalAddress: string | null;
}

/** Why an endpoint URL is refused: a message for programmers and a typed reason clients put in their own words. */
export class WebhookUrlError extends Error {
  constructor(
    message: string,
    readonly reason: 'TOO_LONG' | 'NOT_A_URL' | 'NOT_HTTP' | 'CREDENTIALS_IN_URL' | 'NO_HOST',
  ) {
    super(message);
  }
}

/** Reads an endpoint URL: http or https, no credentials in it. Throws a WebhookUrlError for the caller to show. */
export function parseWebhookUrl(text: string): WebhookTarget {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) throw new WebhookUrlError(`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`, 'TOO_LONG');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookUrlError('is not a URL', 'NOT_A_URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlError('must be an http:// or https:// URL', 'NOT_HTTP');
  if (url.username || url.password) throw new WebhookUrlError('must not carry a user name or password', 'CREDENTIALS_IN_URL');
  if (!url.hostname) throw new WebhookUrlError('has no host', 'NO_HOST');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { url, host, literalAddress: ipaddr.isValid(host) ? host : null };
}
