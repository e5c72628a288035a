import { CalendarFeed } from '@waymark/db';
import type { TenantContext } from '../../context';
import { requirePerson } from './reads';
import { audit } from '../../graphql/audit';
import { issueSecret } from '../../auth/secrets';

/** Calendar tokens: `wcal_<organisation><feed>_<secret>`, like API keys (see auth/secrets.ts). */
export const CALENDAR_PREFIX = 'wcal';

/** Makes the caller's feed URL, or replaces it: the previous URL stops working at once. */
export async function createOrRotate(ctx: TenantContext, baseUrl: string): Promise<{ url: string; token: string; createdAt: Date }> {
  const userId = requirePerson(ctx);
  let feed = await ctx.em.findOne(CalendarFeed, { organisationId: ctx.organisationId, userId });
  const rotated = Boolean(feed?.tokenHash);
  feed ??= ctx.em.create(CalendarFeed, { organisationId: ctx.organisationId, userId });
  const { token, hash } = issueSecret(CALENDAR_PREFIX, ctx.organisationId, feed.id);
  feed.tokenHash = hash;
  feed.revokedAt = null;
  feed.createdAt = new Date();
  feed.lastUsedAt = null;
  audit(ctx, rotated ? 'calendar.rotate' : 'calendar.create', 'CalendarFeed', feed.id, null, { userId });
  return { url: `${baseUrl.replace(/\/$/, '')}/calendar/${token}.ics`, token, createdAt: feed.createdAt };
}

/** Revoking a feed that does not exist (or is revoked) is harmless. */
export async function revoke(ctx: TenantContext): Promise<boolean> {
  const userId = requirePerson(ctx);
  const feed = await ctx.em.findOne(CalendarFeed, { organisationId: ctx.organisationId, userId });
  if (!feed?.tokenHash) return false;
  feed.tokenHash = null;
  feed.revokedAt = new Date();
  audit(ctx, 'calendar.revoke', 'CalendarFeed', feed.id, null, { userId });
  return true;
}
