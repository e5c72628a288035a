import { type ReactNode, useId } from 'react';

export interface Option {
  value: string;
  label: string;
}

/**
 * Native radio buttons in a fieldset: the legend names the question, arrow keys move between
 * answers, and nothing custom stands between the control and assistive technology.
 */
export function RadioGroup({ legend, name, options, value, onChange, disabled, describedBy, compact, optionsAreContent }: {
  legend: ReactNode;
  name: string;
  options: readonly Option[];
  value: string | null;
  onChange: (value: string) => void;
  disabled?: boolean;
  describedBy?: string;
  compact?: boolean;
  /** The labels are content (a framework's own answer words), not the interface's. */
  optionsAreContent?: boolean;
}) {
  const id = useId();
  return (
    <fieldset className={`radios${compact ? ' radios-compact' : ''}`} aria-describedby={describedBy} disabled={disabled}>
      <legend>{legend}</legend>
      <div className="radio-row">
        {options.map((option) => (
          <label key={option.value} className="radio" htmlFor={`${id}-${option.value}`}>
            <input
              type="radio"
              id={`${id}-${option.value}`}
              name={`${name}-${id}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span translate={optionsAreContent ? 'no' : undefined}>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox({ label, checked, onChange, disabled }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input type="checkbox" id={id} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
