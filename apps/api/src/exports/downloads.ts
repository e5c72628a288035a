import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type express from 'express';
import { notFound } from '@waymark/domain';
import { cursorBatches, cursorRows } from './cursor';
import { attachment, fileName } from './files';
import type { ExportContext } from './route';
import { type SheetFormat, sendSheet } from './sheets';
import { type ExportColumn, type ExportTable, selectFrom, selectTable } from './tables';

type Row = Record<string, unknown>;

/** The organisation the request acts for (by id: the organisation condition of this query). */
export async function organisationRow(ctx: ExportContext, table: ExportTable): Promise<Row> {
  // Metadata-driven like the streamed table dumps (columns from the ORM), so the file's head matches its tables.
  const row = await selectFrom(ctx.db.sql, table).where('id', '=', ctx.organisationId).limit(1).executeTakeFirst();
  if (!row) throw notFound('Organisation', ctx.organisationId);
  return row;
}

const slugOf = (organisation: Row) => String(organisation.slug ?? organisation.id);

/**
 * `{ organisation, exportedAt, tables: { <table>: [rows] } }`, written table by table, a batch of
 * rows at a time, as the client takes it.
 */
async function* organisationJson(ctx: ExportContext, organisation: Row, tables: readonly ExportTable[]): AsyncGenerator<string> {
  yield `{"organisation":${JSON.stringify(organisation)},"exportedAt":${JSON.stringify(new Date().toISOString())},"tables":{`;
  for (const [i, table] of tables.entries()) {
    yield `${i ? ',' : ''}${JSON.stringify(table.name)}:[`;
    let first = true;
    for await (const batch of cursorBatches<Row>(ctx.db.sql, selectTable(ctx.db.sql, table, ctx.organisationId))) {
      yield (first ? '' : ',') + batch.map((row) => JSON.stringify(row)).join(',');
      first = false;
    }
    yield ']';
  }
  yield '}}';
}

export async function sendOrganisationJson(ctx: ExportContext, res: express.Response, tables: readonly ExportTable[], orgTable: ExportTable) {
  const organisation = await organisationRow(ctx, orgTable);
  attachment(res, fileName(slugOf(organisation), [], 'json'), 'application/json; charset=utf-8');
  await pipeline(Readable.from(organisationJson(ctx, organisation, tables)), res);
}

/** JSON and array columns arrive as values; a CSV or XLSX cell holds them as JSON text. */
function csvRow(columns: readonly ExportColumn[], row: Row): Row {
  const out: Row = {};
  for (const column of columns) {
    const value = row[column.name];
    out[column.name] = column.kind === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
  }
  return out;
}

async function* mapRows<T, U>(rows: AsyncIterable<T>, fn: (row: T) => U): AsyncGenerator<U> {
  for await (const row of rows) yield fn(row);
}

/** One table as CSV or XLSX, headed by its database column names, streamed from a cursor. */
export async function sendTable(ctx: ExportContext, res: express.Response, table: ExportTable, orgTable: ExportTable, format: SheetFormat) {
  const organisation = await organisationRow(ctx, orgTable);
  const rows = cursorRows<Row>(ctx.db.sql, selectTable(ctx.db.sql, table, ctx.organisationId));
  const name = { slug: slugOf(organisation), parts: [table.name], sheet: table.name };
  await sendSheet(res, format, name, table.columns.map((c) => c.name), mapRows(rows, (row) => csvRow(table.columns, row)));
}
