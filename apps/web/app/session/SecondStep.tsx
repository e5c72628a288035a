import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage, placedBeside, problemOf } from '../api/errors';
import { ProblemAlert } from '../ui/Alert';
import { TextField } from '../ui/Field';
import { sessionStore } from './store';
import { useCompleteSignIn } from './useLogin';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecondStep({ challenge, onStartAgain }: { challenge: string; onStartAgain: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [result, complete] = useCompleteSignIn();
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
      className="card"
      aria-labelledby="second-step-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void complete({ challenge, code }).then(({ data }) => {
          const payload = data?.completeSignIn;
          if (!payload?.token || !payload.expiresAt) return;
          sessionStore.signIn(payload.token, payload.expiresAt, payload.user, payload.memberships);
        });
      }}
    >
      <h2 id="second-step-heading">{t('signIn.secondStep.heading')}</h2>
      <p>{t('signIn.secondStep.intro')}</p>
      <TextField
        label={t('signIn.secondStep.code')}
        autoComplete="one-time-code"
        inputMode="text"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldMessage(problem, 'code')}
        required
        autoFocus
      />
      <button type="submit" className="button" disabled={result.fetching}>{result.fetching ? t('signIn.secondStep.working') : t('signIn.secondStep.submit')}</button>
      {placedBeside(problem, ['code']) ? null : <ProblemAlert problem={problem} />}
      <p>
        <button type="button" className="button-link" onClick={onStartAgain}>{t('signIn.secondStep.startAgain')}</button>
      </p>
    </form>
  );
}
