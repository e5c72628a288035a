/**
 * The benchmark screens' bar charts: cohorts down the side (a label per row, wrapped to the room
 * there is, so labels never overlap however many cohorts or however narrow the phone), a 0-100
 * score along the bottom, the legend on top. A bar's value sits at its start, clear of the diamond.
 */
export function meanBars({ labels, means, yours, narrow, axis, meanName, yoursName }: {
  labels: string[];
  means: (number | null)[];
  yours?: (number | null)[];
  narrow: boolean;
  axis: string;
  meanName: string;
  yoursName?: string;
}) {
  const labelWidth = narrow ? 110 : 220;
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 32, containLabel: true },
    legend: { top: 0, left: 0, itemGap: 24 },
    tooltip: { show: false },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { interval: 0, width: labelWidth, overflow: 'break', lineHeight: 14 } },
    xAxis: { type: 'value', min: 0, max: 100, name: axis, nameLocation: 'middle', nameGap: 24, axisLabel: { hideOverlap: true } },
    series: [
      { name: meanName, type: 'bar', barMaxWidth: 28, itemStyle: { color: '#8dbbdc' }, label: { show: true, position: 'insideLeft', color: '#0b0c0c' }, data: means.map((m) => (m === null ? null : Math.round(m))) },
      ...(yours && yoursName
        ? [{ name: yoursName, type: 'scatter', symbol: 'diamond', symbolSize: 16, itemStyle: { color: '#b35900' }, data: yours.map((v, i) => (v === null ? null : [Math.round(v), i])).filter((v) => v !== null) }]
        : []),
    ],
  };
}
