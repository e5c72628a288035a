import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

export interface Completion {
  partsAnswered: number;
  partsTotal: number;
  promptsAnswered: number;
  promptsTotal: number;
}

/**
 * How much of a checklist has an agreed answer, in words (parts and prompts, each counted) and as
 * a bar whose percentage counts both, rounded down: the words and the figure say the same thing.
 */
export function CompletionBar({ label, completion }: { label: string; completion: Completion }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { partsAnswered, partsTotal, promptsAnswered, promptsTotal } = completion;
  const share = fmt.share(partsAnswered + promptsAnswered, partsTotal + promptsTotal);
  const parts = partsAnswered === partsTotal ? t('completion.allParts', { count: partsTotal }) : t('completion.parts', { answered: fmt.count(partsAnswered), count: partsTotal });
  const prompts = promptsAnswered === promptsTotal ? t('completion.allPrompts', { count: promptsTotal }) : t('completion.prompts', { answered: fmt.count(promptsAnswered), count: promptsTotal });
  const words = t('completion.words', { parts, prompts });
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>{share.text}</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={share.percent} aria-valuetext={t('completion.valueText', { percent: share.text, words })}>
        <div className="progress-fill" style={{ width: `${share.percent}%` }} />
      </div>
      <p className="progress-words">{words}</p>
    </div>
  );
}
