import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { badInput } from '@waymark/domain';
import { FILE_FIELD as FIELD, IMPORT_LIMITS, tooManyRows } from './limits';
import { type Cell, type Sheet, type SheetRow, isBlank } from './sheet';

const { ValueType } = ExcelJS;

const unreadable = (why: string) => badInput(FIELD, `the XLSX workbook cannot be read: ${why}`);

/**
 * The workbook's parts, unzipped within the limits. A zip says how large each part is once
 * unpacked: those sizes are checked before anything is inflated, and inflating never writes past
 * them (a part that claims less than it holds comes out cut short, and fails to parse), so a small
 * file cannot unpack into gigabytes. The parts are then stored again, uncompressed, for ExcelJS.
 */
function boundedWorkbook(bytes: Uint8Array): Uint8Array {
  let total = 0;
  let count = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        count += 1;
        total += file.originalSize;
        if (count > IMPORT_LIMITS.unpackedFiles) {
          throw badInput(FIELD, `the XLSX workbook has more than ${IMPORT_LIMITS.unpackedFiles} parts`, { limit: 'unpackedFiles', max: IMPORT_LIMITS.unpackedFiles });
        }
        if (total > IMPORT_LIMITS.unpackedBytes) {
          throw badInput(FIELD, `the XLSX workbook unpacks to more than ${IMPORT_LIMITS.unpackedBytes} bytes: split it into smaller files`, {
            limit: 'unpackedBytes', max: IMPORT_LIMITS.unpackedBytes,
          });
        }
        return true;
      },
    });
  } catch (error) {
    if ((error as { extensions?: unknown; code?: unknown }).code === 'BAD_USER_INPUT') throw error;
    throw unreadable('it is not a valid zip archive, as an .xlsx file is');
  }
  return zipSync(parts, { level: 0 });
}

/** A Date cell: a calendar day when it has no time of day (how spreadsheets keep dates), else an instant. */
const dateText = (d: Date) => (d.getTime() % 86_400_000 === 0 ? d.toISOString().slice(0, 10) : d.toISOString());

function richText(value: unknown): string {
  if (typeof value === 'string') return value;
  const runs = (value as { richText?: { text: string }[] } | null)?.richText;
  if (runs) return runs.map((r) => r.text).join('');
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** One cell as text, as the person who typed it sees it; formulas and error values are not data. */
function cellOf(cell: ExcelJS.Cell): Cell {
  const value = cell.value;
  switch (cell.type) {
    case ValueType.Null:
    case ValueType.Merge:
      return { text: '' };
    case ValueType.Number:
      return { text: typeof value === 'number' ? String(value) : '' };
    case ValueType.Boolean:
      return { text: value ? 'true' : 'false' };
    case ValueType.Date:
      return { text: dateText(value as Date) };
    case ValueType.Hyperlink:
      return { text: richText((value as ExcelJS.CellHyperlinkValue).text) };
    case ValueType.RichText:
      return { text: richText(value) };
    case ValueType.Formula: {
      const formula = (value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? '';
      return { text: '', problem: `holds a formula (=${formula}), which is not imported: paste its value instead` };
    }
    case ValueType.Error:
      return { text: '', problem: `holds the error value ${(value as ExcelJS.CellErrorValue).error}` };
    default:
      return { text: richText(value) };
  }
}

/** The first sheet of an XLSX workbook: its first row is the header. */
export async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(boundedWorkbook(bytes)) as unknown as ExcelJS.Buffer);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'BAD_USER_INPUT') throw error;
    throw unreadable('it is not an Excel workbook (.xlsx); an Excel 97-2003 file (.xls) must be saved as .xlsx first');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('it has no sheet');
  const width = sheet.getRow(1).cellCount;
  const header = Array.from({ length: width }, (_, i) => cellOf(sheet.getRow(1).getCell(i + 1)).text);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = Array.from({ length: Math.max(row.cellCount, width) }, (_, i) => cellOf(row.getCell(i + 1)));
    if (isBlank(cells)) return;
    rows.push({ row: number, cells });
    // Counted here too, so a sheet of a million rows stops being read at the limit.
    if (rows.length > IMPORT_LIMITS.rows) throw tooManyRows();
  });
  return { header, rows };
}
