import { memo, useId } from 'react';
import { Checkbox, type Option, RadioGroup } from '../../ui/Choice';
import { humanise } from '../../ui/format';
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
  agreed: { value: string; setBy: string } | null;
  team: readonly TeamAnswer[];
  disagreement: boolean;
  unsaved: boolean;
  conflict: Conflict | null;
  locked: boolean;
  onChange: (nodeKey: string, draft: Draft) => void;
  onResolve: (nodeKey: string, keep: 'mine' | 'theirs') => void;
  evidence: { assessmentId: string; library: readonly LibraryItem[]; canWrite: boolean; onChanged?: () => void };
}

/** One answerable item: a part, an action without parts, or an evidence prompt. */
export const AnswerItem = memo(function AnswerItem(props: AnswerItemProps) {
  const { node, label, mode, options, improvementFlag, current, agreed, team, disagreement, unsaved, conflict, locked, onChange, onResolve } = props;
  const teamId = useId();
  const labelOf = (value: string | null) => options.find((o) => o.value === value)?.label ?? (value ? humanise(value) : 'no answer');
  const draft: Draft = current ?? { value: '', areaForImprovement: false, note: null };
  const isPrompt = node.kind === 'PROMPT';

  return (
    <div className={`answer${disagreement ? ' answer-disagreement' : ''}`} data-key={node.key}>
      <RadioGroup
        legend={
          <>
            <span className="key">{node.key}</span> {label}
            <FootnoteRefs footnotes={node.footnotes} />
            <span className="visually-hidden">{mode === 'agreed' ? ' (agreed answer)' : ' (your answer)'}</span>
          </>
        }
        name={`${mode}-${node.key}`}
        options={options}
        value={draft.value || null}
        disabled={locked}
        describedBy={teamId}
        onChange={(value) => onChange(node.key, { ...draft, value })}
      />
      {isPrompt && improvementFlag ? (
        <Checkbox
          label={<>{improvementFlag}<span className="visually-hidden"> ({node.key})</span></>}
          checked={draft.areaForImprovement}
          disabled={locked || !draft.value}
          onChange={(checked) => onChange(node.key, { ...draft, areaForImprovement: checked })}
        />
      ) : null}
      <div className="answer-team" id={teamId}>
        {team.length ? (
          <span>Team: {team.map((t) => `${t.name}: ${labelOf(t.value)}`).join('; ')}.</span>
        ) : (
          <span>No one has answered yet.</span>
        )}
        {disagreement ? <strong className="flag"> The team disagrees.</strong> : null}
        {mode === 'mine' ? <span> Agreed: {agreed ? `${labelOf(agreed.value)} (set by ${agreed.setBy})` : 'not yet'}.</span> : null}
        {unsaved && !conflict ? <span className="saving"> Not saved yet.</span> : null}
      </div>
      {conflict ? (
        <div className="alert alert-warning conflict" role="alert">
          <strong className="alert-title">Someone else changed this while you were working</strong>
          <p>
            The agreed answer is now <strong>{labelOf(conflict.theirs)}</strong>{agreed && agreed.value === conflict.theirs ? ` (set by ${agreed.setBy})` : ''}. Your choice,{' '}
            <strong>{labelOf(conflict.mine.value)}</strong>, was not saved.
          </p>
          <div className="buttons">
            <button type="button" className="button" onClick={() => onResolve(node.key, 'mine')}>Use my answer ({labelOf(conflict.mine.value)})</button>
            <button type="button" className="button button-secondary" onClick={() => onResolve(node.key, 'theirs')}>Keep theirs</button>
          </div>
        </div>
      ) : null}
      <details className="answer-more">
        <summary>Note{mode === 'agreed' ? ' and evidence' : ''}<span className="visually-hidden"> for {node.key}</span>{draft.note ? ' (1 note)' : ''}</summary>
        <label className="note-label" htmlFor={`${teamId}-note`}>{mode === 'agreed' ? "The team's note" : 'Your note'} on {node.key}</label>
        <textarea
          id={`${teamId}-note`}
          rows={2}
          value={draft.note ?? ''}
          disabled={locked || !draft.value}
          aria-describedby={`${teamId}-note-hint`}
          onChange={(e) => onChange(node.key, { ...draft, note: e.target.value })}
        />
        <p className="hint" id={`${teamId}-note-hint`}>{draft.value ? 'Saved as you type.' : 'Choose an answer first.'}</p>
        {mode === 'agreed' ? <EvidenceLinks nodeKey={node.key} {...props.evidence} locked={locked} /> : null}
      </details>
    </div>
  );
});
