import { sql } from 'kysely';
import { type ErrorCode, WaymarkError, badInput } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit } from '../../graphql/audit';
import { assertAllowed } from '../../graphql/auth-checker';
import { type Value, parseCell } from './cells';
import { readFile } from './file';
import { FILE_FIELD, IMPORT_LIMITS } from './limits';
import type { Sheet } from './sheet';
import type { ImportSpec, RowInput } from './spec';
import type { ImportInput, ImportReport, ImportRow, ImportRowError } from './types';

/** A column's letter as a spreadsheet shows it (0 is A, 26 is AA). */
function letter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const headerName = (text: string) => text.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Which column of the file each column of the layout is in; anything the layout does not know is refused. */
function layoutOf(spec: ImportSpec<unknown>, sheet: Sheet) {
  const known = new Set([...spec.columns.map((c) => c.name), ...spec.ignored]);
  const read = new Map<string, number>();
  const ignored: string[] = [];
  const unknown: string[] = [];
  sheet.header.forEach((raw, index) => {
    const name = headerName(raw);
    if (!name) {
      const used = sheet.rows.find((r) => r.cells[index]?.text.trim() || r.cells[index]?.problem);
      if (used) throw badInput(FILE_FIELD, `column ${letter(index)} has values (row ${used.row}) but no header: give it one of the layout's names or delete it`);
      return;
    }
    if (read.has(name) || ignored.includes(name)) throw badInput(FILE_FIELD, `the column ${name} appears twice in the header`);
    if (!known.has(name)) unknown.push(name);
    else if (spec.columns.some((c) => c.name === name)) read.set(name, index);
    else ignored.push(name);
  });
  if (unknown.length) {
    throw badInput(
      FILE_FIELD,
      `the header has ${unknown.map((n) => `"${n}"`).join(', ')}, which the ${spec.noun} layout does not have: its columns are ${spec.columns.map((c) => c.name).join(', ')} (and, not imported, ${spec.ignored.join(', ')})`,
      { unknownColumns: unknown },
    );
  }
  const missing = spec.required.filter((name) => !read.has(name));
  if (missing.length) throw badInput(FILE_FIELD, `the header has no ${missing.join(', ')} column: the ${spec.noun} layout needs it`, { missingColumns: missing });
  const width = sheet.header.length;
  for (const row of sheet.rows) {
    const extra = row.cells.findIndex((c, i) => i >= width && (c.text.trim() || c.problem));
    if (extra >= 0) throw badInput(FILE_FIELD, `row ${row.row} has a value in column ${letter(extra)}, which has no header`);
  }
  return { read, ignored };
}

/**
 * Turns an error of the one-row services into a row error: the input field it names becomes the
 * file's column, and so does every field name its message mentions.
 */
function rowError(spec: ImportSpec<unknown>, row: number, error: WaymarkError, fallback: string | null): ImportRowError {
  const byField = new Map(spec.columns.map((c) => [c.field, c.name]));
  const field = (typeof error.details.field === 'string' ? error.details.field : '').split('.').pop()?.replace(/\[\d+\]$/, '') ?? '';
  const column = byField.get(field) ?? fallback;
  let problem = error.message.replace(/^[\w.[\]]+: /, '');
  for (const [f, name] of byField) problem = problem.replace(new RegExp(`\\b${f}\\b`, 'g'), name);
  // class-validator starts its messages with the field: the row error names the column already.
  if (column && problem.startsWith(`${column} `)) problem = problem.slice(column.length + 1);
  return { row, column, code: error.code, message: `Row ${row}${column ? `, ${column}` : ''}: ${problem}` };
}

/** Every cell of the columns read, as values; a bad cell is an error of its row (all of a row's bad cells are listed). */
function readRows(spec: ImportSpec<unknown>, sheet: Sheet, read: ReadonlyMap<string, number>, errors: ImportRowError[]): RowInput[] {
  const rows: RowInput[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const values = new Map<string, Value>();
    let bad = false;
    for (const column of spec.columns) {
      const index = read.get(column.name);
      if (index === undefined) continue;
      let parsed = parseCell(column.type, cells[index] ?? { text: '' });
      if (column.required && 'value' in parsed && parsed.value === null) parsed = { problem: `must not be blank: every ${spec.noun} has one` };
      if ('problem' in parsed) {
        errors.push({ row, column: column.name, code: 'BAD_USER_INPUT', message: `Row ${row}, ${column.name}: ${parsed.problem}` });
        bad = true;
      } else values.set(column.name, parsed.value);
    }
    const key = values.get(spec.key);
    if (!bad && key !== null && key !== undefined) {
      const first = seen.get(String(key).toLowerCase());
      if (first !== undefined) {
        errors.push({ row, column: spec.key, code: 'BAD_USER_INPUT', message: `Row ${row}, ${spec.key}: the same ${spec.noun} is in row ${first}; each row must be a different one` });
        bad = true;
      } else seen.set(String(key).toLowerCase(), row);
    }
    if (!bad) rows.push({ row, values });
  }
  return rows;
}

