import nodemailer, { type Transporter } from 'nodemailer';

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
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * One pooled SMTP transport per worker (a new connection per message costs about 100 ms here; a
 * pool reuses a few). A refusal (4xx/5xx) rejects `send`, so the caller keeps the delivery unsent.
 */
export function createMailer(options: { smtpUrl?: string; from: string; maxConnections?: number }): Mailer {
  if (!options.smtpUrl) {
    return { enabled: false, send: () => Promise.reject(new Error('no SMTP_URL is set')), close: () => undefined };
  }
  const transport: Transporter = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    enabled: true,
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    },
    close: () => transport.close(),
  };
}
