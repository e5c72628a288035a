import { memo, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@waymark/domain/limits';
import { Checkbox, type Option, RadioGroup } from '../../ui/Choice';
import { LimitCount } from '../../ui/Field';
import type { Draft } from './drafts';
import type { Conflict, Mode } from './useAnswerSaver';
import { EvidenceLinks, type LibraryItem } from './EvidenceLinks';
import { FootnoteRefs } from './Footnotes';
import type { WorkNode } from './data';

export interface TeamAnswer {
  name: string;
  value: string;
}

export interface AnswerItemProps {
  node: WorkNode;
  /** The words to show as the question (a part's text, or the action's question). */
  label: string;
  mode: Mode;
  options: readonly Option[];
  improvementFlag: string | null;
  current: Draft | null;
  agreed: { value: string; setBy: string; needsReview: boolean } | null;
  team: readonly TeamAnswer[];
  disagreement: boolean;
  unsaved: boolean;
  conflict: Conflict | null;
  /** The API's refusal of this answer, in plain words, shown beside the note it is about. */
  refusal: string | null;
  /** Read only: a submitted assessment, or a role that cannot change these answers. */
  locked: boolean;
  onChange: (nodeKey: string, draft: Draft) => void;
  onResolve: (nodeKey: string, keep: 'mine' | 'theirs') => void;
  evidence: { assessmentId: string; library: readonly LibraryItem[]; canWrite: boolean; onChanged?: () => void };
}

/** One answerable item: a part, an action without parts, or an evidence prompt. */
export const AnswerItem = memo(function AnswerItem(props: AnswerItemProps) {
  const { node, label, mode, options, improvementFlag, current, agreed, team, disagreement, unsaved, conflict, refusal, locked, onChange, onResolve } = props;
  const { t } = useTranslation();
  const teamId = useId();
  const more = useRef<HTMLDetailsElement>(null);
  const labelOf = (value: string | null) => options.find((o) => o.value === value)?.label ?? t('answer.noAnswer');
  const draft: Draft = current ?? { value: '', areaForImprovement: false, note: null };
  const isPrompt = node.kind === 'PROMPT';
  // A refused note is shown beside it: open the note when the refusal arrives.
  useEffect(() => {
    if (refusal && more.current) more.current.open = true;
  }, [refusal]);

  const question = (
    <>
      <span className="key" translate="no">{node.key}</span> <span translate="no">{label}</span>
      <FootnoteRefs footnotes={node.footnotes} />
      <span className="visually-hidden">{mode === 'agreed' ? t('answer.agreedSuffix') : t('answer.mineSuffix')}</span>
    </>
  );

  const teamLine = (
    <div className="answer-team" id={teamId}>
      {team.length ? <span>{t('answer.team', { answers: team.map((a) => t('answer.personSaid', { name: a.name, answer: labelOf(a.value) })).join('; ') })}</span> : <span>{t('answer.nobodyYet')}</span>}
      {disagreement ? <strong className="flag">{agreed ? ` ${t('answer.settled', { answer: labelOf(agreed.value), name: agreed.setBy })}` : ` ${t('answer.disagrees')}`}</strong> : null}
      {mode === 'mine' && !(disagreement && agreed) ? <span> {agreed ? t('answer.agreedIs', { answer: labelOf(agreed.value), name: agreed.setBy }) : t('answer.agreedNotYet')}</span> : null}
      {agreed?.needsReview ? <strong className="flag"> {t('answer.needsReview')}</strong> : null}
      {unsaved && !conflict && !refusal ? <span className="saving"> {t('answer.notSavedYet')}</span> : null}
    </div>
  );

  if (locked) {
    // Read only: the answer in words, never a form that does nothing.
    const chosen = current?.value ? labelOf(current.value) : t('answer.noAnswer');
    return (
      <div className={`answer answer-readonly${disagreement ? ' answer-disagreement' : ''}`} data-key={node.key}>
        <p className="answer-question">{question}</p>
        <p className="answer-value">
          {mode === 'agreed' ? t('answer.readAgreed', { answer: chosen }) : t('answer.readMine', { answer: chosen })}
          {isPrompt && improvementFlag && current?.areaForImprovement ? <> · {improvementFlag}</> : null}
        </p>
        {teamLine}
        {current?.note ? <p className="answer-note"><span className="muted">{mode === 'agreed' ? t('answer.teamNote') : t('answer.yourNote')}:</span> <span translate="no">{current.note}</span></p> : null}
        {mode === 'agreed' ? <EvidenceLinks nodeKey={node.key} label={label} {...props.evidence} locked /> : null}
      </div>
    );
  }

  return (
    <div className={`answer${disagreement ? ' answer-disagreement' : ''}`} data-key={node.key}>
      <RadioGroup
        legend={question}
        name={`${mode}-${node.key}`}
        options={options}
        optionsAreContent
        value={draft.value || null}
        describedBy={teamId}
        onChange={(value) => onChange(node.key, { ...draft, value })}
      />
      {isPrompt && improvementFlag ? (
        <Checkbox
          label={<><span translate="no">{improvementFlag}</span><span className="visually-hidden" translate="no"> ({node.key})</span></>}
          checked={draft.areaForImprovement}
          disabled={!draft.value}
          onChange={(checked) => onChange(node.key, { ...draft, areaForImprovement: checked })}
        />
      ) : null}
      {teamLine}
      {conflict ? (
        <div className="alert alert-warning conflict" role="alert">
          <strong className="alert-title">{t('answer.conflict.title')}</strong>
          <p>
            {t('answer.conflict.now', { answer: labelOf(conflict.theirs) })}
            {agreed && agreed.value === conflict.theirs ? ` ${t('answer.conflict.setBy', { name: agreed.setBy })}` : ''} {t('answer.conflict.yours', { answer: labelOf(conflict.mine.value) })}
          </p>
          <div className="buttons">
            <button type="button" className="button" onClick={() => onResolve(node.key, 'mine')}>{t('answer.conflict.useMine', { answer: labelOf(conflict.mine.value) })}</button>
            <button type="button" className="button button-secondary" onClick={() => onResolve(node.key, 'theirs')}>{t('answer.conflict.keepTheirs')}</button>
          </div>
        </div>
      ) : null}
      <details className="answer-more" ref={more}>
        <summary>
          {mode === 'agreed' ? t('answer.noteAndEvidence') : t('answer.note')}
          <span className="visually-hidden"> {t('answer.forKey', { key: node.key })}</span>
          {draft.note ? ` ${t('answer.hasNote')}` : ''}
        </summary>
        <div className={`field${refusal ? ' field-error' : ''}`}>
          <label className="note-label" htmlFor={`${teamId}-note`}>
            {mode === 'agreed' ? t('answer.teamNote') : t('answer.yourNote')}
            <span className="visually-hidden"> {t('answer.forKey', { key: node.key })}</span>
          </label>
          <p className="hint" id={`${teamId}-note-hint`}>{draft.value ? t('answer.savedAsYouType') : t('answer.chooseFirst')}</p>
          {refusal ? <p className="error-text" id={`${teamId}-note-error`}>{refusal}</p> : null}
          <textarea
            id={`${teamId}-note`}
            rows={2}
            value={draft.note ?? ''}
            disabled={!draft.value}
            aria-invalid={refusal ? true : undefined}
            aria-describedby={[`${teamId}-note-hint`, `${teamId}-note-count`, refusal ? `${teamId}-note-error` : ''].filter(Boolean).join(' ')}
            onChange={(e) => onChange(node.key, { ...draft, note: e.target.value })}
          />
          <LimitCount id={`${teamId}-note-count`} value={draft.note ?? ''} limit={TEXT_LIMITS.note} />
        </div>
        {mode === 'agreed' ? <EvidenceLinks nodeKey={node.key} label={label} {...props.evidence} locked={false} /> : null}
      </details>
    </div>
  );
});
