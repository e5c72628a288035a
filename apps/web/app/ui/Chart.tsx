import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type EChartsCoreOption, echarts } from './echarts';
import { TableFrame } from './TableFrame';

export interface TableAlternative {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** Narrower than this, charts put their legends below and shorten or turn their axis labels. */
export const NARROW_CHART = 520;

/**
 * A chart (ECharts, drawn as SVG in the page: nothing the CSP forbids) with the same figures as a
 * table beneath it. The drawing is one image with a summary for screen readers; the table is
 * the full alternative, for them and for anyone who prefers numbers. The option may depend on the
 * chart's width, so a phone gets a legend and labels that fit.
 */
export function Chart({ title, summary, option, table, height = 320, note }: {
  title: string;
  summary: string;
  option: EChartsCoreOption | ((width: number) => EChartsCoreOption);
  table: TableAlternative;
  height?: number;
  note?: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    let width = -1;
    const draw = () => {
      if (element.clientWidth === width) return;
      width = element.clientWidth;
      const own = typeof option === 'function' ? option(width) : option;
      // The page's own font by name: ECharts measures text with it to lay out legends and labels,
      // and a family it cannot measure ('inherit') left items overlapping once drawn in the real one.
      chart.setOption({ animation: false, textStyle: { fontFamily: getComputedStyle(element).fontFamily }, ...own }, { notMerge: true });
      chart.resize();
    };
    draw();
    const resize = new ResizeObserver(draw);
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
        <summary>{t('chart.asTable', { title })}</summary>
        <DataTable {...table} />
      </details>
    </figure>
  );
}

export function DataTable({ caption, columns, rows }: TableAlternative) {
  return (
    <TableFrame label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>{columns.map((column, i) => <th key={`${i}-${column}`} scope="col">{column}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
