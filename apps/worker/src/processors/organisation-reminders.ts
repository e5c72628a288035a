import { sql } from 'kysely';
import { asOrganisation, recordAudit } from '@waymark/db';
import { NotificationFrequency, digestPeriod } from '@waymark/domain';
import { JOBS } from '@waymark/jobs';
import { collectReminders } from '../reminders/collect';
import { digestMessageId, renderDigest, stableUuid } from '../reminders/digest';
import { type Claim, DIGEST, type WantedDelivery, claimDeliveries, heldElsewhere, markSent, release } from '../reminders/ledger';
import { withBackoff } from '../backoff';
import { inLanes } from '../reminders/lanes';
import { Coalescer } from '../reminders/coalesce';
import { SendNotStarted, mailDomain } from '../reminders/mailer';
import type { WorkerServices } from '../services';
import { defineProcessor } from './processor';

export const REMINDER_ACTOR = { system: 'worker:reminders' } as const;
/** Messages of one organisation in flight at once (the SMTP pool has its own limit). */
const SENDING = 8;

export class DeliveriesPending extends Error {}

/** Records the day's "item overdue" and "partner review due" events, once each (their ids are made from what they are about). */
async function recordDueEvents(services: WorkerServices, organisationId: string, found: NonNullable<Awaited<ReturnType<typeof collectReminders>>>) {
  const events = [
    ...found.overdueItems.map((i) => {
      const period = [i.dueOn, i.nextReviewOn].filter(Boolean).sort()[0]!;
      return { id: stableUuid(organisationId, 'action_item.overdue', i.id, period), type: 'action_item.overdue', subject: i.id, payload: { dueOn: i.dueOn, nextReviewOn: i.nextReviewOn, period } };
    }),
    ...found.partnersDue.map((p) => ({
      id: stableUuid(organisationId, 'partner.review_due', p.id, p.nextReviewOn), type: 'partner.review_due', subject: p.id, payload: { nextReviewOn: p.nextReviewOn, period: p.nextReviewOn },
    })),
  ];
  if (!events.length) return;
  await asOrganisation(services.orm, organisationId, (session) =>
    session.db.sql
      .insertInto('outboxEvent')
      .values(events.map((e) => ({ id: e.id, createdAt: sql<Date>`now()`, type: e.type, subjectId: e.subject, payload: JSON.stringify(e.payload) })))
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute(),
  );
}

/**
 * One organisation's reminders for one local day: at most one digest per person per period.
 *
 * Lanes of senders take the deliveries one at a time: a lane claims its next delivery in the
 * ledger (committed, with a lease and a fencing attempt number; the lanes' claims are written
 * together), sends it, and waits for its SENT mark (written together with the other lanes' marks,
 * retried with backoff while PostgreSQL is away) before it claims again. A send only starts while
 * the lease has more time left than a send may take (the mailer's deadline), so no other attempt
 * can take a delivery while it is being sent; a mark or release of a claim another attempt has
 * since taken is refused. A failed send gives its claim back and fails the job (BullMQ retries it
 * with backoff); so does a delivery held by another attempt's live lease, so that the retry after
 * the lease finds it either sent or free to take. When any lane fails, or the job is cancelled, the
 * other lanes stop before their next claim or send.
 */
