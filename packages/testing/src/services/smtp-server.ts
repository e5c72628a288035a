// The one local SMTP server: the tests' receiver (./smtp.ts, which keeps messages and can refuse or
// pause) and `npm start`'s mail sink (scripts/start/mail-sink.mjs, which writes .eml files, loading
// this module from dist/) are both built here. It lives in @waymark/testing because that package
// already owns the other throw-away local servers; it imports nothing from the rest of the package,
// so `npm start` loads smtp-server and this file alone.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerOptions } from 'smtp-server';

/** A message as it arrived: the envelope, and the message over the wire. */
export interface SmtpMessage {
  /** MAIL FROM, or null for a null sender (`<>`). */
  from: string | null;
  /** RCPT TO, in order (Bcc recipients appear only here). */
  to: string[];
  /** The message as it came over the wire (headers and body, RFC 5322). */
  raw: string;
  /** The Subject header, continuation lines unfolded, or null. */
  subject: string | null;
}

export interface SmtpServerOptions {
  /** Default 0: any free port (the port listened on is returned). */
  port?: number;
  /**
   * Receives each message. A throw or rejection refuses it: the error's `responseCode` (say 451)
   * and message are the answer to the sender.
   */
  onMessage: (message: SmtpMessage) => void | Promise<void>;
  /** Answers MAIL FROM (smtp-server's hook): to refuse or hold senders. Default: accepted. */
  onMailFrom?: SMTPServerOptions['onMailFrom'];
  /** Errors of the server after it listens (a client dropping its connection, say). Default: ignored. */
  onError?: (error: Error) => void;
}

export interface RunningSmtpServer {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>`, as SMTP_URL. */
  readonly url: string;
  close(): Promise<void>;
}

/** A header of a raw message (continuation lines unfolded, value trimmed), or null. */
export function headerValue(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = head.replace(/\r?\n[ \t]+/g, ' ').match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'im'));
  return match?.[1]?.trim() ?? null;
}

const address = (a: SMTPServerAddress | false) => (a ? a.address : null);

/**
 * An SMTP server on 127.0.0.1: no TLS (STARTTLS disabled), authentication optional and any login
 * accepted, so senders configured with production-like credentials work as they are.
 */
export async function smtpServer(options: SmtpServerOptions): Promise<RunningSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    ...(options.onMailFrom ? { onMailFrom: options.onMailFrom } : {}),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const message: SmtpMessage = {
          from: address(session.envelope.mailFrom),
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: headerValue(raw, 'Subject'),
        };
        Promise.resolve()
          .then(() => options.onMessage(message))
          .then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
  server.on('error', options.onError ?? (() => undefined));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
