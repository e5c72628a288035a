import { useCallback, useState } from 'react';
import type { CombinedError } from 'urql';
import { graphql } from '../gql';
import type { LoginMutation } from '../gql/graphql';
import { loginClient } from '../api/client';

const Login = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
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
