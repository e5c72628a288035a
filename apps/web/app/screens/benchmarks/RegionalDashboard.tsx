import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { NetworkHeatmapQuery, RegionalDashboardQuery } from '../../gql/graphql';
import { problemOf } from '../../api/errors';
import { useFormat } from '../../i18n/format';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Chart, DataTable, NARROW_CHART } from '../../ui/Chart';
import { SelectField } from '../../ui/Field';
import { TableFrame } from '../../ui/TableFrame';
import { Loading, Page } from '../../ui/Page';
import { heatColour, useReason, useScopeName } from './figures';
import { meanBars } from './charts';

const Dashboard = graphql(`
  query RegionalDashboard {
    regionBenchmarks {
      snapshot { id takenAt trigger protectionPoints }
      asOf reason region
      overall { key label published members asOf reason }
      weakestElements { elementKey title practice { n mean } }
      weakestParts { partKey text answered yes started no }
      byKind {
        key label published members asOf reason
        figures { scope practice { n mean reason } }
      }
      trend { takenAt members practice { mean } evidence { mean } }
    }
    networks(first: 50) { edges { node { id name memberCount } } }
  }
`);

const Heatmap = graphql(`
  query NetworkHeatmap($networkId: ID!) {
    networkHeatmap(networkId: $networkId) {
      asOf reason
      network { id name }
      scopes
      rows { label named organisationId members cells { scope practice evidence } }
      counts { members counted named others leftOut }
    }
  }
`);

type Region = RegionalDashboardQuery['regionBenchmarks'];
type HeatmapData = NetworkHeatmapQuery['networkHeatmap'];

export default function RegionalDashboard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReason();
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: Dashboard });
  const [params, setParams] = useSearchParams();
  const networks = data?.networks.edges.map((e) => e.node) ?? [];
  const networkId = params.get('network') ?? networks[0]?.id ?? null;

  if (!data) return <Page title={t('benchmarks.region.title')}>{fetching ? <Loading what={t('benchmarks.region.loading')} /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const region = data.regionBenchmarks;
  return (
    <Page
      title={t('benchmarks.region.title')}
      actions={<Link className="button button-secondary" to={`/o/${org.id}/network/members`}>{t('benchmarks.region.membersLink')}</Link>}
      intro={<p>{t('benchmarks.region.intro', { region: region.overall?.label ?? t('benchmarks.region.theRegion'), points: region.snapshot?.protectionPoints ?? 15 })}</p>}
    >
      {region.asOf ? <p className="muted">{t('benchmarks.asOf', { moment: fmt.moment(region.asOf) })}</p> : null}
      {region.reason ? <Alert tone="info" title={t('benchmarks.nothingTitle')}>{reason(region.reason)}</Alert> : null}
      <section aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">{t('benchmarks.region.heatmap')}</h2>
        {networks.length === 0 ? <p>{t('benchmarks.region.noNetwork')}</p> : (
          <>
            {networks.length > 1 ? (
              <SelectField label={t('benchmarks.network')} value={networkId ?? ''} onChange={(e) => setParams({ network: e.target.value }, { replace: true })}>
                {networks.map((n) => <option key={n.id} value={n.id}>{t('benchmarks.region.networkOption', { name: n.name, count: n.memberCount })}</option>)}
              </SelectField>
            ) : null}
            {networkId ? <NetworkHeatmap networkId={networkId} /> : null}
          </>
        )}
      </section>
      {region.snapshot ? <RegionFigures region={region} /> : null}
    </Page>
  );
}

