import { z } from 'zod';
import { KEY_EXAMPLES, KEY_PATTERNS, SEMVER, SLUG } from './keys';
import type { NodeKind } from './types';

// Whitespace is collapsed so that YAML layout (folded, quoted, re-wrapped) never changes
// a text or the content hash; only the words count.
export const text = z
  .string()
  .overwrite((s) => s.replace(/\s+/g, ' ').trim())
  .min(1, 'must not be empty');

const quotedString = z.string({
  error: (issue) =>
    issue.input === undefined ? 'required' : 'must be a quoted string (YAML reads 3.1 unquoted as a number)',
});

export const nodeKey = (kind: NodeKind) =>
  quotedString.regex(KEY_PATTERNS[kind], `not a well-formed ${kind} key (like "${KEY_EXAMPLES[kind]}")`);

export const slug = z.string().regex(SLUG, 'must be lower-case kebab case (like "informal-learning-institutions")');
export const semver = quotedString.regex(SEMVER, 'must be a version like "1.0.0"');

export const sourceSchema = z.strictObject({
  title: text,
  publisher: text,
  attribution: text,
  url: z.url().optional(),
  licence: text.optional(),
});

/** Collects "first seen at" for each key so a duplicate can point at both places. */
export class KeyRegistry {
  private readonly seen = new Map<string, string>();
  /** Returns where the key was first seen, or undefined when it is new. */
  claim(key: string, where: string): string | undefined {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, where);
    return first;
  }
  has(key: string): boolean {
    return this.seen.has(key);
  }
}
