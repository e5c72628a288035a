import { useCallback, useState } from 'react';
import type { CombinedError } from 'urql';
import { graphql } from '../gql';
import type { CompleteSignInMutation, LoginMutation } from '../gql/graphql';
import { loginClient } from '../api/client';

const Login = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      secondFactorChallenge
      user { id name email }
      memberships { role organisation { id name slug kind } }
    }
  }
`);

const CompleteSignIn = graphql(`
  mutation CompleteSignIn($challenge: String!, $code: String!) {
    completeSignIn(challenge: $challenge, code: $code) {
      token
      expiresAt
      user { id name email }
      memberships { role organisation { id name slug kind } }
    }
  }
`);

interface State {
  fetching: boolean;
  error?: CombinedError;
}

/** Sign in over the cache-less client (see loginClient). */
export function useLogin(): [State, (variables: { email: string; password: string }) => Promise<{ data?: LoginMutation }>] {
  const [state, setState] = useState<State>({ fetching: false });
  const run = useCallback(async (variables: { email: string; password: string }) => {
    setState({ fetching: true });
    const result = await loginClient.mutation(Login, variables).toPromise();
    setState({ fetching: false, error: result.error });
    return { data: result.data };
  }, []);
  return [state, run];
}

/** The second step for a person with an authenticator app: the challenge from the first step and a code. */
export function useCompleteSignIn(): [State, (variables: { challenge: string; code: string }) => Promise<{ data?: CompleteSignInMutation }>] {
  const [state, setState] = useState<State>({ fetching: false });
  const run = useCallback(async (variables: { challenge: string; code: string }) => {
    setState({ fetching: true });
    const result = await loginClient.mutation(CompleteSignIn, variables).toPromise();
    setState({ fetching: false, error: result.error });
    return { data: result.data };
  }, []);
  return [state, run];
}

/**
 * A challenge a reset or invitation link answered with (a person with an authenticator app): the
 * sign-in screen picks it up and asks for the code. In memory only, for this page's life.
 */
let pending: string | null = null;
export const holdChallenge = (challenge: string) => {
  pending = challenge;
};
export const takeChallenge = (): string | null => {
  const challenge = pending;
  pending = null;
  return challenge;
};
