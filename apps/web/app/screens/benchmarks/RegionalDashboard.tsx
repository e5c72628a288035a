import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { NetworkHeatmapQuery, RegionalDashboardQuery } from '../../gql/graphql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Chart, DataTable } from '../../ui/Chart';
import { SelectField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { formatMoment, formatScore } from '../../ui/format';
import { KIND_COLOURS, SUPPRESSED, box, scopeName, share, spreadText, suppressedWhy } from './figures';
import { boxAxes, suppressedMarkers } from './box-axes';

const Dashboard = graphql(`
  query RegionalDashboard {
    regionBenchmarks {
      snapshot { id takenAt trigger minCohort }
      region
      overall { key label suppressed members }
      weakestElements { elementKey title practice { n mean p25 median p75 min max } }
      weakestParts { partKey text answered yes started no }
      byKind {
        key label suppressed members
        figures { scope practice { n mean p25 median p75 min max } }
      }
      trend { takenAt members practice { median p25 p75 } evidence { median } }
    }
    networks(first: 50) { edges { node { id name memberCount } } }
  }
`);

const Heatmap = graphql(`
  query NetworkHeatmap($networkId: ID!) {
    networkHeatmap(networkId: $networkId) {
      snapshot { takenAt minCohort }
      network { id name }
      scopes
      suppressedRows
      rows { label named organisationId cells { scope practice evidence } }
      aggregate { suppressed members figures { scope practice { median } evidence { median } } }
    }
  }
`);

type Region = RegionalDashboardQuery['regionBenchmarks'];
type HeatmapData = NetworkHeatmapQuery['networkHeatmap'];

export default function RegionalDashboard() {
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: Dashboard });
  const [params, setParams] = useSearchParams();
  const networks = data?.networks.edges.map((e) => e.node) ?? [];
  const networkId = params.get('network') ?? networks[0]?.id ?? null;

  if (!data) return <Page title="Regional dashboard">{fetching ? <Loading what="Loading the region’s benchmarks" /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const region = data.regionBenchmarks;
  const minCohort = region.snapshot?.minCohort;
  return (
    <Page
      title="Regional dashboard"
      actions={<Link className="button button-secondary" to={`/o/${org.id}/network/members`}>Network members</Link>}
      intro={
        <p>
          How the institutions of {region.overall?.label ?? 'the region'} compare, from their submitted results.
          {region.snapshot ? ` Figures computed ${formatMoment(region.snapshot.takenAt)}.` : ''} Groups of fewer than {minCohort ?? 5} institutions are
          suppressed: they are marked as such and no figure of theirs is shown.
        </p>
      }
    >
      {!region.snapshot ? <Alert tone="info" title="No benchmark yet">No benchmark has been computed yet: figures appear after the first snapshot.</Alert> : null}
      <section aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">Network heatmap</h2>
        {networks.length === 0 ? <p>The body has no network yet.</p> : (
          <>
            {networks.length > 1 ? (
              <SelectField label="Network" value={networkId ?? ''} onChange={(e) => setParams({ network: e.target.value }, { replace: true })}>
                {networks.map((n) => <option key={n.id} value={n.id}>{n.name} ({n.memberCount} members)</option>)}
              </SelectField>
            ) : null}
            {networkId ? <NetworkHeatmap networkId={networkId} /> : null}
          </>
        )}
      </section>
      {region.snapshot ? <RegionFigures region={region} minCohort={minCohort} /> : null}
    </Page>
  );
}

function RegionFigures({ region, minCohort }: { region: Region; minCohort: number | undefined }) {
  return (
    <>
      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">Spread by kind</h2>
        {region.overall?.suppressed ? <Alert tone="info" title={`${region.overall.label}: suppressed`}>{suppressedWhy(minCohort)}</Alert> : null}
        <KindQuartiles byKind={region.byKind} minCohort={minCohort} />
      </section>
      <section aria-labelledby="weakest-heading">
        <h2 id="weakest-heading">Where the region is weakest</h2>
        {region.weakestElements.length === 0 ? <p>No element figures to show.</p> : (
          <DataTable
            caption="Elements by median practice, weakest first (0-100)"
            columns={['Element', 'Median practice', 'Middle half (25th to 75th percentile)', 'Mean', 'Institutions']}
            rows={region.weakestElements.map((e) => [
              `${e.elementKey} ${e.title}`,
              formatScore(e.practice.median),
              `${formatScore(e.practice.p25)} to ${formatScore(e.practice.p75)}`,
              formatScore(e.practice.mean),
              e.practice.n,
            ])}
          />
        )}
        {region.weakestParts.length === 0 ? <p>No action part figures to show.</p> : (
          <DataTable
            caption="Action parts fewest institutions answer Yes, weakest first"
            columns={['Action part', 'Yes', 'Started', 'No', 'Institutions that answered']}
            rows={region.weakestParts.map((p) => [`${p.partKey} ${p.text}`, share(p.yes), share(p.started), share(p.no), p.answered])}
          />
        )}
      </section>
      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">Trend across snapshots</h2>
        <Trend trend={region.trend} label={region.overall?.label ?? 'The region'} />
      </section>
    </>
  );
}

