import { badInput } from '@waymark/domain';
import { readCsv } from './csv';
import { FILE_FIELD, IMPORT_LIMITS, tooManyRows } from './limits';
import type { Sheet } from './sheet';
import { SpreadsheetFormat, type SpreadsheetFileInput } from './types';
import { readXlsx } from './xlsx';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The file's format: as given, else by its extension, else by what it holds. */
function formatOf(file: SpreadsheetFileInput, bytes: Uint8Array): SpreadsheetFormat {
  if (startsWith(bytes, OLE)) {
    throw badInput(FILE_FIELD, 'this is an Excel 97-2003 workbook (.xls): save it as an Excel Workbook (.xlsx) or as CSV UTF-8, then import that', { limit: 'format' });
  }
  const zip = startsWith(bytes, ZIP);
  const ext = /\.(csv|xlsx)$/i.exec(file.name)?.[1]?.toUpperCase();
  const format = file.format ?? (ext as SpreadsheetFormat | undefined) ?? (zip ? SpreadsheetFormat.XLSX : SpreadsheetFormat.CSV);
  if (format === SpreadsheetFormat.CSV && zip) {
    throw badInput(FILE_FIELD, 'this is a zip archive (an XLSX workbook?), not CSV text: send it with format XLSX or a name ending .xlsx', { limit: 'format' });
  }
  if (format === SpreadsheetFormat.XLSX && !zip) {
    throw badInput(FILE_FIELD, 'this is not an XLSX workbook (an .xlsx file is a zip archive): send CSV with format CSV or a name ending .csv', { limit: 'format' });
  }
  return format;
}

/** The file's bytes, within the size limit. */
function decode(file: SpreadsheetFileInput): Uint8Array {
  const text = file.contentBase64.replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 === 1) throw badInput(FILE_FIELD, 'is not base64: send the file\u2019s bytes encoded as base64 (for example with `base64 -w0 file.csv`)');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > IMPORT_LIMITS.bytes) {
    throw badInput(FILE_FIELD, `the file is ${bytes.length} bytes and an import takes at most ${IMPORT_LIMITS.bytes}: split it into smaller files`, {
      limit: 'bytes', max: IMPORT_LIMITS.bytes,
    });
  }
  if (!bytes.length) throw badInput(FILE_FIELD, 'the file is empty');
  return bytes;
}

/** The file given, read into a header and rows whatever its format, within every limit. */
export async function readFile(file: SpreadsheetFileInput): Promise<{ format: SpreadsheetFormat; sheet: Sheet }> {
  const bytes = decode(file);
  const format = formatOf(file, bytes);
  const sheet = format === SpreadsheetFormat.CSV ? readCsv(bytes) : await readXlsx(bytes);
  if (sheet.rows.length > IMPORT_LIMITS.rows) throw tooManyRows();
  return { format, sheet };
}