const SAVEPOINT = 'waymark_import_dry_run';

/**
 * Runs one import in the request's transaction. Every row is checked and applied through the
 * one-row services (their rules, audit entries and events). Nothing is kept unless every row is
 * valid: a dry run, or a run with a bad row, keeps nothing (a dry run rolls back to a savepoint and
 * reports; a real run with a bad row fails, and the request's transaction rolls back whole).
 */
export async function runImport<S>(ctx: TenantContext, spec: ImportSpec<S>, input: ImportInput, scope: { assessmentId?: string } = {}): Promise<ImportReport> {
  // Bulk change is a power of its own: a key needs the imports:write scope besides the kind's write scope.
  assertAllowed(ctx, ['imports:write']);
  const { format, sheet } = await readFile(input.file);
  const { read, ignored } = layoutOf(spec, sheet);
  if (!sheet.rows.length) throw badInput(FILE_FIELD, 'the file has a header but no rows under it');
  const errors: ImportRowError[] = [];
  const rows = readRows(spec, sheet, read, errors);
  const state = await spec.load(ctx, rows);

  const { dryRun } = input;
  // A savepoint inside the session's transaction, which MikroORM owns (the builder's driver refuses
  // to begin or end transactions): sent as the statement it is, on the session's connection.
  if (dryRun) await sql`savepoint ${sql.id(SAVEPOINT)}`.execute(ctx.db.sql);
  const done: ImportRow[] = [];
  try {
    for (const row of rows) {
      try {
        done.push({ row: row.row, ...(await spec.apply(ctx, state, row)) });
      } catch (error) {
        if (!(error instanceof WaymarkError)) throw error;
        errors.push(rowError(spec, row.row, error, spec.key));
      }
    }
    // A database rule (a unique key) speaks here, for a dry run as for a real one.
    if (!errors.length) await ctx.em.flush();
  } finally {
    if (dryRun) {
      await sql`rollback to savepoint ${sql.id(SAVEPOINT)}`.execute(ctx.db.sql);
      ctx.em.clear();
    }
  }

  errors.sort((a, b) => a.row - b.row);
  const errorRows = new Set(errors.map((e) => e.row)).size;
  const count = (action: string) => done.filter((r) => r.action === action).length;
  const report: ImportReport = {
    kind: spec.kind,
    fileName: input.file.name,
    format,
    dryRun,
    saved: !dryRun,
    rowCount: sheet.rows.length,
    added: count('ADD'),
    changed: count('CHANGE'),
    unchanged: count('UNCHANGED'),
    columnsRead: [...read.keys()],
    columnsIgnored: ignored,
    rows: done.map((r) => (dryRun && r.action === 'ADD' ? { ...r, id: null } : r)),
    errorRows,
    errors: errors.slice(0, IMPORT_LIMITS.errorsListed),
  };
  if (dryRun) return report;
  if (errors.length) throw failed(report, errors);
  const { rows: _rows, errors: _errors, ...summary } = report;
  audit(ctx, `import.${spec.kind.toLowerCase()}`, 'Import', scope.assessmentId ?? null, null, summary);
  await ctx.em.flush();
  return report;
}

/**
 * The error of an import with bad rows: nothing was saved. Its code is the rows' own when they all
 * fail for one reason (another organisation's ids are NOT_FOUND, as for the one-row mutations).
 */
function failed(report: ImportReport, errors: ImportRowError[]): WaymarkError {
  const codes = new Set(errors.map((e) => e.code));
  const code = (codes.size === 1 ? [...codes][0] : 'BAD_USER_INPUT') as ErrorCode;
  const first = errors.slice(0, 3).map((e) => e.message).join(' ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more problem${errors.length > 4 ? 's' : ''})` : '';
  return new WaymarkError(code, `${report.errorRows} row${report.errorRows > 1 ? 's' : ''} of ${report.fileName} cannot be imported, so nothing was saved. ${first}${more}`, {
    field: 'input.file',
    errorRows: report.errorRows,
    errors: report.errors,
  });
}
