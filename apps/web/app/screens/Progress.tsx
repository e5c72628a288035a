import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { shownScore } from '@waymark/domain/figures';
import { graphql } from '../gql';
import { problemOf } from '../api/errors';
import { useFormat } from '../i18n/format';
import { runtimeKey } from '../i18n/i18n';
import { ProblemAlert } from '../ui/Alert';
import { useFrameworkWords } from './frameworkWords';
import { Chart, DataTable, NARROW_CHART } from '../ui/Chart';
import { Loading, Page } from '../ui/Page';

const ProgressQuery = graphql(`
  query Progress {
    progress {
      assessmentId cycle status practice evidence complete
      elements { elementKey practice evidence }
      plan { items done open overdue dropped carried resolvedByAssessment medianDaysToDone }
      frameworkId
    }
  }
`);

const COLOURS = ['#0b4f6c', '#b35900', '#00703c', '#6f2c91', '#b10e1e'];

export default function Progress() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error, fetching }] = useQuery({ query: ProgressQuery });
  const cycles = useMemo(() => data?.progress ?? [], [data]);
  const { elements } = useFrameworkWords(cycles[0]?.frameworkId);
  const titles = useMemo(() => new Map(elements.map((n) => [n.key, n.title ?? n.key] as const)), [elements]);
  const option = useMemo(() => {
    const keys = [...new Set(cycles.flatMap((c) => c.elements.map((e) => e.elementKey)))];
    const line = (name: string, values: (number | null | undefined)[], i: number, dashed = false, measure: 'practice' | 'evidence' = 'practice') => ({
      name,
      type: 'line',
      symbolSize: 8,
      lineStyle: { width: 3, type: dashed ? 'dashed' : 'solid', color: COLOURS[i % COLOURS.length] },
      itemStyle: { color: COLOURS[i % COLOURS.length] },
      data: values.map((v) => (v === null || v === undefined ? null : shownScore(v, measure))),
    });
    const count = 2 + keys.length;
    return (width: number) => {
      const narrow = width < NARROW_CHART;
      return {
      // The legend goes below the plot, one line per series on a phone (long names wrap), so it covers nothing.
      grid: { left: 8, right: 16, top: 40, bottom: narrow ? count * 34 : 70, containLabel: true },
      legend: narrow
        ? { bottom: 0, left: 0, orient: 'vertical', itemGap: 18, textStyle: { width: width - 80, overflow: 'break', lineHeight: 14 } }
        : { bottom: 0, left: 0, itemGap: 16 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: cycles.map((c) => c.cycle) },
      yAxis: { type: 'value', min: 0, max: 100, name: t('progress.axis'), nameLocation: 'end', nameTextStyle: { align: 'left' } },
      series: [
        line(t('progress.overallPractice'), cycles.map((c) => c.practice), 0),
        line(t('progress.overallEvidence'), cycles.map((c) => c.evidence), 1, true, 'evidence'),
        ...keys.map((k, i) => line(t('progress.elementPractice', { element: titles.get(k) ?? k }), cycles.map((c) => c.elements.find((e) => e.elementKey === k)?.practice), i + 2)),
      ],
      };
    };
  }, [cycles, t, titles]);

  if (!data) return <Page title={t('progress.title')}>{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const before = (i: number) => cycles[i - 1];
  return (
    <Page title={t('progress.title')} intro={<p>{t('progress.intro')}</p>}>
      {cycles.length === 0 ? <p>{t('progress.none')}</p> : (
        <>
          <Chart
            title={t('progress.chartTitle')}
            summary={cycles.map((c, i) => t(i ? 'progress.summaryChange' : 'progress.summary', { cycle: c.cycle, practice: fmt.score(c.practice, 'practice'), change: fmt.change(c.practice, before(i)?.practice, 'practice'), evidence: fmt.score(c.evidence, 'evidence') })).join(' ')}
            option={option}
            height={cycles.length ? 300 + (2 + (cycles[0]?.elements.length ?? 0)) * 26 : 380}
            table={{
              caption: t('progress.tableCaption'),
              columns: [t('progress.col.cycle'), t('progress.col.status'), t('progress.col.practice'), t('progress.col.practiceChange'), t('progress.col.evidence'), t('progress.col.evidenceChange'), ...(cycles[0]?.elements ?? []).map((e) => t('progress.elementPractice', { element: titles.get(e.elementKey) ?? e.elementKey }))],
              rows: cycles.map((c, i) => [
                c.cycle,
                t(runtimeKey(`status.assessment.${c.status}`)),
                fmt.score(c.practice, 'practice'),
                fmt.change(c.practice, before(i)?.practice, 'practice'),
                fmt.score(c.evidence, 'evidence'),
                fmt.change(c.evidence, before(i)?.evidence, 'evidence'),
                ...c.elements.map((e) => {
                  const earlier = before(i)?.elements.find((p) => p.elementKey === e.elementKey);
                  return earlier ? t('progress.withChange', { score: fmt.score(e.practice, 'practice'), change: fmt.change(e.practice, earlier.practice, 'practice') }) : fmt.score(e.practice, 'practice');
                }),
              ]),
            }}
          />
          <h2>{t('progress.planHeading')}</h2>
          <DataTable
            caption={t('progress.planCaption')}
            columns={[t('progress.col.cycle'), t('progress.col.items'), t('progress.col.done'), t('progress.col.open'), t('progress.col.overdue'), t('progress.col.dropped'), t('progress.col.carried'), t('progress.col.resolved'), t('progress.col.median')]}
            rows={cycles.map((c) => c.plan
              ? [c.cycle, fmt.count(c.plan.items), fmt.count(c.plan.done), fmt.count(c.plan.open), fmt.count(c.plan.overdue), fmt.count(c.plan.dropped), fmt.count(c.plan.carried), fmt.count(c.plan.resolvedByAssessment), c.plan.medianDaysToDone === null || c.plan.medianDaysToDone === undefined ? t('common.dash') : fmt.count(Math.round(c.plan.medianDaysToDone))]
              : [c.cycle, t('progress.noPlan'), '', '', '', '', '', '', ''])}
          />
        </>
      )}
    </Page>
  );
}
