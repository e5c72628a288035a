import { humanise } from './format';

/** Status as words first; colour only repeats what the words say. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.toLowerCase().replace(/_/g, '-')}`}>{humanise(status)}</span>;
}
