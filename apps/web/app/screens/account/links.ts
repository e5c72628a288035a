import { useState } from 'react';
import { graphql } from '../../gql';
import { loginClient, authHeaders } from '../../api/client';
import { type SignOutReason, sessionStore } from '../../session/store';
import { holdChallenge } from '../../session/useLogin';
import type { AuthPayloadFieldsFragment } from '../../gql/graphql';

/** The API's MIN_PASSWORD_LENGTH, shown as a hint (the API checks it and words any refusal). */
export const PASSWORD_MIN = 12;

export const AuthPayloadFields = graphql(`
  fragment AuthPayloadFields on AuthPayload {
    token
    expiresAt
    secondFactorChallenge
    user { id name email }
    memberships { role organisation { id name slug kind } }
  }
`);

/**
 * Keeps the new session an accept or reset signed in with; for a person with an authenticator app
 * the link gave a challenge instead, which the sign-in screen completes with a code.
 */
export function keepSession(payload: AuthPayloadFieldsFragment): void {
  if (payload.token && payload.expiresAt) sessionStore.signIn(payload.token, payload.expiresAt, payload.user, payload.memberships);
  else if (payload.secondFactorChallenge) holdChallenge(payload.secondFactorChallenge);
}

/**
 * The token of an emailed link, read once from the address's fragment (`#token=...`, which browsers
 * never send to a server) and then taken out of the address bar and history.
 */
export function useLinkToken(): string | null {
  const [token] = useState(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (found) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return found;
  });
  return token;
}

const SignOutMutation = graphql(`
  mutation SignOut { signOut }
`);

/**
 * Signs out: the server ends the session first (its token stops working at once), then the
 * browser forgets it. When the server cannot be reached, the browser forgets it anyway.
 */
export async function signOutHere(reason: SignOutReason): Promise<void> {
  if (sessionStore.token()) {
    await loginClient
      .mutation(SignOutMutation, {}, { fetchOptions: { headers: authHeaders(null) } })
      .toPromise()
      .catch(() => undefined);
  }
  sessionStore.signOut(reason);
}
