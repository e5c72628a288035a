import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type express from 'express';
import ExcelJS from 'exceljs';
import { csvStringifier } from './csv';
import { attachment, fileName } from './files';
import { neutralise } from './formulas';

/** The two spreadsheet formats every sheet-like download comes in, with the same columns and text. */
export const SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Row = Record<string, unknown>;

/**
 * One cell of an XLSX export, carrying the same text as the CSV cell would: instants in the API's
 * format (ISO 8601, UTC, milliseconds), JSON as JSON text, and text that a spreadsheet would run as
 * a formula with the CSV's leading apostrophe. Numbers and booleans stay typed.
 */
function xlsxCell(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return neutralise(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return neutralise(JSON.stringify(value));
}

/** Rejects when the client goes away before the workbook is complete (the writer itself would wait). */
const clientClosed = (res: express.Response) =>
  new Promise<never>((_, reject) => {
    res.once('close', () => {
      if (!res.writableFinished) reject(Object.assign(new Error('client closed the XLSX download'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });

async function writeXlsx(res: express.Response, sheetName: string, columns: readonly string[], rows: Iterable<Row> | AsyncIterable<Row>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((key) => ({ header: key, key, width: Math.min(Math.max(key.length + 2, 14), 40) }));
  sheet.getRow(1).font = { bold: true };
  for await (const row of rows) sheet.addRow(columns.map((c) => xlsxCell(row[c]))).commit();
  sheet.commit();
  await Promise.race([workbook.commit(), clientClosed(res)]);
}

/**
 * A sheet of rows as a CSV or an XLSX download named the way every download is
 * (`waymark-<organisation>-<what>-<date>.<ext>`). Both formats have the same header (snake_case)
 * and the same text in every cell, so a file exported in one format imports like the other.
 */
export async function sendSheet(
  res: express.Response,
  format: SheetFormat,
  name: { slug: string; parts: readonly string[]; sheet: string },
  columns: readonly string[],
  rows: Iterable<Row> | AsyncIterable<Row>,
): Promise<void> {
  if (format === 'csv') {
    const stringifier = csvStringifier(columns);
    attachment(res, fileName(name.slug, name.parts, 'csv'), 'text/csv; charset=utf-8');
    await pipeline(Readable.from(rows), stringifier, res);
    return;
  }
  attachment(res, fileName(name.slug, name.parts, 'xlsx'), XLSX_CONTENT_TYPE);
  await writeXlsx(res, name.sheet, columns, rows);
}
