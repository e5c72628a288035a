import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';

const RequestReset = graphql(`
  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }
`);

/** Asks for a reset link; the answer reads the same whether or not the address has an account. */
export default function ForgotPassword() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [result, request] = useMutation(RequestReset);
  const problem = problemOf(result.error);
  return (
    <main id="main" className="narrow" tabIndex={-1}>
      <Page title={t('forgotPassword.title')} intro={<p>{t('forgotPassword.intro')}</p>}>
        <div aria-live="polite">{sentTo ? <Alert tone="success">{t('forgotPassword.sent', { email: sentTo })}</Alert> : null}</div>
        <form
          noValidate
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            setSentTo(null);
            void request({ email }).then((r) => {
              if (r.data) setSentTo(email.trim());
            });
          }}
        >
          <TextField label={t('forgotPassword.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldMessage(problem, 'email')} />
          <button type="submit" className="button" disabled={result.fetching}>{result.fetching ? t('forgotPassword.sending') : t('forgotPassword.submit')}</button>
          {placedBeside(problem, ['email']) ? null : <ProblemAlert problem={problem} />}
        </form>
        <p><Link to="/sign-in">{t('forgotPassword.back')}</Link></p>
      </Page>
    </main>
  );
}
