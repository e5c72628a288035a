import { type ReactNode, useEffect, useRef } from 'react';
import { type EChartsCoreOption, echarts } from './echarts';

export interface TableAlternative {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart (ECharts, drawn as SVG in the page: nothing the CSP forbids) with the same figures as a
 * table beneath it. The drawing is one image with a summary for screen readers; the table is
 * the full alternative, for them and for anyone who prefers numbers.
 */
export function Chart({ title, summary, option, table, height = 320, note }: { title: string; summary: string; option: EChartsCoreOption; table: TableAlternative; height?: number; note?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} className="chart-canvas" role="img" aria-label={summary} style={{ height }} />
      {note ? <div className="chart-note">{note}</div> : null}
      <details className="chart-table">
        <summary>{title}: the figures as a table</summary>
        <DataTable {...table} />
      </details>
    </figure>
  );
}

export function DataTable({ caption, columns, rows }: TableAlternative) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>{columns.map((column) => <th key={column} scope="col">{column}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
