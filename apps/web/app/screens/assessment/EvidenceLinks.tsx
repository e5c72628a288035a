import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { useFormat } from '../../i18n/format';
import { ProblemAlert } from '../../ui/Alert';
import { useConfirm } from '../../ui/Dialog';

export const LibraryForLinks = graphql(`
  query LibraryForLinks {
    evidenceLibrary(first: 100) {
      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }
    }
  }
`);

export interface LibraryItem {
  id: string;
  title: string;
  evidenceDate: string;
  expiresOn?: string | null;
  links: readonly { assessmentId: string; nodeKey: string }[];
}

const Link = graphql(`
  mutation LinkEvidence($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidenceId nodeKey } }
`);
const Unlink = graphql(`
  mutation UnlinkEvidence($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) }
`);

export function useLibrary() {
  const [result, refresh] = useQuery({ query: LibraryForLinks });
  const library: LibraryItem[] = result.data?.evidenceLibrary.edges.map((e) => e.node) ?? [];
  return { library, refresh: () => refresh({ requestPolicy: 'network-only' }) };
}

/** Evidence from the organisation's library cited for one answer: attach and detach. */
export function EvidenceLinks({ nodeKey, label, assessmentId, library, canWrite, locked, onChanged }: {
  nodeKey: string;
  /** The item's own words, to name it in buttons and the confirmation. */
  label: string;
  assessmentId: string;
  library: readonly LibraryItem[];
  canWrite: boolean;
  locked: boolean;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [choice, setChoice] = useState('');
  const [linked, link] = useMutation(Link);
  const [, unlink] = useMutation(Unlink);
  const [dialog, confirm] = useConfirm();
  const cited = library.filter((item) => item.links.some((l) => l.assessmentId === assessmentId && l.nodeKey === nodeKey));
  const others = library.filter((item) => !cited.includes(item));
  const input = (evidenceId: string) => ({ input: { evidenceId, assessmentId, nodeKey } });
  const editable = canWrite && !locked;
  return (
    <div className="evidence-links">
      <h4 className="small-heading">{t('evidenceLinks.heading')}</h4>
      {cited.length ? (
        <ul>
          {cited.map((item) => (
            <li key={item.id}>
              <span translate="no">{item.title}</span> <span className="muted">({fmt.date(item.evidenceDate)})</span>{' '}
              {editable ? (
                <button
                  type="button"
                  className="button-link"
                  onClick={() =>
                    confirm({
                      title: t('evidenceLinks.detach.title'),
                      body: <p>{t('evidenceLinks.detach.body', { title: item.title, item: label })}</p>,
                      confirmLabel: t('evidenceLinks.detach.confirm'),
                      danger: true,
                      after: () => document.getElementById(id),
                      run: async () => {
                        const result = await unlink(input(item.id));
                        if (!result.error) onChanged?.();
                        return problemOf(result.error);
                      },
                    })
                  }
                >
                  {t('evidenceLinks.detach.button')}<span className="visually-hidden"> {t('evidenceLinks.detach.what', { title: item.title, item: label })}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('evidenceLinks.none')}</p>
      )}
      {editable && others.length ? (
        <div className="inline-form">
          <label htmlFor={id}>{t('evidenceLinks.attachFrom')}</label>
          <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('evidenceLinks.choose')}</option>
            {others.map((item) => <option key={item.id} value={item.id} translate="no">{item.title}</option>)}
          </select>
          <button
            type="button"
            className="button button-small"
            disabled={!choice || linked.fetching}
            onClick={() => void link(input(choice)).then(() => { setChoice(''); onChanged?.(); })}
          >
            {t('evidenceLinks.attach')}<span className="visually-hidden"> {t('evidenceLinks.toItem', { item: label })}</span>
          </button>
        </div>
      ) : null}
      <ProblemAlert problem={problemOf(linked.error)} />
      {dialog}
    </div>
  );
}
