import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Chart, DataTable } from '../../ui/Chart';
import { Loading, Page } from '../../ui/Page';
import { formatScore } from '../../ui/format';
import { AssessmentTabs } from './AssessmentTabs';

const AssessmentScores = graphql(`
  query AssessmentScores($id: ID!) {
    assessment(id: $id) {
      id cycle status
      framework { nodes { key kind text } }
      scores {
        practice evidence complete unsupportedClaims
        elements {
          elementKey practice evidence complete unsupportedClaim partsAnswered partsTotal
          promptsYes promptsNo promptsNotApplicable promptsUnanswered
          actions { actionKey practice complete }
        }
      }
    }
  }
`);

const PRACTICE = '#0b4f6c';
const EVIDENCE = '#b35900';

export default function Scores() {
  const { assessmentId = '' } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: AssessmentScores, variables: { id: assessmentId } });
  const a = data?.assessment;
  const text = useMemo(() => new Map(a?.framework.nodes.map((n) => [n.key, n.text]) ?? []), [a]);
  const option = useMemo(() => {
    if (!a) return null;
    const els = a.scores.elements;
    return {
      grid: { left: 48, right: 96, top: 40, bottom: 40 },
      legend: { top: 0, data: ['Practice', 'Evidence'] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: els.map((e) => `${e.elementKey}${e.unsupportedClaim ? ' (unsupported claim)' : ''}`) },
      yAxis: { type: 'value', min: 0, max: 100, name: 'Score (0-100)' },
      series: [
        { name: 'Practice', type: 'bar', itemStyle: { color: PRACTICE }, label: { show: true, position: 'top' }, data: els.map((e) => Math.round(e.practice)) },
        {
          name: 'Evidence',
          type: 'bar',
          itemStyle: { color: EVIDENCE },
          label: { show: true, position: 'top', formatter: (p: { value: number | null }) => (p.value === null ? 'no figure' : String(p.value)) },
          data: els.map((e) => (e.evidence === null || e.evidence === undefined ? null : Math.round(e.evidence))),
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#505a5f' }, label: { formatter: 'evidence 50' }, data: [{ yAxis: 50 }] },
        },
      ],
    };
  }, [a]);

  if (!a || !option) return <Page title="Scores">{fetching ? <Loading what="Loading the scores" /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const { scores } = a;
  const claims = scores.unsupportedClaims;
  return (
    <Page title={`Scores: cycle ${a.cycle}`}>
      <AssessmentTabs id={a.id} cycle={a.cycle} status={a.status} />
      {!scores.complete ? <Alert tone="warning" title="Incomplete">Some parts have no agreed answer yet: they count as 0 until they do.</Alert> : null}
      <dl className="dl">
        <dt>Practice overall</dt><dd>{formatScore(scores.practice)} of 100</dd>
        <dt>Evidence overall</dt><dd>{scores.evidence === null ? 'no figure (no prompt answered Yes or No)' : `${formatScore(scores.evidence)} of 100`}</dd>
        <dt>Unsupported claims</dt><dd>{claims.length ? claims.map((k) => `${k} (practice 75 or more, evidence under 50)`).join('; ') : 'none'}</dd>
      </dl>
      <Chart
        title="Practice and evidence by element"
        summary={scores.elements.map((e) => `Element ${e.elementKey}: practice ${formatScore(e.practice)}, evidence ${formatScore(e.evidence)}${e.unsupportedClaim ? ', an unsupported claim' : ''}`).join('. ')}
        option={option}
        note={claims.length ? <p><strong>Unsupported claim:</strong> {claims.join(', ')}: practice is claimed without the evidence to back it.</p> : null}
        table={{
          caption: 'Scores by element (0-100)',
          columns: ['Element', 'Practice', 'Evidence', 'Parts answered', 'Prompts Yes / No / N/A / unanswered', 'Unsupported claim'],
          rows: scores.elements.map((e) => [
            e.elementKey,
            formatScore(e.practice),
            formatScore(e.evidence),
            `${e.partsAnswered} of ${e.partsTotal}`,
            `${e.promptsYes} / ${e.promptsNo} / ${e.promptsNotApplicable} / ${e.promptsUnanswered}`,
            e.unsupportedClaim ? 'Yes' : 'No',
          ]),
        }}
      />
      <h2>Practice by action</h2>
      {scores.elements.map((e) => (
        <DataTable
          key={e.elementKey}
          caption={`${e.elementKey} ${text.get(e.elementKey) ?? ''}`}
          columns={['Action', 'Practice', 'Complete']}
          rows={e.actions.map((x) => [`${x.actionKey} ${text.get(x.actionKey) ?? ''}`, formatScore(x.practice), x.complete ? 'Yes' : 'No'])}
        />
      ))}
    </Page>
  );
}
