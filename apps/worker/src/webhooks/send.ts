import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressProblem, parseWebhookUrl } from '@waymark/domain';

export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** A refused target: never retried into success, so the caller may treat it as final. */
export class RefusedTarget extends Error {}

/**
 * DNS lookups for webhook requests that refuse any answer outside public address space. The
 * check runs on the addresses the connection will actually use, at delivery time, so a name that
 * resolved to a public address at registration and to 10.0.0.1 now (DNS rebinding) is refused.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses;
    const bad = list.map((a) => addressProblem(a.address)).find((p) => p !== null);
    if (bad) return callback(Object.assign(new RefusedTarget(`refused: ${hostname} resolves to ${bad}`), { code: 'EREFUSEDTARGET' }), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
};

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

/**
 * One POST of a webhook: a 2xx answer is a delivery; anything else (another status, a redirect,
 * no answer within the timeout, a refused address) is a failure with a short reason that names no
 * other organisation's data. Redirects are not followed.
 */
export function sendWebhook({ url, headers, body, timeoutMs, allowPrivateTargets }: SendOptions): Promise<SendResult> {
  return new Promise((resolve) => {
    let target;
    try {
      target = parseWebhookUrl(url);
    } catch (error) {
      resolve({ ok: false, status: null, error: `refused: the URL ${(error as Error).message}` });
      return;
    }
    if (!allowPrivateTargets && target.literalAddress) {
      const problem = addressProblem(target.literalAddress);
      if (problem) {
        resolve({ ok: false, status: null, error: `refused: ${problem}` });
        return;
      }
    }
    const client = target.url.protocol === 'https:' ? https : http;
    const signal = AbortSignal.timeout(timeoutMs);
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = client.request(
      target.url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Waymark-Webhooks/1.0', 'content-length': Buffer.byteLength(body), ...headers },
        signal,
        ...(allowPrivateTargets ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // The answer's body is read and dropped: only the status matters.
        res.on('data', () => undefined);
        res.on('end', () => finish(status >= 200 && status < 300 ? { ok: true, status, error: null } : { ok: false, status, error: `HTTP ${status}` }));
        res.on('error', () => finish({ ok: false, status, error: `HTTP ${status}, then the connection broke` }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) return finish({ ok: false, status: null, error: `no answer within ${timeoutMs} ms` });
      if (error instanceof RefusedTarget) return finish({ ok: false, status: null, error: error.message });
      finish({ ok: false, status: null, error: error.code ? `connection failed (${error.code})` : 'connection failed' });
    });
    req.end(body);
  });
}
