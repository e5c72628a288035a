import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { asOrganisation } from '@waymark/db';
import { WaymarkError } from '@waymark/domain';
import type { Logger } from '@waymark/logger';
import { parseSecret, secretMatches } from '../../auth/secrets';
import { sendError } from '../../exports/errors';
import { databaseError } from '../../graphql/errors';
import { clientAddress, type RateLimits } from '../../http/rate-limits';
import { feedText, ownedDates } from './feed';
import { CALENDAR_PREFIX } from './service';

const notFound = (res: express.Response) =>
  res.status(404).set('cache-control', 'no-store').json({ errors: [{ message: 'No calendar feed at this address', extensions: { code: 'NOT_FOUND' } }] });

/**
 * GET /calendar/<token>.ics: a person's feed, without signing in (calendar apps cannot). The token
 * names its organisation, so the lookup runs under that organisation's row-level security; its
 * secret is checked against the stored hash. A revoked or replaced token, a person no longer a
 * member, or anything malformed answers 404 alike. Counted against the caller's address like any
 * request without a credential.
 */
export function calendarRouter(orm: MikroORM, log: Logger, limits: RateLimits, trustProxyHops: number): express.Router {
  const router = express.Router();
  router.get('/:file', async (req, res) => {
    try {
      await limits.admit({ kind: 'anonymous' }, clientAddress(req, trustProxyHops));
      const match = /^(.+)\.ics$/.exec(req.params.file ?? '');
      const token = match ? parseSecret(CALENDAR_PREFIX, match[1]!) : null;
      if (!token) return notFound(res);
      const feed = await asOrganisation(orm, token.organisationId, async (session) => {
        const row = await session.db.tenantOne<{ userId: string; tokenHash: string | null; name: string }>(
          `select f.user_id as "userId", f.token_hash as "tokenHash", o.name
             from calendar_feed f join organisation o on o.id = f.organisation_id
             join membership m on m.organisation_id = f.organisation_id and m.user_id = f.user_id
            where f.organisation_id = $1 and f.id = $2`,
          token.rowId,
        );
        if (!row?.tokenHash || !secretMatches(token.secret, row.tokenHash)) return null;
        await session.em.execute(`update calendar_feed set last_used_at = now() where organisation_id = ? and id = ?`, [token.organisationId, token.rowId]);
        return { name: row.name, items: await ownedDates(session.db, row.userId) };
      });
      if (!feed) return notFound(res);
      res
        .status(200)
        .set('content-type', 'text/calendar; charset=utf-8')
        .set('cache-control', 'private, no-store')
        .set('content-disposition', 'inline; filename="waymark.ics"')
        .send(feedText(feed.items, `Waymark: ${feed.name}`, null));
    } catch (error) {
      const known = error instanceof WaymarkError ? error : databaseError(error);
      if (!known) log.error({ err: error }, 'calendar feed failed');
      sendError(res, known ?? error);
    }
  });
  return router;
}
