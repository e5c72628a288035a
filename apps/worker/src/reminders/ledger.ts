import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
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
  assertScope(session, organisationId);
  const leaseEndsAt = Date.now() + leaseMs;
  const leaseUntil = sql<Date>`now() + make_interval(secs => ${leaseMs}::double precision / 1000)`;
  const rows = await session.db.sql
    .insertInto('reminderDelivery')
    .values(
      wanted.map((w) => ({
        id: randomUUID(), createdAt: sql<Date>`now()`, recipientUserId: w.recipientUserId, subject: DIGEST.subject, period: w.period, channel: DIGEST.channel,
        state: 'CLAIMED' as const, leaseUntil, attempts: 1, messageId: w.messageId, items: JSON.stringify(w.items),
      })),
    )
    .onConflict((conflict) =>
      conflict
        .columns(['organisationId', 'recipientUserId', 'subject', 'period', 'channel'])
        .doUpdateSet((eb) => ({ leaseUntil: eb.ref('excluded.leaseUntil'), attempts: eb('reminderDelivery.attempts', '+', 1), items: eb.ref('excluded.items') }))
        .where('reminderDelivery.state', '=', 'CLAIMED')
        .where('reminderDelivery.leaseUntil', '<', sql<Date>`now()`),
    )
    .returning(['id', 'recipientUserId', 'attempts'])
    .execute();
  return rows.map((r) => ({ id: r.id, recipientUserId: r.recipientUserId, attempt: r.attempts, leaseEndsAt }));
}

/** Of the wanted deliveries not claimed now, those still held by another attempt's live lease (not SENT). */
export async function heldElsewhere(session: Session, wanted: readonly WantedDelivery[]): Promise<number> {
  if (!wanted.length) return 0;
  const row = await session.db.sql
    .selectFrom('reminderDelivery as d')
    .innerJoin(pairs(wanted.map((w) => w.recipientUserId), 'uuid', wanted.map((w) => w.period), 'text').as('w'), (join) =>
      join.onRef('w.a', '=', 'd.recipientUserId').onRef('w.b', '=', 'd.period'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.subject', '=', DIGEST.subject)
    .where('d.channel', '=', DIGEST.channel)
    .where('d.state', '=', 'CLAIMED')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Marks claims SENT, only where this attempt still owns them (same row, same attempt number,
 * still CLAIMED). Returns the ids it marked; a claim missing from the answer was taken by a later
 * attempt (or already marked), so this attempt no longer owns it.
 */
export async function markSent(session: Session, organisationId: string, claims: readonly Claim[]): Promise<Set<string>> {
  return owned(session, organisationId, claims, { state: 'SENT', sentAt: sql<Date>`now()` });
}

/**
 * Gives claims back at once (a failed or skipped send), so the job's retry can take them without
 * waiting for the lease. Only the owner's release counts: a stale attempt cannot end another's
 * live claim. Returns the ids released.
 */
export async function release(session: Session, organisationId: string, claims: readonly Claim[]): Promise<Set<string>> {
  return owned(session, organisationId, claims, { leaseUntil: sql<Date>`now() - interval '1 millisecond'` });
}

/** Changes the claimed rows this attempt still owns; the ids changed. */
async function owned(
  session: Session, organisationId: string, claims: readonly Claim[], change: { state?: 'SENT'; sentAt?: ReturnType<typeof sql<Date>>; leaseUntil?: ReturnType<typeof sql<Date>> },
): Promise<Set<string>> {
  if (!claims.length) return new Set();
  assertScope(session, organisationId);
  const rows = await session.db.sql
    .updateTable('reminderDelivery as d')
    .set(change)
    .from(pairs(claims.map((c) => c.id), 'uuid', claims.map((c) => c.attempt), 'int').as('c'))
    .whereRef('d.id', '=', 'c.a')
    .whereRef('d.attempts', '=', 'c.b')
    .where('d.state', '=', 'CLAIMED')
    .returning('d.id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Two arrays as rows `(a, b)`: `select * from unnest($1::<type>[], $2::<type>[]) as t(a, b)`. */
function pairs<A, B>(a: readonly A[], aType: 'uuid' | 'text' | 'int', b: readonly B[], bType: 'uuid' | 'text' | 'int') {
  return sql<{ a: A; b: B }>`(select * from unnest(${a}::${sql.raw(aType)}[], ${b}::${sql.raw(bType)}[]) as t(a, b))`;
}

/** The ledger writes the organisation the session is scoped to; a caller naming another is a bug. */
function assertScope(session: Session, organisationId: string): void {
  if (session.organisationId !== organisationId) throw new Error(`the session is scoped to ${session.organisationId}, not ${organisationId}`);
}
