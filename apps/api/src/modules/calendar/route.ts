import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { asOrganisation } from '@waymark/db';
import { sql } from 'kysely';
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
        const row = await session.db.sql
          .selectFrom('calendarFeed as f')
          .innerJoin('organisation as o', 'o.id', 'f.organisationId')
          .innerJoin('membership as m', (j) => j.onRef('m.organisationId', '=', 'f.organisationId').onRef('m.userId', '=', 'f.userId'))
          .select(['f.userId', 'f.tokenHash', 'o.name'])
          .where('f.id', '=', token.rowId)
          .executeTakeFirst();
        if (!row?.tokenHash || !secretMatches(token.secret, row.tokenHash)) return null;
        await session.db.sql.updateTable('calendarFeed').set({ lastUsedAt: sql`now()` }).where('id', '=', token.rowId).execute();
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
