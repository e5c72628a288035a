import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@waymark/domain/limits';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { useFormat } from '../../i18n/format';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { useConfirm } from '../../ui/Dialog';
import { TextArea } from '../../ui/Field';
import { Loading, Page, ReadOnlyNote } from '../../ui/Page';
import { CompletionBar } from '../../ui/Progress';
import { AssessmentTabs } from './AssessmentTabs';
import { type Work, useAssessmentWork, wordsOf } from './data';

const SubmitAssessment = graphql(`
  mutation SubmitAssessment($id: ID!) { submitAssessment(id: $id) { id status submittedAt submittedBy { name } } }
`);
const ReopenAssessment = graphql(`
  mutation ReopenAssessment($id: ID!, $reason: String!) { reopenAssessment(id: $id, reason: $reason) { id status reopenings { id reason createdAt reopenedBy { name } } } }
`);
const GeneratePlan = graphql(`
  mutation GeneratePlan($assessmentId: ID!) {
    generateActionPlan(assessmentId: $assessmentId) { created refreshed reopened resolved followedDecisions plan { id generatedAt } }
  }
`);

export default function Submit() {
  const { t } = useTranslation();
  const { assessmentId = '' } = useParams();
  const [{ data, error, fetching }] = useAssessmentWork(assessmentId);
  if (!data) return <Page title={t('submit.loadingTitle')}>{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  return <SubmitBody work={data.assessment} />;
}

function SubmitBody({ work }: { work: Work }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const [, submit] = useMutation(SubmitAssessment);
  const [reopened, reopen] = useMutation(ReopenAssessment);
  const [generated, generate] = useMutation(GeneratePlan);
  const [reason, setReason] = useState('');
  const [refusedMissing, setRefusedMissing] = useState<string[] | null>(null);
  const [dialog, confirm] = useConfirm();
  const locked = work.status === 'SUBMITTED';
  const { completion } = work;
  const base = `/o/${org.id}/assessments/${work.id}`;
  const nodes = useMemo(() => new Map(work.framework.nodes.map((n) => [n.key, n])), [work.framework.nodes]);
  const missing = refusedMissing ?? completion.missingKeys;
  const elementOf = (key: string) => key.split('.').slice(0, 2).join('.');
  const reopenProblem = problemOf(reopened.error);

  return (
    <Page title={locked ? t('submit.lockedTitle', { cycle: work.cycle }) : t('submit.title', { cycle: work.cycle })}>
      <AssessmentTabs id={work.id} cycle={work.cycle} status={work.status} />
      <CompletionBar label={t('checklist.completion')} completion={completion} />
      {locked ? (
        <Alert tone="success" title={t('checklist.locked.title')}>
          {work.submittedBy ? t('checklist.locked.byWhom', { when: fmt.moment(work.submittedAt), name: work.submittedBy.name }) : t('checklist.locked.when', { when: fmt.moment(work.submittedAt) })} {t('submit.final')}
        </Alert>
      ) : (
        <section aria-labelledby="missing-heading">
          <h2 id="missing-heading">{missing.length ? t('submit.missing', { count: missing.length }) : t('submit.allAgreed')}</h2>
          {missing.length ? (
            <ul className="missing-list">
              {missing.map((key) => (
                <li key={key}>
                  <Link to={`${base}/checklist/${elementOf(key)}?answering=agreed`}><span translate="no">{wordsOf(nodes.get(key))}</span></Link>{' '}
                  <span className="key key-small" translate="no">{key}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {completion.unansweredPrompts.length ? <p className="muted">{t('submit.promptsOptional', { count: completion.unansweredPrompts.length })}</p> : null}
          {org.can('assessments:submit') ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                confirm({
                  title: t('submit.confirm.title', { cycle: work.cycle }),
                  body: (
                    <>
                      <p>{t('submit.confirm.body')}</p>
                      <p>{t('submit.confirm.reopen')}</p>
                    </>
                  ),
                  confirmLabel: t('submit.confirm.button'),
                  run: async () => {
                    const result = await submit({ id: work.id });
                    const problem = problemOf(result.error);
                    const listed = problem?.extensions.missing;
                    // Refused for parts still unanswered: the list above shows them, not the dialog.
                    if (Array.isArray(listed)) {
                      setRefusedMissing(listed as string[]);
                      return null;
                    }
                    return problem;
                  },
                })
              }
            >
              {t('submit.button')}
            </button>
          ) : (
            <ReadOnlyNote>{t('submit.managersOnly')}</ReadOnlyNote>
          )}
          {refusedMissing?.length ? <Alert tone="error" title={t('submit.refused.title')}>{t('submit.refused.body', { count: refusedMissing.length })}</Alert> : null}
        </section>
      )}
      {work.reopenings.length ? (
        <section aria-labelledby="reopen-history">
          <h2 id="reopen-history">{t('submit.history')}</h2>
          <ul>
            {work.reopenings.map((r) => <li key={r.id}>{t('submit.reopenedBy', { when: fmt.moment(r.createdAt), name: r.reopenedBy.name })} <q translate="no">{r.reason}</q></li>)}
          </ul>
        </section>
      ) : null}
      {locked && org.can('assessments:reopen') ? (
        <form
          noValidate
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            void reopen({ id: work.id, reason }).then((r) => r.data && setReason(''));
          }}
        >
          <h2>{t('submit.reopen.heading')}</h2>
          <TextArea
            label={t('submit.reopen.reason')}
            hint={t('submit.reopen.hint', { min: TEXT_LIMITS.reopenReason.min })}
            value={reason}
            limit={TEXT_LIMITS.reopenReason.max}
            required
            onChange={(e) => setReason(e.target.value)}
            error={fieldMessage(reopenProblem, 'reason')}
          />
          <button type="submit" className="button button-secondary" disabled={reopened.fetching}>{t('submit.reopen.button')}</button>
          {placedBeside(reopenProblem, ['reason']) ? null : <ProblemAlert problem={reopenProblem} />}
        </form>
      ) : null}
      {org.can('plans:manage') ? (
        <section className="card" aria-labelledby="plan-heading">
          <h2 id="plan-heading">{t('submit.plan.heading')}</h2>
          <p>{t('submit.plan.intro')}</p>
          <button type="button" className="button" disabled={generated.fetching} onClick={() => void generate({ assessmentId: work.id })}>{t('submit.plan.button')}</button>
          {generated.data ? (
            <Alert tone="success" title={t('submit.plan.done')}>
              {t('submit.plan.counts', {
                created: t('submit.plan.created', { count: generated.data.generateActionPlan.created }),
                refreshed: t('submit.plan.refreshed', { count: generated.data.generateActionPlan.refreshed }),
                resolved: t('submit.plan.resolved', { count: generated.data.generateActionPlan.resolved }),
              })}{' '}
              <Link to={`/o/${org.id}/plan?assessment=${work.id}`}>{t('submit.plan.open')}</Link>
            </Alert>
          ) : null}
          <ProblemAlert problem={problemOf(generated.error)} />
        </section>
      ) : null}
      {dialog}
    </Page>
  );
}
