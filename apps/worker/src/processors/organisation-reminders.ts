import { asOrganisation, recordAudit } from '@waymark/db';
import { NotificationFrequency, digestPeriod } from '@waymark/domain';
import { JOBS } from '@waymark/jobs';
import { collectReminders } from '../reminders/collect';
import { digestMessageId, renderDigest, stableUuid } from '../reminders/digest';
import { DIGEST, type WantedDelivery, claimDeliveries, heldElsewhere, markSent, release } from '../reminders/ledger';
import { mailDomain } from '../reminders/mailer';
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
    session.runnerForCursors.rows(
      `insert into outbox_event (id, created_at, organisation_id, type, subject_id, payload)
       select e.id, now(), $1, e.type, e.subject, e.payload from unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[]) as e(id, type, subject, payload)
       on conflict (id) do nothing`,
      [organisationId, events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e.subject), events.map((e) => JSON.stringify(e.payload))],
    ),
  );
}

async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/**
 * One organisation's reminders for one local day: at most one digest per person per period. For
 * each recipient the ledger row is claimed (committed, with a lease) just before sending and marked SENT right after
 * the SMTP server accepted the message, so a retry or a second run skips what was sent and sends
 * what was not. A failed send gives its claim back and fails the job (BullMQ retries it with
 * backoff); a delivery still held by another attempt's live lease fails it too, so that the retry
 * after the lease finds it either sent or free to take.
 */
export const organisationReminders = defineProcessor({
  job: JOBS.organisationReminders,
  async handle(services, { organisationId, localDate }) {
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

    // Each delivery is claimed just before its send, so a lease covers one send, not a whole run.
    let sent = 0;
    let held = 0;
    const failures: string[] = [];
    await inBatches(wanted, SENDING, async (delivery) => {
      const claim = await asOrganisation(orm, organisationId, async (session) => {
        const [taken] = await claimDeliveries(session, organisationId, [delivery], cfg.REMINDER_LEASE_MS);
        if (!taken && (await heldElsewhere(session, [delivery]))) held += 1;
        return taken;
      });
      if (!claim) return;
      try {
        await mailer.send(mails.get(claim.recipientUserId)!);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        await asOrganisation(orm, organisationId, (s) => release(s, organisationId, claim.id)).catch(() => undefined);
        return;
      }
      // The one window that cannot be closed: SMTP accepted the message and the process dies
      // before this commit. The claim's lease then runs out and the retry sends the same
      // Message-ID again. It is kept as short as one statement.
      await asOrganisation(orm, organisationId, async (s) => {
        if (await markSent(s, organisationId, claim.id)) {
          recordAudit(s.em, REMINDER_ACTOR, { organisationId, action: 'reminder.sent', entityType: 'ReminderDelivery', entityId: claim.id, after: { attempts: claim.attempts } });
        }
      });
      sent += 1;
    });
    if (failures.length) {
      logger.warn({ organisation: organisationId, localDate, failed: failures.length, sent, first: failures[0] }, 'reminders: some sends failed; the job will retry');
      throw new DeliveriesPending(`${failures.length} of ${wanted.length} reminder emails were not accepted: ${failures[0]}`);
    }
    if (held) throw new DeliveriesPending(`${held} reminder deliveries are claimed by another attempt; retrying after their lease`);
    return { sent, recipients: wanted.length };
  },
});
