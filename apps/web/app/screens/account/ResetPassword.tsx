import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { PASSWORD_MIN, keepSession, useLinkToken } from './links';

const Reset = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) { ...AuthPayloadFields }
  }
`);

/** Where a reset email's link lands: a new password, then signed in (every other session ends). */
export default function ResetPassword() {
  const { t } = useTranslation();
  const token = useLinkToken();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [result, reset] = useMutation(Reset);
  const problem = problemOf(result.error);
  const invalid = problem?.code === 'NOT_FOUND';
  return (
    <main id="main" className="narrow" tabIndex={-1}>
      <Page title={t('resetPassword.title')} intro={token ? <p>{t('resetPassword.intro')}</p> : undefined}>
        {!token || invalid ? (
          <>
            <Alert tone="warning">{t(!token ? 'resetPassword.noToken' : 'resetPassword.invalid')}</Alert>
            <p><Link to="/forgot-password">{t('resetPassword.askAgain')}</Link></p>
          </>
        ) : (
          <form
            noValidate
            className="card"
            onSubmit={(event) => {
              event.preventDefault();
              void reset({ token, newPassword: password }).then((r) => {
                if (!r.data) return;
                keepSession(r.data.resetPassword);
                void navigate('/', { replace: true });
              });
            }}
          >
            <TextField
              label={t('resetPassword.password')}
              type="password"
              autoComplete="new-password"
              hint={t('resetPassword.hint', { count: PASSWORD_MIN })}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldMessage(problem, 'newPassword')}
            />
            <button type="submit" className="button" disabled={result.fetching}>{result.fetching ? t('resetPassword.working') : t('resetPassword.submit')}</button>
            {placedBeside(problem, ['newPassword']) ? null : <ProblemAlert problem={problem} />}
          </form>
        )}
      </Page>
    </main>
  );
}
