import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { problemOf, fieldMessage } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { formatDate, formatMoment, humanise } from '../../ui/format';
import type { MemberRole } from '../../gql/graphql';

const Team = graphql(`
  query Members {
    members(page: { first: 100 }) { totalCount edges { node { id role createdAt user { id name email } } } }
    invitations(page: { first: 50 }) { edges { node { id email role createdAt expiresAt acceptedAt revokedAt } } }
  }
`);
const ChangeRole = graphql(`
  mutation ChangeRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }
`);
const Invite = graphql(`
  mutation Invite($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { token invitation { id email role expiresAt } } }
`);
const RevokeInvitation = graphql(`
  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }
`);

export default function Members() {
  const org = useOrganisation();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Team });
  const [changed, change] = useMutation(ChangeRole);
  const [, revoke] = useMutation(RevokeInvitation);
  const manage = org.can('members:manage');
  const roles: MemberRole[] = org.kind === 'REGIONAL_BODY' ? ['OWNER', 'MANAGER', 'ANALYST', 'VIEWER'] : ['OWNER', 'MANAGER', 'ASSESSOR', 'VIEWER'];
  return (
    <Page title="Members and invitations">
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <>
          <div className="table-wrap">
            <table>
              <caption>{data.members.totalCount} members</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Joined</th></tr></thead>
              <tbody>
                {data.members.edges.map(({ node: m }) => (
                  <tr key={m.id}>
                    <th scope="row">{m.user.name}</th>
                    <td>{m.user.email}</td>
                    <td>
                      {manage ? (
                        <SelectField label={<span className="visually-hidden">Role of {m.user.name}</span>} value={m.role} onChange={(e) => void change({ membershipId: m.id, role: e.target.value as MemberRole })}>
                          {roles.map((r) => <option key={r} value={r}>{humanise(r)}</option>)}
                        </SelectField>
                      ) : humanise(m.role)}
                    </td>
                    <td>{formatDate(m.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ProblemAlert problem={problemOf(changed.error)} />
          <h2>Invitations</h2>
          {data.invitations.edges.length === 0 ? <p>No invitations.</p> : (
            <ul>
              {data.invitations.edges.map(({ node: i }) => (
                <li key={i.id}>
                  {i.email} as {humanise(i.role)}: {i.acceptedAt ? `accepted ${formatMoment(i.acceptedAt)}` : i.revokedAt ? 'withdrawn' : `open until ${formatMoment(i.expiresAt)}`}
                  {manage && !i.acceptedAt && !i.revokedAt ? (
                    <> <button type="button" className="button-link" onClick={() => void revoke({ id: i.id })}>Withdraw<span className="visually-hidden"> the invitation to {i.email}</span></button></>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {manage ? <InviteForm roles={roles} onSent={() => refresh({ requestPolicy: 'network-only' })} /> : null}
        </>
      )}
    </Page>
  );
}

function InviteForm({ roles, onSent }: { roles: MemberRole[]; onSent: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>(roles.includes('ASSESSOR') ? 'ASSESSOR' : 'VIEWER');
  const [result, invite] = useMutation(Invite);
  const problem = problemOf(result.error);
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void invite({ email, role }).then((r) => {
          if (!r.data) return;
          setEmail('');
          onSent();
        });
      }}
    >
      <h2>Invite someone</h2>
      <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required error={fieldMessage(problem, 'email')} />
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
        {roles.map((r) => <option key={r} value={r}>{humanise(r)}</option>)}
      </SelectField>
      <button type="submit" className="button" disabled={result.fetching}>Send invitation</button>
      {result.data ? (
        <Alert tone="success" title={`Invitation for ${result.data.inviteMember.invitation.email}`}>
          <p>Give them this token; it is shown only now and works for 14 days:</p>
          <p className="secret">{result.data.inviteMember.token}</p>
        </Alert>
      ) : null}
      {problem && problem.field !== 'email' ? <ProblemAlert problem={problem} /> : null}
    </form>
  );
}
