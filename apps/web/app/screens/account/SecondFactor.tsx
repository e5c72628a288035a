import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useFormat } from '../../i18n/format';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';

const Status = graphql(`
  query SecondFactorStatus { secondFactor { enabled enabledAt recoveryCodesLeft } }
`);
const Begin = graphql(`
  mutation BeginSecondFactorSetup { beginSecondFactorSetup { secret uri } }
`);
const Confirm = graphql(`
  mutation ConfirmSecondFactor($code: String!) { confirmSecondFactor(code: $code) { codes } }
`);
const Disable = graphql(`
  mutation DisableSecondFactor($code: String, $password: String) { disableSecondFactor(code: $code, password: $password) }
`);

/** The key in groups of four, as authenticator apps print it: easier to type without losing one's place. */
export const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Sign-in codes from an authenticator app: set up (key, then a code, then recovery codes once) or turn off. */
export function SecondFactorSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error }, refresh] = useQuery({ query: Status, requestPolicy: 'network-only' });
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  const [begun, begin] = useMutation(Begin);
  const status = data?.secondFactor;

  let body;
  if (codes) {
    body = (
      <>
        <h3>{t('account.secondFactor.codesHeading')}</h3>
        <p>{t('account.secondFactor.codesIntro')}</p>
        <ul className="recovery-codes" aria-label={t('account.secondFactor.codesHeading')}>
          {codes.map((code) => <li key={code}><code translate="no">{code}</code></li>)}
        </ul>
        <button
          type="button"
          className="button"
          onClick={() => {
            setCodes(null);
            refresh({ requestPolicy: 'network-only' });
          }}
        >
          {t('account.secondFactor.codesDone')}
        </button>
      </>
    );
  } else if (setup) {
    body = <ConfirmForm setup={setup} onDone={(c) => { setSetup(null); setCodes(c); }} />;
  } else if (status?.enabled) {
    body = (
      <>
        <p>{t('account.secondFactor.on', { date: status.enabledAt ? fmt.date(status.enabledAt) : '', count: status.recoveryCodesLeft })}</p>
        <DisableForm onDone={() => { setTurnedOff(true); refresh({ requestPolicy: 'network-only' }); }} />
      </>
    );
  } else {
    body = (
      <>
        <p>{t('account.secondFactor.off')}</p>
        <div aria-live="polite">{turnedOff ? <Alert tone="success">{t('account.secondFactor.turnedOff')}</Alert> : null}</div>
        <button
          type="button"
          className="button"
          disabled={begun.fetching || !status}
          onClick={() => {
            setTurnedOff(false);
            void begin({}).then((r) => {
              if (r.data) setSetup(r.data.beginSecondFactorSetup);
            });
          }}
        >
          {begun.fetching ? t('account.secondFactor.starting') : t('account.secondFactor.start')}
        </button>
        <ProblemAlert problem={problemOf(begun.error)} />
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">{t('account.secondFactor.heading')}</h2>
      <ProblemAlert problem={problemOf(error)} />
      {body}
    </section>
  );
}

function ConfirmForm({ setup, onDone }: { setup: { secret: string; uri: string }; onDone: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [result, confirm] = useMutation(Confirm);
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void confirm({ code }).then((r) => {
          if (r.data) onDone(r.data.confirmSecondFactor.codes);
        });
      }}
    >
      <p>{t('account.secondFactor.keyIntro')}</p>
      <p className="totp-key">
        <span className="visually-hidden">{t('account.secondFactor.key')}: </span>
        <code translate="no">{grouped(setup.secret)}</code>
      </p>
      <p>{t('account.secondFactor.uri')} <a href={setup.uri}>{t('account.secondFactor.uriLink')}</a></p>
      <TextField
        label={t('account.secondFactor.code')}
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldMessage(problem, 'code')}
      />
      <button type="submit" className="button" disabled={result.fetching}>{result.fetching ? t('account.secondFactor.confirming') : t('account.secondFactor.confirm')}</button>
      {placedBeside(problem, ['code']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}

function DisableForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [result, disable] = useMutation(Disable);
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
      aria-labelledby="turn-off-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void disable({ code: code || null, password: password || null }).then((r) => {
          if (r.data?.disableSecondFactor) onDone();
        });
      }}
    >
      <h3 id="turn-off-heading">{t('account.secondFactor.turnOffHeading')}</h3>
      <p>{t('account.secondFactor.turnOffIntro')}</p>
      <TextField label={t('account.secondFactor.turnOffCode')} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} error={fieldMessage(problem, 'code')} />
      <TextField label={t('account.secondFactor.turnOffPassword')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldMessage(problem, 'password')} />
      <button type="submit" className="button button-secondary" disabled={result.fetching}>{result.fetching ? t('account.secondFactor.turningOff') : t('account.secondFactor.turnOff')}</button>
      {placedBeside(problem, ['code', 'password']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}
