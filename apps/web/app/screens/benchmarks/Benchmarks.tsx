import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InstitutionBenchmarksQuery } from '../../gql/graphql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { Chart, DataTable } from '../../ui/Chart';
import { Loading, Page } from '../../ui/Page';
import { formatMoment, formatScore } from '../../ui/format';
import { SUPPRESSED, box, rankText, scopeName, spreadText, suppressedWhy } from './figures';
import { boxAxes, suppressedMarkers } from './box-axes';

const PositionQuery = graphql(`
  query InstitutionBenchmarks {
    benchmarks {
      snapshot { takenAt minCohort }
      unavailableReason
      cohorts {
        key dimension label suppressed members
        figures { scope practice { n mean p25 median p75 min max } evidence { n mean p25 median p75 min max } }
        mine { scope measure value percentile }
      }
    }
  }
`);
const Memberships = graphql(`
  query MyNetworkMemberships {
    networkMemberships(first: 50) {
      edges { node { id status invitedAt respondedAt networkName body { id name } } }
    }
  }
`);
const Accept = graphql(`mutation AcceptNetworkInvitation($id: ID!) { acceptNetworkInvitation(membershipId: $id) { id status respondedAt } }`);
const Decline = graphql(`mutation DeclineNetworkInvitation($id: ID!) { declineNetworkInvitation(membershipId: $id) { id status respondedAt } }`);
const Leave = graphql(`mutation LeaveNetwork($id: ID!) { leaveNetwork(membershipId: $id) { id status respondedAt } }`);

type Cohort = InstitutionBenchmarksQuery['benchmarks']['cohorts'][number];

export default function Benchmarks() {
  const [{ data, error, fetching }] = useQuery({ query: PositionQuery });
  const b = data?.benchmarks;
  return (
    <Page
      title="Benchmarks"
      intro={<p>Your submitted scores beside the institutions you are compared with: your region, your kind, your size band and your networks. Groups of fewer than {b?.snapshot?.minCohort ?? 5} institutions are suppressed.</p>}
    >
      {!b ? (fetching ? <Loading what="Loading your benchmarks" /> : <ProblemAlert problem={problemOf(error)} />) : (
        <>
          {b.unavailableReason ? <Alert tone="info" title="No comparison to show">{b.unavailableReason}.</Alert> : null}
          {b.snapshot ? <p className="muted">Figures computed {formatMoment(b.snapshot.takenAt)}.</p> : null}
          {b.cohorts.length ? <Position cohorts={b.cohorts} minCohort={b.snapshot?.minCohort} /> : null}
        </>
      )}
      <NetworkInvitations />
    </Page>
  );
}

