import http from 'node:http';
import { FaultWindow, type FailureOptions } from './fault-window';
import { until } from './ports';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
  receivedAt: Date;
}

export interface HttpFailure extends FailureOptions {
  /** Default 503. */
  status?: number;
}

export interface HttpReceiver {
  readonly port: number;
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  readonly url: string;
  /** Every request, failed ones included. */
  readonly requests: readonly ReceivedRequest[];
  /** Answer `status` for the next `times` requests, for `forMs`, or until `succeed()`. */
  fail(options?: HttpFailure): void;
  succeed(): void;
  waitForRequests(count: number, timeoutMs?: number): Promise<readonly ReceivedRequest[]>;
  clear(): void;
  close(): Promise<void>;
}

/** A real HTTP endpoint on a free loopback port (for webhooks) that records what it is sent. */
export async function startHttpReceiver(options: { port?: number; status?: number } = {}): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const fault = new FaultWindow();
  const okStatus = options.status ?? 204;
  let failStatus = 503;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = fault.take() ? failStatus : okStatus;
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
        receivedAt: new Date(),
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 400 ? '' : 'failing on purpose');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    fail(opts = {}) {
      failStatus = opts.status ?? 503;
      fault.open(opts);
    },
    succeed: () => fault.close(),
    async waitForRequests(count, timeoutMs = 10_000) {
      if (!(await until(() => requests.length >= count, timeoutMs))) {
        throw new Error(`expected ${count} requests within ${timeoutMs} ms, got ${requests.length}`);
      }
      return requests;
    },
    clear: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
