import { forbidden } from '@waymark/domain';
import type { TenantContext } from '../../context';

/** The person a calendar feed belongs to: the signed-in one (not an API key). */
export function requirePerson(ctx: TenantContext): string {
  if (!ctx.userId) throw forbidden('A calendar feed belongs to a person: sign in as yourself');
  return ctx.userId;
}

export interface CalendarFeedInfo {
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function feedOf(ctx: TenantContext): Promise<CalendarFeedInfo | null> {
  const userId = requirePerson(ctx);
  return (
    (await ctx.db.sql
      .selectFrom('calendarFeed')
      .select(['createdAt', 'lastUsedAt'])
      .where('userId', '=', userId)
      .where('tokenHash', 'is not', null)
      .executeTakeFirst()) ?? null
  );
}
