import type express from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig as Config } from '@waymark/config';
import type { QueryObserver, Reader, Session } from '@waymark/db';
import { type Permission, WaymarkError } from '@waymark/domain';
import type { Logger } from '@waymark/logger';
import { assertAllowed } from '../graphql/auth-checker';
import { databaseError } from '../graphql/errors';
import { openSession } from '../auth/open-session';
import { readCredential } from '../auth/credentials';
import { clientAddress, type RateLimits } from '../http/rate-limits';
import { sendError } from './errors';

export interface ExportDeps {
  orm: MikroORM;
  cfg: Config;
  log: Logger;
  /** Sees every statement of the session's read path (tests count statements per download). */
  observe?: QueryObserver;
  limits: RateLimits;
}

/** A download's view of the request: one session, row-level security set to one organisation. */
export interface ExportContext {
  em: EntityManager;
  /** The same transaction as `em`: reads, and the streamed table dumps (server-side cursors, see cursor.ts). */
  db: Reader;
  organisationId: string;
  userId: string | null;
  apiKeyId: string | null;
}

export type ExportWork = (ctx: ExportContext, req: express.Request, res: express.Response) => Promise<void>;

const DISCONNECTED = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']);

/** The client went away: not a server fault, nothing to log as an error (a failed query still is one). */
const clientGone = (error: unknown) => DISCONNECTED.has(String((error as { code?: unknown } | null)?.code));

/**
 * Runs one download in one session on one pooled connection, authorised exactly like the GraphQL
 * endpoint (a credential, an organisation to act for, and one of the download's permissions). The session ends
 * (commit when the response was completed, rollback otherwise, including a client that disconnects
 * mid-stream) before the handler returns, so the connection always goes back to the pool. Errors
 * are JSON; after the first byte they cut the connection instead, since a truncated file must not
 * look complete.
 */
export function exportRoute({ orm, cfg, log, observe, limits }: ExportDeps, permissions: readonly Permission[], work: ExportWork): express.RequestHandler {
  return async (req, res) => {
    res.set('cache-control', 'no-store');
    let session: Session | null = null;
    let completed = false;
    const address = clientAddress(req, cfg.TRUST_PROXY_HOPS);
    try {
      const credential = readCredential(req.headers, cfg.AUTH_TOKEN_SECRET);
      // Downloads run in a write session: one transaction for the ORM and the streamed reads alike.
      const opened = await openSession(orm, 'write', { credential, address }, limits, observe);
      session = opened.session;
      const { principal } = opened;
      assertAllowed(principal, permissions);
      const em = session.em;
      if (!principal.organisationId) throw new Error('export: no organisation in scope after sign-in');
      const { organisationId, userId, apiKeyId } = principal;
      await work({ em, db: session.db, organisationId, userId, apiKeyId }, req, res);
      // Reached only when the body was fully handed over (a disconnect rejects the pipeline instead).
      completed = res.writableEnded;
    } catch (error) {
      if (clientGone(error)) log.debug({ path: req.path }, 'export: client disconnected');
      else {
        const known = error instanceof WaymarkError ? error : databaseError(error);
        if (!known) log.error({ err: error }, 'export failed');
        sendError(res, known ?? error);
      }
    } finally {
      if (session?.isOpen) {
        await (completed ? session.commit() : session.rollback()).catch((error: unknown) => log.error({ err: error }, 'export: ending the session failed'));
      }
    }
  };
}
