import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Loading, Page } from '../../ui/Page';
import { ProgressBar } from '../../ui/Progress';
import { AnswerItem } from './AnswerItem';
import { AssessmentTabs } from './AssessmentTabs';
import { type Work, editable, elementsOf, useAssessmentWork } from './data';
import { useLibrary } from './EvidenceLinks';
import { SaveStatus } from './SaveStatus';
import { useAnswerSaver } from './useAnswerSaver';

const Adopt = graphql(`
  mutation AdoptAgreed($id: ID!) { adoptAgreedAnswers(id: $id) { id completion { percent partsAnswered } } }
`);

export default function TeamView() {
  const { assessmentId = '' } = useParams();
  const [{ data, error, fetching }] = useAssessmentWork(assessmentId);
  if (!data) return <Page title="Team view">{fetching ? <Loading what="Loading the team's answers" /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  return <TeamBody work={data.assessment} />;
}

function TeamBody({ work }: { work: Work }) {
  const org = useOrganisation();
  const saver = useAnswerSaver(work.id, 'agreed', work.answers);
  const [adopted, adopt] = useMutation(Adopt);
  const { library, refresh } = useLibrary();
  const canAgree = org.can('consensus:write') && editable(work.status);
  const nodes = useMemo(() => new Map(work.framework.nodes.map((n) => [n.key, n])), [work.framework.nodes]);
  const order = useMemo(() => elementsOf(work.framework.nodes).flatMap((e) => e.keys), [work.framework.nodes]);
  const people = useMemo(() => [...new Map(work.assessorAnswers.map((a) => [a.assessor.id, a.assessor.name])).entries()], [work.assessorAnswers]);
  const byKey = useMemo(() => {
    const map = new Map<string, Map<string, string>>();
    for (const a of work.assessorAnswers) map.set(a.nodeKey, (map.get(a.nodeKey) ?? new Map<string, string>()).set(a.assessor.id, a.value));
    return map;
  }, [work.assessorAnswers]);
  const agreed = useMemo(() => new Map(work.answers.map((a) => [a.nodeKey, a])), [work.answers]);
  const disagreements = new Set(work.disagreements.map((d) => d.nodeKey));
  const evidence = useMemo(() => ({ assessmentId: work.id, library, canWrite: org.can('evidence:write'), onChanged: refresh }), [work.id, library, org, refresh]);
  const labelOf = (node: string, value: string | undefined) => {
    if (!value) return '—';
    const scale = nodes.get(node)?.answerScale === 'EVIDENCE' ? work.framework.scales.evidence : work.framework.scales.practice;
    return scale.options.find((o) => o.value === value)?.label ?? value;
  };

  return (
    <Page title={`Team view: cycle ${work.cycle}`}>
      <AssessmentTabs id={work.id} cycle={work.cycle} status={work.status} />
      <ProgressBar label="Agreed answers" value={work.completion.percent} detail={`${work.completion.partsAnswered} of ${work.completion.partsTotal} parts`} />
      <h2>Where the team disagrees ({work.disagreements.length})</h2>
      {work.disagreements.length === 0 ? <p>Nobody disagrees at the moment.</p> : null}
      {canAgree ? <SaveStatus saver={saver} /> : null}
      {work.disagreements.map((d) => {
        const node = nodes.get(d.nodeKey);
        if (!node) return null;
        const scale = node.answerScale === 'EVIDENCE' ? work.framework.scales.evidence : work.framework.scales.practice;
        const answer = agreed.get(d.nodeKey);
        const pending = saver.pending[d.nodeKey];
        return (
          <div key={d.nodeKey} className="card">
            <p className="small">
              {d.values.map((v) => `${v.people.map((p) => p.name).join(' and ')}: ${labelOf(d.nodeKey, v.value)}`).join(' · ')}
            </p>
            <AnswerItem
              node={node}
              label={node.text}
              mode="agreed"
              options={scale.options}
              improvementFlag={node.kind === 'PROMPT' ? work.framework.scales.evidence.improvementFlag ?? null : null}
              current={saver.conflicts[d.nodeKey] ? null : pending ?? (answer ? { value: answer.value, areaForImprovement: answer.areaForImprovement, note: answer.note ?? null } : null)}
              agreed={answer ? { value: answer.value, setBy: answer.setBy.name } : null}
              team={[]}
              disagreement
              unsaved={Boolean(pending)}
              conflict={saver.conflicts[d.nodeKey] ?? null}
              locked={!canAgree}
              onChange={saver.change}
              onResolve={saver.resolve}
              evidence={evidence}
            />
          </div>
        );
      })}
      {canAgree ? (
        <section aria-labelledby="adopt-heading">
          <h2 id="adopt-heading">Agree what everyone agrees on</h2>
          <p>Where two or more assessors gave the same answer and nothing is agreed yet, adopt it as the team’s answer.</p>
          <button type="button" className="button" disabled={adopted.fetching} onClick={() => void adopt({ id: work.id })}>Adopt the answers everyone agrees on</button>
          {adopted.data ? <Alert tone="success">Done: {adopted.data.adoptAgreedAnswers.completion.partsAnswered} parts are now agreed.</Alert> : null}
          <ProblemAlert problem={problemOf(adopted.error)} />
        </section>
      ) : null}
      <h2>Who answered what</h2>
      <div className="table-wrap">
        <table>
          <caption>Each assessor’s answer and the agreed answer, item by item</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              {people.map(([id, name]) => <th key={id} scope="col">{name}</th>)}
              <th scope="col">Agreed</th>
            </tr>
          </thead>
          <tbody>
            {order.map((key) => {
              const answers = byKey.get(key);
              const answer = agreed.get(key);
              return (
                <tr key={key} className={disagreements.has(key) ? 'row-flag' : undefined}>
                  <th scope="row">
                    <Link to={`/o/${org.id}/assessments/${work.id}/checklist/${key.split('.').slice(0, 2).join('.')}`}>{key}</Link>
                    {disagreements.has(key) ? <span className="flag"> (disagree)</span> : null}
                  </th>
                  {people.map(([id]) => <td key={id}>{labelOf(key, answers?.get(id))}</td>)}
                  <td>{answer ? `${labelOf(key, answer.value)} (${answer.setBy.name})` : 'not yet'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
