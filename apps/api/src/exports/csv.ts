import { type Stringifier, stringify } from 'csv-stringify';

/** Every CSV header is a database column name, or written like one: one style across all CSVs. */
export const CSV_HEADER = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/**
 * The one way a CSV is written. A UTF-8 byte-order mark first, because Excel opened by a
 * double-click otherwise reads the file in the machine's legacy code page and garbles every
 * accented name. Cells a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with a
 * quote. Timestamps come out as the API shows them (ISO 8601, UTC, milliseconds).
 */
export function csvStringifier(columns: readonly string[]): Stringifier {
  const odd = columns.filter((c) => !CSV_HEADER.test(c));
  if (odd.length) throw new Error(`CSV headers must be snake_case like the database's columns: ${odd.join(', ')}`);
  return stringify({
    bom: true,
    header: true,
    columns: columns.map((key) => ({ key, header: key })),
    escape_formulas: true,
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      date: (value) => value.toISOString(),
      object: (value) => JSON.stringify(value),
    },
  });
}
