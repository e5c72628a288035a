import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { TextArea } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { ProgressBar } from '../../ui/Progress';
import { formatMoment } from '../../ui/format';
import { AssessmentTabs } from './AssessmentTabs';
import { type Work, useAssessmentWork } from './data';

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
  const { assessmentId = '' } = useParams();
  const [{ data, error, fetching }] = useAssessmentWork(assessmentId);
  if (!data) return <Page title="Submit">{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  return <SubmitBody work={data.assessment} />;
}

function SubmitBody({ work }: { work: Work }) {
  const org = useOrganisation();
  const [submitted, submit] = useMutation(SubmitAssessment);
  const [reopened, reopen] = useMutation(ReopenAssessment);
  const [generated, generate] = useMutation(GeneratePlan);
  const [reason, setReason] = useState('');
  const locked = work.status === 'SUBMITTED';
  const { completion } = work;
  const base = `/o/${org.id}/assessments/${work.id}`;
  const submitProblem = problemOf(submitted.error);
  const refusedMissing = Array.isArray(submitProblem?.extensions.missing) ? (submitProblem.extensions.missing as string[]) : null;
  const missing = refusedMissing ?? completion.missingKeys;
  const elementOf = (key: string) => key.split('.').slice(0, 2).join('.');

  return (
    <Page title={locked ? `Locked result: cycle ${work.cycle}` : `Submit: cycle ${work.cycle}`}>
      <AssessmentTabs id={work.id} cycle={work.cycle} status={work.status} />
      <ProgressBar label="Agreed answers" value={completion.percent} detail={`${completion.partsAnswered} of ${completion.partsTotal} parts, ${completion.promptsAnswered} of ${completion.promptsTotal} prompts`} />
      {locked ? (
        <Alert tone="success" title="Submitted and locked">
          Submitted {formatMoment(work.submittedAt)}{work.submittedBy ? ` by ${work.submittedBy.name}` : ''}. Its answers and scores are final unless a manager reopens it.
        </Alert>
      ) : (
        <section aria-labelledby="missing-heading">
          <h2 id="missing-heading">{missing.length ? `Still missing before it can be submitted (${missing.length} parts)` : 'Every part has an agreed answer'}</h2>
          {missing.length ? (
            <ul className="columns">
              {missing.map((key) => (
                <li key={key}><Link to={`${base}/checklist/${elementOf(key)}?answering=agreed`}>{key}</Link></li>
              ))}
            </ul>
          ) : null}
          {completion.unansweredPrompts.length ? (
            <p className="muted">{completion.unansweredPrompts.length} evidence prompts have no agreed answer: submitting does not need them, but evidence scores count only answered prompts.</p>
          ) : null}
          {org.can('assessments:submit') ? (
            <>
              <button type="button" className="button" disabled={submitted.fetching} onClick={() => void submit({ id: work.id })}>Submit and lock</button>
              {submitProblem && !refusedMissing ? <ProblemAlert problem={submitProblem} /> : null}
              {refusedMissing ? <Alert tone="error" title="Not submitted">{submitProblem?.message}</Alert> : null}
            </>
          ) : (
            <p>A manager or owner submits the assessment once every part is agreed.</p>
          )}
        </section>
      )}
      {work.reopenings.length ? (
        <section aria-labelledby="reopen-history">
          <h2 id="reopen-history">Reopened before</h2>
          <ul>
            {work.reopenings.map((r) => <li key={r.id}>{formatMoment(r.createdAt)}, {r.reopenedBy.name}: “{r.reason}”</li>)}
          </ul>
        </section>
      ) : null}
      {locked && org.can('assessments:reopen') ? (
        <form
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            void reopen({ id: work.id, reason }).then((r) => r.data && setReason(''));
          }}
        >
          <h2>Reopen</h2>
          <TextArea label="Why it is reopened" hint="10 to 2,000 characters; kept with the assessment for good." value={reason} minLength={10} maxLength={2000} required onChange={(e) => setReason(e.target.value)} error={problemOf(reopened.error)?.message ?? null} />
          <button type="submit" className="button button-secondary" disabled={reopened.fetching}>Reopen with this reason</button>
        </form>
      ) : null}
      {org.can('plans:manage') ? (
        <section className="card" aria-labelledby="plan-heading">
          <h2 id="plan-heading">Action plan</h2>
          <p>Turn the gaps of this assessment into plan items. Generating again never duplicates an item or touches owners’ edits.</p>
          <button type="button" className="button" disabled={generated.fetching} onClick={() => void generate({ assessmentId: work.id })}>Generate the action plan</button>
          {generated.data ? (
            <Alert tone="success" title="Plan generated">
              {generated.data.generateActionPlan.created} new items, {generated.data.generateActionPlan.refreshed} refreshed, {generated.data.generateActionPlan.resolved} resolved.{' '}
              <Link to={`/o/${org.id}/plan?assessment=${work.id}`}>Open the plan</Link>
            </Alert>
          ) : null}
          <ProblemAlert problem={problemOf(generated.error)} />
        </section>
      ) : null}
    </Page>
  );
}
