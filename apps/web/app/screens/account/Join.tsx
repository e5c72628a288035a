import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useSession } from '../../session/useSession';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { PASSWORD_MIN, keepSession, signOutHere, useLinkToken } from './links';

const Accept = graphql(`
  mutation AcceptInvitation($token: String!, $name: String, $password: String) {
    acceptInvitation(token: $token, name: $name, password: $password) { ...AuthPayloadFields }
  }
`);

/**
 * Where an invitation email's link lands: a new person gives a name and a password; someone with
 * an account gives its password, or, already signed in, joins with one click.
 */
export default function Join() {
  const { t } = useTranslation();
  const token = useLinkToken();
  const session = useSession();
  const navigate = useNavigate();
  const [result, accept] = useMutation(Accept);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [existingPassword, setExistingPassword] = useState('');
  const problem = problemOf(result.error);
  const signedIn = session.status === 'active' ? session : null;

  const join = (variables: { name?: string; password?: string }) => {
    if (!token) return;
    void accept({ token, ...variables }).then((r) => {
      if (!r.data) return;
      keepSession(r.data.acceptInvitation);
      void navigate('/', { replace: true });
    });
  };

  const invalid = problem?.code === 'NOT_FOUND';
  const wrongAccount = problem?.code === 'UNAUTHENTICATED';
  return (
    <main id="main" className="narrow" tabIndex={-1}>
      <Page title={t('join.title')} intro={token ? <p>{t('join.intro')}</p> : undefined}>
        {!token ? <Alert tone="warning">{t('join.noToken')}</Alert> : (
          <>
            <div aria-live="polite">
              {invalid ? <Alert tone="warning">{t('join.invalid')}</Alert> : null}
              {wrongAccount ? <Alert tone="warning">{t('join.wrongAccount')}</Alert> : null}
            </div>
            {signedIn ? (
              <section className="card" aria-labelledby="join-signed-in">
                <h2 id="join-signed-in">{t('join.signedIn.heading', { name: signedIn.user.name })}</h2>
                <p>{t('join.signedIn.hint', { email: signedIn.user.email })}</p>
                <button type="button" className="button" disabled={result.fetching} onClick={() => join({})}>
                  {result.fetching ? t('join.working') : t('join.signedIn.submit', { name: signedIn.user.name })}
                </button>
                <p>
                  <button type="button" className="button-link" onClick={() => void signOutHere('signedOut')}>{t('join.signedIn.other')}</button>
                </p>
              </section>
            ) : (
              <>
                <form
                  noValidate
                  className="card"
                  aria-labelledby="join-new"
                  onSubmit={(event) => {
                    event.preventDefault();
                    join({ name, password });
                  }}
                >
                  <h2 id="join-new">{t('join.new.heading')}</h2>
                  <TextField label={t('join.new.name')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldMessage(problem, 'name')} />
                  <TextField
                    label={t('join.new.password')}
                    type="password"
                    autoComplete="new-password"
                    hint={t('join.new.passwordHint', { count: PASSWORD_MIN })}
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    error={fieldMessage(problem, 'password')}
                  />
                  <button type="submit" className="button" disabled={result.fetching}>{result.fetching ? t('join.working') : t('join.new.submit')}</button>
                  {placedBeside(problem, ['name', 'password']) || invalid || wrongAccount ? null : <ProblemAlert problem={problem} />}
                </form>
                <form
                  noValidate
                  className="card"
                  aria-labelledby="join-existing"
                  onSubmit={(event) => {
                    event.preventDefault();
                    join({ password: existingPassword });
                  }}
                >
                  <h2 id="join-existing">{t('join.existing.heading')}</h2>
                  <p className="hint">{t('join.existing.hint')}</p>
                  <TextField label={t('join.existing.password')} type="password" autoComplete="current-password" value={existingPassword} onChange={(e) => setExistingPassword(e.target.value)} />
                  <button type="submit" className="button button-secondary" disabled={result.fetching}>{t('join.existing.submit')}</button>
                </form>
              </>
            )}
          </>
        )}
      </Page>
    </main>
  );
}
