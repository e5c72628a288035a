import type express from 'express';
import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig as Config } from '@waymark/config';
import { WaymarkError } from '@waymark/domain';
import { assertAllowed } from '../graphql/auth-checker';
import { type Principal, authenticate, credentialsFrom } from '../auth/authenticate';
import type { Logger } from '../logger';
import { sendError } from './errors';

export interface ExportDeps {
  orm: MikroORM;
  cfg: Config;
  log: Logger;
}

/** A download's view of the request: one transaction, row-level security set to one organisation. */
export interface ExportContext {
  em: EntityManager;
  /** The same transaction as `em`, as knex, for streaming queries. */
  trx: Knex.Transaction;
  organisationId: string;
  userId: string | null;
  apiKeyId: string | null;
}

export type ExportWork = (ctx: ExportContext, req: express.Request, res: express.Response) => Promise<void>;

/** Exports are tenant data: a credential, an organisation to act for, and `exports:read`. */
function authorise(principal: Principal): asserts principal is Principal & { organisationId: string } {
  assertAllowed(principal, ['exports:read']);
}

const DISCONNECTED = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']);

/** The client went away: not a server fault, nothing to log as an error (a failed query still is one). */
const clientGone = (error: unknown) => DISCONNECTED.has(String((error as { code?: unknown } | null)?.code));

async function endTransaction(em: EntityManager, commit: boolean, log: Logger): Promise<void> {
  if (!em.isInTransaction()) return;
  try {
    if (commit) await em.commit();
    else await em.rollback();
  } catch (error) {
    log.error('export transaction end failed', error);
    if (em.isInTransaction()) await em.rollback().catch(() => undefined);
  }
}

/**
 * Runs one download in one transaction on one pooled connection, authorised exactly like the
 * GraphQL endpoint. The transaction ends (commit when the response was completed, rollback
 * otherwise, including a client that disconnects mid-stream) before the handler returns, so the
 * connection always goes back to the pool. Errors are JSON; after the first byte they cut the
 * connection instead, since a truncated file must not look complete.
 */
export function exportRoute({ orm, cfg, log }: ExportDeps, work: ExportWork): express.RequestHandler {
  return async (req, res) => {
    res.set('cache-control', 'no-store');
    const em = orm.em.fork({ clear: true });
    let completed = false;
    try {
      try {
        await em.begin();
      } catch (error) {
        log.error('export: could not start a transaction', error);
        sendError(res, error, 503);
        return;
      }
      let principal: Principal;
      try {
        principal = await authenticate(em, cfg.AUTH_TOKEN_SECRET, credentialsFrom(req.headers));
      } catch (error) {
        if (!(error instanceof WaymarkError)) log.error('export: authentication failed', error);
        sendError(res, error, 503);
        return;
      }
      authorise(principal);
      const trx = em.getTransactionContext<Knex.Transaction>();
      if (!trx) throw new Error('export: no transaction context after begin()');
      await work({ em, trx, organisationId: principal.organisationId, userId: principal.userId, apiKeyId: principal.apiKeyId }, req, res);
      // Reached only when the body was fully handed over (a disconnect rejects the pipeline instead).
      completed = res.writableEnded;
    } catch (error) {
      if (clientGone(error)) log.debug('export: client disconnected', { path: req.path });
      else {
        if (!(error instanceof WaymarkError)) log.error('export failed', error);
        sendError(res, error);
      }
    } finally {
      await endTransaction(em, completed, log);
    }
  };
}
