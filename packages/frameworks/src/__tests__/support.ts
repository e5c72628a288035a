import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DATA_DIR } from '../loader';

export const BUNDLED_FRAMEWORK_FILE = join(DATA_DIR, 'frameworks', 'inspiring-learning-partnerships@1.0.0.yaml');
export const BUNDLED_GUIDANCE_FILE = join(DATA_DIR, 'guidance', 'informal-learning-institutions.yaml');
export const bundledFrameworkText = (): string => readFileSync(BUNDLED_FRAMEWORK_FILE, 'utf8');
export const bundledGuidanceText = (): string => readFileSync(BUNDLED_GUIDANCE_FILE, 'utf8');

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Plain, editable data read from a YAML text. */
export type Editable = any;

/** The bundled framework as plain data, edited, and written back as YAML. */
export function editedFrameworkYaml(edit: (doc: Editable) => void): string {
  const doc: Editable = parse(bundledFrameworkText());
  edit(doc);
  return stringify(doc);
}

/** Runs `fn`, expecting it to throw an instance of `type`, and returns the error. */
export function thrown<E extends Error>(type: new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
