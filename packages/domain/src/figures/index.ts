import { UNSUPPORTED_EVIDENCE_BELOW, UNSUPPORTED_PRACTICE_MIN } from '../scoring/types';

/*
 * How Waymark shows a number, in one place: every screen of the web app, the report (HTML and PDF),
 * the plan export and the plan's own sentences use these, so one figure reads the same everywhere.
 * Pure, and free of imports beyond the scoring thresholds, so the web app bundles it as it is.
 *
 * The rule (docs/figures.md says the same in prose):
 * - A score (0-100) is shown as a whole number, rounded half up (57.5 -> 58).
 * - Except where rounding would carry it across the line it is judged by: practice of 75 or more
 *   and evidence under 50 make an unsupported claim, so a practice of 74.6 or an evidence of 49.7
 *   is shown to one decimal, rounded down (74.6, 49.7), never as the 75 or 50 it has not reached.
 * - A change is the difference between the two figures as shown, so what is on the page adds up:
 *   57 -> 60 is +3, never +2 because the unrounded figures were 57.4 and 59.6.
 * - A change is signed: "+3", "−6" (a true minus sign), "0" for none.
 * - A share (how much of a checklist is answered) is a whole percentage rounded down, so 100% means
 *   everything and 99.6% of it shows as 99%.
 * - No figure is null here; each surface says it in its own words ("no figure", "—").
 */

export type Measure = 'practice' | 'evidence';

/** The score as it is shown, as a number (whole, or one decimal near a threshold). */
export function shownScore(value: number, measure: Measure): number {
  const rounded = Math.round(value);
  const threshold = measure === 'practice' ? UNSUPPORTED_PRACTICE_MIN : UNSUPPORTED_EVIDENCE_BELOW;
  if (value < threshold && rounded >= threshold) return Math.floor(value * 10) / 10;
  return rounded;
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, signDisplay: 'auto' | 'exceptZero'): Intl.NumberFormat {
  const key = `${locale}|${signDisplay}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay });
    formats.set(key, format);
  }
  return format;
}

const isFigure = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** "58", "74.6"; null when there is no figure. */
export function formatScore(value: number | null | undefined, measure: Measure, locale = 'en-GB'): string | null {
  return isFigure(value) ? numberFormat(locale, 'auto').format(shownScore(value, measure)) : null;
}

/** The change between two scores as shown (to one decimal, free of floating-point dust); null unless both exist. */
export function scoreChange(now: number | null | undefined, before: number | null | undefined, measure: Measure): number | null {
  if (!isFigure(now) || !isFigure(before)) return null;
  return Math.round((shownScore(now, measure) - shownScore(before, measure)) * 10) / 10;
}

/** "+3", "−6" (U+2212), "0"; null when there is no change to show. */
export function formatChange(change: number | null | undefined, locale = 'en-GB'): string | null {
  if (!isFigure(change)) return null;
  if (change === 0) return numberFormat(locale, 'auto').format(0);
  return numberFormat(locale, 'exceptZero').format(change).replace('-', '\u2212');
}

/** A whole percentage, rounded down: 100 only when everything is done; 100 when there is nothing to do. */
export function sharePercent(done: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.floor((done / total) * 100 + 1e-9));
}

/** "67%" in the locale's way of writing it. */
export function formatPercent(percent: number, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** A count in the locale's way ("1,234"). */
export function formatCount(count: number, locale = 'en-GB'): string {
  return numberFormat(locale, 'auto').format(count);
}
