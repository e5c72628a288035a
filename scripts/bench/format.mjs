// Plain-text tables and number formats for the figures.
import { performance } from 'node:perf_hooks';

export const int = (n) => Math.round(n).toLocaleString('en-GB');
export const fixed = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
/** A signed size: RSS can also shrink during a download when the allocator hands pages back. */
export const deltaMb = (bytes) => `${bytes >= 0 ? '+' : '-'}${(Math.abs(bytes) / 1e6).toFixed(1)} MB`;

/** Columns: [{ title, align: 'left' | 'right' }]; rows: arrays of strings. */
export function table(columns, rows) {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (text, i) => (columns[i].align === 'left' ? String(text).padEnd(widths[i]) : String(text).padStart(widths[i]));
  const line = (cells) => cells.map(cell).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Wall-clock time of one setup step, printed as it finishes. */
export async function step(label, fn) {
  const started = performance.now();
  const result = await fn();
  console.log(`  ${label.padEnd(58)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  return result;
}