function Position({ cohorts, minCohort }: { cohorts: Cohort[]; minCohort: number | undefined }) {
  const view = useMemo(() => {
    const overall = (c: Cohort) => c.figures.find((f) => f.scope === 'overall')?.practice ?? null;
    const mine = (c: Cohort, scope: string, measure: string) => c.mine.find((m) => m.scope === scope && m.measure === measure) ?? null;
    const categories = cohorts.map((c) => (c.suppressed ? `${c.label} (suppressed)` : c.label));
    const option = {
      ...boxAxes(categories, 'Overall practice (0-100)', 150),
      series: [
        { name: 'Cohort spread', type: 'boxplot', itemStyle: { color: '#ffffff', borderColor: '#0b4f6c', borderWidth: 2 }, data: cohorts.map((c) => { const o = overall(c); return o ? box(o) : '-'; }) },
        {
          name: 'Your score',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 16,
          itemStyle: { color: '#b35900' },
          label: { show: true, position: 'right', color: '#0b0c0c' },
          data: cohorts.map((c, i) => { const m = mine(c, 'overall', 'practice'); return m && !c.suppressed ? [i, Math.round(m.value)] : null; }).filter((v) => v !== null),
        },
        suppressedMarkers(cohorts.map((c) => c.suppressed)),
      ],
    };
    const summary = cohorts
      .map((c) => {
        if (c.suppressed) return `${c.label}: suppressed`;
        const m = mine(c, 'overall', 'practice');
        return `${c.label} (${c.members} institutions): yours ${formatScore(m?.value)}, percentile rank ${m ? Math.round(m.percentile) : 'none'}; cohort ${spreadText(overall(c))}`;
      })
      .join('. ');
    const rows = cohorts.map((c) => {
      if (c.suppressed) return [c.label, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED];
      const m = mine(c, 'overall', 'practice');
      const o = overall(c);
      return [c.label, c.members ?? '', formatScore(m?.value), m ? rankText(m.percentile) : 'none', formatScore(o?.median), o ? `${formatScore(o.p25)} to ${formatScore(o.p75)} (range ${formatScore(o.min)} to ${formatScore(o.max)})` : 'no figure'];
    });
    return { option, summary, rows, mine };
  }, [cohorts]);

  return (
    <>
      <Chart
        title="Your overall practice beside each cohort"
        summary={view.summary}
        option={view.option}
        height={380}
        note={<p>Each box spans the cohort’s 25th to 75th percentile with its median across it; the whiskers reach its lowest and highest scores; the diamond is yours.</p>}
        table={{
          caption: 'Overall practice (0-100): yours, your percentile rank and each cohort’s spread',
          columns: ['Cohort', 'Institutions', 'Your practice', 'Your percentile rank', 'Cohort median', 'Middle half'],
          rows: view.rows,
        }}
      />
      <h2>Cohort by cohort</h2>
      <p>The percentile rank is the share of the cohort’s other institutions scoring below you.</p>
      {cohorts.map((c) =>
        c.suppressed ? (
          <section key={c.key} className="card" aria-labelledby={`cohort-${c.key}`}>
            <h3 id={`cohort-${c.key}`}>{c.label}: <StatusBadge status="SUPPRESSED" /></h3>
            <p>{suppressedWhy(minCohort)}</p>
          </section>
        ) : (
          <DataTable
            key={c.key}
            caption={`${c.label}: ${c.members} institutions`}
            columns={['Scope', 'Measure', 'Your score', 'Your percentile rank', 'Cohort median', 'Middle half (25th to 75th)', 'Range']}
            rows={c.figures.flatMap((f) =>
              (['practice', 'evidence'] as const).map((measure) => {
                const m = view.mine(c, f.scope, measure);
                const d = f[measure];
                return [
                  scopeName(f.scope),
                  measure === 'practice' ? 'Practice' : 'Evidence',
                  formatScore(m?.value),
                  m ? rankText(m.percentile) : 'none',
                  d ? formatScore(d.median) : 'no figure',
                  d ? `${formatScore(d.p25)} to ${formatScore(d.p75)}` : 'no figure',
                  d ? `${formatScore(d.min)} to ${formatScore(d.max)}` : 'no figure',
                ];
              }),
            )}
          />
        ),
      )}
    </>
  );
}

function NetworkInvitations() {
  const org = useOrganisation();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Memberships });
  const [accepted, accept] = useMutation(Accept);
  const [declined, decline] = useMutation(Decline);
  const [left, leave] = useMutation(Leave);
  const manage = org.can('networks:manage');
  const busy = accepted.fetching || declined.fetching || left.fetching;
  const after = () => refresh({ requestPolicy: 'network-only' });
  const memberships = data?.networkMemberships.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="networks-heading">
      <h2 id="networks-heading">Regional networks</h2>
      <p>A network’s regional body sees your submitted results while you are a member: by name only if you agreed to be named, otherwise under a pseudonym.</p>
      {!data ? (fetching ? <Loading what="Loading your networks" /> : <ProblemAlert problem={problemOf(error)} />) : memberships.length === 0 ? <p>No network has invited you.</p> : (
        <div className="table-wrap">
          <table>
            <caption>Invitations and memberships</caption>
            <thead>
              <tr>
                <th scope="col">Network</th><th scope="col">Regional body</th><th scope="col">Status</th><th scope="col">Invited</th>
                {manage ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.networkName}</th>
                  <td>{m.body.name}</td>
                  <td><StatusBadge status={m.status} /></td>
                  <td>{formatMoment(m.invitedAt)}</td>
                  {manage ? (
                    <td className="buttons">
                      {m.status === 'INVITED' ? (
                        <>
                          <button type="button" className="button button-small" disabled={busy} onClick={() => void accept({ id: m.id }).then(after)}>Accept<span className="visually-hidden"> the invitation to {m.networkName}</span></button>
                          <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void decline({ id: m.id }).then(after)}>Decline<span className="visually-hidden"> the invitation to {m.networkName}</span></button>
                        </>
                      ) : m.status === 'MEMBER' ? (
                        <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void leave({ id: m.id }).then(after)}>Leave<span className="visually-hidden"> {m.networkName}</span></button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert problem={problemOf(accepted.error ?? declined.error ?? left.error)} />
    </section>
  );
}
