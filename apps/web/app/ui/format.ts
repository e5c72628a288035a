import { formatScore as score } from '@waymark/domain/figures';
import { i18next } from '../i18n/i18n';
import { formatsFor } from '../i18n/format';

/*
 * The old formatters, kept only for the benchmark screens (screens/benchmarks), which another
 * change is rewriting: they move to useFormat() and the catalogue when that lands, and this file
 * goes. Everything else uses i18n/format.ts. Figures follow the one rule in @waymark/domain/figures.
 */
const en = formatsFor('en-GB', 'Europe/London', i18next.t('figures.noFigure'));

export const formatDate = (value: string | null | undefined): string => en.date(value);
export const formatMoment = (value: string | null | undefined): string => en.moment(value);
export const formatScore = (value: number | null | undefined): string => score(value, 'practice') ?? i18next.t('figures.noFigure');
/** "IN_PROGRESS" -> "In progress". */
export const humanise = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
