import type express from 'express';
import { WaymarkError } from '@waymark/domain';

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** HTTP status for one of our typed errors. */
export const statusOf = (error: WaymarkError) => STATUS[error.code] ?? 400;

/**
 * Writes an error the way the GraphQL endpoint does: `{ errors: [{ message, extensions: { code } }] }`,
 * never HTML and never a stack. Anything that is not a WaymarkError is masked (the caller logs it).
 */
export function sendError(res: express.Response, error: unknown, internalStatus = 500): void {
  if (res.headersSent) {
    // Part of a download is already on the wire: cutting the connection is the only honest signal.
    res.destroy();
    return;
  }
  const body =
    error instanceof WaymarkError
      ? { status: statusOf(error), message: error.message, extensions: { code: error.code, ...error.details } }
      : { status: internalStatus, message: 'Internal error: it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  // A download route may already have chosen an attachment name or a content type: an error is neither.
  res.removeHeader('content-disposition');
  res.status(body.status).set('cache-control', 'no-store').json({ errors: [{ message: body.message, extensions: body.extensions }] });
}
