import { useTranslation } from 'react-i18next';
import { explain } from '../../api/errors';
import type { AnswerSaver } from './useAnswerSaver';

/** One polite live region for the whole screen: where saving stands, without a word per keystroke. */
export function SaveStatus({ saver }: { saver: AnswerSaver }) {
  const { t } = useTranslation();
  const conflicts = Object.keys(saver.conflicts).length;
  const refused = Object.keys(saver.refused).length;
  let text: string;
  if (saver.sessionExpired && saver.waiting) text = t('saveStatus.expired', { count: saver.waiting });
  else if (saver.problem) text = t('saveStatus.problem', { reason: explain(saver.problem) });
  else if (refused) text = t('saveStatus.refused', { count: refused });
  else if (conflicts) text = t('saveStatus.conflicts', { count: conflicts });
  else if (saver.saving || saver.waiting) text = t('saveStatus.saving');
  else if (saver.lastSavedAt) text = t('saveStatus.saved');
  else text = t('saveStatus.idle');
  return (
    <div className={`save-status${saver.problem || conflicts || refused ? ' save-status-warn' : ''}`}>
      <p role="status" aria-live="polite">{text}</p>
      {saver.problem ? <button type="button" className="button button-small" onClick={saver.retry}>{t('saveStatus.retry')}</button> : null}
    </div>
  );
}
