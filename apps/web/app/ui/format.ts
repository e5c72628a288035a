import { i18next } from '../i18n/i18n';
import { formatsFor } from '../i18n/format';

/*
 * The old formatters, kept only for the benchmark screens (screens/benchmarks), which another
 * change is rewriting: they move to useFormat() and the catalogue when that lands, and this file
 * goes, and their figures follow the one rule (@waymark/domain/figures) like every other screen's.
 * Everything else uses i18n/format.ts.
 */
const en = formatsFor('en-GB', 'Europe/London', i18next.t('figures.noFigure'));

export const formatDate = (value: string | null | undefined): string => en.date(value);
export const formatMoment = (value: string | null | undefined): string => en.moment(value);
export const formatScore = (value: number | null | undefined): string => (value === null || value === undefined ? i18next.t('figures.noFigure') : `${Math.round(value)}`);
/** "IN_PROGRESS" -> "In progress". */
export const humanise = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
