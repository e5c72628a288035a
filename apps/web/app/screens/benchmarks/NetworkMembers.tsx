import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { SelectField, TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { TableFrame } from '../../ui/TableFrame';

const Networks = graphql(`
  query BodyNetworks {
    networks(first: 50) { edges { node { id name memberCount } } }
  }
`);
const Members = graphql(`
  query NetworkMembers($id: ID!) {
    network(id: $id) {
      id name memberCount
      members(first: 100) {
        totalCount
        edges { node { id status invitedAt respondedAt institution { id name kind region } } }
      }
    }
  }
`);
const Directory = graphql(`
  query InstitutionDirectory($search: String) {
    institutionDirectory(search: $search, first: 20) { edges { node { id name kind region } } }
  }
`);
const Invite = graphql(`
  mutation InviteToNetwork($networkId: ID!, $organisationId: ID!) {
    inviteToNetwork(networkId: $networkId, organisationId: $organisationId) { id status institution { id name } }
  }
`);
const Remove = graphql(`
  mutation RemoveFromNetwork($membershipId: ID!) { removeFromNetwork(membershipId: $membershipId) { id status respondedAt } }
`);

/** A body's networks and who is in them; owners and managers invite and remove, analysts read. */
export default function NetworkMembers() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: Networks });
  const [params, setParams] = useSearchParams();
  const networks = data?.networks.edges.map((e) => e.node) ?? [];
  const networkId = params.get('network') ?? networks[0]?.id ?? null;
  return (
    <Page title={t('benchmarks.members.title')} actions={<Link className="button button-secondary" to={`/o/${org.id}/network`}>{t('benchmarks.members.dashboardLink')}</Link>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : networks.length === 0 ? <p>{t('benchmarks.members.noNetwork')}</p> : (
        <>
          {networks.length > 1 ? (
            <SelectField label={t('benchmarks.members.network')} value={networkId ?? ''} onChange={(e) => setParams({ network: e.target.value }, { replace: true })}>
              {networks.map((n) => <option key={n.id} value={n.id} translate="no">{n.name}</option>)}
            </SelectField>
          ) : null}
          {networkId ? <MemberList networkId={networkId} manage={org.can('networks:manage')} /> : null}
        </>
      )}
    </Page>
  );
}

function MemberList({ networkId, manage }: { networkId: string; manage: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Members, variables: { id: networkId } });
  const [removed, remove] = useMutation(Remove);
  const reload = () => refresh({ requestPolicy: 'network-only' });
  if (!data) return fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />;
  const network = data.network;
  const caption = t('benchmarks.members.caption', { network: network.name, members: network.memberCount, invited: network.members.totalCount });
  const current = new Set(network.members.edges.filter((e) => e.node.status === 'INVITED' || e.node.status === 'MEMBER').map((e) => e.node.institution.id));
  return (
    <>
      {!manage ? <p className="muted">{t('benchmarks.members.readOnly')}</p> : null}
      <TableFrame label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('benchmarks.members.institution')}</th><th scope="col">{t('benchmarks.members.kind')}</th><th scope="col">{t('benchmarks.members.region')}</th>
              <th scope="col">{t('benchmarks.members.status')}</th><th scope="col">{t('benchmarks.members.invited')}</th><th scope="col">{t('benchmarks.members.answered')}</th>
              {manage ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {network.members.edges.map(({ node: m }) => (
              <tr key={m.id}>
                <th scope="row" translate="no">{m.institution.name}</th>
                <td>{t(runtimeKey(`kind.${m.institution.kind}`))}</td>
                <td translate="no">{m.institution.region ?? t('common.dash')}</td>
                <td><StatusBadge kind="network" status={m.status} /></td>
                <td>{fmt.moment(m.invitedAt)}</td>
                <td>{fmt.moment(m.respondedAt)}</td>
                {manage ? (
                  <td>
                    {m.status === 'INVITED' || m.status === 'MEMBER' ? (
                      <button type="button" className="button button-small button-danger" disabled={removed.fetching} onClick={() => void remove({ membershipId: m.id }).then(reload)}>
                        {t('benchmarks.members.remove')}<span className="visually-hidden" translate="no"> {m.institution.name}</span>
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      <ProblemAlert problem={problemOf(removed.error)} />
      {manage ? <InviteForm networkId={networkId} current={current} onInvited={reload} /> : null}
    </>
  );
}

function InviteForm({ networkId, current, onInvited }: { networkId: string; current: ReadonlySet<string>; onInvited: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: Directory, variables: { search: submitted }, pause: submitted === null });
  const [invited, invite] = useMutation(Invite);
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('benchmarks.members.inviteTitle')}</h2>
      <form
        className="inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(search.trim());
        }}
      >
        <TextField label={t('benchmarks.members.find')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="submit" className="button">{t('benchmarks.members.search')}</button>
      </form>
      {fetching ? <Loading what={t('benchmarks.members.searching')} /> : <ProblemAlert problem={problemOf(error)} />}
      {data ? (
        data.institutionDirectory.edges.length === 0 ? <p role="status">{t('benchmarks.members.noMatch', { search: submitted })}</p> : (
          <ul aria-label={t('benchmarks.members.found')}>
            {data.institutionDirectory.edges.map(({ node: i }) => (
              <li key={i.id}>
                <span translate="no">{i.name}</span> ({t(runtimeKey(`kind.${i.kind}`))}<span translate="no">{i.region ? `, ${i.region}` : ''}</span>){' '}
                {current.has(i.id) ? <span className="muted">{t('benchmarks.members.already')}</span> : (
                  <button type="button" className="button button-small" disabled={invited.fetching} onClick={() => void invite({ networkId, organisationId: i.id }).then((r) => r.data && onInvited())}>
                    {t('benchmarks.members.invite')}<span className="visually-hidden" translate="no"> {i.name}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {invited.data ? <Alert tone="success">{t('benchmarks.members.invitedNow', { name: invited.data.inviteToNetwork.institution.name })}</Alert> : null}
      <ProblemAlert problem={problemOf(invited.error)} />
    </section>
  );
}
