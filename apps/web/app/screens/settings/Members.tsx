import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { useConfirm } from '../../ui/Dialog';
import { SelectField, TextField } from '../../ui/Field';
import { Loading, Page, ReadOnlyNote } from '../../ui/Page';
import { TableFrame } from '../../ui/TableFrame';
import type { MemberRole } from '../../gql/graphql';
import { SecondFactorRequirement } from './SecondFactorRequirement';

const Team = graphql(`
  query Members {
    members(first: 100) { totalCount edges { node { id role createdAt user { id name email } } } }
    invitations(first: 50) { edges { node { id email role createdAt expiresAt acceptedAt revokedAt sends } } }
  }
`);
const ChangeRole = graphql(`
  mutation ChangeRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }
`);
const Invite = graphql(`
  mutation Invite($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id email role expiresAt } }
`);
const ResendInvitation = graphql(`
  mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { id expiresAt sends } }
`);
const ErasePerson = graphql(`
  mutation ErasePerson($membershipId: ID!) { erasePerson(membershipId: $membershipId) { id label } }
`);
const RevokeInvitation = graphql(`
  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }
`);

export default function Members() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Team });
  const [, change] = useMutation(ChangeRole);
  const [, revoke] = useMutation(RevokeInvitation);
  const [, resend] = useMutation(ResendInvitation);
  const [, erase] = useMutation(ErasePerson);
  // Only an owner erases people (and the API checks they own every organisation the person is in).
  const eraser = org.can('organisation:manage');
  const [dialog, confirm] = useConfirm();
  const [saved, setSaved] = useState<string | null>(null);
  const manage = org.can('members:manage');
  const roles: MemberRole[] = org.kind === 'REGIONAL_BODY' ? ['OWNER', 'MANAGER', 'ANALYST', 'VIEWER'] : ['OWNER', 'MANAGER', 'ASSESSOR', 'VIEWER'];
  const role = (r: string) => t(runtimeKey(`role.${r}`));
  const aRole = (r: string) => t(runtimeKey(`roleLower.${r}`));
  const reload = () => refresh({ requestPolicy: 'network-only' });
  return (
    <Page title={t('members.title')}>
      {!manage ? <ReadOnlyNote>{t('members.readOnly', { role: t(runtimeKey(`roleLower.${org.role}`)) })}</ReadOnlyNote> : null}
      <div aria-live="polite">{saved ? <Alert tone="success">{saved}</Alert> : null}</div>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <>
          <TableFrame label={t('members.caption', { count: data.members.totalCount })}>
            <table>
              <caption>{t('members.caption', { count: data.members.totalCount })}</caption>
              <thead><tr><th scope="col">{t('members.col.name')}</th><th scope="col">{t('members.col.email')}</th><th scope="col">{t('members.col.role')}</th><th scope="col">{t('members.col.joined')}</th>{eraser ? <th scope="col">{t('members.col.erase')}</th> : null}</tr></thead>
              <tbody>
                {data.members.edges.map(({ node: m }) => (
                  <tr key={m.id}>
                    <th scope="row" translate="no">{m.user.name}</th>
                    <td className="user-text" translate="no">{m.user.email}</td>
                    <td>
                      {manage ? (
                        <SelectField
                          label={<span className="visually-hidden">{t('members.roleOf', { name: m.user.name })}</span>}
                          value={m.role}
                          onChange={(e) => {
                            const next = e.target.value as MemberRole;
                            setSaved(null);
                            confirm({
                              title: t('members.change.title', { name: m.user.name, role: aRole(next) }),
                              body: (
                                <>
                                  <p>{t('members.change.from', { name: m.user.name, from: aRole(m.role), to: aRole(next) })}</p>
                                  <p>{t(runtimeKey(`members.change.means.${next}`))}</p>
                                </>
                              ),
                              confirmLabel: t('members.change.button', { role: aRole(next) }),
                              run: async () => {
                                const result = await change({ membershipId: m.id, role: next });
                                if (result.error) return problemOf(result.error);
                                setSaved(t('members.change.saved', { name: m.user.name, role: aRole(next) }));
                                return null;
                              },
                            });
                          }}
                        >
                          {roles.map((r) => <option key={r} value={r}>{role(r)}</option>)}
                        </SelectField>
                      ) : role(m.role)}
                    </td>
                    <td>{fmt.date(m.createdAt)}</td>
                    {eraser ? (
                      <td>
                        {m.user.id === org.userId ? null : (
                          <button
                            type="button"
                            className="button-link"
                            onClick={() =>
                              confirm({
                                title: t('members.erase.title', { name: m.user.name }),
                                body: (
                                  <>
                                    <p>{t('members.erase.what', { name: m.user.name })}</p>
                                    <p>{t('members.erase.stays')}</p>
                                  </>
                                ),
                                confirmLabel: t('members.erase.button'),
                                danger: true,
                                after: () => document.querySelector('h1'),
                                run: async () => {
                                  setSaved(null);
                                  const result = await erase({ membershipId: m.id });
                                  if (result.error || !result.data) return problemOf(result.error);
                                  setSaved(t('members.erase.done', { name: m.user.name, label: result.data.erasePerson.label }));
                                  reload();
                                  return null;
                                },
                              })
                            }
                          >
                            {t('members.erase.button')}<span className="visually-hidden"> {t('members.erase.who', { name: m.user.name })}</span>
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
          <h2 id="invitations-heading" tabIndex={-1}>{t('members.invitations')}</h2>
          {data.invitations.edges.length === 0 ? <p>{t('members.noInvitations')}</p> : (
            <ul>
              {data.invitations.edges.map(({ node: i }) => (
                <li key={i.id}>
                  <span translate="no">{i.email}</span>, {role(i.role)}: {i.acceptedAt ? t('members.accepted', { when: fmt.moment(i.acceptedAt) }) : i.revokedAt ? t('members.withdrawn') : Date.parse(i.expiresAt) <= Date.now() ? t('members.expired') : t('members.openUntil', { when: fmt.moment(i.expiresAt) })}
                  {manage && !i.acceptedAt && !i.revokedAt ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button-link"
                        onClick={() =>
                          confirm({
                            title: t('members.resend.title'),
                            body: <p>{t('members.resend.body', { email: i.email })}</p>,
                            confirmLabel: t('members.resend.button'),
                            after: () => document.getElementById('invitations-heading'),
                            run: async () => {
                              setSaved(null);
                              const result = await resend({ id: i.id });
                              if (result.error) return problemOf(result.error);
                              setSaved(t('members.resend.done', { email: i.email }));
                              reload();
                              return null;
                            },
                          })
                        }
                      >
                        {t('members.resend.button')}<span className="visually-hidden"> {t('members.resend.to', { email: i.email })}</span>
                      </button>
                      {' · '}
                      <button
                        type="button"
                        className="button-link"
                        onClick={() =>
                          confirm({
                            title: t('members.withdraw.title'),
                            body: <p>{t('members.withdraw.body', { email: i.email })}</p>,
                            confirmLabel: t('members.withdraw.button'),
                            danger: true,
                            after: () => document.getElementById('invitations-heading'),
                            run: async () => {
                              const result = await revoke({ id: i.id });
                              if (result.error) return problemOf(result.error);
                              reload();
                              return null;
                            },
                          })
                        }
                      >
                        {t('members.withdraw.button')}<span className="visually-hidden"> {t('members.withdraw.to', { email: i.email })}</span>
                      </button>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {manage ? <InviteForm roles={roles} onSent={reload} /> : null}
          {org.can('organisation:manage') ? <SecondFactorRequirement /> : null}
        </>
      )}
      {dialog}
    </Page>
  );
}

function InviteForm({ roles, onSent }: { roles: MemberRole[]; onSent: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>(roles.includes('ASSESSOR') ? 'ASSESSOR' : 'VIEWER');
  const [result, invite] = useMutation(Invite);
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
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
      <h2>{t('members.invite.heading')}</h2>
      <TextField label={t('members.invite.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required error={fieldMessage(problem, 'email')} />
      <SelectField label={t('members.invite.role')} value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
        {roles.map((r) => <option key={r} value={r}>{t(runtimeKey(`role.${r}`))}</option>)}
      </SelectField>
      <button type="submit" className="button" disabled={result.fetching}>{t('members.invite.send')}</button>
      <p className="hint">{t('members.invite.how')}</p>
      <div aria-live="polite">{result.data ? <Alert tone="success">{t('members.invite.sent', { email: result.data.inviteMember.email })}</Alert> : null}</div>
      {placedBeside(problem, ['email']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}
