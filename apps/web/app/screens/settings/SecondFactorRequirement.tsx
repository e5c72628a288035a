import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { Alert, ProblemAlert } from '../../ui/Alert';

const Requirement = graphql(`
  query SecondFactorRequirement { organisation { id requireSecondFactor } }
`);
const SetRequirement = graphql(`
  mutation SetSecondFactorRequirement($required: Boolean!) { setSecondFactorRequirement(required: $required) { id requireSecondFactor } }
`);

/** An owner's choice: owners and managers must sign in with a code from an authenticator app. */
export function SecondFactorRequirement() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: Requirement });
  const [result, save] = useMutation(SetRequirement);
  const [saved, setSaved] = useState<boolean | null>(null);
  if (!data) return null;
  const required = data.organisation.requireSecondFactor;
  return (
    <section className="card" aria-labelledby="requirement-heading">
      <h2 id="requirement-heading">{t('members.secondFactor.heading')}</h2>
      <p>{t(required ? 'members.secondFactor.on' : 'members.secondFactor.off')}</p>
      <button
        type="button"
        className="button button-secondary"
        disabled={result.fetching}
        onClick={() => {
          setSaved(null);
          void save({ required: !required }).then((r) => {
            if (r.data) setSaved(r.data.setSecondFactorRequirement.requireSecondFactor);
          });
        }}
      >
        {t(required ? 'members.secondFactor.lift' : 'members.secondFactor.require')}
      </button>
      <div aria-live="polite">{saved !== null ? <Alert tone="success">{t(saved ? 'members.secondFactor.nowOn' : 'members.secondFactor.nowOff')}</Alert> : null}</div>
      <ProblemAlert problem={problemOf(result.error)} />
    </section>
  );
}
