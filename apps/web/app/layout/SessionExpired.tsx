import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../api/errors';
import { useLogin } from '../session/useLogin';
import { SecondStep } from '../session/SecondStep';
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
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [result, login] = useLogin();
  const [challenge, setChallenge] = useState<string | null>(null);
  if (session.status !== 'expired') return null;
  return (
    <Dialog open title={t('sessionExpired.title')} dismissible={false}>
      <p>
        {t('sessionExpired.why')} <strong>{t('sessionExpired.nothingLost')}</strong> {t('sessionExpired.signInAgainAs', { name: session.user.name })}
      </p>
      {challenge ? <SecondStep challenge={challenge} onStartAgain={() => setChallenge(null)} /> : (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void login({ email: session.user.email, password }).then(({ data }) => {
            if (!data) return;
            const { token, expiresAt, user, memberships, secondFactorChallenge } = data.login;
            setPassword('');
            if (secondFactorChallenge) setChallenge(secondFactorChallenge);
            else if (token && expiresAt) sessionStore.signIn(token, expiresAt, user, memberships);
          });
        }}
      >
        <p>{t('sessionExpired.email', { email: session.user.email })}</p>
        <TextField label={t('signIn.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
        <ProblemAlert problem={problemOf(result.error)} />
        <div className="buttons">
          <button type="submit" className="button" disabled={result.fetching}>{t('sessionExpired.signInAgain')}</button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              clearDrafts();
              sessionStore.signOut('signedOutDiscarded');
              void navigate('/sign-in');
            }}
          >
            {t('sessionExpired.discard')}
          </button>
        </div>
      </form>
      )}
    </Dialog>
  );
}
