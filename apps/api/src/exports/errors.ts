import type express from 'express';
import { WaymarkError } from '@waymark/domain';

/**
 * Writes an error the way the GraphQL endpoint does: `{ errors: [{ message, extensions: { code } }] }`,
 * with the status of its code (one table, in packages/domain), never HTML and never a stack.
 * Anything that is not a WaymarkError is masked (the caller logs it).
 */
export function sendError(res: express.Response, error: unknown): void {
  if (res.headersSent) {
    // Part of a download is already on the wire: cutting the connection is the only honest signal.
    res.destroy();
    return;
  }
  const body =
    error instanceof WaymarkError
      ? { status: error.status, message: error.message, extensions: { code: error.code, ...error.details } }
      : { status: 500, message: 'Internal error: it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  // A download route may already have chosen an attachment name or a content type: an error is neither.
  res.removeHeader('content-disposition');
  const wait = Number((body.extensions as { retryAfterSeconds?: unknown }).retryAfterSeconds);
  if (wait > 0) res.set('retry-after', String(wait));
  else if (body.status === 503) res.set('retry-after', '5');
  res.status(body.status).set('cache-control', 'no-store').json({ errors: [{ message: body.message, extensions: body.extensions }] });
}
