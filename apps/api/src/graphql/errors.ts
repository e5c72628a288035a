import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { WaymarkError } from '@waymark/domain';
import { unwrapResolverError } from '@apollo/server/errors';

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** A WaymarkError as a GraphQL error, for places outside resolvers (context creation). */
export function toGraphQLError(error: WaymarkError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, http: { status: HTTP_STATUS[error.code] ?? 400 } },
  });
}

function flattenValidation(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

/**
 * The one place errors become what clients see. Our closed set keeps its code and message;
 * input validation names each field; everything else is logged and masked, so no stack trace or
 * internal detail ever leaves the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof WaymarkError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ArgumentValidationError) {
    const problems = flattenValidation(original.extensions.validationErrors);
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ') || 'Invalid input';
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', problems } };
  }
  if (original instanceof UniqueConstraintViolationException) {
    return { ...base, message: 'This already exists', extensions: { code: 'CONFLICT' } };
  }
  const code = formatted.extensions?.code;
  // graphql-js and Apollo's own errors (syntax, validation, bad variables) are safe to show.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, extensions: { code } };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  }
  log(original);
  return { ...base, message: 'Internal error: it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
