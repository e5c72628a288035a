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
  return ctx.db.tenantOne<CalendarFeedInfo>(
    `select created_at as "createdAt", last_used_at as "lastUsedAt" from calendar_feed where organisation_id = $1 and user_id = $2 and token_hash is not null`,
    userId,
  );
}
