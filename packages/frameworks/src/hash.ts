import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so the same data always gives the
 * same string whatever order the YAML wrote its keys in. Array order is content.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Keys of Waymark's own plain words in a framework document (schema.ts), which the content hash leaves out. */
const PLAIN_WORDS = new Set(['title', 'todo']);
const HOLDS_PLAIN_WORDS = new Set(['elements', 'actions', 'prompts']);

/**
 * The document as the source wrote it: every element, action and prompt without Waymark's own
 * `title` and `todo`. Its hash is what a published version promises never to change; the plain
 * words beside it may be improved (the import refreshes them), because they are not the source's.
 */
export function sourceContent(value: unknown, inside = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => sourceContent(item, inside));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(HOLDS_PLAIN_WORDS.has(inside) && PLAIN_WORDS.has(key)))
      .map(([key, item]) => [key, sourceContent(item, key)]),
  );
}

/** sha256 hex of the canonical JSON form. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
