import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { InstitutionBenchmarksQuery } from '../../gql/graphql';
import { problemOf } from '../../api/errors';
import { useFormat } from '../../i18n/format';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { Chart, DataTable, NARROW_CHART } from '../../ui/Chart';
import { TableFrame } from '../../ui/TableFrame';
import { Loading, Page } from '../../ui/Page';
import { useReason, useScopeName } from './figures';
import { meanBars } from './charts';

const PositionQuery = graphql(`
  query InstitutionBenchmarks {
    benchmarks {
      snapshot { takenAt protectionPoints }
      asOf reason
      own { submittedAt counted practice evidence frameworkVersion }
      cohorts {
        key dimension label published members asOf reason
        figures { scope practice { published n mean asOf reason } evidence { published n mean asOf reason } }
        mine { scope measure value cohortMean difference reason }
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

type Result = InstitutionBenchmarksQuery['benchmarks'];
type Cohort = Result['cohorts'][number];

export default function Benchmarks() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReason();
  const [{ data, error, fetching }] = useQuery({ query: PositionQuery });
  const b = data?.benchmarks;
  return (
    <Page title={t('benchmarks.title')} intro={<p>{t('benchmarks.intro', { points: b?.snapshot?.protectionPoints ?? 15 })}</p>}>
      {!b ? (fetching ? <Loading what={t('benchmarks.loading')} /> : <ProblemAlert problem={problemOf(error)} />) : (
        <>
          {b.asOf ? <p className="muted">{t('benchmarks.asOf', { moment: fmt.moment(b.asOf) })}</p> : null}
          {b.own ? (
            <p>{t('benchmarks.own', { moment: fmt.moment(b.own.submittedAt), practice: fmt.score(b.own.practice, 'practice'), evidence: fmt.score(b.own.evidence, 'evidence') })}</p>
          ) : null}
          {b.reason ? (
            <Alert tone="info" title={b.reason === 'NOT_YET_COUNTED' ? t('benchmarks.newerTitle') : b.reason === 'OTHER_VERSION' ? t('benchmarks.otherVersionTitle', { version: b.own?.frameworkVersion ?? '' }) : t('benchmarks.nothingTitle')}>{reason(b.reason)}</Alert>
          ) : null}
          {b.cohorts.length ? <Position cohorts={b.cohorts} /> : null}
        </>
      )}
      <NetworkInvitations />
    </Page>
  );
}

function Position({ cohorts }: { cohorts: Cohort[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReason();
  const scopeName = useScopeName();
  const view = useMemo(() => {
    const overall = (c: Cohort) => c.figures.find((f) => f.scope === 'overall')?.practice ?? null;
    const mine = (c: Cohort) => c.mine.find((m) => m.scope === 'overall' && m.measure === 'practice') ?? null;
    const labels = cohorts.map((c) => (c.published ? c.label : t('benchmarks.heldBackLabel', { label: c.label })));
    const means = cohorts.map((c) => overall(c)?.mean ?? null);
    const yours = cohorts.map((c) => mine(c)?.value ?? null);
    const option = (width: number) => meanBars({ labels, means, yours, narrow: width < NARROW_CHART, axis: t('benchmarks.axis'), meanName: t('benchmarks.mean'), yoursName: t('benchmarks.yours') });
    const summary = cohorts
      .map((c) => (c.published
        ? t('benchmarks.summaryCohort', { label: c.label, yours: fmt.score(mine(c)?.value, 'practice'), mean: fmt.score(overall(c)?.mean, 'practice') })
        : t('benchmarks.summaryHeld', { label: c.label })))
      .join('. ');
    const rows = cohorts.map((c) => [
      c.label,
      c.published && c.members !== null ? fmt.count(c.members) : t('benchmarks.heldBack'),
      fmt.score(mine(c)?.value, 'practice'),
      c.published ? fmt.score(overall(c)?.mean, 'practice') : t('benchmarks.heldBack'),
      fmt.moment(c.asOf),
      c.reason ? reason(c.reason) : '',
    ]);
    return { option, summary, rows, height: Math.max(240, cohorts.length * 56 + 96) };
  }, [cohorts, t, fmt, reason]);

  return (
    <>
      <Chart
        title={t('benchmarks.chartTitle')}
        summary={view.summary}
        option={view.option}
        height={view.height}
        note={<p>{t('benchmarks.chartNote')}</p>}
        table={{
          caption: t('benchmarks.tableCaption'),
          columns: [t('benchmarks.col.cohort'), t('benchmarks.col.institutions'), t('benchmarks.col.yours'), t('benchmarks.col.mean'), t('benchmarks.col.asOf'), t('benchmarks.col.why')],
          rows: view.rows,
        }}
      />
      <h2>{t('benchmarks.byCohort')}</h2>
      {cohorts.map((c) =>
        !c.published ? (
          <section key={c.key} className="card" aria-labelledby={`cohort-${c.key}`}>
            <h3 id={`cohort-${c.key}`}>{t('benchmarks.heldBackLabel', { label: c.label })}</h3>
            <p>{reason(c.reason)}</p>
          </section>
        ) : (
          <div key={c.key}>
            <DataTable
              caption={t('benchmarks.cohortCaption', { label: c.label, count: c.members ?? 0, moment: fmt.moment(c.asOf) })}
              columns={[t('benchmarks.col.scope'), t('benchmarks.col.measure'), t('benchmarks.col.yours'), t('benchmarks.col.mean'), t('benchmarks.col.difference'), t('benchmarks.col.why')]}
              rows={c.figures.flatMap((f) =>
                (['practice', 'evidence'] as const).map((measure) => {
                  const m = c.mine.find((x) => x.scope === f.scope && x.measure === measure);
                  const d = f[measure];
                  return [
                    scopeName(f.scope),
                    t(`benchmarks.${measure}`),
                    fmt.score(m?.value, measure),
                    d?.mean != null ? fmt.score(d.mean, measure) : t('benchmarks.heldBack'),
                    fmt.change(m?.value, d?.mean, measure),
                    d?.reason && d.reason !== 'QUARTILES_NOT_PUBLISHED' ? reason(d.reason) : '',
                  ];
                }),
              )}
            />
            {c.reason ? <p className="muted">{reason(c.reason)}</p> : null}
          </div>
        ),
      )}
      <p className="muted">{reason('QUARTILES_NOT_PUBLISHED')}</p>
    </>
  );
}

function NetworkInvitations() {
  const { t } = useTranslation();
  const fmt = useFormat();
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
      <h2 id="networks-heading">{t('benchmarks.networks')}</h2>
      <p>{t('benchmarks.networksIntro')}</p>
      {!data ? (fetching ? <Loading what={t('benchmarks.loadingNetworks')} /> : <ProblemAlert problem={problemOf(error)} />) : memberships.length === 0 ? <p>{t('benchmarks.noNetworks')}</p> : (
        <TableFrame label={t('benchmarks.membershipsCaption')}>
          <table>
            <caption>{t('benchmarks.membershipsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('benchmarks.network')}</th><th scope="col">{t('benchmarks.body')}</th><th scope="col">{t('benchmarks.status')}</th><th scope="col">{t('benchmarks.invited')}</th>
                {manage ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.id}>
                  <th scope="row" translate="no">{m.networkName}</th>
                  <td translate="no">{m.body.name}</td>
                  <td><StatusBadge kind="network" status={m.status} /></td>
                  <td>{fmt.moment(m.invitedAt)}</td>
                  {manage ? (
                    <td className="buttons">
                      {m.status === 'INVITED' ? (
                        <>
                          <button type="button" className="button button-small" disabled={busy} onClick={() => void accept({ id: m.id }).then(after)}>{t('benchmarks.accept')}<span className="visually-hidden">{t('benchmarks.acceptWhat', { network: m.networkName })}</span></button>
                          <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void decline({ id: m.id }).then(after)}>{t('benchmarks.decline')}<span className="visually-hidden">{t('benchmarks.acceptWhat', { network: m.networkName })}</span></button>
                        </>
                      ) : m.status === 'MEMBER' ? (
                        <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void leave({ id: m.id }).then(after)}>{t('benchmarks.leave')}<span className="visually-hidden">{t('benchmarks.leaveWhat', { network: m.networkName })}</span></button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      <ProblemAlert problem={problemOf(accepted.error ?? declined.error ?? left.error)} />
    </section>
  );
}
