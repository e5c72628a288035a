import type { Session } from '@waymark/db';
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
const LIVE_ITEM = `('OPEN', 'IN_PROGRESS', 'DEFERRED')`;

/**
 * Everything due within the window (REMINDER_LEAD_DAYS ahead) or overdue, read in the session of
 * the organisation (row-level security makes another organisation's rows invisible here):
 * action items by due or next review date, partners by review date (element 3.1.3), evidence
 * about to expire, assessments due, and the prompt to start the next cycle a year after the last
 * submission.
 */
export async function collectReminders(session: Session, date: string, leadDays: number): Promise<OrganisationReminders | null> {
  const db = session.db;
  const org = await db.organisation<{ id: string; name: string }>('select id, name from organisation where id = $1');
  if (!org) return null;
  const horizon = reminderHorizon(date, leadDays);

  const [items, partners, evidence, assessments, lastCycles, members, preferences] = await Promise.all([
    db.tenant<{ id: string; what: string; due_on: string | null; next_review_on: string | null; owner_user_id: string | null }>(
      `select id, what, due_on::text, next_review_on::text, owner_user_id from action_item
        where organisation_id = $1 and status in ${LIVE_ITEM} and resolved_by_assessment_at is null
          and (due_on <= $2::date or next_review_on <= $2::date) order by id`,
      horizon,
    ),
    db.tenant<{ id: string; name: string; next_review_on: string }>(
      `select id, name, next_review_on::text from partner
        where organisation_id = $1 and status in ('ACTIVE', 'PAUSED') and next_review_on <= $2::date order by id`,
      horizon,
    ),
    db.tenant<{ id: string; title: string; expires_on: string }>(
      `select id, title, expires_on::text from evidence where organisation_id = $1 and expires_on between $2::date and $3::date order by id`,
      date, horizon,
    ),
    db.tenant<{ id: string; cycle: string; due_on: string }>(
      `select id, cycle, due_on::text from assessment where organisation_id = $1 and status <> 'SUBMITTED' and due_on <= $2::date order by id`,
      horizon,
    ),
    // The latest submission of each framework, a year old, with no newer assessment of it started.
    db.tenant<{ id: string; cycle: string; submitted_on: string }>(
      `select a.id, a.cycle, (a.submitted_at at time zone 'UTC')::date::text as submitted_on from assessment a
        where a.organisation_id = $1 and a.status = 'SUBMITTED' and a.submitted_at < $2::date
          and not exists (select 1 from assessment n where n.organisation_id = a.organisation_id and n.framework_id = a.framework_id
                          and n.id <> a.id and n.created_at > a.submitted_at)
        order by a.id`,
      addDays(date, -365),
    ),
    db.tenant<{ user_id: string; role: string }>(`select user_id, role from membership where organisation_id = $1`),
    db.tenant<{ user_id: string; frequency: string }>(`select user_id, frequency from notification_preference where organisation_id = $1`),
  ]);

  const memberIds = new Set(members.map((m) => m.user_id));
  const managers = members.filter((m) => m.role === 'OWNER' || m.role === 'MANAGER').map((m) => m.user_id);
  const byRecipient = new Map<string, Reminder[]>();
  const give = (people: readonly string[], reminder: Reminder) => {
    for (const person of people) byRecipient.set(person, [...(byRecipient.get(person) ?? []), reminder]);
  };

  const overdueItems: OrganisationReminders['overdueItems'] = [];
  for (const item of items) {
    const dates = [
      item.due_on ? { date: item.due_on, what: 'due' as const } : null,
      item.next_review_on ? { date: item.next_review_on, what: 'review' as const } : null,
    ].filter((d): d is { date: string; what: 'due' | 'review' } => d !== null && d.date <= horizon);
    const first = dates.sort((a, b) => a.date.localeCompare(b.date))[0]!;
    const overdue = first.date < date;
    if (overdue) overdueItems.push({ id: item.id, dueOn: item.due_on, nextReviewOn: item.next_review_on });
    const to = item.owner_user_id && memberIds.has(item.owner_user_id) ? [item.owner_user_id] : managers;
    give(to, { kind: 'item', id: item.id, title: item.what, date: first.date, what: first.what, overdue });
  }
  for (const p of partners) give(managers, { kind: 'partner', id: p.id, title: p.name, date: p.next_review_on, what: 'review', overdue: p.next_review_on < date });
  for (const e of evidence) give(managers, { kind: 'evidence', id: e.id, title: e.title, date: e.expires_on, what: 'expires', overdue: false });
  for (const a of assessments) give(managers, { kind: 'assessment', id: a.id, title: `Assessment ${a.cycle}`, date: a.due_on, what: 'due', overdue: a.due_on < date });
  for (const a of lastCycles) give(managers, { kind: 'next-cycle', id: a.id, title: `Start the cycle after ${a.cycle}`, date: a.submitted_on, what: 'submitted', overdue: false });

  const people = new Map<string, { email: string; name: string }>();
  if (byRecipient.size) {
    const rows = await db.shared<{ id: string; email: string; name: string }>('select id, email, name from app_user where id = any($1::uuid[])', [...byRecipient.keys()]);
    for (const r of rows) people.set(r.id, { email: r.email, name: r.name });
  }
  return {
    organisation: org,
    byRecipient,
    people,
    preferences: new Map(preferences.map((p) => [p.user_id, p.frequency])),
    overdueItems,
    partnersDue: partners.filter((p) => p.next_review_on <= date).map((p) => ({ id: p.id, nextReviewOn: iso(p.next_review_on) })),
  };
}
