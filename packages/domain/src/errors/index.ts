/**
 * The closed set of errors Waymark reports to clients. Each is one GraphQL `extensions.code` and
 * one HTTP status (for downloads, and for GraphQL requests refused before they run); anything else
 * is an internal error and is never shown as it is.
 */
export const ERROR_STATUS = Object.freeze({
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
});
export type ErrorCode = keyof typeof ERROR_STATUS;

export class WaymarkError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'WaymarkError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const badInput = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new WaymarkError('BAD_USER_INPUT', `${field}: ${message}`, { field, ...details });

export const notFound = (what: string, id?: string) =>
  new WaymarkError('NOT_FOUND', id ? `${what} ${id} was not found` : `${what} was not found`, { what });

export const forbidden = (message = 'You are not allowed to do this', details: Record<string, unknown> = {}) => new WaymarkError('FORBIDDEN', message, details);

export const unauthenticated = (message = 'Sign in or send an API key to do this') =>
  new WaymarkError('UNAUTHENTICATED', message);

export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new WaymarkError('CONFLICT', message, details);

export const unavailable = (message: string, details: Record<string, unknown> = {}) =>
  new WaymarkError('SERVICE_UNAVAILABLE', message, details);

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new WaymarkError('RATE_LIMITED', message, { retryAfterSeconds });
