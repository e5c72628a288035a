const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const moment = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export const formatDate = (value: string | null | undefined): string => (value ? day.format(new Date(`${value.slice(0, 10)}T12:00:00`)) : '—');
export const formatMoment = (value: string | null | undefined): string => (value ? moment.format(new Date(value)) : '—');
export const formatScore = (value: number | null | undefined): string => (value === null || value === undefined ? 'no figure' : `${Math.round(value)}`);
export const signed = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${Math.round(value)}`;

/** "IN_PROGRESS" -> "In progress". */
export const humanise = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

/** Today in the browser's zone, as a LocalDate. */
export const today = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};
