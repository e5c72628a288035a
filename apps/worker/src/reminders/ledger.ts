import type { Session } from '@waymark/db';

export interface WantedDelivery {
  recipientUserId: string;
  period: string;
  messageId: string;
  items: { kind: string; id: string }[];
}

export interface Claim {
  id: string;
  recipientUserId: string;
  attempts: number;
}

export const DIGEST = { subject: 'digest', channel: 'email' } as const;

/**
 * Claims deliveries in the ledger, in one statement: a new row (CLAIMED, with a lease), or a row
 * whose earlier claim's lease ran out without being marked SENT. A SENT row, or one another attempt
 * holds under a live lease, is not returned. The unique key (organisation, recipient, subject,
 * period, channel) makes two claims of one delivery impossible, whatever runs concurrently.
 */
export async function claimDeliveries(session: Session, organisationId: string, wanted: readonly WantedDelivery[], leaseMs: number): Promise<Claim[]> {
  if (!wanted.length) return [];
  const rows = await session.runnerForCursors.rows<{ id: string; recipient_user_id: string; attempts: number }>(
    `insert into reminder_delivery (id, created_at, organisation_id, recipient_user_id, subject, period, channel, state, lease_until, attempts, message_id, items)
     select gen_random_uuid(), now(), $1, w.user_id, $2, w.period, $3, 'CLAIMED', now() + make_interval(secs => $4::double precision / 1000), 1, w.message_id, w.items
       from unnest($5::uuid[], $6::text[], $7::text[], $8::jsonb[]) as w(user_id, period, message_id, items)
     on conflict (organisation_id, recipient_user_id, subject, period, channel) do update
        set lease_until = excluded.lease_until, attempts = reminder_delivery.attempts + 1, items = excluded.items
      where reminder_delivery.state = 'CLAIMED' and reminder_delivery.lease_until < now()
     returning id, recipient_user_id, attempts`,
    [
      organisationId, DIGEST.subject, DIGEST.channel, leaseMs,
      wanted.map((w) => w.recipientUserId), wanted.map((w) => w.period), wanted.map((w) => w.messageId), wanted.map((w) => JSON.stringify(w.items)),
    ],
  );
  return rows.map((r) => ({ id: r.id, recipientUserId: r.recipient_user_id, attempts: r.attempts }));
}

/** Of the wanted deliveries not claimed now, those still held by another attempt's live lease (not SENT). */
export async function heldElsewhere(session: Session, wanted: readonly WantedDelivery[]): Promise<number> {
  if (!wanted.length) return 0;
  const [row] = await session.db.tenant<{ n: number }>(
    `select count(*)::int as n from reminder_delivery d
       join unnest($2::uuid[], $3::text[]) as w(user_id, period) on w.user_id = d.recipient_user_id and w.period = d.period
      where d.organisation_id = $1 and d.subject = $4 and d.channel = $5 and d.state = 'CLAIMED'`,
    wanted.map((w) => w.recipientUserId), wanted.map((w) => w.period), DIGEST.subject, DIGEST.channel,
  );
  return row?.n ?? 0;
}

export async function markSent(session: Session, organisationId: string, id: string): Promise<boolean> {
  const rows = await session.runnerForCursors.rows<{ id: string }>(
    `update reminder_delivery set state = 'SENT', sent_at = now() where organisation_id = $1 and id = $2 and state = 'CLAIMED' returning id`,
    [organisationId, id],
  );
  return rows.length === 1;
}

/** A send that failed gives its claim back at once, so the job's retry can take it without waiting for the lease. */
export async function release(session: Session, organisationId: string, id: string): Promise<void> {
  await session.runnerForCursors.rows(
    `update reminder_delivery set lease_until = now() - interval '1 millisecond' where organisation_id = $1 and id = $2 and state = 'CLAIMED'`,
    [organisationId, id],
  );
}
