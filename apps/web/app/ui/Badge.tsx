import { useTranslation } from 'react-i18next';
import { runtimeKey } from '../i18n/i18n';

export type StatusKind = 'assessment' | 'item' | 'partner' | 'network';

/** Status as words first (sentence case, from the catalogue); colour only repeats what the words say. */
export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status.toLowerCase().replace(/_/g, '-')}`}>{t(runtimeKey(`status.${kind}.${status}`))}</span>;
}
