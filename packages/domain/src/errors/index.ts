/**
 * The closed set of errors Waymark reports to clients. Each maps to one GraphQL `extensions.code`
 * in the API's error formatter; anything else is an internal error and is never shown as it is.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED';

export class WaymarkError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'WaymarkError';
  }
}

export const badInput = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new WaymarkError('BAD_USER_INPUT', `${field}: ${message}`, { field, ...details });

export const notFound = (what: string, id?: string) =>
  new WaymarkError('NOT_FOUND', id ? `${what} ${id} was not found` : `${what} was not found`, { what });

export const forbidden = (message = 'You are not allowed to do this') => new WaymarkError('FORBIDDEN', message);

export const unauthenticated = (message = 'Sign in or send an API key to do this') =>
  new WaymarkError('UNAUTHENTICATED', message);

export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new WaymarkError('CONFLICT', message, details);
