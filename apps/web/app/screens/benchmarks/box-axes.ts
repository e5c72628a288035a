import { SUPPRESSED } from './figures';

/**
 * The frame every box-plot chart of the benchmark screens shares: cohorts along the bottom (labels
 * wrapped at `labelWidth` pixels), a 0-100 score up the side named `scoreName`, a legend on top and
 * no tooltip (the table beside each chart carries the figures).
 */
export function boxAxes(categories: string[], scoreName: string, labelWidth: number) {
  return {
    grid: { left: 48, right: 16, top: 56, bottom: 88 },
    legend: { top: 0 },
    tooltip: { show: false },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, width: labelWidth, overflow: 'break', lineHeight: 16 } },
    yAxis: { type: 'value', min: 0, max: 100, name: scoreName, nameTextStyle: { align: 'left' } },
  };
}

/** A grey "Suppressed" label in the place of each suppressed cohort's box (the chart never shows a gap). */
export function suppressedMarkers(suppressed: readonly boolean[]) {
  return {
    name: SUPPRESSED,
    type: 'scatter',
    symbol: 'rect',
    symbolSize: [96, 28],
    itemStyle: { color: '#d9d9d9', borderColor: '#505a5f' },
    label: { show: true, formatter: SUPPRESSED, color: '#0b0c0c' },
    data: suppressed.map((hidden, i) => (hidden ? [i, 50] : null)).filter((v) => v !== null),
  };
}