function RegionFigures({ region }: { region: Region }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReason();
  return (
    <>
      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">{t('benchmarks.region.kinds')}</h2>
        {region.overall && !region.overall.published ? <Alert tone="info" title={t('benchmarks.heldBackLabel', { label: region.overall.label })}>{reason(region.overall.reason)}</Alert> : null}
        <KindMeans byKind={region.byKind} />
      </section>
      <section aria-labelledby="weakest-heading">
        <h2 id="weakest-heading">{t('benchmarks.region.weakest')}</h2>
        {region.weakestElements.length === 0 ? <p>{t('benchmarks.region.noElements')}</p> : (
          <DataTable
            caption={t('benchmarks.region.elementsCaption')}
            columns={[t('benchmarks.region.element'), t('benchmarks.mean'), t('benchmarks.col.institutions')]}
            rows={region.weakestElements.map((e) => [`${e.elementKey} ${e.title}`, fmt.score(e.practice.mean, 'practice'), e.practice.n === null ? '' : fmt.count(e.practice.n)])}
          />
        )}
        {region.weakestParts.length === 0 ? <p>{t('benchmarks.region.noParts')}</p> : (
          <DataTable
            caption={t('benchmarks.region.partsCaption')}
            columns={[t('benchmarks.region.part'), t('benchmarks.region.yes'), t('benchmarks.region.started'), t('benchmarks.region.no'), t('benchmarks.region.answered')]}
            rows={region.weakestParts.map((p) => [`${p.partKey} ${p.text}`, fmt.share(Math.round(p.yes * 1000), 1000).text, fmt.share(Math.round(p.started * 1000), 1000).text, fmt.share(Math.round(p.no * 1000), 1000).text, fmt.count(p.answered)])}
          />
        )}
      </section>
      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">{t('benchmarks.region.trend')}</h2>
        <Trend trend={region.trend} label={region.overall?.label ?? t('benchmarks.region.theRegion')} />
      </section>
    </>
  );
}

/**
 * Named members by name, everyone else as one "Other members" row, by scope: a table that scrolls
 * sideways in its own frame with the member column held in place, so it reads on a phone too.
 */
