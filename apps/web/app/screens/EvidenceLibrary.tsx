import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { fieldMessage, problemOf } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { Alert, ProblemAlert } from '../ui/Alert';
import { TextArea, TextField } from '../ui/Field';
import { Loading, Page } from '../ui/Page';
import { formatDate, today } from '../ui/format';

const Library = graphql(`
  query EvidenceLibrary {
    evidenceLibrary(page: { first: 100 }) {
      totalCount
      edges { node { id title url fileReference description evidenceDate expiresOn createdBy { name } links { assessmentId nodeKey } } }
    }
  }
`);
const CreateEvidence = graphql(`
  mutation CreateEvidence($input: EvidenceInput!) { createEvidence(input: $input) { id title } }
`);
const DeleteEvidence = graphql(`
  mutation DeleteEvidence($id: ID!) { deleteEvidence(id: $id) }
`);

export default function EvidenceLibrary() {
  const org = useOrganisation();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Library });
  const [deleted, remove] = useMutation(DeleteEvidence);
  const reload = () => refresh({ requestPolicy: 'network-only' });
  return (
    <Page title="Evidence library" intro={<p>Documents, links and records that back the team’s answers. One item can support many answers; attach it from the checklist.</p>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <div className="table-wrap">
          <table>
            <caption>{data.evidenceLibrary.totalCount} items</caption>
            <thead><tr><th scope="col">Title</th><th scope="col">Where</th><th scope="col">Dated</th><th scope="col">Expires</th><th scope="col">Supports</th>{org.can('evidence:write') ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}</tr></thead>
            <tbody>
              {data.evidenceLibrary.edges.map(({ node: e }) => (
                <tr key={e.id}>
                  <th scope="row">{e.title}{e.description ? <div className="muted small">{e.description}</div> : null}</th>
                  <td>{e.url ? <a href={e.url} rel="noreferrer noopener" target="_blank">{new URL(e.url).hostname}<span className="visually-hidden"> (opens in a new tab)</span></a> : e.fileReference}</td>
                  <td>{formatDate(e.evidenceDate)}</td>
                  <td>{formatDate(e.expiresOn)}{e.expiresOn && e.expiresOn < today() ? ' (expired)' : ''}</td>
                  <td>{e.links.length ? [...new Set(e.links.map((l) => l.nodeKey))].join(', ') : 'nothing yet'}</td>
                  {org.can('evidence:write') ? (
                    <td><button type="button" className="button-link" onClick={() => void remove({ id: e.id }).then((r) => r.data && reload())}>Delete<span className="visually-hidden"> {e.title}</span></button></td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert problem={problemOf(deleted.error)} />
      {org.can('evidence:write') ? <AddEvidence onAdded={reload} /> : null}
    </Page>
  );
}

function AddEvidence({ onAdded }: { onAdded: () => void }) {
  const empty = { title: '', url: '', fileReference: '', description: '', evidenceDate: today(), expiresOn: '' };
  const [form, setForm] = useState(empty);
  const [result, create] = useMutation(CreateEvidence);
  const problem = problemOf(result.error);
  const fieldError = (field: string) => fieldMessage(problem, field);
  const set = (name: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const input = { title: form.title, url: form.url || null, fileReference: form.fileReference || null, description: form.description || null, evidenceDate: form.evidenceDate, expiresOn: form.expiresOn || null };
        void create({ input }).then((r) => {
          if (!r.data) return;
          setForm(empty);
          onAdded();
        });
      }}
    >
      <h2>Add evidence</h2>
      <TextField label="Title" value={form.title} onChange={set('title')} required maxLength={300} error={fieldError('title')} />
      <TextField label="Link" hint="An http(s) address; or give a file reference below." type="url" value={form.url} onChange={set('url')} error={fieldError('url')} />
      <TextField label="File reference" hint="Where a file is kept, when there is no link." value={form.fileReference} onChange={set('fileReference')} error={fieldError('fileReference')} />
      <TextArea label="Description" value={form.description} onChange={set('description')} error={fieldError('description')} />
      <TextField label="Date of the evidence" type="date" value={form.evidenceDate} onChange={set('evidenceDate')} required error={fieldError('evidenceDate')} />
      <TextField label="Expires on" hint="Optional; expired evidence is not carried into a new cycle." type="date" value={form.expiresOn} onChange={set('expiresOn')} error={fieldError('expiresOn')} />
      <button type="submit" className="button" disabled={result.fetching}>Add to the library</button>
      {result.data && !result.fetching ? <Alert tone="success">Added “{result.data.createEvidence.title}”.</Alert> : null}
      {problem && !problem.field ? <ProblemAlert problem={problem} /> : null}
    </form>
  );
}
