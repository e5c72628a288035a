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
import { graphql } from '../gql';
import { loginClient } from '../api/client';

const Discover = graphql(`
  query SsoDiscovery($email: String!) { ssoDiscovery(email: $email) { organisationName protocol startUrl } }
`);

/**
 * "Sign in with your organisation": the address's domain names the organisation whose identity
 * provider signs it in; the browser goes to the API's start address, which sends it on there.
 */
function OrganisationSignIn() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [state, setState] = useState<{ busy: boolean; none?: string; problem?: ReturnType<typeof problemOf> }>({ busy: false });
  return (
    <section className="card" aria-labelledby="sso-heading">
      <h2 id="sso-heading">{t('signIn.sso.heading')}</h2>
      <p>{t('signIn.sso.intro')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setState({ busy: true });
          void loginClient.query(Discover, { email }, { requestPolicy: 'network-only' }).toPromise().then((r) => {
            const found = r.data?.ssoDiscovery;
            if (found) {
              window.location.assign(found.startUrl);
              return;
            }
            setState({ busy: false, problem: problemOf(r.error), none: r.error ? undefined : email });
          });
        }}
      >
        <TextField label={t('signIn.sso.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        <div aria-live="polite">
          {state.none !== undefined ? <Alert tone="warning">{t('signIn.sso.none', { email: state.none })}</Alert> : null}
          <ProblemAlert problem={state.problem ?? null} />
        </div>
        <button type="submit" className="button button-secondary" disabled={state.busy}>
          {state.busy ? t('signIn.sso.working') : t('signIn.sso.submit')}
        </button>
      </form>
    </section>
  );
}

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
        <OrganisationSignIn />
      </Page>
    </main>
  );
}
