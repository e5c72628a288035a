import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Checkbox } from '../../ui/Choice';
import { TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { formatMoment } from '../../ui/format';

const Keys = graphql(`
  query ApiKeys { apiKeys(page: { first: 100 }) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }
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
  'partners:read', 'partners:write', 'exports:read',
];
const READ = SCOPES.filter((s) => s.endsWith(':read'));

export default function ApiKeys() {
  const [{ data, error, fetching }, refresh] = useQuery({ query: Keys });
  const [revoked, revoke] = useMutation(RevokeKey);
  return (
    <Page title="API keys" intro={<p>Keys let another system act for this organisation, within their scopes. A key’s secret is shown once, when it is made.</p>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <div className="table-wrap">
          <table>
            <caption>{data.apiKeys.edges.length} keys</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scopes</th><th scope="col">Last used</th><th scope="col">State</th></tr></thead>
            <tbody>
              {data.apiKeys.edges.map(({ node: k }) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td><code>{k.prefix}</code></td>
                  <td className="small">{k.scopes.join(', ')}</td>
                  <td>{formatMoment(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? `revoked ${formatMoment(k.revokedAt)}` : (
                      <button type="button" className="button-link" onClick={() => void revoke({ id: k.id })}>Revoke<span className="visually-hidden"> {k.name}</span></button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert problem={problemOf(revoked.error)} />
      <CreateKeyForm onCreated={() => refresh({ requestPolicy: 'network-only' })} />
    </Page>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(READ);
  const [result, create] = useMutation(CreateKey);
  return (
    <form
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
      <h2>Create a key</h2>
      <TextField label="What it is for" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      <fieldset className="filters">
        <legend>Scopes</legend>
        {SCOPES.map((s) => (
          <Checkbox key={s} label={s} checked={scopes.includes(s)} onChange={(on) => setScopes(on ? [...scopes, s] : scopes.filter((x) => x !== s))} />
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={result.fetching || !scopes.length}>Create key</button>
      {result.data ? (
        <Alert tone="success" title={`Key “${result.data.createApiKey.apiKey.name}” created`}>
          <p>Copy the secret now: it is shown only this once.</p>
          <p className="secret" aria-label="The key's secret">{result.data.createApiKey.secret}</p>
        </Alert>
      ) : null}
      <ProblemAlert problem={problemOf(result.error)} />
    </form>
  );
}