function NetworkHeatmap({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReason();
  const scopeName = useScopeName();
  const [{ data, error, fetching }] = useQuery({ query: Heatmap, variables: { networkId } });
  const heatmap: HeatmapData | undefined = data?.networkHeatmap;
  if (!heatmap) return fetching ? <Loading what={t('benchmarks.region.loadingHeatmap')} /> : <ProblemAlert problem={problemOf(error)} />;
  if (!heatmap.asOf) return <p>{reason(heatmap.reason)}</p>;
  const { counts } = heatmap;
  const caption = t('benchmarks.region.heatmapCaption', { network: heatmap.network.name, moment: fmt.moment(heatmap.asOf) });
  return (
    <>
      <p>{t('benchmarks.region.counts', { count: counts.members, named: fmt.count(counts.named), others: fmt.count(counts.others), leftOut: fmt.count(counts.leftOut) })}</p>
      <TableFrame label={caption} className="heatmap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('benchmarks.region.member')}</th>
              {heatmap.scopes.map((s) => <th key={s} scope="col">{scopeName(s)}</th>)}
            </tr>
          </thead>
          <tbody>
            {heatmap.rows.map((row) => (
              <tr key={row.organisationId ?? 'others'}>
                {row.named ? <th scope="row" translate="no">{row.label}</th> : <th scope="row">{t('benchmarks.region.others', { count: row.members })}</th>}
                {heatmap.scopes.map((s) => {
                  const cell = row.cells.find((c) => c.scope === s);
                  const practice = cell?.practice ?? null;
                  return (
                    <td key={s} className="heat" style={practice === null ? undefined : { background: heatColour(practice) }}>
                      <span className="heat-value">{fmt.score(practice, 'practice')}</span>
                      <span className="visually-hidden">{t('benchmarks.region.cellText', { practice: fmt.score(practice, 'practice'), evidence: fmt.score(cell?.evidence, 'evidence') })}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
            {counts.others > 0 && !heatmap.rows.some((r) => !r.named) ? (
              <tr>
                <th scope="row">{t('benchmarks.region.othersHeld')}</th>
                <td colSpan={heatmap.scopes.length}>{reason(heatmap.reason)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableFrame>
      <p className="muted">{t('benchmarks.region.heatmapNote')}</p>
    </>
  );
}

function KindMeans({ byKind }: { byKind: Region['byKind'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReason();
  const scopeName = useScopeName();
  const view = useMemo(() => {
    const labels = byKind.map((c) => (c.published ? c.label : t('benchmarks.heldBackLabel', { label: c.label })));
    const means = byKind.map((c) => c.figures.find((f) => f.scope === 'overall')?.practice?.mean ?? null);
    const option = (width: number) => meanBars({ labels, means, narrow: width < NARROW_CHART, axis: t('benchmarks.axis'), meanName: t('benchmarks.mean') });
    const rows = byKind.flatMap((c) =>
      !c.published
        ? [[c.label, t('benchmarks.overall'), t('benchmarks.heldBack'), t('benchmarks.heldBack'), reason(c.reason)]]
        : c.figures.map((f) => [
            c.label, scopeName(f.scope), f.practice?.n == null ? t('benchmarks.heldBack') : fmt.count(f.practice.n),
            f.practice?.mean == null ? t('benchmarks.heldBack') : fmt.score(f.practice.mean, 'practice'),
            f.practice?.reason && f.practice.reason !== 'QUARTILES_NOT_PUBLISHED' ? reason(f.practice.reason) : '',
          ]),
    );
    const summary = byKind
      .map((c, i) => (c.published ? t('benchmarks.summaryMean', { label: c.label, mean: fmt.score(means[i], 'practice') }) : t('benchmarks.summaryHeld', { label: c.label })))
      .join('. ');
    return { option, rows, summary, height: Math.max(200, byKind.length * 56 + 96) };
  }, [byKind, t, fmt, reason, scopeName]);
  if (byKind.length === 0) return <p>{t('benchmarks.region.noKinds')}</p>;
  return (
    <Chart
      title={t('benchmarks.region.kindsTitle')}
      summary={view.summary}
      option={view.option}
      height={view.height}
      note={<p>{t('benchmarks.region.kindsNote')}</p>}
      table={{
        caption: t('benchmarks.region.kindsCaption'),
        columns: [t('benchmarks.col.cohort'), t('benchmarks.col.scope'), t('benchmarks.col.institutions'), t('benchmarks.mean'), t('benchmarks.col.why')],
        rows: view.rows,
      }}
    />
  );
}

function Trend({ trend, label }: { trend: Region['trend']; label: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(() => {
    const practice = t('benchmarks.region.meanPractice');
    const evidence = t('benchmarks.region.meanEvidence');
    return (width: number) => ({
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis' },
      // Dates that would overlap are skipped (the table gives them all).
      xAxis: { type: 'category', data: trend.map((p) => fmt.moment(p.takenAt)), axisLabel: { hideOverlap: true, width: width < NARROW_CHART ? 80 : 140, overflow: 'break' } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        { name: practice, type: 'line', symbolSize: 10, lineStyle: { width: 3, color: '#0b4f6c' }, itemStyle: { color: '#0b4f6c' }, data: trend.map((p) => (p.practice?.mean == null ? null : Math.round(p.practice.mean))) },
        { name: evidence, type: 'line', symbolSize: 10, lineStyle: { width: 3, type: 'dashed', color: '#b35900' }, itemStyle: { color: '#b35900' }, data: trend.map((p) => (p.evidence?.mean == null ? null : Math.round(p.evidence.mean))) },
      ],
    });
  }, [trend, t, fmt]);
  if (trend.length === 0) return <p>{t('benchmarks.region.noTrend')}</p>;
  return (
    <Chart
      title={t('benchmarks.region.trendTitle', { label })}
      summary={trend
        .map((p) => (p.practice?.mean != null
          ? t('benchmarks.region.trendPoint', { moment: fmt.moment(p.takenAt), practice: fmt.score(p.practice.mean, 'practice'), evidence: fmt.score(p.evidence?.mean, 'evidence') })
          : t('benchmarks.region.trendHeld', { moment: fmt.moment(p.takenAt) })))
        .join('. ')}
      option={option}
      height={280}
      note={trend.length === 1 ? <p>{t('benchmarks.region.trendOne')}</p> : null}
      table={{
        caption: t('benchmarks.region.trendCaption'),
        columns: [t('benchmarks.region.snapshot'), t('benchmarks.col.institutions'), t('benchmarks.region.meanPractice'), t('benchmarks.region.meanEvidence')],
        rows: trend.map((p) => [
          fmt.moment(p.takenAt), p.members === null ? t('benchmarks.heldBack') : fmt.count(p.members),
          p.practice?.mean == null ? t('benchmarks.heldBack') : fmt.score(p.practice.mean, 'practice'),
          p.evidence?.mean == null ? t('benchmarks.heldBack') : fmt.score(p.evidence.mean, 'evidence'),
        ]),
      }}
    />
  );
}
