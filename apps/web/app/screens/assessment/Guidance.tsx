import { useTranslation } from 'react-i18next';
import { runtimeKey } from '../../i18n/i18n';
import type { WorkNode } from './data';

interface Entry {
  title?: string;
  text?: string;
}

const entries = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : []);

/** Partner-type guidance beside the action it helps with: why it helps, and the guidance itself. */
export function Guidance({ guidance }: { guidance: WorkNode['guidance'] }) {
  const { t } = useTranslation();
  if (!guidance.length) return null;
  return (
    <aside className="guidance" aria-label={t('guidance.label')}>
      {guidance.map((g) => (
        <div key={g.guidanceKey}>
          <p className="guidance-title"><strong translate="no">{g.title}</strong> <span className="muted">({t(runtimeKey(`partnerType.${g.partnerType}`))})</span></p>
          <p translate="no">{g.reason}</p>
          <details>
            <summary>{t('guidance.more')}<span className="visually-hidden" translate="no">: {g.title}</span></summary>
            {(['opportunities', 'challenges'] as const).map((part) => (
              <div key={part}>
                <h4>{part === 'opportunities' ? t('guidance.opportunities') : t('guidance.challenges')}</h4>
                <ul translate="no">
                  {entries(g.document[part]).map((e, i) => (
                    <li key={i}><strong>{e.title}.</strong> {e.text}</li>
                  ))}
                </ul>
              </div>
            ))}
            <p className="muted small" translate="no">{g.source.attribution}</p>
          </details>
        </div>
      ))}
    </aside>
  );
}
