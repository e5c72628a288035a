import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';

interface Common {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

/** Label, hint and error wired to the control (aria-describedby), so each is read with it. */
function useDescribed(hint: ReactNode, error: string | null | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function Frame({ id, label, hint, hintId, error, errorId, children }: Common & { id: string; hintId?: string; errorId?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={hintId}>{hint}</p> : null}
      {error ? <p className="error-text" id={errorId}>{error}</p> : null}
      {children}
    </div>
  );
}

export function TextField({ label, hint, error, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(hint, error);
  return (
    <Frame {...d} label={label} hint={hint} error={error}>
      <input id={d.id} aria-describedby={d.describedBy} aria-invalid={error ? true : undefined} {...input} />
    </Frame>
  );
}

export function TextArea({ label, hint, error, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescribed(hint, error);
  return (
    <Frame {...d} label={label} hint={hint} error={error}>
      <textarea id={d.id} aria-describedby={d.describedBy} aria-invalid={error ? true : undefined} rows={3} {...input} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const d = useDescribed(hint, error);
  return (
    <Frame {...d} label={label} hint={hint} error={error}>
      <select id={d.id} aria-describedby={d.describedBy} aria-invalid={error ? true : undefined} {...select}>
        {children}
      </select>
    </Frame>
  );
}
