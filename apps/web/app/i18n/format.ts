import { createContext, useContext } from 'react';
import { type Measure, formatChange, formatCount, formatPercent, formatScore, scoreChange, sharePercent } from '@waymark/domain/figures';
import { DEFAULT_LANGUAGE, i18next, isPseudo } from './i18n';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from './pseudo';

/**
 * Dates and numbers as the organisation writes them (its locale, en-GB by default, and its time
 * zone), whatever the browser's own settings. Scores, changes and shares follow the one rule in
 * @waymark/domain/figures, which the report and the exports use too.
 */
export interface Formats {
  locale: string;
  timeZone: string;
  /** A calendar date ("2026-09-30") as "30 Sept 2026"; never moved by a time zone. */
  date(value: string | null | undefined): string;
  /** An instant as the organisation's day and time. */
  moment(value: string | null | undefined): string;
  count(value: number): string;
  /** A score as shown, or the words for no figure. */
  score(value: number | null | undefined, measure: Measure): string;
  /** The change between two scores as shown ("+3", "−6", "0"), or "—". */
  change(now: number | null | undefined, before: number | null | undefined, measure: Measure): string;
  /** done of total as a whole percentage rounded down ("66%"). */
  share(done: number, total: number): { percent: number; text: string };
  /** Today in the organisation's time zone, as a LocalDate ("2026-12-07"). */
  today(): string;
  /** The order and separators of a date typed as numbers ("dd/mm/yyyy" for en-GB). */
  datePattern: { order: ('day' | 'month' | 'year')[]; separator: string; example: string };
}

// In the pseudo-locale a formatted value is bracketed too: the test then knows it came through here.
const mark = (text: string) => (isPseudo ? `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : text);

export function formatsFor(locale: string, timeZone: string, noFigure: string): Formats {
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
  const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  const sample = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 8, 30)));
  const order = sample.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as 'day' | 'month' | 'year');
  const separator = sample.find((p) => p.type === 'literal')?.value ?? '/';
  return {
    locale,
    timeZone,
    date: (value) => (value ? mark(day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`))) : '—'),
    moment: (value) => (value ? mark(moment.format(new Date(value))) : '—'),
    count: (value) => formatCount(value, locale),
    score: (value, measure) => formatScore(value, measure, locale) ?? noFigure,
    change: (now, before, measure) => formatChange(scoreChange(now, before, measure), locale) ?? '—',
    share: (done, total) => {
      const percent = sharePercent(done, total);
      return { percent, text: formatPercent(percent, locale) };
    },
    today: () => isoDay.format(new Date()),
    datePattern: { order, separator, example: sample.map((p) => p.value).join('') },
  };
}

export const FormatContext = createContext<Formats>(formatsFor(DEFAULT_LANGUAGE, 'Europe/London', i18next.t('figures.noFigure')));

// The organisation's formats for code outside components (sentences made from API refusals).
let current: Formats | null = null;
export const setCurrentFormats = (formats: Formats) => {
  current = formats;
};
export const currentFormats = (): Formats => current ?? formatsFor(DEFAULT_LANGUAGE, 'Europe/London', i18next.t('figures.noFigure'));

export function useFormat(): Formats {
  return useContext(FormatContext);
}
