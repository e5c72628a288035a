import type { AnswerSaver } from './useAnswerSaver';

/** One polite live region for the whole screen: where saving stands, without a word per keystroke. */
export function SaveStatus({ saver }: { saver: AnswerSaver }) {
  const conflicts = Object.keys(saver.conflicts).length;
  let text: string;
  if (saver.sessionExpired && saver.waiting) text = `${saver.waiting} answer(s) not saved yet: they are kept and will be saved when you sign in again.`;
  else if (saver.problem) text = `Not saved: ${saver.problem.message}`;
  else if (conflicts) text = `${conflicts} answer(s) changed by someone else meanwhile: choose which to keep.`;
  else if (saver.saving || saver.waiting) text = 'Saving…';
  else if (saver.lastSavedAt) text = 'All changes saved.';
  else text = 'Answers save as you work.';
  return (
    <div className={`save-status${saver.problem || conflicts ? ' save-status-warn' : ''}`}>
      <p role="status" aria-live="polite">{text}</p>
      {saver.problem ? <button type="button" className="button button-small" onClick={saver.retry}>Try again</button> : null}
    </div>
  );
}
