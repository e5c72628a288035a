import { useTranslation } from 'react-i18next';
import { runtimeKey } from '../i18n/i18n';
import { humanise } from './format';

export type StatusKind = 'assessment' | 'item' | 'partner' | 'network';

// Without a kind (only the benchmark screens still call it so, until they join the catalogue) the status is humanised as before.

/** Status as words first (sentence case, from the catalogue); colour only repeats what the words say. */
export function StatusBadge({ kind, status }: { kind?: StatusKind; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status.toLowerCase().replace(/_/g, '-')}`}>{kind ? t(runtimeKey(`status.${kind}.${status}`)) : humanise(status)}</span>;
}
