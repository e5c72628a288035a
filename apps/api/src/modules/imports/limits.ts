import { IMPORT_FILE_BYTES, badInput } from '@waymark/domain';
import { MAX_BODY_BYTES } from '../../http/graphql-handler';

/**
 * How much one import may hold. The file travels base64-encoded inside a GraphQL request, whose
 * body is capped at MAX_BODY_BYTES (1 MiB): 700 KiB of file is 933 KiB of base64, which leaves room
 * for the query and the other arguments.
 */
export const IMPORT_LIMITS = Object.freeze({
  /** The file's own size, in bytes (decoded). */
  bytes: IMPORT_FILE_BYTES,
  /** Rows under the header (blank rows are not counted). */
  rows: 2000,
  /** An XLSX workbook's parts once unzipped, in bytes: a small file cannot unpack into a huge one. */
  unpackedBytes: 16 * 1024 * 1024,
  /** Parts an XLSX workbook may have. */
  unpackedFiles: 500,
  /** Row errors listed in a report or an error (all are counted). */
  errorsListed: 200,
});

/** The base64 text of a file at the byte limit (four characters per three bytes). */
export const MAX_BASE64_CHARS = Math.ceil(IMPORT_LIMITS.bytes / 3) * 4;

if (MAX_BASE64_CHARS + 4096 > MAX_BODY_BYTES) throw new Error('imports: the file limit does not fit in a GraphQL request body');

/** Where a file-wide problem is reported: the file's content. */
export const FILE_FIELD = 'input.file.contentBase64';

export const tooManyRows = () =>
  badInput(FILE_FIELD, `the file has more than ${IMPORT_LIMITS.rows} rows under its header: split it into smaller files`, { limit: 'rows', max: IMPORT_LIMITS.rows });
