import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { type Listener, Session, type Sql, listenFor, sqlPool } from '@waymark/db';
import { type AccountMailKind, DeadlinePassed, within } from '@waymark/jobs';
import type { Logger } from '@waymark/logger';
import type { Mailer } from '../reminders/mailer';
import { type InvitationMail, type MailRow, type ResetMail, composeAccountMail } from './compose';
import { SpanKind, contextOf, inSpan } from '@waymark/telemetry';

export interface AccountMailOptions {
  /** The app role's connection URL, for LISTEN. */
  listenUrl: string;
  pollMs: number;
  secret: string;
  webBaseUrl: string;
  mailDomain: string;
  /** A claimed row not marked sent within this long is taken again (same Message-ID). */
  leaseMs?: number;
  batchSize?: number;
}

interface ClaimedRow {
  id: string;
  ownerId: string;
  kind: AccountMailKind;
  subjectId: string;
  sendNumber: number;
  recipient: string;
  attempts: number;
  /** The trace context of the request that asked for the email (null when tracing was off). */
  traceparent: string | null;
}

const LEASE_MS = 120_000;
/** A whole send (connect to accepted) must finish well inside the lease, or it is abandoned. */
const sendDeadline = (leaseMs: number) => Math.floor(leaseMs / 2);
/** `now()` plus a lease given in milliseconds (fractions of a second kept). */
const leaseFromNow = (leaseMs: number) => sql<Date>`now() + make_interval(secs => ${leaseMs}::double precision / 1000)`;

/**
 * Sends invitation and password reset emails from `account_mail`, the rows the API writes in the
 * transaction that asks for them (so an email exists exactly when its change committed). A row is
 * claimed with a lease and an attempt number (FOR UPDATE SKIP LOCKED: several workers never take
 * the same row), sent, then marked SENT only if that same attempt still holds it. A worker killed
 * before SMTP accepted leaves the lease to run out and another attempt sends it; one killed after
 * SMTP accepted but before the mark is the one window where a second copy can go out, and it
 * carries the same Message-ID. A failed send is retried later with a growing delay; a row whose
 * link is no longer any use (revoked, accepted, resent, expired, used) is SKIPPED, not sent.
 * NOTIFY at each insert wakes the sender; the poll is the safety net.
 */
export class AccountMailSender {
  private listener: Listener | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  sent = 0;
  /**
   * Each statement on a pooled connection of its own, committed as it runs (a claim is its own
   * transaction). `account_mail` belongs to no organisation: the rows are claimed across them all.
   */
  private readonly db: Sql;

  constructor(
    private readonly orm: MikroORM,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly options: AccountMailOptions,
  ) {
    this.db = sqlPool(orm, { kind: 'system', purpose: 'account mail' });
  }

  async start(): Promise<void> {
    // Without SMTP nothing is claimed: the rows wait for a worker that can send them.
    if (!this.mailer.enabled) return;
    this.timer = setInterval(() => void this.wake(), this.options.pollMs);
    await this.listen();
    void this.wake();
  }

