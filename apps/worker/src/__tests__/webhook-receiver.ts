import http from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  id: string;
  signatures: string[];
  body: string;
  /** The Standard Webhooks check with the path's secrets, each one alone: which of them verified it. */
  verifiedBy: string[];
  answered: number | null;
}

type Mode = 'ok' | 'fail' | 'hold';

/**
 * A real HTTP receiver for webhook tests: each path is one endpoint with its secrets, checked with
 * the standardwebhooks library's own `Webhook.verify`. A path answers 204, fails with 500, or holds
 * its requests unanswered until released (a slow endpoint).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly secrets = new Map<string, string[]>();
  private readonly modes = new Map<string, Mode>();
  private readonly held: { entry: Received; res: http.ServerResponse }[] = [];
  private server!: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const headers = {
          'webhook-id': String(req.headers['webhook-id'] ?? ''),
          'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
        };
        const verifiedBy = (this.secrets.get(path) ?? []).filter((secret) => {
          try {
            new Webhook(secret).verify(body, headers);
            return true;
          } catch {
            return false;
          }
        });
        const entry: Received = { path, id: headers['webhook-id'], signatures: headers['webhook-signature'].split(' ').filter(Boolean), body, verifiedBy, answered: null };
        this.received.push(entry);
        const mode = this.modes.get(path) ?? 'ok';
        if (mode === 'hold') {
          this.held.push({ entry, res });
          return;
        }
        entry.answered = mode === 'ok' ? 204 : 500;
        res.writeHead(entry.answered).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  /** Registers the secrets an endpoint's deliveries must verify with. */
  expect(path: string, ...secrets: string[]) {
    this.secrets.set(path, secrets);
  }

  mode(path: string, mode: Mode) {
    this.modes.set(path, mode);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  get inFlight(): number {
    return this.held.length;
  }

  /** Answers every held request (204) and stops holding. */
  release(path: string) {
    this.modes.set(path, 'ok');
    for (const { entry, res } of this.held.splice(0)) {
      entry.answered = 204;
      res.writeHead(204).end();
    }
  }

  async close() {
    for (const { res } of this.held.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
