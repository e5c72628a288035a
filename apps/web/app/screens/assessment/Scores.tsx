import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { shownScore } from '@waymark/domain/figures';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { useFormat } from '../../i18n/format';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Chart, DataTable, NARROW_CHART } from '../../ui/Chart';
import { Loading, Page } from '../../ui/Page';
import { AssessmentTabs } from './AssessmentTabs';

const AssessmentScores = graphql(`
  query AssessmentScores($id: ID!) {
    assessment(id: $id) {
      id cycle status
      framework { nodes { key kind text title } }
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
const THRESHOLD = '#505a5f';

export default function Scores() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { assessmentId = '' } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: AssessmentScores, variables: { id: assessmentId } });
  const a = data?.assessment;
  const nodes = useMemo(() => new Map(a?.framework.nodes.map((n) => [n.key, n]) ?? []), [a]);
  const name = (key: string) => nodes.get(key)?.title ?? nodes.get(key)?.text ?? key;
  const option = useMemo(() => {
    if (!a) return null;
    const els = a.scores.elements;
    const practice = t('scores.practice');
    const evidence = t('scores.evidence');
    const threshold = t('scores.evidenceLine');
    return (width: number) => {
      const narrow = width < NARROW_CHART;
      return {
        // The legend sits above the plot and the labels inside the grid's margins, so neither covers the other.
        grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
        legend: { top: 0, left: 0, data: [practice, evidence, threshold] },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: els.map((e) => (narrow ? e.elementKey : `${e.elementKey} ${nodes.get(e.elementKey)?.title ?? ''}`.trim())), axisLabel: { interval: 0, width: narrow ? 60 : Math.max(80, width / els.length - 24), overflow: 'break' } },
        yAxis: { type: 'value', min: 0, max: 100, name: t('scores.axis'), nameLocation: 'end', nameTextStyle: { align: 'left' } },
        series: [
          { name: practice, type: 'bar', itemStyle: { color: PRACTICE }, label: { show: true, position: 'top' }, data: els.map((e) => shownScore(e.practice, 'practice')) },
          {
            name: evidence,
            type: 'bar',
            itemStyle: { color: EVIDENCE },
            label: { show: true, position: 'top', formatter: (p: { value: number | null }) => fmt.score(p.value, 'evidence') },
            // The figures as every screen shows them, so bars, labels and tooltips agree with the table.
            data: els.map((e) => (e.evidence === null || e.evidence === undefined ? null : shownScore(e.evidence, 'evidence'))),
          },
          // The line at 50 is named in the legend rather than on the plot, where its words covered a bar's figure.
          {
            name: threshold,
            type: 'line',
            data: [],
            itemStyle: { color: THRESHOLD },
            lineStyle: { type: 'dashed', color: THRESHOLD },
            markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: THRESHOLD }, label: { show: false }, data: [{ yAxis: 50 }] },
          },
        ],
      };
    };
  }, [a, fmt, nodes, t]);

  if (!a || !option) return <Page title={t('scores.loadingTitle')}>{fetching ? <Loading what={t('scores.loading')} /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const { scores } = a;
  const claims = scores.unsupportedClaims;
  return (
    <Page title={t('scores.title', { cycle: a.cycle })}>
      <AssessmentTabs id={a.id} cycle={a.cycle} status={a.status} />
      {!scores.complete ? <Alert tone="warning" title={t('scores.incomplete.title')}>{t('scores.incomplete.body')}</Alert> : null}
      <dl className="dl">
        <dt>{t('scores.practiceOverall')}</dt><dd>{t('scores.ofHundred', { score: fmt.score(scores.practice, 'practice') })}</dd>
        <dt>{t('scores.evidenceOverall')}</dt><dd>{scores.evidence === null || scores.evidence === undefined ? t('scores.noEvidence') : t('scores.ofHundred', { score: fmt.score(scores.evidence, 'evidence') })}</dd>
        <dt>{t('scores.claims')}</dt><dd>{claims.length ? claims.map((k) => t('scores.claim', { element: name(k) })).join('; ') : t('common.none')}</dd>
      </dl>
      <Chart
        title={t('scores.chartTitle')}
        summary={scores.elements.map((e) => t(e.unsupportedClaim ? 'scores.summaryClaim' : 'scores.summary', { element: e.elementKey, practice: fmt.score(e.practice, 'practice'), evidence: fmt.score(e.evidence, 'evidence') })).join(' ')}
        option={option}
        note={claims.length ? <p><strong>{t('scores.claimNoteTitle')}</strong> {t('scores.claimNote', { elements: claims.map(name).join(', ') })}</p> : null}
        table={{
          caption: t('scores.tableCaption'),
          columns: [t('scores.col.element'), t('scores.col.practice'), t('scores.col.evidence'), t('scores.col.parts'), t('scores.col.prompts'), t('scores.col.claim')],
          rows: scores.elements.map((e) => [
            t('scores.row', { key: e.elementKey, name: name(e.elementKey) }),
            fmt.score(e.practice, 'practice'),
            fmt.score(e.evidence, 'evidence'),
            t('scores.partsOf', { answered: fmt.count(e.partsAnswered), total: fmt.count(e.partsTotal) }),
            t('scores.promptCounts', { yes: fmt.count(e.promptsYes), no: fmt.count(e.promptsNo), na: fmt.count(e.promptsNotApplicable), none: fmt.count(e.promptsUnanswered) }),
            e.unsupportedClaim ? t('common.yes') : t('common.no'),
          ]),
        }}
      />
      <h2>{t('scores.byAction')}</h2>
      {scores.elements.map((e) => (
        <DataTable
          key={e.elementKey}
          caption={t('scores.actionsOf', { key: e.elementKey, name: name(e.elementKey) })}
          columns={[t('scores.col.action'), t('scores.col.practice'), t('scores.col.complete')]}
          rows={e.actions.map((x) => [t('scores.row', { key: x.actionKey, name: nodes.get(x.actionKey)?.text ?? '' }), fmt.score(x.practice, 'practice'), x.complete ? t('common.yes') : t('common.no')])}
        />
      ))}
    </Page>
  );
}
