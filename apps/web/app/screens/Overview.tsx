import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@waymark/domain/limits';
import { graphql } from '../gql';
import { fieldMessage, placedBeside, problemOf } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { useFormat } from '../i18n/format';
import { Loading, Page } from '../ui/Page';
import { ProblemAlert } from '../ui/Alert';
import { CompletionBar } from '../ui/Progress';
import { SelectField, TextField } from '../ui/Field';
import { StatusBadge } from '../ui/Badge';

const Assessments = graphql(`
  query Assessments {
    assessments(first: 50) {
      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { partsAnswered partsTotal promptsAnswered promptsTotal } framework { id title version } newerVersions { id version } } }
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
  // A regional body has no assessments of its own: its home is the network's dashboard.
  if (org.kind === 'REGIONAL_BODY') return <Navigate to={`/o/${org.id}/network`} replace />;
  return <Institution />;
}

function Institution() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const [{ data, error, fetching }] = useQuery({ query: Assessments });
  const base = `/o/${org.id}`;
  if (!data) return <Page title={t('overview.title')}>{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const assessments = data.assessments.edges.map((e) => e.node);
  const frameworks = data.frameworks.edges.map((e) => e.node);
  const latestSubmitted = assessments.find((a) => a.status === 'SUBMITTED');

  return (
    <Page title={t('overview.title')} intro={<p>{t('overview.intro')}</p>}>
      {assessments.length === 0 ? <p>{t('overview.none')}</p> : (
        <ul className="cards">
          {assessments.map((a) => (
            <li key={a.id} className="card">
              <div className="card-row">
                <Link className="card-title" to={`${base}/assessments/${a.id}/checklist`}>{t('assessment.cycle', { cycle: a.cycle })}</Link>
                <StatusBadge kind="assessment" status={a.status} />
              </div>
              <CompletionBar label={t('overview.completionLabel', { cycle: a.cycle })} completion={a.completion} />
              <p className="muted">
                {a.submittedAt ? t('overview.submitted', { when: fmt.moment(a.submittedAt) }) : a.dueOn ? t('overview.due', { when: fmt.date(a.dueOn) }) : t('overview.changed', { when: fmt.moment(a.updatedAt) })}
              </p>
              <p className="links">
                <Link to={`${base}/assessments/${a.id}/checklist`}>{t('assessment.tabs.checklist')}</Link>
                <Link to={`${base}/assessments/${a.id}/team`}>{t('assessment.tabs.team')}</Link>
                <Link to={`${base}/assessments/${a.id}/submit`}>{a.status === 'SUBMITTED' ? t('assessment.tabs.locked') : t('assessment.tabs.submit')}</Link>
                <Link to={`${base}/assessments/${a.id}/scores`}>{t('assessment.tabs.scores')}</Link>
                <Link to={`${base}/plan?assessment=${a.id}`}>{t('assessment.tabs.plan')}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {org.can('assessments:create') ? <StartAssessment frameworks={frameworks} previous={latestSubmitted ?? null} /> : null}
    </Page>
  );
}

interface Previous {
  id: string;
  cycle: string;
  framework: { id: string; title: string; version: string };
  newerVersions: { id: string; version: string }[];
}

function StartAssessment({ frameworks, previous }: { frameworks: { id: string; title: string; version: string }[]; previous: Previous | null }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const navigate = useNavigate();
  const [cycle, setCycle] = useState('');
  const [frameworkId, setFrameworkId] = useState(frameworks[0]?.id ?? '');
  const [fromPrevious, setFromPrevious] = useState(Boolean(previous));
  // The next cycle stays on its version unless the team chooses a newer one (a crosswalk leads there).
  const [version, setVersion] = useState(previous?.framework.id ?? '');
  const [created, create] = useMutation(CreateAssessment);
  const [continued, next] = useMutation(StartNextCycle);
  const problem = problemOf(created.error ?? continued.error);
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">{t('overview.start.title')}</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const done = (id: string | undefined) => id && void navigate(`/o/${org.id}/assessments/${id}/checklist`);
          if (fromPrevious && previous) {
            const upgrade = version && version !== previous.framework.id ? version : null;
            void next({ input: { previousAssessmentId: previous.id, cycle, frameworkId: upgrade } }).then((r) => {
              const id = r.data?.startNextCycle.id;
              if (id && upgrade) void navigate(`/o/${org.id}/assessments/${id}/changes`);
              else done(id);
            });
          }
          else void create({ input: { frameworkId, cycle } }).then((r) => done(r.data?.createAssessment.id));
        }}
      >
        <TextField label={t('overview.start.cycle')} hint={t('overview.start.cycleHint')} value={cycle} onChange={(e) => setCycle(e.target.value)} required limit={TEXT_LIMITS.cycle} error={fieldMessage(problem, 'cycle')} />
        {previous ? (
          <SelectField label={t('overview.start.from')} value={fromPrevious ? 'previous' : 'blank'} onChange={(e) => setFromPrevious(e.target.value === 'previous')}>
            <option value="previous">{t('overview.start.fromPrevious', { cycle: previous.cycle })}</option>
            <option value="blank">{t('overview.start.blank')}</option>
          </SelectField>
        ) : null}
        {fromPrevious && previous && previous.newerVersions.length ? (
          <SelectField label={t('overview.start.version')} hint={t('overview.start.versionHint')} value={version} onChange={(e) => setVersion(e.target.value)}>
            <option value={previous.framework.id}>{t('overview.start.stay', { version: previous.framework.version })}</option>
            {previous.newerVersions.map((v) => <option key={v.id} value={v.id}>{t('overview.start.moveTo', { version: v.version })}</option>)}
          </SelectField>
        ) : null}
        {!fromPrevious || !previous ? (
          <SelectField label={t('overview.start.framework')} value={frameworkId} onChange={(e) => setFrameworkId(e.target.value)}>
            {frameworks.map((f) => <option key={f.id} value={f.id}>{t('overview.start.frameworkOption', { title: f.title, version: f.version })}</option>)}
          </SelectField>
        ) : null}
        {placedBeside(problem, ['cycle']) ? null : <ProblemAlert problem={problem} />}
        <button className="button" type="submit" disabled={created.fetching || continued.fetching}>{t('overview.start.submit')}</button>
      </form>
    </section>
  );
}