  /** Sends until nothing is due; concurrent calls join the run in progress. */
  wake(): Promise<void> {
    if (this.stopped || !this.mailer.enabled) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.sendBatch()) > 0);
        } while (this.again && !this.stopped);
      } catch (error) {
        this.logger.warn({ err: error }, 'account mail: batch not sent, will retry');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** One batch: claim, send each, mark. Returns how many rows were claimed. */
  async sendBatch(): Promise<number> {
    const leaseMs = this.options.leaseMs ?? LEASE_MS;
    const rows = await this.db
      .updateTable('accountMail')
      .set((eb) => ({ state: 'CLAIMED', leaseUntil: leaseFromNow(leaseMs), attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('accountMail')
          .select('id')
          .where('state', 'in', ['PENDING', 'CLAIMED'])
          .where((w) => w.or([w('state', '=', 'PENDING'), w('leaseUntil', '<', w.fn<Date>('now'))]))
          .orderBy('createdAt')
          .limit(this.options.batchSize ?? 20)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'ownerId', 'kind', 'subjectId', 'sendNumber', 'recipient', 'attempts', 'traceparent'])
      .$narrowType<{ kind: AccountMailKind }>()
      .execute();
    // Each email continues the trace of the request that asked for it (the SMTP send is a child span).
    await Promise.all(rows.map((row) => inSpan('account-mail deliver', {
      kind: SpanKind.CONSUMER,
      parent: contextOf(row.traceparent),
      attributes: { 'waymark.mail.kind': row.kind, 'waymark.mail.id': row.id, 'waymark.mail.attempt': row.attempts },
    }, () => this.deliver(row, leaseMs))));
    return rows.length;
  }

  private async deliver(row: ClaimedRow, leaseMs: number): Promise<void> {
    const mailRow: MailRow = { id: row.id, ownerId: row.ownerId, kind: row.kind, subjectId: row.subjectId, sendNumber: row.sendNumber, recipient: row.recipient };
    let about: InvitationMail | ResetMail | null;
    try {
      about = await this.subject(mailRow);
    } catch (error) {
      this.logger.warn({ err: error, mail: row.id }, 'account mail: could not read what it is about; will retry');
      await this.release(row).catch(() => undefined);
      return;
    }
    if (!about) {
      await this.finish(row, 'SKIPPED');
      this.logger.info({ mail: row.id, kind: row.kind }, 'account mail: link no longer of use, not sent');
      return;
    }
    const mail = composeAccountMail(mailRow, about, { secret: this.options.secret, webBaseUrl: this.options.webBaseUrl, mailDomain: this.options.mailDomain });
    const sending = this.mailer.send(mail);
    try {
      const deadline = sendDeadline(leaseMs);
      await within(deadline, sending, () => new DeadlinePassed(`SMTP send took longer than ${deadline} ms`));
    } catch (error) {
      this.logger.warn({ err: error, mail: row.id, kind: row.kind, attempt: row.attempts }, 'account mail: not sent, will retry');
      if (error instanceof DeadlinePassed) {
        // The send may still be accepted: the claim is kept, and renewed for another lease, so no other
        // attempt sends it meanwhile; a late acceptance is still marked while the claim holds.
        await this.renew(row, leaseMs).catch(() => undefined);
        sending.then(() => this.markSent(row)).catch(() => undefined);
        return;
      }
      await this.release(row).catch(() => undefined);
      return;
    }
    await this.markSent(row);
  }

  /** SMTP accepted: the mark is retried (briefly) before anything else, so a database blip does not send it twice. */
  private async markSent(row: ClaimedRow): Promise<void> {
    this.sent++;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.finish(row, 'SENT');
        return;
      } catch (error) {
        if (attempt >= 4) {
          this.logger.error({ err: error, mail: row.id }, 'account mail: sent but not marked; it may be sent again (same Message-ID)');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }

  /** What the email is about, read under its owner's row-level security; null when its link is of no use any more. */
  private async subject(row: MailRow): Promise<InvitationMail | ResetMail | null> {
    const session = await Session.open(this.orm, 'read');
    try {
      if (row.kind === 'invitation') {
        await session.setScope({ organisationId: row.ownerId, userId: null });
        const found = await session.db.sql
          .selectFrom('invitation as i')
          .innerJoin('organisation as o', 'o.id', 'i.organisationId')
          .innerJoin('appUser as u', 'u.id', 'i.invitedBy')
          .select(['i.role', 'i.expiresAt', 'i.sends', 'i.acceptedAt', 'i.revokedAt', 'o.name as organisationName', 'u.name as inviterName'])
          .where('i.id', '=', row.subjectId)
          .executeTakeFirst();
        if (!found || found.acceptedAt || found.revokedAt || found.sends !== row.sendNumber || found.expiresAt.getTime() <= Date.now()) return null;
        return { kind: 'invitation', organisationName: found.organisationName, inviterName: found.inviterName, role: found.role, expiresAt: found.expiresAt };
      }
      await session.setScope({ organisationId: null, userId: row.ownerId });
      const found = await session.db.sql
        .selectFrom('passwordReset as r')
        .innerJoin('appUser as u', 'u.id', 'r.userId')
        .select(['r.expiresAt', 'r.usedAt', 'u.name'])
        .where('r.userId', '=', row.ownerId)
        .where('r.id', '=', row.subjectId)
        .executeTakeFirst();
      if (!found || found.usedAt || found.expiresAt.getTime() <= Date.now()) return null;
      return { kind: 'password-reset', name: found.name, expiresAt: found.expiresAt };
    } finally {
      await session.rollback().catch(() => undefined);
    }
  }

  /** Marks the row, only if this attempt still holds it (a stale attempt changes nothing). */
  private async finish(row: ClaimedRow, state: 'SENT' | 'SKIPPED'): Promise<void> {
    await this.held(row).set((eb) => ({ state, sentAt: state === 'SENT' ? eb.fn<Date>('now') : null, leaseUntil: null })).execute();
  }

  /** Holds the claim for another lease (only while this attempt still holds it). */
  private async renew(row: ClaimedRow, leaseMs: number): Promise<void> {
    await this.held(row).set({ leaseUntil: leaseFromNow(leaseMs) }).execute();
  }

  /** Gives the claim back with a delay that doubles per attempt (up to ten minutes): an SMTP outage is not a hot loop. */
  private async release(row: ClaimedRow): Promise<void> {
    const seconds = Math.min(600, 2 ** Math.min(row.attempts, 10));
    await this.held(row).set({ leaseUntil: sql<Date>`now() + make_interval(secs => ${seconds})` }).execute();
  }

  /** An update of the row that changes it only while this attempt still holds the claim. */
  private held(row: ClaimedRow) {
    return this.db.updateTable('accountMail').where('id', '=', row.id).where('attempts', '=', row.attempts).where('state', '=', 'CLAIMED');
  }

  private async listen(): Promise<void> {
    this.listener = await listenFor(this.options.listenUrl, 'waymark_account_mail', () => void this.wake(), (error) => {
      this.logger.warn({ err: error }, 'account mail: LISTEN connection lost; polling until it is back');
      this.listener = null;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), this.options.pollMs).unref();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
