import { NotificationFrequency, NotificationPreference, type Session, asOrganisation, recordAudit } from '@waymark/db';
import { type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import { personOf, view } from './reads';
import type { NotificationPreferenceType } from './types';

async function upsert(em: Session['em'], organisationId: string, userId: string, frequency: NotificationFrequency) {
  const existing = await em.findOne(NotificationPreference, { organisationId, userId });
  const before = existing ? snapshot(existing) : null;
  const row = existing ?? em.create(NotificationPreference, { organisationId, userId, frequency });
  row.frequency = frequency;
  row.updatedAt = new Date();
  return { row, before };
}

export async function setPreference(ctx: TenantContext, frequency: NotificationFrequency): Promise<NotificationPreferenceType> {
  const userId = personOf(ctx);
  const { row, before } = await upsert(ctx.em, ctx.organisationId, userId, frequency);
  audit(ctx, 'notifications.preference.set', 'NotificationPreference', row.id, before, snapshot(row));
  return view({ frequency: row.frequency, updatedAt: row.updatedAt });
}

/**
 * The one-click unsubscribe (no sign-in: the signed token is the authority): that person's
 * preference for that organisation becomes NONE, and nothing else changes. False when the person
 * is no longer a member (there is nothing to unsubscribe from).
 */
export async function unsubscribe(orm: MikroORM, claim: { organisationId: string; userId: string }): Promise<boolean> {
  try {
    return await unsubscribeOnce(orm, claim);
  } catch (error) {
    // Clicks racing each other (a mail program's POST and the person's own) both found no row and
    // both inserted one; the loser's flush met the unique key at commit and rolled back. The row is
    // there now, so once more finds and updates it.
    if (!isUniqueViolation(error)) throw error;
    return unsubscribeOnce(orm, claim);
  }
}

const isUniqueViolation = (error: unknown) => error instanceof UniqueConstraintViolationException;

function unsubscribeOnce(orm: MikroORM, claim: { organisationId: string; userId: string }): Promise<boolean> {
  return asOrganisation(orm, claim.organisationId, async (session) => {
    const member = await session.db.sql.selectFrom('membership').select('id').where('userId', '=', claim.userId).executeTakeFirst();
    if (!member) return false;
    const { row, before } = await upsert(session.em, claim.organisationId, claim.userId, NotificationFrequency.NONE);
    recordAudit(session.em, { userId: claim.userId }, {
      organisationId: claim.organisationId, action: 'notifications.unsubscribe', entityType: 'NotificationPreference', entityId: row.id, before, after: snapshot(row),
    });
    return true;
  }, { userId: claim.userId });
}
