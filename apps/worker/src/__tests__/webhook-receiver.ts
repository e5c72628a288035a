import { type HttpReceiver, type PathAnswer, type ReceivedRequest, startHttpReceiver } from '@waymark/testing';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  id: string;
  signatures: string[];
  body: string;
  /** The Standard Webhooks check with the path's secrets, each one alone: which of them verified it. */
  verifiedBy: string[];
  /** The status answered; null while the request is held. */
  answered: number | null;
}

/**
 * The test HTTP receiver (@waymark/testing's, which records, fails and holds requests per path)
 * seen as webhook endpoints: each path has its secrets, and each request is checked against them
 * with the standardwebhooks library's own `Webhook.verify`.
 */
export class WebhookReceiver {
  private http!: HttpReceiver;
  private readonly secrets = new Map<string, string[]>();
  url = '';

  async start(): Promise<this> {
    this.http = await startHttpReceiver();
    this.url = this.http.url;
    return this;
  }

  /** Registers the secrets an endpoint's deliveries must verify with. */
  expect(path: string, ...secrets: string[]) {
    this.secrets.set(path, secrets);
  }

  mode(path: string, mode: PathAnswer) {
    this.http.answer(path, mode);
  }

  get received(): Received[] {
    return this.http.requests.map((r) => this.view(r));
  }

  at(path: string): Received[] {
    return this.http.at(path).map((r) => this.view(r));
  }

  /** Answers every held request (204) and stops holding. */
  release(path: string) {
    this.http.release(path);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private view(request: ReceivedRequest): Received {
    const header = (name: string) => String(request.headers[name] ?? '');
    const headers = { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') };
    const verifiedBy = (this.secrets.get(request.path) ?? []).filter((secret) => {
      try {
        new Webhook(secret).verify(request.body, headers);
        return true;
      } catch {
        return false;
      }
    });
    return {
      path: request.path,
      id: headers['webhook-id'],
      signatures: headers['webhook-signature'].split(' ').filter(Boolean),
      body: request.body,
      verifiedBy,
      answered: request.status,
    };
  }
}
