import { sql } from 'kysely';
import { type Session, anyUuid } from '@waymark/db';
import { type Reminder, addDays, reminderHorizon } from '@waymark/domain';

/** One organisation's reminders on one local day, grouped by who should hear about them. */
export interface OrganisationReminders {
  organisation: { id: string; name: string };
  /** Person -> their reminders (an item's owner gets it; everything else goes to owners and managers). */
  byRecipient: Map<string, Reminder[]>;
  people: Map<string, { email: string; name: string }>;
  preferences: Map<string, string>;
  /** Items newly overdue and partners whose review is due today: each becomes an outbox event once. */
  overdueItems: { id: string; dueOn: string | null; nextReviewOn: string | null }[];
  partnersDue: { id: string; nextReviewOn: string }[];
}

const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10));
/** Statuses that still need work: never DONE, DROPPED or CARRIED_FORWARD (its copy carries on). */
const LIVE_ITEM = ['OPEN', 'IN_PROGRESS', 'DEFERRED'] as const;

/**
 * Everything due within the window (REMINDER_LEAD_DAYS ahead) or overdue, read in the session of
 * the organisation (row-level security makes another organisation's rows invisible here):
 * action items by due or next review date, partners by review date (element 3.1.3), evidence
 * about to expire, assessments due, and the prompt to start the next cycle a year after the last
 * submission.
 */
export async function collectReminders(session: Session, date: string, leadDays: number): Promise<OrganisationReminders | null> {
  const db = session.db.sql;
  const org = await db.selectFrom('organisation').select(['id', 'name']).executeTakeFirst();
  if (!org) return null;
  const horizon = reminderHorizon(date, leadDays);

  const [items, partners, evidence, assessments, lastCycles, members, preferences] = await Promise.all([
    db
      .selectFrom('actionItem')
      .select(['id', 'what', 'dueOn', 'nextReviewOn', 'ownerUserId'])
      .where('status', 'in', LIVE_ITEM)
      .where('resolvedByAssessmentAt', 'is', null)
      .where((eb) => eb.or([eb('dueOn', '<=', horizon), eb('nextReviewOn', '<=', horizon)]))
      .orderBy('id')
      .execute(),
    db.selectFrom('partner').select(['id', 'name', 'nextReviewOn']).where('status', 'in', ['ACTIVE', 'PAUSED']).where('nextReviewOn', '<=', horizon).orderBy('id').execute(),
    db.selectFrom('evidence').select(['id', 'title', 'expiresOn']).where('expiresOn', '>=', date).where('expiresOn', '<=', horizon).orderBy('id').execute(),
    db.selectFrom('assessment').select(['id', 'cycle', 'dueOn']).where('status', '<>', 'SUBMITTED').where('dueOn', '<=', horizon).orderBy('id').execute(),
    // The latest submission of each framework, a year old, with no newer assessment of it started.
    db
      .selectFrom('assessment as a')
      .select(['a.id', 'a.cycle', sql<string>`(a.submitted_at at time zone 'UTC')::date::text`.as('submittedOn')])
      .where('a.status', '=', 'SUBMITTED')
      .where('a.submittedAt', '<', sql<Date>`${addDays(date, -365)}::date`)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('assessment as n').select('n.id').whereRef('n.frameworkId', '=', 'a.frameworkId').whereRef('n.id', '<>', 'a.id').whereRef('n.createdAt', '>', 'a.submittedAt'),
          ),
        ),
      )
      .orderBy('a.id')
      .execute(),
    db.selectFrom('membership').select(['userId', 'role']).execute(),
    db.selectFrom('notificationPreference').select(['userId', 'frequency']).execute(),
  ]);

  const memberIds = new Set(members.map((m) => m.userId));
  const managers = members.filter((m) => m.role === 'OWNER' || m.role === 'MANAGER').map((m) => m.userId);
  const byRecipient = new Map<string, Reminder[]>();
  const give = (people: readonly string[], reminder: Reminder) => {
    for (const person of people) byRecipient.set(person, [...(byRecipient.get(person) ?? []), reminder]);
  };

  const overdueItems: OrganisationReminders['overdueItems'] = [];
  for (const item of items) {
    const dates = [
      item.dueOn ? { date: item.dueOn, what: 'due' as const } : null,
      item.nextReviewOn ? { date: item.nextReviewOn, what: 'review' as const } : null,
    ].filter((d): d is { date: string; what: 'due' | 'review' } => d !== null && d.date <= horizon);
    const first = dates.sort((a, b) => a.date.localeCompare(b.date))[0]!;
    const overdue = first.date < date;
    if (overdue) overdueItems.push({ id: item.id, dueOn: item.dueOn, nextReviewOn: item.nextReviewOn });
    const to = item.ownerUserId && memberIds.has(item.ownerUserId) ? [item.ownerUserId] : managers;
    give(to, { kind: 'item', id: item.id, title: item.what, date: first.date, what: first.what, overdue });
  }
  for (const p of partners) give(managers, { kind: 'partner', id: p.id, title: p.name, date: p.nextReviewOn!, what: 'review', overdue: p.nextReviewOn! < date });
  for (const e of evidence) give(managers, { kind: 'evidence', id: e.id, title: e.title, date: e.expiresOn!, what: 'expires', overdue: false });
  for (const a of assessments) give(managers, { kind: 'assessment', id: a.id, title: `Assessment ${a.cycle}`, date: a.dueOn!, what: 'due', overdue: a.dueOn! < date });
  for (const a of lastCycles) give(managers, { kind: 'next-cycle', id: a.id, title: `Start the cycle after ${a.cycle}`, date: a.submittedOn, what: 'submitted', overdue: false });

  const people = new Map<string, { email: string; name: string }>();
  if (byRecipient.size) {
    const rows = await db.selectFrom('appUser').select(['id', 'email', 'name']).where('id', '=', anyUuid([...byRecipient.keys()])).execute();
    for (const r of rows) people.set(r.id, { email: r.email, name: r.name });
  }
  return {
    organisation: org,
    byRecipient,
    people,
    preferences: new Map(preferences.map((p) => [p.userId, p.frequency])),
    overdueItems,
    partnersDue: partners.filter((p) => p.nextReviewOn! <= date).map((p) => ({ id: p.id, nextReviewOn: iso(p.nextReviewOn!) })),
  };
}
