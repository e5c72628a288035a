import { FORMULA_TRIGGERS, NEUTRALISER } from '../../exports/formulas';
import type { Cell } from './sheet';

/** How a column's cells are read: text, a calendar day, an instant, a whole number, true/false, or one of a list. */
export type ColumnType = 'text' | 'date' | 'instant' | 'integer' | 'boolean' | readonly string[];

export type Value = string | number | boolean | Date | null;

export type Parsed = { value: Value } | { problem: string };

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A cell's text quoted in a message, shortened when long. */
export const quoted = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * Formula injection, refused on the way in (OWASP "CSV Injection"): text that a spreadsheet would
 * run as a formula, because it starts with = + - @ (or their full-width forms), a tab or a carriage
 * return, is refused unless it is a plain number. Text that carries the apostrophe the exports put
 * before such text is taken without it, so an exported file imports as it was.
 */
export function formulaSafe(text: string): { text: string } | { problem: string } {
  if (text.startsWith(NEUTRALISER) && FORMULA_TRIGGERS.has(text.charAt(1))) return { text: text.slice(1) };
  const first = FORMULA_TRIGGERS.has(text.charAt(0)) ? text.charAt(0) : text.trimStart().charAt(0);
  if (!FORMULA_TRIGGERS.has(first) || PLAIN_NUMBER.test(text.trim())) return { text };
  const shown = first === '\t' ? 'a tab' : first === '\r' ? 'a carriage return' : `"${first}"`;
  return {
    problem: `starts with ${shown}, so a spreadsheet would run it as a formula; if it is meant as text, put an apostrophe (') before it, as Waymark's exports do (the cell holds ${quoted(text)})`,
  };
}

function isRealDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Text in a list's spelling: "in progress" and "In-Progress" are IN_PROGRESS. */
const asListValue = (text: string) => text.toUpperCase().replace(/[\s-]+/g, '_');

/** One cell read as its column's type; a blank cell is null. */
export function parseCell(type: ColumnType, cell: Cell): Parsed {
  if (cell.problem) return { problem: cell.problem };
  const safe = formulaSafe(cell.text);
  if ('problem' in safe) return safe;
  const text = safe.text.trim();
  if (!text) return { value: null };
  if (type === 'text') return { value: text };
  if (type === 'date') {
    return isRealDay(text) ? { value: text } : { problem: `is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31 (the cell holds ${quoted(text)})` };
  }
  if (type === 'instant') {
    const at = new Date(text);
    return INSTANT.test(text) && !Number.isNaN(at.getTime())
      ? { value: at }
      : { problem: `is not a date and time as Waymark's exports write it, e.g. 2026-03-31T09:30:00.000Z (the cell holds ${quoted(text)})` };
  }
  if (type === 'integer') {
    const n = Number(text);
    return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(n) ? { value: n } : { problem: `is not a whole number (the cell holds ${quoted(text)})` };
  }
  if (type === 'boolean') {
    const word = text.toLowerCase();
    if (word === 'true' || word === 'yes') return { value: true };
    if (word === 'false' || word === 'no') return { value: false };
    return { problem: `must be true or false (the cell holds ${quoted(text)})` };
  }
  const value = asListValue(text);
  return type.includes(value) ? { value } : { problem: `must be one of ${type.join(', ')} (the cell holds ${quoted(text)})` };
}

/** A value as the report shows it, before and after: the text an export would write. */
export function shown(value: Value | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Whether two values are the same for an import (blank text and no value are the same). */
export const same = (a: Value | undefined, b: Value | undefined): boolean => shown(a) === shown(b);
