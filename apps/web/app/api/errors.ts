import type { CombinedError } from 'urql';
import { i18next, runtimeKey } from '../i18n/i18n';
import { currentFormats } from '../i18n/format';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'NETWORK';

/**
 * An API refusal as the web app needs it: the code, the field it is about, and why in the API's
 * typed terms (extensions.reason with its limit, length, names...). `message` is the API's own
 * sentence, written for programmers: screens show `explain(problem)` instead.
 */
export interface ApiProblem {
  code: string;
  message: string;
  field?: string;
  reason?: string;
  extensions: Record<string, unknown>;
}

/** The first error of a result, as the API words it (extensions.code), or a network failure. */
export function problemOf(error: CombinedError | undefined | null): ApiProblem | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (first) return problemFrom(first.message, first.extensions);
  return { code: 'NETWORK', message: 'network', extensions: {} };
}

/** The same from a download's JSON error body, or an HTTP status without one. */
export function problemFrom(message: string, extensions: Record<string, unknown> | undefined): ApiProblem {
  const ext = extensions ?? {};
  return {
    code: typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR',
    message,
    field: typeof ext.field === 'string' ? ext.field : undefined,
    reason: typeof ext.reason === 'string' ? ext.reason : undefined,
    extensions: ext,
  };
}

export function isCode(error: CombinedError | undefined | null, code: ErrorCode): boolean {
  return problemOf(error)?.code === code;
}

const numberOr = (value: unknown) => (typeof value === 'number' ? value : undefined);
const stringOr = (value: unknown) => (typeof value === 'string' ? value : undefined);
const statusWord = (value: unknown) => (typeof value === 'string' && i18next.exists(`status.item.${value}`) ? i18next.t(runtimeKey(`status.item.${value}`)) : undefined);
const list = (items: string[]) => new Intl.ListFormat(i18next.language === 'en-XA' ? 'en-GB' : i18next.language, { type: 'conjunction' }).format(items);

/**
 * The refusal in a sentence a learning officer understands, from the catalogue: by its reason
 * when the API gave one we know (with the limit, the length, the names it carries), else by its
 * code. `names` lets a screen name what the API refers to by id or key (an item's own words).
 */
export function explain(problem: ApiProblem, names: Record<string, string> = {}): string {
  const ext = problem.extensions;
  const limit = numberOr(ext.limit);
  const actual = numberOr(ext.actual);
  const cycles = Array.isArray(ext.cycles) ? ext.cycles.filter((c): c is string => typeof c === 'string') : [];
  const fmt = currentFormats();
  const values = {
    ...ext,
    limit,
    actual,
    over: limit !== undefined && actual !== undefined ? actual - limit : undefined,
    count: Array.isArray(ext.missing) ? ext.missing.length : cycles.length || numberOr(ext.count),
    // What the reason refers to, by name and in words, never by id or code.
    todayText: stringOr(ext.today) ? fmt.date(stringOr(ext.today)) : undefined,
    dateText: stringOr(ext.date) ? fmt.date(stringOr(ext.date)) : undefined,
    fromWord: statusWord(ext.from),
    toWord: statusWord(ext.to),
    allowedWords: Array.isArray(ext.allowed) ? list(ext.allowed.map((a) => statusWord(a) ?? String(a))) : undefined,
    whatTitle: stringOr((ext.what as { title?: unknown } | undefined)?.title),
    cyclesText: list(cycles),
    ...names,
  };
  const key = `errors.reason.${problem.reason ?? ''}`;
  if (problem.reason && i18next.exists(key, values)) return i18next.t(runtimeKey(key), values);
  const byCode = `errors.code.${problem.code}`;
  return i18next.t(runtimeKey(i18next.exists(byCode) ? byCode : 'errors.code.INTERNAL_SERVER_ERROR'));
}

/** The sentence for a refusal of `field`, to show beside that field; null when it is about something else. */
export function fieldMessage(problem: ApiProblem | null, field: string, names?: Record<string, string>): string | null {
  return problem?.field === field ? explain(problem, names) : null;
}

/** True when the refusal belongs beside one of these fields (so it is not shown again at the foot of the form). */
export const placedBeside = (problem: ApiProblem | null, fields: readonly string[]) => Boolean(problem?.field && fields.includes(problem.field));
