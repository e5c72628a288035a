import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { problemOf } from '../api/errors';
import { ProblemAlert } from '../ui/Alert';
import { Chart, DataTable } from '../ui/Chart';
import { Loading, Page } from '../ui/Page';
import { formatScore, signed } from '../ui/format';

const ProgressQuery = graphql(`
  query Progress {
    progress {
      assessmentId cycle status practice evidence complete practiceChange evidenceChange
      elements { elementKey practice evidence practiceChange evidenceChange }
      plan { items done open overdue dropped carried resolvedByAssessment medianDaysToDone }
    }
  }
`);

const COLOURS = ['#0b4f6c', '#b35900', '#00703c', '#6f2c91', '#b10e1e'];

export default function Progress() {
  const [{ data, error, fetching }] = useQuery({ query: ProgressQuery });
  const cycles = data?.progress ?? [];
  const option = useMemo(() => {
    const keys = [...new Set(cycles.flatMap((c) => c.elements.map((e) => e.elementKey)))];
    const line = (name: string, values: (number | null | undefined)[], i: number, dashed = false) => ({
      name,
      type: 'line',
      symbolSize: 8,
      lineStyle: { width: 3, type: dashed ? 'dashed' : 'solid', color: COLOURS[i % COLOURS.length] },
      itemStyle: { color: COLOURS[i % COLOURS.length] },
      data: values.map((v) => (v === null || v === undefined ? null : Math.round(v))),
    });
    return {
      grid: { left: 48, right: 16, top: 56, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: cycles.map((c) => c.cycle) },
      yAxis: { type: 'value', min: 0, max: 100, name: 'Practice (0-100)' },
      series: [
        line('Overall practice', cycles.map((c) => c.practice), 0),
        line('Overall evidence', cycles.map((c) => c.evidence), 1, true),
        ...keys.map((k, i) => line(`Practice ${k}`, cycles.map((c) => c.elements.find((e) => e.elementKey === k)?.practice), i + 2)),
      ],
    };
  }, [cycles]);

  if (!data) return <Page title="Progress across cycles">{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  return (
    <Page title="Progress across cycles" intro={<p>Scores from each cycle’s agreed answers, the change since the cycle before, and how the plan went.</p>}>
      {cycles.length === 0 ? <p>No cycles yet.</p> : (
        <>
          <Chart
            title="Practice and evidence, cycle by cycle"
            summary={cycles.map((c) => `${c.cycle}: practice ${formatScore(c.practice)} (${signed(c.practiceChange)}), evidence ${formatScore(c.evidence)}`).join('. ')}
            option={option}
            table={{
              caption: 'Scores by cycle (0-100)',
              columns: ['Cycle', 'Status', 'Practice', 'Change', 'Evidence', 'Change', ...cycles[0]!.elements.map((e) => `Practice ${e.elementKey}`)],
              rows: cycles.map((c) => [c.cycle, c.status, formatScore(c.practice), signed(c.practiceChange), formatScore(c.evidence), signed(c.evidenceChange), ...c.elements.map((e) => `${formatScore(e.practice)} (${signed(e.practiceChange)})`)]),
            }}
          />
          <h2>The plan, cycle by cycle</h2>
          <DataTable
            caption="Each piece of work counted once, where it is now"
            columns={['Cycle', 'Items', 'Done', 'Open', 'Overdue', 'Dropped', 'Carried on', 'Closed by the answers', 'Median days to done']}
            rows={cycles.map((c) => c.plan
              ? [c.cycle, c.plan.items, c.plan.done, c.plan.open, c.plan.overdue, c.plan.dropped, c.plan.carried, c.plan.resolvedByAssessment, c.plan.medianDaysToDone === null || c.plan.medianDaysToDone === undefined ? '—' : Math.round(c.plan.medianDaysToDone)]
              : [c.cycle, 'no plan', '', '', '', '', '', '', ''])}
          />
        </>
      )}
    </Page>
  );
}
