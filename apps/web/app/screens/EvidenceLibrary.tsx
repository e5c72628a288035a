import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@waymark/domain/limits';
import { graphql } from '../gql';
import { fieldMessage, placedBeside, problemOf } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { useFormat } from '../i18n/format';
import { runtimeKey } from '../i18n/i18n';
import { Alert, ProblemAlert } from '../ui/Alert';
import { useConfirm } from '../ui/Dialog';
import { DateField, TextArea, TextField } from '../ui/Field';
import { Loading, Page, ReadOnlyNote } from '../ui/Page';
import { TableFrame } from '../ui/TableFrame';
import { useFrameworkWords } from './frameworkWords';
import { ImportLink } from './imports/ImportLink';

const Library = graphql(`
  query EvidenceLibrary {
    evidenceLibrary(first: 100) {
      totalCount
      edges { node { id title url fileReference description evidenceDate expiresOn createdBy { name } links { assessmentId nodeKey } } }
    }
    assessments(first: 1) { edges { node { id frameworkId } } }
  }
`);
const CreateEvidence = graphql(`
  mutation CreateEvidence($input: EvidenceInput!) { createEvidence(input: $input) { id title } }
`);
const DeleteEvidence = graphql(`
  mutation DeleteEvidence($id: ID!) { deleteEvidence(id: $id) }
`);

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

export default function EvidenceLibrary() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Library });
  const { words } = useFrameworkWords(data?.assessments.edges[0]?.node.frameworkId);
  const [, remove] = useMutation(DeleteEvidence);
  const [dialog, confirm] = useConfirm();
  const [deleted, setDeleted] = useState<string | null>(null);
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const canWrite = org.can('evidence:write');
  return (
    <Page title={t('evidence.title')} intro={<p>{t('evidence.intro')}</p>} actions={<ImportLink kind="evidence" />}>
      {!canWrite ? <ReadOnlyNote>{t('evidence.readOnly', { role: t(runtimeKey(`roleLower.${org.role}`)) })}</ReadOnlyNote> : null}
      {deleted ? <Alert tone="success">{t('evidence.deleted', { title: deleted })}</Alert> : null}
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <TableFrame label={t('evidence.caption', { count: data.evidenceLibrary.totalCount })} className="table-first-wide">
          <table>
            <caption id="evidence-caption" tabIndex={-1}>{t('evidence.caption', { count: data.evidenceLibrary.totalCount })}</caption>
            <thead><tr><th scope="col">{t('evidence.col.title')}</th><th scope="col">{t('evidence.col.where')}</th><th scope="col">{t('evidence.col.dated')}</th><th scope="col">{t('evidence.col.expires')}</th><th scope="col">{t('evidence.col.supports')}</th>{canWrite ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}</tr></thead>
            <tbody>
              {data.evidenceLibrary.edges.map(({ node: e }) => {
                const supports = [...new Set(e.links.map((l) => l.nodeKey))];
                return (
                  <tr key={e.id}>
                    <th scope="row"><span translate="no">{e.title}</span>{e.description ? <div className="muted small user-text" translate="no">{e.description}</div> : null}</th>
                    <td className="user-text">{e.url ? <a href={e.url} rel="noreferrer noopener" target="_blank" translate="no">{hostOf(e.url)}<span className="visually-hidden"> {t('common.opensInNewTab')}</span></a> : <span translate="no">{e.fileReference}</span>}</td>
                    <td>{fmt.date(e.evidenceDate)}</td>
                    <td>{fmt.date(e.expiresOn)}{e.expiresOn && e.expiresOn < fmt.today() ? ` ${t('evidence.expired')}` : ''}</td>
                    <td>
                      {supports.length ? (
                        <ul className="plain-list">
                          {supports.map((key) => <li key={key}><span translate="no">{words(key)?.text ?? key}</span> <span className="key key-small" translate="no">{key}</span></li>)}
                        </ul>
                      ) : t('evidence.nothingYet')}
                    </td>
                    {canWrite ? (
                      <td>
                        <button
                          type="button"
                          className="button-link"
                          onClick={() =>
                            confirm({
                              title: t('evidence.delete.title'),
                              body: <p>{supports.length ? t('evidence.delete.bodyCited', { title: e.title, count: supports.length }) : t('evidence.delete.body', { title: e.title })}</p>,
                              confirmLabel: t('evidence.delete.button'),
                              danger: true,
                              after: () => document.getElementById('evidence-caption'),
                              run: async () => {
                                const result = await remove({ id: e.id });
                                if (result.error) return problemOf(result.error);
                                setDeleted(e.title);
                                reload();
                                return null;
                              },
                            })
                          }
                        >
                          {t('evidence.delete.button')}<span className="visually-hidden" translate="no"> {e.title}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableFrame>
      )}
      {canWrite ? <AddEvidence onAdded={reload} /> : null}
      {dialog}
    </Page>
  );
}

function AddEvidence({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const empty = { title: '', url: '', fileReference: '', description: '', evidenceDate: fmt.today() as string | null, expiresOn: '' as string | null };
  const [form, setForm] = useState(empty);
  const [result, create] = useMutation(CreateEvidence);
  const problem = problemOf(result.error);
  const fieldError = (field: string) => fieldMessage(problem, field);
  const set = (name: 'title' | 'url' | 'fileReference' | 'description') => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <form
      noValidate
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        if (form.evidenceDate === null || form.expiresOn === null) return;
        const input = { title: form.title, url: form.url || null, fileReference: form.fileReference || null, description: form.description || null, evidenceDate: form.evidenceDate, expiresOn: form.expiresOn || null };
        void create({ input }).then((r) => {
          if (!r.data) return;
          setForm(empty);
          onAdded();
        });
      }}
    >
      <h2>{t('evidence.add.heading')}</h2>
      <TextField label={t('evidence.add.title')} value={form.title} onChange={set('title')} required limit={TEXT_LIMITS.evidenceTitle} error={fieldError('title')} />
      <TextField label={t('evidence.add.link')} hint={t('evidence.add.linkHint')} inputMode="url" value={form.url} onChange={set('url')} limit={TEXT_LIMITS.url} error={fieldError('url')} />
      <TextField label={t('evidence.add.file')} hint={t('evidence.add.fileHint')} value={form.fileReference} onChange={set('fileReference')} limit={TEXT_LIMITS.fileReference} error={fieldError('fileReference')} />
      <TextArea label={t('evidence.add.description')} value={form.description} onChange={set('description')} limit={TEXT_LIMITS.note} error={fieldError('description')} />
      <DateField label={t('evidence.add.date')} value={form.evidenceDate ?? ''} onChange={(evidenceDate) => setForm({ ...form, evidenceDate })} required error={fieldError('evidenceDate')} />
      <DateField label={t('evidence.add.expires')} hint={t('evidence.add.expiresHint')} value={form.expiresOn ?? ''} onChange={(expiresOn) => setForm({ ...form, expiresOn })} error={fieldError('expiresOn')} />
      <button type="submit" className="button" disabled={result.fetching}>{t('evidence.add.submit')}</button>
      {result.data && !result.fetching ? <Alert tone="success">{t('evidence.add.added', { title: result.data.createEvidence.title })}</Alert> : null}
      {placedBeside(problem, ['title', 'url', 'fileReference', 'description', 'evidenceDate', 'expiresOn']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}
