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
  // A draft still being answered has no scores yet: its unanswered parts would count as 0 and draw
  // a fall that never happened. Its cycle stays on the axis, without a point, and is named below.
  const scored = useMemo(() => cycles.map((c) => (c.status === 'SUBMITTED' || c.complete ? c : null)), [cycles]);
  const option = useMemo(() => {
    const keys = [...new Set(cycles.flatMap((c) => c.elements.map((e) => e.elementKey)))];
    const shown = (values: (number | null | undefined)[], measure: 'practice' | 'evidence') => values.map((v) => (v === null || v === undefined ? null : shownScore(v, measure)));
    const series = [
      { name: t('progress.overallPractice'), data: shown(scored.map((c) => c?.practice), 'practice'), measure: 'practice' as const },
      { name: t('progress.overallEvidence'), data: shown(scored.map((c) => c?.evidence), 'evidence'), measure: 'evidence' as const },
      ...keys.map((k) => ({ name: t('progress.elementPractice', { element: titles.get(k) ?? k }), data: shown(scored.map((c) => c?.elements.find((e) => e.elementKey === k)?.practice), 'practice'), measure: 'practice' as const })),
    ];
    // A line with one point is only a dot: bigger, with its figure beside it. Dots of one cycle
    // take turns, by height, to write their figure on the right and on the left, so close figures
    // do not cover each other; any that still would are left to the table.
    const single = (data: (number | null)[]) => data.filter((v) => v !== null).length === 1;
    const byHeight = series.filter((s) => single(s.data)).sort((a, b) => Math.max(...a.data.map(Number)) - Math.max(...b.data.map(Number)));
    const line = ({ name, data, measure }: (typeof series)[number], i: number) => ({
      name,
      type: 'line',
      symbolSize: single(data) ? 12 : 8,
      lineStyle: { width: 3, type: measure === 'evidence' ? 'dashed' : 'solid', color: COLOURS[i % COLOURS.length] },
      itemStyle: { color: COLOURS[i % COLOURS.length] },
      label: {
        show: single(data),
        position: byHeight.findIndex((s) => s.name === name) % 2 ? 'left' : 'right',
        fontWeight: 'bold',
        formatter: ({ value }: { value: number | null }) => fmt.score(value, measure),
      },
      labelLayout: { hideOverlap: true },
      data,
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
        // Every cycle the organisation has, scored or not, in order.
        xAxis: { type: 'category', data: cycles.map((c) => c.cycle) },
        yAxis: { type: 'value', min: 0, max: 100, name: t('progress.axis'), nameLocation: 'end', nameTextStyle: { align: 'left' } },
        series: series.map(line),
      };
    };
  }, [cycles, scored, fmt, t, titles]);

  if (!data) return <Page title={t('progress.title')}>{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const before = (i: number) => scored[i - 1];
  const unscored = cycles.filter((_, i) => !scored[i]).map((c) => c.cycle);
  return (
    <Page title={t('progress.title')} intro={<p>{t('progress.intro')}</p>}>
      {cycles.length === 0 ? <p>{t('progress.none')}</p> : (
        <>
          <Chart
            title={t('progress.chartTitle')}
            summary={cycles.map((c, i) => {
              const s = scored[i];
              if (!s) return t('progress.summaryUnscored', { cycle: c.cycle });
              return t(before(i) ? 'progress.summaryChange' : 'progress.summary', { cycle: c.cycle, practice: fmt.score(s.practice, 'practice'), change: fmt.change(s.practice, before(i)?.practice, 'practice'), evidence: fmt.score(s.evidence, 'evidence') });
            }).join(' ')}
            option={option}
            height={300 + (2 + (cycles[0]?.elements.length ?? 0)) * 26}
            note={unscored.length ? <p>{t('progress.unscored', { count: unscored.length, cycles: unscored.join(', ') })}</p> : null}
            table={{
              caption: t('progress.tableCaption'),
              columns: [t('progress.col.cycle'), t('progress.col.status'), t('progress.col.practice'), t('progress.col.practiceChange'), t('progress.col.evidence'), t('progress.col.evidenceChange'), ...(cycles[0]?.elements ?? []).map((e) => t('progress.elementPractice', { element: titles.get(e.elementKey) ?? e.elementKey }))],
              rows: cycles.map((c, i) => {
                const s = scored[i];
                const status = t(runtimeKey(`status.assessment.${c.status}`));
                if (!s) return [c.cycle, status, t('progress.notYet'), t('common.dash'), t('progress.notYet'), t('common.dash'), ...c.elements.map(() => t('progress.notYet'))];
                return [
                  c.cycle,
                  status,
                  fmt.score(s.practice, 'practice'),
                  fmt.change(s.practice, before(i)?.practice, 'practice'),
                  fmt.score(s.evidence, 'evidence'),
                  fmt.change(s.evidence, before(i)?.evidence, 'evidence'),
                  ...s.elements.map((e) => {
                    const earlier = before(i)?.elements.find((p) => p.elementKey === e.elementKey);
                    return earlier ? t('progress.withChange', { score: fmt.score(e.practice, 'practice'), change: fmt.change(e.practice, earlier.practice, 'practice') }) : fmt.score(e.practice, 'practice');
                  }),
                ];
              }),
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
