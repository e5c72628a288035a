import { useState } from 'react';
import { useNavigate } from 'react-router';
import { problemOf } from '../api/errors';
import { useLogin } from '../session/useLogin';
import { sessionStore } from '../session/store';
import { useSession } from '../session/useSession';
import { Dialog } from '../ui/Dialog';
import { TextField } from '../ui/Field';
import { ProblemAlert } from '../ui/Alert';
import { clearDrafts } from '../screens/assessment/drafts';


/**
 * Over the screen, not instead of it: the screen underneath keeps what was typed, and answers
 * not yet saved are sent once the person has signed in again.
 */
export function SessionExpired() {
  const session = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [result, login] = useLogin();
  if (session.status !== 'expired') return null;
  return (
    <Dialog open title="Your session has expired" dismissible={false}>
      <p>
        For your security, Waymark signs you out after a while. <strong>Nothing you entered is lost:</strong> sign in again
        as {session.user.name} and anything not yet saved is saved.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void login({ email: session.user.email, password }).then(({ data }) => {
            if (!data) return;
            const { token, expiresAt, user, memberships } = data.login;
            setPassword('');
            sessionStore.signIn(token, expiresAt, user, memberships);
          });
        }}
      >
        <p>Email: {session.user.email}</p>
        <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
        <ProblemAlert problem={problemOf(result.error)} />
        <div className="buttons">
          <button type="submit" className="button" disabled={result.fetching}>Sign in again</button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              clearDrafts();
              sessionStore.signOut('You signed out. Answers that had not been saved were discarded.');
              void navigate('/sign-in');
            }}
          >
            Sign out and discard unsaved work
          </button>
        </div>
      </form>
    </Dialog>
  );
}
