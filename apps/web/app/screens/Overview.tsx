import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { problemOf, fieldMessage } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { Loading, Page } from '../ui/Page';
import { ProblemAlert } from '../ui/Alert';
import { ProgressBar } from '../ui/Progress';
import { SelectField, TextField } from '../ui/Field';
import { StatusBadge } from '../ui/Badge';
import { formatDate, formatMoment } from '../ui/format';

const Assessments = graphql(`
  query Assessments {
    assessments(page: { first: 50 }) {
      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { percent partsAnswered partsTotal } } }
    }
    frameworks { edges { node { id title version } } }
  }
`);

const CreateAssessment = graphql(`
  mutation CreateAssessment($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }
`);

const StartNextCycle = graphql(`
  mutation StartNextCycle($input: StartNextCycleInput!) { startNextCycle(input: $input) { id } }
`);

export function Overview() {
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: Assessments });
  const base = `/o/${org.id}`;
  if (!data) return <Page title="Assessments">{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const assessments = data.assessments.edges.map((e) => e.node);
  const frameworks = data.frameworks.edges.map((e) => e.node);
  const latestSubmitted = assessments.find((a) => a.status === 'SUBMITTED');

  return (
    <Page
      title="Assessments"
      intro={org.kind === 'REGIONAL_BODY' ? <p>Your network's results are on the <Link to={`${base}/network`}>regional dashboard</Link>.</p> : <p>Each cycle the team works through the checklist, agrees one answer per item, and a manager submits the result.</p>}
    >
      {assessments.length === 0 ? <p>No assessments yet.</p> : (
        <ul className="cards">
          {assessments.map((a) => (
            <li key={a.id} className="card">
              <div className="card-row">
                <Link className="card-title" to={`${base}/assessments/${a.id}/checklist`}>Cycle {a.cycle}</Link>
                <StatusBadge status={a.status} />
              </div>
              <ProgressBar label={`Cycle ${a.cycle}: agreed answers`} value={a.completion.percent} detail={`${a.completion.partsAnswered} of ${a.completion.partsTotal} parts`} />
              <p className="muted">
                {a.submittedAt ? `Submitted ${formatMoment(a.submittedAt)}` : a.dueOn ? `Due ${formatDate(a.dueOn)}` : `Last changed ${formatMoment(a.updatedAt)}`}
              </p>
              <p className="links">
                <Link to={`${base}/assessments/${a.id}/checklist`}>Checklist</Link>
                <Link to={`${base}/assessments/${a.id}/team`}>Team view</Link>
                <Link to={`${base}/assessments/${a.id}/submit`}>{a.status === 'SUBMITTED' ? 'Locked result' : 'Submit'}</Link>
                <Link to={`${base}/assessments/${a.id}/scores`}>Scores</Link>
                <Link to={`${base}/plan?assessment=${a.id}`}>Plan</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {org.can('assessments:create') ? <StartAssessment frameworks={frameworks} previous={latestSubmitted ?? null} /> : null}
    </Page>
  );
}

function StartAssessment({ frameworks, previous }: { frameworks: { id: string; title: string; version: string }[]; previous: { id: string; cycle: string } | null }) {
  const org = useOrganisation();
  const navigate = useNavigate();
  const [cycle, setCycle] = useState('');
  const [frameworkId, setFrameworkId] = useState(frameworks[0]?.id ?? '');
  const [fromPrevious, setFromPrevious] = useState(Boolean(previous));
  const [created, create] = useMutation(CreateAssessment);
  const [continued, next] = useMutation(StartNextCycle);
  const problem = problemOf(created.error ?? continued.error);
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">Start an assessment</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const done = (id: string | undefined) => id && void navigate(`/o/${org.id}/assessments/${id}/checklist`);
          if (fromPrevious && previous) void next({ input: { previousAssessmentId: previous.id, cycle } }).then((r) => done(r.data?.startNextCycle.id));
          else void create({ input: { frameworkId, cycle } }).then((r) => done(r.data?.createAssessment.id));
        }}
      >
        <TextField label="Cycle" hint='For example "2027" or "2027-28".' value={cycle} onChange={(e) => setCycle(e.target.value)} required error={fieldMessage(problem, 'cycle')} />
        {previous ? (
          <SelectField label="Start from" value={fromPrevious ? 'previous' : 'blank'} onChange={(e) => setFromPrevious(e.target.value === 'previous')}>
            <option value="previous">Cycle {previous.cycle}: its agreed answers, current evidence and open plan work</option>
            <option value="blank">A blank checklist</option>
          </SelectField>
        ) : null}
        {!fromPrevious || !previous ? (
          <SelectField label="Framework" value={frameworkId} onChange={(e) => setFrameworkId(e.target.value)}>
            {frameworks.map((f) => <option key={f.id} value={f.id}>{f.title} ({f.version})</option>)}
          </SelectField>
        ) : null}
        {problem?.field !== 'cycle' ? <ProblemAlert problem={problem} /> : null}
        <button className="button" type="submit" disabled={created.fetching || continued.fetching}>Start</button>
      </form>
    </section>
  );
}
