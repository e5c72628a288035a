import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { unwrapResolverError } from '@apollo/server/errors';
import { HeaderMap } from '@apollo/server';
import { WaymarkError, conflict, forbidden, unavailable } from '@waymark/domain';
import { firstProblem } from './text';

/**
 * A WaymarkError as a GraphQL error with its HTTP status, for places outside resolvers (sign-in,
 * rate limits, commit); "try again later" errors carry a Retry-After.
 */
export function toGraphQLError(error: WaymarkError): GraphQLError {
  const headers = new HeaderMap();
  const wait = Number(error.details.retryAfterSeconds);
  if (wait > 0) headers.set('retry-after', String(wait));
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, http: { status: error.status, headers } },
  });
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * What a database failure means to a client, or null when it means nothing it could act on (a bug:
 * logged and masked). Unreachable, restarting, timed out or out of connections: try again later
 * (503). A unique key, or a serialisation failure: a conflict.
 */
export function databaseError(error: unknown): WaymarkError | null {
  const e = error as { code?: unknown; name?: unknown; message?: unknown; constraint?: unknown } | null;
  if (!e || typeof e !== 'object') return null;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') || // connection exception
    code.startsWith('57P') || // admin shutdown, crash shutdown, cannot connect now
    code === '53300' || // too many connections
    e.name === 'KnexTimeoutError' ||
    /Connection terminated|connection timeout|Query read timeout|Timeout acquiring a connection|Client has encountered a connection error|timeout exceeded when trying to connect|^timeout expired$/i.test(message)
  ) {
    return unavailable('The database is unavailable at the moment: nothing was saved; try again shortly', { retryable: true });
  }
  if (code === '57014') return unavailable('The database took too long to answer: nothing was saved; try again', { retryable: true });
  // The erasure functions refuse in words ('waymark: ...'): who may not is FORBIDDEN, what must change first a CONFLICT.
  if ((code === '42501' || code === '55000') && message.startsWith('waymark: ')) {
    const words = message.slice('waymark: '.length);
    const sentence = words.charAt(0).toUpperCase() + words.slice(1);
    const hint = typeof (e as { hint?: unknown }).hint === 'string' ? (e as { hint: string }).hint : '';
    const details = /^[A-Z_]+$/.test(hint) ? { reason: hint } : {};
    return code === '42501' ? forbidden(sentence, details) : conflict(sentence, details);
  }
  if (code === '23505' || e.name === 'UniqueConstraintViolationException') return conflict('This already exists');
  if (code === '40001' || code === '40P01') return conflict('Another change got there first: nothing was saved; try again', { retryable: true });
  return null;
}

function flattenValidation(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

/** The wrapped cause of a MikroORM driver exception, which carries PostgreSQL's SQLSTATE. */
const causeOf = (error: unknown) => (error as { previous?: unknown; cause?: unknown })?.previous ?? (error as { cause?: unknown })?.cause;

/**
 * The one place errors become what clients see. Our closed set keeps its code and message; input
 * validation names each field; database outages are 503s a client can retry; everything else is
 * logged and masked, so no stack trace or internal detail ever leaves the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const known = original instanceof WaymarkError ? original : (databaseError(original) ?? databaseError(causeOf(original)));
  if (known) return { ...base, message: known.message, extensions: { code: known.code, ...known.details } };
  if (original instanceof ArgumentValidationError) {
    const problems = flattenValidation(original.extensions.validationErrors);
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ') || 'Invalid input';
    // The first problem's field and typed reason, as every other refusal carries them.
    const first = firstProblem(original.extensions.validationErrors, '');
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', ...(first ? { field: first.field, ...first.details } : {}), problems } };
  }
  // Apollo refuses a persisted query it cannot use (an unsupported version, a hash that does not
  // match the document) with an HTTP 400 and no code: the client sent it wrong.
  if (original instanceof GraphQLError && (original.extensions?.http as { status?: number } | undefined)?.status === 400 && original.extensions?.code === undefined) {
    return { ...base, extensions: { code: 'BAD_REQUEST', field: 'extensions.persistedQuery' } };
  }
  const code = formatted.extensions?.code;
  // graphql-js and Apollo's own errors (syntax, validation, bad variables) are safe to show as they are.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, extensions: { ...formatted.extensions, code } };
  }
  log(original);
  return { ...base, message: 'Internal error: it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
