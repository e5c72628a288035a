import type { ApiProblem } from '../../api/errors';

/** One row's error, as the API words it: "Row 3, contact_email: must be an email address". */
export interface RowError {
  row: number;
  column?: string | null;
  message: string;
}

/** The file's bytes in base64, as the import mutations take them (read in slices: spreading a large array overflows the stack). */
export async function readAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** The rows an import refused (extensions.errors of a real import with bad rows), in file order. */
export function rowErrorsOf(problem: ApiProblem): RowError[] {
  const errors = problem.extensions.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is RowError => typeof e === 'object' && e !== null && typeof (e as RowError).row === 'number' && typeof (e as RowError).message === 'string');
}

/**
 * A problem with the file itself (too large, not UTF-8, a header the layout does not have), in the
 * API's own sentence without the field it names ("input.file.contentBase64: the file is empty").
 */
export function fileSentence(problem: ApiProblem): string | null {
  if (problem.code !== 'BAD_USER_INPUT' || !problem.field?.startsWith('input.file')) return null;
  const text = problem.message.startsWith(`${problem.field}: `) ? problem.message.slice(problem.field.length + 2) : problem.message;
  return text ? text[0]!.toUpperCase() + text.slice(1) : null;
}
