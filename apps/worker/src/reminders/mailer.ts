import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { within } from '@waymark/jobs';
import { SpanKind, inSpan } from '@waymark/telemetry';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic: the same delivery always carries the same Message-ID. */
  messageId: string;
  headers: Record<string, string>;
}

/** The domain of the From address: Message-IDs are made under it. */
export const mailDomain = (from: string) => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'waymark.local';

export interface Mailer {
  /** False when no SMTP_URL is set: nothing is sent, and nothing is claimed in the ledger. */
  readonly enabled: boolean;
  /** The longest one send may take once it has a connection slot; it rejects with SendDeadlineExceeded after that. */
  readonly deadlineMs: number;
  /**
   * Waits for one of the pool's connection slots, then sends. With `startBy` (a Date.now() value)
   * a send that could not start by then rejects with SendNotStarted and nothing leaves.
   */
  send(mail: OutgoingMail, options?: { startBy?: number }): Promise<void>;
  close(): void;
}

/** A send that did not finish within the mailer's deadline; its connection was destroyed, so it cannot complete later. */
export class SendDeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`the SMTP server did not accept the message within ${ms} ms`);
  }
}

/** A send that waited too long for a connection slot (its claim's lease would not cover it); nothing was sent. */
export class SendNotStarted extends Error {
  constructor() {
    super('no SMTP connection was free in time; nothing was sent');
  }
}

/**
 * Where to send, from SMTP_URL (`smtp://` or `smtps://`, optional user and password). Given as
 * separate options because nodemailer, handed a `url`, takes every setting from the URL alone and
 * drops the rest (pooling, timeouts, getSocket): the transport silently stopped being pooled.
 */
export function smtpServer(smtpUrl: string): { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } } {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  };
}

/**
 * One pooled SMTP transport per worker (a new connection per message costs about 100 ms here; a
 * pool reuses a few). A refusal (4xx/5xx) rejects `send`, so the caller keeps the delivery unsent.
 *
 * nodemailer's own timeouts measure socket inactivity, so a server that answers slowly but steadily
 * could hold a send for ever. Each send therefore has an overall deadline: when it passes, every
 * socket of the current transport is destroyed (a send cannot be told apart from its pool's other
 * sends) and later sends use a fresh transport. A destroyed socket cannot deliver a message after
 * the caller has given its claim back.
 */
export function createMailer(options: { smtpUrl?: string; from: string; maxConnections?: number; deadlineMs?: number }): Mailer {
  const deadlineMs = options.deadlineMs ?? 30_000;
  if (!options.smtpUrl) {
    return { enabled: false, deadlineMs, send: () => Promise.reject(new Error('no SMTP_URL is set')), close: () => undefined };
  }
  const smtpUrl = options.smtpUrl;
  const smtpHost = smtpServer(smtpUrl).host;
  const open = () => {
    const sockets = new Set<net.Socket>();
    // Sockets made here, so a deadline can destroy them (nodemailer layers TLS on top when the URL asks for it).
    const getSocket = (opts: { host: string; port: number }, done: (error: Error | null, socket?: { connection: net.Socket }) => void) => {
      const socket = net.connect({ host: opts.host, port: opts.port });
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      const onError = (error: Error) => done(error);
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        done(null, { connection: socket });
      });
    };
    const transport: Transporter = nodemailer.createTransport({
      ...smtpServer(smtpUrl),
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: Infinity,
      // The pool would otherwise send a message again on a new connection when its connection
      // closes mid-send (unlimited by default): only the ledger decides what is sent again.
      maxRequeues: 0,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      getSocket,
    } as never);
    return { transport, sockets };
  };
  // Sends beyond the pool's connections would wait inside nodemailer, with their deadline running:
  // they wait here instead, and the deadline starts when a connection is theirs.
  const slots = options.maxConnections ?? 5;
  let busy = 0;
  const queue: (() => void)[] = [];
  const acquire = () => (busy < slots ? (busy++, Promise.resolve()) : new Promise<void>((resolve) => queue.push(resolve)));
  const releaseSlot = () => {
    const next = queue.shift();
    if (next) next();
    else busy--;
  };
  let current = open();
  const recycle = (stale: ReturnType<typeof open>) => {
    if (current !== stale) return;
    current = open();
    stale.transport.close();
    for (const socket of stale.sockets) socket.destroy();
  };
  return {
    enabled: true,
    deadlineMs,
    send: (mail, sendOptions = {}) =>
      // The span names the kind of mail and the SMTP host only: never the recipient or the subject.
      inSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { 'waymark.mail.kind': mail.headers['X-Waymark-Mail'] ?? 'mail', 'server.address': smtpHost } }, async () => {
        await acquire();
        if (sendOptions.startBy !== undefined && Date.now() > sendOptions.startBy) {
          releaseSlot();
          throw new SendNotStarted();
        }
        const used = current;
        try {
          await within(
            deadlineMs,
            used.transport.sendMail({
              from: options.from,
              to: mail.to,
              subject: mail.subject,
              text: mail.text,
              html: mail.html,
              messageId: mail.messageId,
              headers: mail.headers,
            }),
            () => {
              recycle(used);
              return new SendDeadlineExceeded(deadlineMs);
            },
          );
        } finally {
          releaseSlot();
        }
      }),
    close: () => current.transport.close(),
  };
}
