import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Formats, useFormat } from '../i18n/format';

/*
 * Forms that save through the API are `noValidate`: Waymark checks and words every refusal itself,
 * beside its field and in the organisation's language, instead of the browser's own bubbles (which
 * speak the browser's language and vanish).
 */

interface Common {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

/** Label, hint, limit and error wired to the control (aria-describedby), so each is read with it. */
function useDescribed(hint: ReactNode, error: string | null | undefined, counted: boolean) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const countId = counted ? `${id}-count` : undefined;
  return { id, hintId, errorId, countId, describedBy: [hintId, countId, errorId].filter(Boolean).join(' ') || undefined };
}

function Frame({ id, label, hint, hintId, error, errorId, children, after }: Common & { id: string; hintId?: string; errorId?: string; children: ReactNode; after?: ReactNode }) {
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={hintId}>{hint}</p> : null}
      {error ? <p className="error-text" id={errorId}>{error}</p> : null}
      {children}
      {after}
    </div>
  );
}

/** Characters as the API counts them (code points). */
export const characters = (value: string) => [...value].length;

/**
 * "120 of 4,000 characters" under a text with a limit, as you type. It speaks up (politely) only
 * near and over the limit; over it, the text says by how much, before the API has to refuse it.
 */
export function LimitCount({ id, value, limit }: { id: string; value: string; limit: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const used = characters(value.trim());
  const over = used > limit;
  const near = used >= limit * 0.9;
  const text = over ? t('field.overLimit', { over: fmt.count(used - limit), limit: fmt.count(limit) }) : t('field.count', { used: fmt.count(used), limit: fmt.count(limit) });
  return (
    <p id={id} className={`limit${over ? ' limit-over' : ''}`} aria-live={near ? 'polite' : 'off'}>
      {text}
    </p>
  );
}

export function TextField({ label, hint, error, limit, ...input }: Common & InputHTMLAttributes<HTMLInputElement> & { limit?: number }) {
  const d = useDescribed(hint, error, limit !== undefined);
  return (
    <Frame {...d} label={label} hint={hint} error={error} after={limit !== undefined ? <LimitCount id={d.countId!} value={String(input.value ?? '')} limit={limit} /> : null}>
      <input id={d.id} aria-describedby={d.describedBy} aria-invalid={error ? true : undefined} {...input} />
    </Frame>
  );
}

export function TextArea({ label, hint, error, limit, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { limit?: number }) {
  const d = useDescribed(hint, error, limit !== undefined);
  return (
    <Frame {...d} label={label} hint={hint} error={error} after={limit !== undefined ? <LimitCount id={d.countId!} value={String(input.value ?? '')} limit={limit} /> : null}>
      <textarea id={d.id} aria-describedby={d.describedBy} aria-invalid={error ? true : undefined} rows={3} {...input} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const d = useDescribed(hint, error, false);
  return (
    <Frame {...d} label={label} hint={hint} error={error}>
      <select id={d.id} aria-describedby={d.describedBy} aria-invalid={error ? true : undefined} {...select}>
        {children}
      </select>
    </Frame>
  );
}

/** "2026-09-30" typed in the organisation's order ("30/09/2026"), as a LocalDate; null when it is no date. */
export function parseDate(text: string, fmt: Formats): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const numbers = iso ? [iso[1], iso[2], iso[3]] : trimmed.split(/[^0-9]+/).filter(Boolean);
  if (numbers.length !== 3) return null;
  const order = iso ? (['year', 'month', 'day'] as const) : fmt.datePattern.order;
  const part = (name: 'day' | 'month' | 'year') => Number(numbers[order.indexOf(name)]);
  let year = part('year');
  if (year < 100) year += 2000;
  const month = part('month');
  const day = part('day');
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A LocalDate as typed in the organisation's order ("30/09/2026"). */
export function typedDate(value: string, fmt: Formats): string {
  const [year, month, day] = value.slice(0, 10).split('-');
  const parts = { year: year ?? '', month: month ?? '', day: day ?? '' };
  return fmt.datePattern.order.map((name) => parts[name]).join(fmt.datePattern.separator);
}

/**
 * A date typed in the organisation's own order, whatever the browser's locale (a native date
 * input follows the browser, so an en-GB organisation would see mm/dd/yyyy in an American one).
 * `onChange` gets a LocalDate, '' when cleared, or null while the text is not a date.
 */
export function DateField({ label, hint, error, value, onChange, required, min }: Common & { value: string; onChange: (value: string | null) => void; required?: boolean; min?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [text, setText] = useState(value ? typedDate(value, fmt) : '');
  const [touched, setTouched] = useState(false);
  // A new value from outside (a reset form, a saved item) replaces what is shown.
  useEffect(() => {
    setText((now) => (parseDate(now, fmt) === value || (!value && !now.trim()) ? now : value ? typedDate(value, fmt) : ''));
  }, [value, fmt]);
  const parsed = text.trim() ? parseDate(text, fmt) : '';
  const own = touched && parsed === null ? t('field.notADate', { example: fmt.datePattern.example }) : min && parsed && parsed < min ? t('field.dateInPast') : null;
  const shown = error ?? own;
  const d = useDescribed(true, shown, false);
  return (
    <Frame {...d} label={label} hint={<>{hint ? <>{hint} </> : null}{t('field.dateHint', { example: fmt.datePattern.example })}</>} error={shown}>
      <input
        id={d.id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="input-date"
        aria-describedby={d.describedBy}
        aria-invalid={shown ? true : undefined}
        required={required}
        value={text}
        onBlur={() => setTouched(true)}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.trim() ? parseDate(e.target.value, fmt) : '';
          if (next !== null) setTouched(false);
          onChange(next);
        }}
      />
    </Frame>
  );
}
