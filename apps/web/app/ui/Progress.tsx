/** A labelled completion bar; the figure is also in the text, for anyone who cannot see the bar. */
export function ProgressBar({ label, value, detail }: { label: string; value: number; detail?: string }) {
  const rounded = Math.round(value);
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>{rounded}%{detail ? ` · ${detail}` : ''}</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={rounded} aria-valuetext={`${rounded}%${detail ? `, ${detail}` : ''}`}>
        <div className="progress-fill" style={{ width: `${Math.min(100, Math.max(0, value))}%` }} />
      </div>
    </div>
  );
}
