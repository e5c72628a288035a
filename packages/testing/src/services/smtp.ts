import { FaultWindow, type FailureOptions } from './fault-window';
import { freePort, poll } from './ports';
import { headerValue, smtpServer, type SmtpMessage } from './smtp-server';

export interface ReceivedMail extends SmtpMessage {
  receivedAt: Date;
}

export interface SmtpRefusal extends FailureOptions {
  /** A 4xx code tells the sender to try again later (default 451). */
  code?: number;
  message?: string;
}

export interface SmtpReceiver {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>`, as SMTP_URL. */
  readonly url: string;
  readonly messages: readonly ReceivedMail[];
  /** How many MAIL FROM commands were refused. */
  readonly refused: number;
  /** Refuse mail (MAIL FROM answers `code`) for the next `times` messages, for `forMs`, or until `accept()`. */
  refuse(options?: SmtpRefusal): void;
  accept(): void;
  /** Hold every answer to MAIL FROM (senders wait, nothing is accepted) until `resume()`. */
  pause(): void;
  resume(): void;
  /** Resolves once `count` messages have arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  clear(): void;
  close(): Promise<void>;
}

/** A header of a received message (continuation lines unfolded), or null. */
export const header = (mail: ReceivedMail, name: string) => headerValue(mail.raw, name);

/** Decoded text of a message (nodemailer sends quoted-printable; this is enough to find links and ids). */
export const bodyOf = (mail: ReceivedMail) => mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** Counts per recipient address of what arrived: duplicates and misses against what was expected. */
export function tally(mails: readonly ReceivedMail[], expectedAddresses: readonly string[]) {
  const counts = new Map<string, number>();
  for (const m of mails) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  const duplicates = [...counts.values()].reduce((sum, c) => sum + Math.max(0, c - 1), 0);
  const misses = expectedAddresses.filter((a) => !counts.has(a)).length;
  const strangers = [...counts.keys()].filter((a) => !expectedAddresses.includes(a)).length;
  return { duplicates, misses, strangers, distinct: counts.size };
}

/**
 * A real SMTP server on a free loopback port that keeps every message it accepts. Any login is
 * accepted (senders configured with credentials work as they would in production); no TLS.
 */
export async function startSmtpReceiver(options: { port?: number } = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const fault = new FaultWindow();
  let refusal: Required<Pick<SmtpRefusal, 'code' | 'message'>> = { code: 451, message: 'Try again later' };
  let refused = 0;
  let held: (() => void)[] | null = null;

  const server = await smtpServer({
    port: options.port ?? (await freePort()),
    onMailFrom: (_address, _session, callback) => {
      if (held) {
        held.push(() => callback());
        return;
      }
      if (!fault.take()) return callback();
      refused += 1;
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onMessage: (message) => {
      messages.push({ ...message, receivedAt: new Date() });
    },
    // A client dropping its connection is normal in fault tests, not a reason to crash the test process.
    onError: () => undefined,
  });
  const { port } = server;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refused() {
      return refused;
    },
    refuse(opts = {}) {
      const code = opts.code ?? 451;
      if (code < 400 || code > 599) throw new Error(`an SMTP refusal is a 4xx or 5xx code, not ${code}`);
      refusal = { code, message: opts.message ?? 'Try again later' };
      fault.open(opts);
    },
    accept: () => fault.close(),
    pause() {
      held ??= [];
    },
    resume() {
      const waiting = held ?? [];
      held = null;
      for (const answer of waiting) answer();
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      if (!(await poll(() => messages.length >= count, timeoutMs))) {
        throw new Error(`expected ${count} messages within ${timeoutMs} ms, got ${messages.length}`);
      }
      return messages;
    },
    clear() {
      messages.length = 0;
      refused = 0;
    },
    close: () => server.close(),
  };
}
