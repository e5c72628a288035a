import { useState } from 'react';

import { useLogin } from '../session/useLogin';
import { problemOf } from '../api/errors';
import { sessionStore } from '../session/store';
import { useSession } from '../session/useSession';
import { TextField } from '../ui/Field';
import { Alert, ProblemAlert } from '../ui/Alert';
import { Page } from '../ui/Page';

export function SignIn() {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useLogin();
  const problem = problemOf(result.error);

  return (
    <main id="main" className="narrow">
      <Page title="Sign in to Waymark" intro={<p>Partnership self-assessment and action plans for libraries, museums and archives.</p>}>
        {session.status === 'signed-out' && session.reason ? <Alert tone="info">{session.reason}</Alert> : null}
        <form
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            void login({ email, password }).then(({ data }) => {
              if (!data) return;
              const { token, expiresAt, user, memberships } = data.login;
              // Where to go is the sign-in route's to decide, once the session exists (see App).
              sessionStore.signIn(token, expiresAt, user, memberships);
            });
          }}
        >
          <TextField label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <ProblemAlert problem={problem && problem.code === 'UNAUTHENTICATED' ? { ...problem, code: 'BAD_USER_INPUT' } : problem} />
          <button type="submit" className="button" disabled={result.fetching}>
            {result.fetching ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </Page>
    </main>
  );
}
