import http from 'node:http';
import { FaultWindow, type FailureOptions } from './fault-window';
import { poll } from './ports';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered; null while it holds the request unanswered. */
  status: number | null;
  receivedAt: Date;
}

export interface HttpFailure extends FailureOptions {
  /** Default 503. */
  status?: number;
}

/** How one path answers: 204 (or the receiver's status), 500, or not at all until `release`. */
export type PathAnswer = 'ok' | 'fail' | 'hold';

export interface HttpReceiver {
  readonly port: number;
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  readonly url: string;
  /** Every request, failed ones included. */
  readonly requests: readonly ReceivedRequest[];
  /** Answer `status` for the next `times` requests, for `forMs`, or until `succeed()`. */
  fail(options?: HttpFailure): void;
  succeed(): void;
  /** How requests to `path` are answered from now on (a path's own answer wins over `fail`). */
  answer(path: string, answer: PathAnswer): void;
  /** Answers the held requests (with the ok status) and lets `path` answer ok again. */
  release(path: string): void;
  /** The requests to one path. */
  at(path: string): ReceivedRequest[];
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

  const answers = new Map<string, PathAnswer>();
  const held: { request: ReceivedRequest; res: http.ServerResponse }[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const answer = answers.get(path);
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: null,
        receivedAt: new Date(),
      };
      requests.push(request);
      if (answer === 'hold') {
        held.push({ request, res });
        return;
      }
      const status = answer === 'fail' ? 500 : answer === 'ok' ? okStatus : fault.take() ? failStatus : okStatus;
      request.status = status;
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
    answer: (path, answer) => {
      answers.set(path, answer);
    },
    release(path) {
      answers.set(path, 'ok');
      for (const { request, res } of held.splice(0)) {
        request.status = okStatus;
        res.writeHead(okStatus).end();
      }
    },
    at: (path) => requests.filter((r) => r.path === path),
    async waitForRequests(count, timeoutMs = 10_000) {
      if (!(await poll(() => requests.length >= count, timeoutMs))) {
        throw new Error(`expected ${count} requests within ${timeoutMs} ms, got ${requests.length}`);
      }
      return requests;
    },
    clear: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { res } of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
