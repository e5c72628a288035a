import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { SelectField, TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { formatDate, humanise } from '../../ui/format';

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
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: Networks });
  const [params, setParams] = useSearchParams();
  const networks = data?.networks.edges.map((e) => e.node) ?? [];
  const networkId = params.get('network') ?? networks[0]?.id ?? null;
  return (
    <Page title="Network members" actions={<Link className="button button-secondary" to={`/o/${org.id}/network`}>Regional dashboard</Link>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : networks.length === 0 ? <p>The body has no network yet.</p> : (
        <>
          {networks.length > 1 ? (
            <SelectField label="Network" value={networkId ?? ''} onChange={(e) => setParams({ network: e.target.value }, { replace: true })}>
              {networks.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
            </SelectField>
          ) : null}
          {networkId ? <MemberList networkId={networkId} manage={org.can('networks:manage')} /> : null}
        </>
      )}
    </Page>
  );
}

function MemberList({ networkId, manage }: { networkId: string; manage: boolean }) {
  const [{ data, error, fetching }, refresh] = useQuery({ query: Members, variables: { id: networkId } });
  const [removed, remove] = useMutation(Remove);
  const reload = () => refresh({ requestPolicy: 'network-only' });
  if (!data) return fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />;
  const network = data.network;
  const current = new Set(network.members.edges.filter((e) => e.node.status === 'INVITED' || e.node.status === 'MEMBER').map((e) => e.node.institution.id));
  return (
    <>
      {!manage ? <p className="muted">You can read the network; owners and managers of the body invite and remove institutions.</p> : null}
      <div className="table-wrap">
        <table>
          <caption>{network.name}: {network.memberCount} members, {network.members.totalCount} invited in all</caption>
          <thead>
            <tr>
              <th scope="col">Institution</th><th scope="col">Kind</th><th scope="col">Region</th><th scope="col">Status</th><th scope="col">Invited</th><th scope="col">Answered</th>
              {manage ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {network.members.edges.map(({ node: m }) => (
              <tr key={m.id}>
                <th scope="row">{m.institution.name}</th>
                <td>{humanise(m.institution.kind)}</td>
                <td>{m.institution.region ?? '—'}</td>
                <td><StatusBadge status={m.status} /></td>
                <td>{formatDate(m.invitedAt)}</td>
                <td>{formatDate(m.respondedAt)}</td>
                {manage ? (
                  <td>
                    {m.status === 'INVITED' || m.status === 'MEMBER' ? (
                      <button type="button" className="button button-small button-danger" disabled={removed.fetching} onClick={() => void remove({ membershipId: m.id }).then(reload)}>
                        Remove<span className="visually-hidden"> {m.institution.name}</span>
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ProblemAlert problem={problemOf(removed.error)} />
      {manage ? <InviteForm networkId={networkId} current={current} onInvited={reload} /> : null}
    </>
  );
}

function InviteForm({ networkId, current, onInvited }: { networkId: string; current: ReadonlySet<string>; onInvited: () => void }) {
  const [search, setSearch] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: Directory, variables: { search: submitted }, pause: submitted === null });
  const [invited, invite] = useMutation(Invite);
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite an institution</h2>
      <form
        className="inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(search.trim());
        }}
      >
        <TextField label="Find an institution by name" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="submit" className="button">Search</button>
      </form>
      {fetching ? <Loading what="Searching" /> : <ProblemAlert problem={problemOf(error)} />}
      {data ? (
        data.institutionDirectory.edges.length === 0 ? <p role="status">No institution matches “{submitted}”.</p> : (
          <ul aria-label="Institutions found">
            {data.institutionDirectory.edges.map(({ node: i }) => (
              <li key={i.id}>
                {i.name} ({humanise(i.kind)}{i.region ? `, ${i.region}` : ''}){' '}
                {current.has(i.id) ? <span className="muted">already invited or a member</span> : (
                  <button type="button" className="button button-small" disabled={invited.fetching} onClick={() => void invite({ networkId, organisationId: i.id }).then((r) => r.data && onInvited())}>
                    Invite<span className="visually-hidden"> {i.name}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {invited.data ? <Alert tone="success">{invited.data.inviteToNetwork.institution.name} is invited: it joins once it accepts.</Alert> : null}
      <ProblemAlert problem={problemOf(invited.error)} />
    </section>
  );
}
