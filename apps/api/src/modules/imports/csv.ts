import { parse } from 'csv-parse/sync';
import { badInput } from '@waymark/domain';
import { FILE_FIELD as FIELD } from './limits';
import { type Sheet, isBlank } from './sheet';


/**
 * The delimiter of a CSV, from its header line: a comma, or the semicolon that Excel writes in
 * locales where the comma is the decimal separator.
 */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => header.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * A CSV file: UTF-8 (a byte-order mark is allowed and dropped), comma- or semicolon-separated,
 * quoted the usual way. Row numbers are the spreadsheet's (a quoted cell over several lines is
 * still one row).
 */
export function readCsv(bytes: Uint8Array): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(FIELD, 'the CSV is not UTF-8 text: in Excel, save it as "CSV UTF-8 (Comma delimited)"', { limit: 'encoding' });
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false }) satisfies string[][];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw badInput(FIELD, `the CSV cannot be read${e.lines ? ` (at line ${e.lines})` : ''}: ${e.message ?? 'it is not well formed'}`);
  }
  const [header = [], ...rows] = records;
  return {
    header,
    rows: rows.map((cells, i) => ({ row: i + 2, cells: cells.map((t) => ({ text: t })) })).filter((r) => !isBlank(r.cells)),
  };
}
