import type { NodeKind } from './types';

// Every key spells out its ancestry, so a key alone says where a node sits and
// answers stored against it stay meaningful when a later version moves text around.
// Numbers start at 1 with no leading zero, so "3.01" can never stand beside "3.1".
export const KEY_PATTERNS: Record<NodeKind, RegExp> = {
  PRINCIPLE: /^[1-9]\d*$/,
  ELEMENT: /^[1-9]\d*\.[1-9]\d*$/,
  ACTION: /^[1-9]\d*\.[1-9]\d*\.[1-9]\d*$/,
  PART: /^[1-9]\d*\.[1-9]\d*\.[1-9]\d*\.[a-z]$/,
  PROMPT_GROUP: /^[1-9]\d*\.[1-9]\d*\.g[1-9]\d*$/,
  PROMPT: /^[1-9]\d*\.[1-9]\d*\.g[1-9]\d*\.[1-9]\d*$/,
};

export const KEY_EXAMPLES: Record<NodeKind, string> = {
  PRINCIPLE: '3',
  ELEMENT: '3.1',
  ACTION: '3.1.1',
  PART: '3.1.1.a',
  PROMPT_GROUP: '3.1.g1',
  PROMPT: '3.1.g1.1',
};

export function isNodeKey(key: string): boolean {
  return Object.values(KEY_PATTERNS).some((pattern) => pattern.test(key));
}

/** The key of the parent node: every key is its parent's key plus one segment. */
export function parentKeyOf(key: string): string | null {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? null : key.slice(0, dot);
}

/** Lower-case kebab case; used for framework, guidance and guidance item keys. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SEMVER = /^\d+\.\d+\.\d+$/;
