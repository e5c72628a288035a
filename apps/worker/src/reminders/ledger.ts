import type { Session } from '@waymark/db';

export interface WantedDelivery {
  recipientUserId: string;
  period: string;
  messageId: string;
  items: { kind: string; id: string }[];
}

/**
 * A delivery this attempt holds. `attempt` is the fencing token: every claim of the row adds one,
 * so a mark or release carrying an older number is refused once another attempt has taken the row.
 * `leaseEndsAt` is this process's conservative view of the lease (measured from before the claim
 * statement was sent), used to decide whether a send may still start.
 */
export interface Claim {
  id: string;
  recipientUserId: string;
  attempt: number;
  leaseEndsAt: number;
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
  const leaseEndsAt = Date.now() + leaseMs;
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
  return rows.map((r) => ({ id: r.id, recipientUserId: r.recipient_user_id, attempt: r.attempts, leaseEndsAt }));
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

/**
 * Marks claims SENT, only where this attempt still owns them (same row, same attempt number,
 * still CLAIMED). Returns the ids it marked; a claim missing from the answer was taken by a later
 * attempt (or already marked), so this attempt no longer owns it.
 */
export async function markSent(session: Session, organisationId: string, claims: readonly Claim[]): Promise<Set<string>> {
  if (!claims.length) return new Set();
  const rows = await session.runnerForCursors.rows<{ id: string }>(
    `update reminder_delivery d set state = 'SENT', sent_at = now()
       from unnest($2::uuid[], $3::int[]) as c(id, attempt)
      where d.organisation_id = $1 and d.id = c.id and d.attempts = c.attempt and d.state = 'CLAIMED'
     returning d.id`,
    [organisationId, claims.map((c) => c.id), claims.map((c) => c.attempt)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Gives claims back at once (a failed or skipped send), so the job's retry can take them without
 * waiting for the lease. Only the owner's release counts: a stale attempt cannot end another's
 * live claim. Returns the ids released.
 */
export async function release(session: Session, organisationId: string, claims: readonly Claim[]): Promise<Set<string>> {
  if (!claims.length) return new Set();
  const rows = await session.runnerForCursors.rows<{ id: string }>(
    `update reminder_delivery d set lease_until = now() - interval '1 millisecond'
       from unnest($2::uuid[], $3::int[]) as c(id, attempt)
      where d.organisation_id = $1 and d.id = c.id and d.attempts = c.attempt and d.state = 'CLAIMED'
     returning d.id`,
    [organisationId, claims.map((c) => c.id), claims.map((c) => c.attempt)],
  );
  return new Set(rows.map((r) => r.id));
}
