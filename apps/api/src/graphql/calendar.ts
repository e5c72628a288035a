import { Organisation } from '@waymark/db';
import { localDate } from '@waymark/domain';
import type { TenantContext } from '../context';

/** The organisation's today, in its own time zone: the day its due dates and reviews follow. */
export async function organisationToday(ctx: TenantContext): Promise<string> {
  const org = await ctx.em.findOneOrFail(Organisation, { id: ctx.organisationId });
  return localDate(new Date(), org.timeZone);
}
