import { Client, cacheExchange, fetchExchange, makeOperation, mapExchange } from 'urql';
import { expire, sessionStore } from '../session/store';

/**
 * One client per organisation: its cache holds one organisation's answers only, so switching
 * organisations can never show another's data. The token is read per request, so a renewed
 * session carries on with the same client (and the same cached screens).
 */
export function createApiClient(organisationId: string | null): Client {
  return new Client({
    url: '/graphql',
    exchanges: [
      mapExchange({
        // Remember which token a request went with: an answer to a request sent before signing in
        // again must not end the new session.
        onOperation: (operation) => makeOperation(operation.kind, operation, { ...operation.context, sentWith: sessionStore.token() }),
        onError(error, operation) {
          const unauthenticated = error.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED');
          if (unauthenticated && operation.context.sentWith && operation.context.sentWith === sessionStore.token()) expire();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
    preferGetMethod: false,
    fetchOptions: () => ({ headers: authHeaders(organisationId) }),
  });
}

export function authHeaders(organisationId: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  const token = sessionStore.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (organisationId) headers['x-organisation-id'] = organisationId;
  return headers;
}

/** Signing in goes around the cache: its answer must not refresh screens before the token is kept. */
export const loginClient = new Client({ url: '/graphql', exchanges: [fetchExchange], preferGetMethod: false });
