import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { ProblemAlert } from '../../ui/Alert';
import { formatDate } from '../../ui/format';

export const LibraryForLinks = graphql(`
  query LibraryForLinks {
    evidenceLibrary(page: { first: 100 }) {
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
export function EvidenceLinks({ nodeKey, assessmentId, library, canWrite, locked, onChanged }: {
  nodeKey: string;
  assessmentId: string;
  library: readonly LibraryItem[];
  canWrite: boolean;
  locked: boolean;
  onChanged?: () => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState('');
  const [linked, link] = useMutation(Link);
  const [unlinked, unlink] = useMutation(Unlink);
  const cited = library.filter((item) => item.links.some((l) => l.assessmentId === assessmentId && l.nodeKey === nodeKey));
  const others = library.filter((item) => !cited.includes(item));
  const input = (evidenceId: string) => ({ input: { evidenceId, assessmentId, nodeKey } });
  return (
    <div className="evidence-links">
      <h4 className="small-heading">Evidence cited for {nodeKey}</h4>
      {cited.length ? (
        <ul>
          {cited.map((item) => (
            <li key={item.id}>
              {item.title} <span className="muted">({formatDate(item.evidenceDate)})</span>{' '}
              {canWrite && !locked ? (
                <button type="button" className="button-link" onClick={() => void unlink(input(item.id)).then(() => onChanged?.())}>
                  Detach<span className="visually-hidden"> {item.title} from {nodeKey}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None yet.</p>
      )}
      {canWrite && !locked && others.length ? (
        <div className="inline-form">
          <label htmlFor={id}>Attach from the library</label>
          <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose evidence…</option>
            {others.map((item) => <option key={item.id} value={item.id}>{item.title}</option>)}
          </select>
          <button
            type="button"
            className="button button-small"
            disabled={!choice || linked.fetching}
            onClick={() => void link(input(choice)).then(() => { setChoice(''); onChanged?.(); })}
          >
            Attach<span className="visually-hidden"> to {nodeKey}</span>
          </button>
        </div>
      ) : null}
      <ProblemAlert problem={problemOf(linked.error ?? unlinked.error)} />
    </div>
  );
}
