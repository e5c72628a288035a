import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { Header } from '../../layout/Header';
import { SessionExpired } from '../../layout/SessionExpired';
import { useSession } from '../../session/useSession';
import { sessionStore } from '../../session/store';
import { clearDrafts } from '../assessment/drafts';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { useConfirm } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { PASSWORD_MIN } from './links';
import { SecondFactorSection } from './SecondFactor';

const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }
`);
const SignOutEverywhere = graphql(`
  mutation SignOutEverywhere { signOutEverywhere }
`);
const EraseMyAccount = graphql(`
  mutation EraseMyAccount($password: String!) { eraseMyAccount(password: $password) }
`);

/** The person's own account: change the password, sign-in codes from an authenticator app, sign out everywhere, erase the account. */
export default function Account() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [, everywhere] = useMutation(SignOutEverywhere);
  const [dialog, confirm] = useConfirm();
  if (session.status === 'signed-out') return <Navigate to="/sign-in" replace />;
  return (
    <>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <Header organisationName={null} />
      <main id="main" className="narrow" tabIndex={-1}>
        <Page title={t('account.title')} intro={<p>{t('account.who', { name: session.user.name, email: session.user.email })}</p>}>
          <PasswordForm />
          <SecondFactorSection />
          <section className="card" aria-labelledby="everywhere-heading">
            <h2 id="everywhere-heading">{t('account.everywhere.heading')}</h2>
            <p>{t('account.everywhere.body')}</p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                confirm({
                  title: t('account.everywhere.title'),
                  body: <p>{t('account.everywhere.confirmBody')}</p>,
                  confirmLabel: t('account.everywhere.button'),
                  danger: true,
                  run: async () => {
                    const result = await everywhere({});
                    if (result.error) return problemOf(result.error);
                    clearDrafts();
                    sessionStore.signOut('signedOut');
                    void navigate('/sign-in');
                    return null;
                  },
                })
              }
            >
              {t('account.everywhere.button')}
            </button>
          </section>
          <EraseForm />
          <p><Link to="/">{t('account.back')}</Link></p>
        </Page>
      </main>
      {dialog}
      <SessionExpired />
    </>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [ended, setEnded] = useState<number | null>(null);
  const [result, change] = useMutation(ChangePassword);
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
      className="card"
      aria-labelledby="password-heading"
      onSubmit={(event) => {
        event.preventDefault();
        setEnded(null);
        void change({ currentPassword: current, newPassword: next }).then((r) => {
          if (r.data === undefined) return;
          setCurrent('');
          setNext('');
          setEnded(r.data.changePassword);
        });
      }}
    >
      <h2 id="password-heading">{t('account.change.heading')}</h2>
      <TextField label={t('account.change.current')} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={fieldMessage(problem, 'currentPassword')} />
      <TextField
        label={t('account.change.new')}
        type="password"
        autoComplete="new-password"
        hint={t('account.change.hint', { count: PASSWORD_MIN })}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={fieldMessage(problem, 'newPassword')}
      />
      <button type="submit" className="button" disabled={result.fetching}>{result.fetching ? t('account.change.working') : t('account.change.submit')}</button>
      <div aria-live="polite">{ended !== null ? <Alert tone="success">{t('account.change.done', { count: ended })}</Alert> : null}</div>
      {placedBeside(problem, ['currentPassword', 'newPassword']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}

/** Erasing one's own account, with the password given again; then signed out and told. */
function EraseForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [result, erase] = useMutation(EraseMyAccount);
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
      className="card"
      aria-labelledby="erase-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void erase({ password }).then((r) => {
          if (!r.data) return;
          clearDrafts();
          sessionStore.signOut('accountErased');
          void navigate('/sign-in');
        });
      }}
    >
      <h2 id="erase-heading">{t('account.erase.heading')}</h2>
      <p>{t('account.erase.body')}</p>
      <TextField label={t('account.erase.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldMessage(problem, 'password')} />
      {placedBeside(problem, ['password']) ? null : <ProblemAlert problem={problem} />}
      <button type="submit" className="button button-danger" disabled={result.fetching}>{t('account.erase.button')}</button>
    </form>
  );
}
