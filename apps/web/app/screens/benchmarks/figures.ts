import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchmarkReason } from '../../gql/graphql';
import { runtimeKey } from '../../i18n/i18n';

/** Why a figure is held back, older or absent, in the catalogue's words (the API gives the code). */
export function useReason(): (reason: BenchmarkReason | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback((reason) => (reason ? t(runtimeKey(`benchmarks.reason.${reason}`)) : ''), [t]);
}

/** `overall` in words; an element by its key. */
export function useScopeName(): (scope: string) => string {
  const { t } = useTranslation();
  return useCallback((scope) => (scope === 'overall' ? t('benchmarks.overall') : scope), [t]);
}

/** Colour of a heatmap cell: light for low scores, dark for high (text stays readable on both, see styles.css). */
export function heatColour(value: number): string {
  const stops = [[238, 244, 249], [141, 187, 220], [47, 111, 159]] as const;
  const x = Math.max(0, Math.min(100, value)) / 50;
  const [a, b] = x <= 1 ? [stops[0], stops[1]] : [stops[1], stops[2]];
  const f = x <= 1 ? x : x - 1;
  return `rgb(${a.map((c, i) => Math.round(c + (b[i]! - c) * f)).join(', ')})`;
}
