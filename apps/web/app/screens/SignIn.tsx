import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { takeChallenge, useLogin } from '../session/useLogin';
import { SecondStep } from '../session/SecondStep';
import { problemOf } from '../api/errors';
import { sessionStore } from '../session/store';
import { useSession } from '../session/useSession';
import { TextField } from '../ui/Field';
import { Alert, ProblemAlert } from '../ui/Alert';
import { Page } from '../ui/Page';

export function SignIn() {
  const { t } = useTranslation();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useLogin();
  // A person with an authenticator app: the password (or a reset or invitation link) gave a challenge, not a session.
  const [challenge, setChallenge] = useState<string | null>(() => takeChallenge());
  const problem = problemOf(result.error);

  return (
    <main id="main" className="narrow">
      <Page title={t('signIn.title')} intro={<p>{t('signIn.intro')}</p>}>
        {session.status === 'signed-out' && session.reason ? <Alert tone="info">{t(`signIn.reason.${session.reason}`)}</Alert> : null}
        {challenge ? (
          <SecondStep
            challenge={challenge}
            onStartAgain={() => {
              setChallenge(null);
              setPassword('');
            }}
          />
        ) : (
        <form
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            void login({ email, password }).then(({ data }) => {
              if (!data) return;
              const { token, expiresAt, user, memberships, secondFactorChallenge } = data.login;
              if (secondFactorChallenge) {
                setChallenge(secondFactorChallenge);
                return;
              }
              // Where to go is the sign-in route's to decide, once the session exists (see App).
              if (token && expiresAt) sessionStore.signIn(token, expiresAt, user, memberships);
            });
          }}
        >
          <TextField label={t('signIn.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <TextField label={t('signIn.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <ProblemAlert problem={problem} />
          <button type="submit" className="button" disabled={result.fetching}>
            {result.fetching ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </form>
        )}
        <p><Link to="/forgot-password">{t('signIn.forgot')}</Link></p>
      </Page>
    </main>
  );
}