/** Members by scope; suppressed rows and a suppressed network aggregate are rows of their own, marked, never blank. */
function NetworkHeatmap({ networkId }: { networkId: string }) {
  const [{ data, error, fetching }] = useQuery({ query: Heatmap, variables: { networkId } });
  const heatmap = data?.networkHeatmap;
  const view = useMemo(() => (heatmap ? heatmapView(heatmap) : null), [heatmap]);
  if (!heatmap || !view) return fetching ? <Loading what="Loading the heatmap" /> : <ProblemAlert problem={problemOf(error)} />;
  if (!heatmap.snapshot) return <p>No benchmark has been computed yet.</p>;
  const named = heatmap.rows.filter((r) => r.named).length;
  const pseudonymous = heatmap.rows.length - named;
  return (
    <>
      <dl className="dl">
        <dt>Named</dt><dd>{named} members (they agreed to be named)</dd>
        <dt>Under a pseudonym</dt><dd>{pseudonymous} members (anonymous; pseudonyms change with every snapshot)</dd>
        <dt>Suppressed</dt>
        <dd>
          {heatmap.suppressedRows} member rows{heatmap.aggregate?.suppressed ? '; the network’s own figures are suppressed too' : ''}
        </dd>
      </dl>
      <Chart
        title={`${heatmap.network.name}: practice by member and element`}
        summary={view.summary}
        option={view.option}
        height={view.height}
        note={<p>Each cell is the member’s practice score (0-100). Cells marked “{SUPPRESSED}” hide members or figures that could identify an institution.</p>}
        table={view.table}
      />
    </>
  );
}

function heatmapView(h: HeatmapData) {
  const k = h.snapshot?.minCohort;
  const columns = h.scopes.map(scopeName);
  const rows: { label: string; shownAs: string; values: ({ practice: number; evidence: number | null } | null)[] }[] = h.rows.map((r) => ({
    label: r.named ? r.label : `${r.label} (anonymous)`,
    shownAs: r.named ? 'Named' : 'Pseudonym',
    values: h.scopes.map((s) => r.cells.find((c) => c.scope === s) ?? null),
  }));
  if (h.suppressedRows > 0) rows.push({ label: `${h.suppressedRows} anonymous members`, shownAs: SUPPRESSED, values: h.scopes.map(() => null) });
  if (h.aggregate) {
    const figures = h.aggregate.figures;
    rows.push({
      label: h.aggregate.suppressed ? 'Whole network' : `Whole network, median of ${h.aggregate.members}`,
      shownAs: h.aggregate.suppressed ? SUPPRESSED : 'Network median',
      values: h.aggregate.suppressed ? h.scopes.map(() => null) : h.scopes.map((s) => {
        const f = figures.find((x) => x.scope === s);
        return f?.practice ? { practice: f.practice.median, evidence: f.evidence?.median ?? null } : null;
      }),
    });
  }
  const scored: [number, number, number][] = [];
  const suppressed: [number, number, number][] = [];
  rows.forEach((row, y) => row.values.forEach((v, x) => (v ? scored.push([x, y, Math.round(v.practice)]) : row.shownAs === SUPPRESSED ? suppressed.push([x, y, 0]) : null)));
  const labels = rows.map((r) => (r.shownAs === SUPPRESSED ? `${r.label} (suppressed)` : r.label));
  const option = {
    grid: { left: 300, right: 24, top: 64, bottom: 32 },
    tooltip: { show: false },
    xAxis: { type: 'category', data: columns, position: 'top', splitArea: { show: true } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 280, overflow: 'truncate' } },
    visualMap: { seriesIndex: 0, min: 0, max: 100, orient: 'horizontal', left: 'right', top: 0, itemHeight: 160, text: ['100', 'Practice 0'], inRange: { color: ['#eef4f9', '#8dbbdc', '#2f6f9f'] } },
    series: [
      { name: 'Practice', type: 'heatmap', data: scored, label: { show: true, color: '#0b0c0c', textBorderColor: '#ffffff', textBorderWidth: 2 } },
      { name: SUPPRESSED, type: 'heatmap', data: suppressed, itemStyle: { color: '#d9d9d9', borderColor: '#505a5f', borderWidth: 1 }, label: { show: true, color: '#0b0c0c', formatter: SUPPRESSED } },
    ],
  };
  const cell = (v: { practice: number; evidence: number | null } | null, row: (typeof rows)[number]) =>
    row.shownAs === SUPPRESSED ? SUPPRESSED : v ? `practice ${formatScore(v.practice)}, evidence ${formatScore(v.evidence)}` : 'no figure';
  return {
    option,
    height: Math.max(240, rows.length * 28 + 110),
    summary: `Heatmap of ${h.rows.length} members by ${columns.join(', ')}: ${h.rows.filter((r) => r.named).length} named, ${h.rows.filter((r) => !r.named).length} under pseudonyms` +
      `${h.suppressedRows ? `, ${h.suppressedRows} suppressed` : ''}${h.aggregate?.suppressed ? '; the network’s own figures are suppressed' : ''}. The table below gives every cell.`,
    table: {
      caption: `Practice and evidence (0-100) by member; ${SUPPRESSED.toLowerCase()} means hidden to protect institutions (groups under ${k ?? 5})`,
      columns: ['Member', 'Shown as', ...columns],
      rows: rows.map((row) => [row.label, row.shownAs, ...row.values.map((v) => cell(v, row))]),
    },
  };
}

