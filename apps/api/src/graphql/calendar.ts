import { localDate } from '@waymark/domain';
import type { TenantContext } from '../context';

/** The organisation's today, in its own time zone: the day its due dates and reviews follow. */
export async function organisationToday(ctx: Pick<TenantContext, 'db'>): Promise<string> {
  // The scope narrows `organisation` to the one in scope.
  const org = await ctx.db.sql.selectFrom('organisation').select('timeZone').executeTakeFirst();
  return localDate(new Date(), org?.timeZone ?? 'UTC');
}
