import type { WorkNode } from './data';
import { humanise } from '../../ui/format';

interface Entry {
  title?: string;
  text?: string;
}

const entries = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : []);

/** Partner-type guidance beside the action it helps with: why it helps, and the guidance itself. */
export function Guidance({ guidance }: { guidance: WorkNode['guidance'] }) {
  if (!guidance.length) return null;
  return (
    <aside className="guidance" aria-label="Partner-type guidance">
      {guidance.map((g) => (
        <div key={g.guidanceKey}>
          <p className="guidance-title"><strong>{g.title}</strong> <span className="muted">({humanise(g.partnerType)})</span></p>
          <p>{g.reason}</p>
          <details>
            <summary>Opportunities and challenges<span className="visually-hidden">: {g.title}</span></summary>
            {(['opportunities', 'challenges'] as const).map((part) => (
              <div key={part}>
                <h4>{humanise(part)}</h4>
                <ul>
                  {entries(g.document[part]).map((e, i) => (
                    <li key={i}><strong>{e.title}.</strong> {e.text}</li>
                  ))}
                </ul>
              </div>
            ))}
            <p className="muted small">{g.source.attribution}</p>
          </details>
        </div>
      ))}
    </aside>
  );
}