function KindQuartiles({ byKind, minCohort }: { byKind: Region['byKind']; minCohort: number | undefined }) {
  const view = useMemo(() => {
    const scopes = [...new Set(byKind.flatMap((c) => c.figures.map((f) => f.scope)))].sort((a, b) => (a === 'overall' ? -1 : b === 'overall' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
    const categories = byKind.map((c) => (c.suppressed ? `${c.label} (suppressed)` : `${c.label} (${c.members})`));
    const option = {
      ...boxAxes(categories, 'Practice (0-100)', 160),
      series: [
        ...scopes.map((scope, i) => ({
          name: scopeName(scope),
          type: 'boxplot',
          itemStyle: { color: '#ffffff', borderColor: KIND_COLOURS[i % KIND_COLOURS.length], borderWidth: 2 },
          data: byKind.map((c) => {
            const practice = c.figures.find((f) => f.scope === scope)?.practice;
            return practice ? box(practice) : '-';
          }),
        })),
        suppressedMarkers(byKind.map((c) => c.suppressed)),
      ],
    };
    const rows = byKind.flatMap((c) =>
      c.suppressed
        ? [[c.label, 'All', SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]]
        : c.figures.map((f) =>
            f.practice
              ? [c.label, scopeName(f.scope), f.practice.n, formatScore(f.practice.min), formatScore(f.practice.p25), formatScore(f.practice.median), formatScore(f.practice.p75), formatScore(f.practice.max), formatScore(f.practice.mean)]
              : [c.label, scopeName(f.scope), 'no figure', '', '', '', '', '', ''],
          ),
    );
    const summary = byKind
      .map((c) => {
        const overall = c.figures.find((f) => f.scope === 'overall')?.practice;
        return c.suppressed ? `${c.label}: suppressed` : `${c.label} (${c.members} institutions): overall practice ${spreadText(overall)}`;
      })
      .join('. ');
    return { option, rows, summary };
  }, [byKind]);
  if (byKind.length === 0) return <p>No figures by kind to show.</p>;
  return (
    <Chart
      title="Practice quartiles by kind"
      summary={view.summary}
      option={view.option}
      height={380}
      note={<p>Each box spans the 25th to the 75th percentile with the median across it; the whiskers reach the lowest and highest scores. {suppressedWhy(minCohort)}</p>}
      table={{
        caption: 'Practice (0-100) by kind and scope: quartiles, range and mean',
        columns: ['Cohort', 'Scope', 'Institutions', 'Lowest', '25th percentile', 'Median', '75th percentile', 'Highest', 'Mean'],
        rows: view.rows,
      }}
    />
  );
}

function Trend({ trend, label }: { trend: Region['trend']; label: string }) {
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 48, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: trend.map((t) => formatMoment(t.takenAt)) },
      yAxis: { type: 'value', min: 0, max: 100, name: 'Median (0-100)', nameTextStyle: { align: 'left' } },
      series: [
        { name: 'Median practice', type: 'line', symbolSize: 10, lineStyle: { width: 3, color: '#0b4f6c' }, itemStyle: { color: '#0b4f6c' }, data: trend.map((t) => (t.practice ? Math.round(t.practice.median) : null)) },
        { name: 'Median evidence', type: 'line', symbolSize: 10, lineStyle: { width: 3, type: 'dashed', color: '#b35900' }, itemStyle: { color: '#b35900' }, data: trend.map((t) => (t.evidence ? Math.round(t.evidence.median) : null)) },
      ],
    }),
    [trend],
  );
  if (trend.length === 0) return <p>No snapshots yet.</p>;
  return (
    <Chart
      title={`${label}: overall medians, snapshot by snapshot`}
      summary={trend.map((t) => `${formatMoment(t.takenAt)}: ${t.practice ? `median practice ${formatScore(t.practice.median)}, median evidence ${formatScore(t.evidence?.median)}` : 'suppressed'}`).join('. ')}
      option={option}
      height={280}
      note={trend.length === 1 ? <p>One snapshot so far: the trend grows with each nightly recompute.</p> : null}
      table={{
        caption: 'Overall figures in each snapshot (0-100)',
        columns: ['Snapshot', 'Institutions', 'Median practice', 'Middle half of practice', 'Median evidence'],
        rows: trend.map((t) =>
          t.practice
            ? [formatMoment(t.takenAt), t.members ?? SUPPRESSED, formatScore(t.practice.median), `${formatScore(t.practice.p25)} to ${formatScore(t.practice.p75)}`, formatScore(t.evidence?.median)]
            : [formatMoment(t.takenAt), SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED],
        ),
      }}
    />
  );
}
