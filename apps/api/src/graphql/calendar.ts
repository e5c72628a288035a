import { localDate } from '@waymark/domain';
import type { TenantContext } from '../context';

/** The organisation's today, in its own time zone: the day its due dates and reviews follow. */
export async function organisationToday(ctx: Pick<TenantContext, 'db'>): Promise<string> {
  const org = await ctx.db.organisation<{ time_zone: string }>('select time_zone from organisation where id = $1');
  return localDate(new Date(), org?.time_zone ?? 'UTC');
}
