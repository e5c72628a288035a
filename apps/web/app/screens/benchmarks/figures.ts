import { formatScore } from '../../ui/format';

/** The figures a distribution has, as the API gives them (0-100). */
export interface Spread {
  n: number;
  mean: number;
  p25: number;
  median: number;
  p75: number;
  min: number;
  max: number;
}

/** Said wherever a suppressed figure would be: never a blank, never a zero. */
export const SUPPRESSED = 'Suppressed';
export const suppressedWhy = (minCohort: number | undefined) =>
  `Suppressed: fewer than ${minCohort ?? 5} institutions, or its figures would give a smaller group away, so no figure of it is shown.`;

export const scopeName = (scope: string) => (scope === 'overall' ? 'Overall' : scope);

/** ECharts boxplot order: min, Q1, median, Q3, max. */
export const box = (s: Spread) => [s.min, s.p25, s.median, s.p75, s.max].map((v) => Math.round(v));

export const spreadText = (s: Spread | null | undefined) =>
  s ? `median ${formatScore(s.median)}, middle half ${formatScore(s.p25)} to ${formatScore(s.p75)}, range ${formatScore(s.min)} to ${formatScore(s.max)}` : 'no figure';

export const share = (value: number) => `${Math.round(value * 100)}%`;

/** Percentile rank as people read it: "higher than 86% of the others". */
export const rankText = (percentile: number) => `${Math.round(percentile)} (scores above ${Math.round(percentile)}% of the others)`;

export const KIND_COLOURS = ['#0b4f6c', '#b35900', '#00703c', '#6f2c91'];
