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

/** Reads an endpoint URL: http or https, no credentials in it. Throws a message for the caller to show. */
export function parseWebhookUrl(text: string): WebhookTarget {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) throw new Error(`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('must be an http:// or https:// URL');
  if (url.username || url.password) throw new Error('must not carry a user name or password');
  if (!url.hostname) throw new Error('has no host');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { url, host, literalAddress: ipaddr.isValid(host) ? host : null };
}
