import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@waymark/domain/limits';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Checkbox } from '../../ui/Choice';
import { useConfirm } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { SecretOnce } from '../../ui/Secret';
import { TableFrame } from '../../ui/TableFrame';

const Keys = graphql(`
  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }
`);
const CreateKey = graphql(`
  mutation CreateApiKey($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret apiKey { id name prefix scopes createdAt } } }
`);
const RevokeKey = graphql(`
  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }
`);

// The scopes a key may hold (API_KEY_SCOPES in packages/domain); the schema does not list them.
const SCOPES = [
  'organisation:read', 'members:read', 'audit:read', 'frameworks:read', 'assessments:read', 'assessments:create', 'consensus:write',
  'assessments:submit', 'assessments:reopen', 'evidence:read', 'evidence:write', 'plans:read', 'plans:write', 'plans:manage',
  'partners:read', 'partners:write', 'imports:write', 'reports:read', 'exports:read', 'benchmarks:read',
];
const READ = SCOPES.filter((s) => s.endsWith(':read'));
const scopeKey = (scope: string) => runtimeKey(`apiKeys.scope.${scope.replace(':', '_')}`);

export default function ApiKeys() {
  const { t } = useTranslation();
  const org = useOrganisation();
  if (!org.can('apikeys:manage')) {
    return (
      <Page title={t('apiKeys.title')}>
        <Alert tone="info" title={t('apiKeys.noAccess.title')}>
          <p>{t('apiKeys.noAccess.body')}</p>
        </Alert>
      </Page>
    );
  }
  return <KeysBody />;
}

function KeysBody() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Keys });
  const [, revoke] = useMutation(RevokeKey);
  const [dialog, confirm] = useConfirm();
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const keys = data?.apiKeys.edges.map((e) => e.node) ?? [];
  return (
    <Page title={t('apiKeys.title')} intro={<p>{t('apiKeys.intro')}</p>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : keys.length === 0 ? <p>{t('apiKeys.none')}</p> : (
        <TableFrame label={t('apiKeys.caption', { count: keys.length })}>
          <table>
            <caption id="keys-caption" tabIndex={-1}>{t('apiKeys.caption', { count: keys.length })}</caption>
            <thead><tr><th scope="col">{t('apiKeys.col.name')}</th><th scope="col">{t('apiKeys.col.key')}</th><th scope="col">{t('apiKeys.col.scopes')}</th><th scope="col">{t('apiKeys.col.lastUsed')}</th><th scope="col">{t('apiKeys.col.state')}</th></tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <th scope="row" translate="no">{k.name}</th>
                  <td><code translate="no">{k.prefix}</code></td>
                  <td className="small">{k.scopes.map((s) => t(scopeKey(s))).join('; ')}</td>
                  <td>{k.lastUsedAt ? fmt.moment(k.lastUsedAt) : t('apiKeys.neverUsed')}</td>
                  <td>
                    {k.revokedAt ? t('apiKeys.revokedOn', { when: fmt.moment(k.revokedAt) }) : (
                      <button
                        type="button"
                        className="button-link"
                        onClick={() =>
                          confirm({
                            title: t('apiKeys.revoke.title'),
                            body: <p>{t('apiKeys.revoke.body', { name: k.name })}</p>,
                            confirmLabel: t('apiKeys.revoke.button'),
                            danger: true,
                            after: () => document.getElementById('keys-caption'),
                            run: async () => {
                              const result = await revoke({ id: k.id });
                              if (result.error) return problemOf(result.error);
                              reload();
                              return null;
                            },
                          })
                        }
                      >
                        {t('apiKeys.revoke.button')}<span className="visually-hidden" translate="no"> {k.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      <CreateKeyForm onCreated={reload} />
      {dialog}
    </Page>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(READ);
  const [result, create] = useMutation(CreateKey);
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void create({ name, scopes }).then((r) => {
          if (!r.data) return;
          setName('');
          onCreated();
        });
      }}
    >
      <h2>{t('apiKeys.create.heading')}</h2>
      {result.data ? (
        <SecretOnce title={t('apiKeys.create.created', { name: result.data.createApiKey.apiKey.name })} label={t('apiKeys.create.secretLabel')} value={result.data.createApiKey.secret}>
          {t('apiKeys.create.use')}
        </SecretOnce>
      ) : null}
      <TextField label={t('apiKeys.create.name')} value={name} onChange={(e) => setName(e.target.value)} required limit={TEXT_LIMITS.name} error={fieldMessage(problem, 'name')} />
      <fieldset className="filters scopes">
        <legend>{t('apiKeys.create.scopes')}</legend>
        {SCOPES.map((s) => (
          <Checkbox key={s} label={<>{t(scopeKey(s))} <code className="small" translate="no">{s}</code></>} checked={scopes.includes(s)} onChange={(on) => setScopes(on ? [...scopes, s] : scopes.filter((x) => x !== s))} />
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={result.fetching || !scopes.length}>{t('apiKeys.create.submit')}</button>
      {placedBeside(problem, ['name']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}
