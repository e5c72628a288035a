import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
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
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED') && sessionStore.token()) expire();
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