export const organisationReminders = defineProcessor({
  job: JOBS.organisationReminders,
  async handle(services, { organisationId, localDate }, _job, signal) {
    const { cfg, orm, mailer, logger } = services;
    const found = await asOrganisation(orm, organisationId, (session) => collectReminders(session, localDate, cfg.REMINDER_LEAD_DAYS));
    if (!found) return { organisation: 'gone' };
    await recordDueEvents(services, organisationId, found);
    if (!mailer.enabled) return { sent: 0, skipped: 'no SMTP_URL' };

    const domain = mailDomain(cfg.MAIL_FROM);
    const mails = new Map<string, ReturnType<typeof renderDigest>>();
    const wanted: WantedDelivery[] = [];
    for (const [userId, reminders] of found.byRecipient) {
      const person = found.people.get(userId);
      const frequency = (found.preferences.get(userId) ?? NotificationFrequency.DAILY) as NotificationFrequency;
      const period = digestPeriod(frequency, localDate);
      if (!person || !period) continue;
      const input = {
        baseUrl: cfg.WEB_BASE_URL, secret: cfg.AUTH_TOKEN_SECRET, mailDomain: domain, organisation: found.organisation,
        recipient: { id: userId, ...person }, period, channel: DIGEST.channel, reminders,
      };
      mails.set(userId, renderDigest(input));
      wanted.push({ recipientUserId: userId, period, messageId: digestMessageId(input), items: reminders.map((r) => ({ kind: r.kind, id: r.id })) });
    }

    let sent = 0;
    let held = 0;
    let deferred = 0;
    let lost = 0;
    const failures: string[] = [];
    const claims = new Coalescer<WantedDelivery, Claim | undefined>((batch) =>
      asOrganisation(orm, organisationId, async (session) => {
        const taken = new Map((await claimDeliveries(session, organisationId, batch, cfg.REMINDER_LEASE_MS)).map((c) => [c.recipientUserId, c]));
        const notTaken = batch.filter((w) => !taken.has(w.recipientUserId));
        if (notTaken.length) held += await heldElsewhere(session, notTaken);
        return batch.map((w) => taken.get(w.recipientUserId));
      }));
    const marks = new Coalescer<Claim, boolean>((batch) =>
      withBackoff(
        () => asOrganisation(orm, organisationId, async (session) => {
          const marked = await markSent(session, organisationId, batch);
          for (const c of batch) {
            if (marked.has(c.id)) recordAudit(session.em, REMINDER_ACTOR, { organisationId, action: 'reminder.sent', entityType: 'ReminderDelivery', entityId: c.id, after: { attempts: c.attempt } });
          }
          return batch.map((c) => marked.has(c.id));
        }),
        { firstMs: 50, maxMs: 2_000, giveUpAt: Date.now() + cfg.REMINDER_LEASE_MS },
      ));
    const giveBack = (claim: Claim) => asOrganisation(orm, organisationId, (s) => release(s, organisationId, [claim])).catch(() => undefined);

    await inLanes(wanted, SENDING, async (delivery, stop) => {
      const claim = await claims.call(delivery);
      if (!claim) return;
      try {
        if (stop.aborted) throw new SendNotStarted();
        // A send may only start while the lease still covers a whole send.
        await mailer.send(mails.get(claim.recipientUserId)!, { startBy: claim.leaseEndsAt - mailer.deadlineMs });
      } catch (error) {
        if (error instanceof SendNotStarted) deferred += 1;
        else failures.push(error instanceof Error ? error.message : String(error));
        await giveBack(claim);
        return;
      }
      // The one window that cannot be closed: SMTP accepted the message and the process dies
      // before its mark commits. The lease then runs out and a retry sends the same Message-ID
      // again. The lane waits for the mark before it sends anything else.
      if (await marks.call(claim)) {
        sent += 1;
        services.metrics.remindersSent.inc();
      } else lost += 1;
    }, signal);

    if (lost) logger.warn({ organisation: organisationId, localDate, lost }, 'reminders: sent after another attempt took the claim (a stalled attempt); the Message-ID repeats');
    if (failures.length) {
      logger.warn({ organisation: organisationId, localDate, failed: failures.length, sent, first: failures[0] }, 'reminders: some sends failed; the job will retry');
      throw new DeliveriesPending(`${failures.length} of ${wanted.length} reminder emails were not accepted: ${failures[0]}`);
    }
    if (held || deferred) throw new DeliveriesPending(`${held + deferred} reminder deliveries are claimed by another attempt or were left for lack of lease; retrying`);
    return { sent, recipients: wanted.length };
  },
});
