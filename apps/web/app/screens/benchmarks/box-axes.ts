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
