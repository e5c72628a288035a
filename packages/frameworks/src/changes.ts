import type { FrameworkChangeKind } from '@waymark/domain';
import { type Crosswalk, targetsOf } from './crosswalk';
import type { NodeKind } from './types';

export type { FrameworkChangeKind };

/** One difference between two versions, as a reader would name it. */
export interface FrameworkChange {
  kind: FrameworkChangeKind;
  nodeKind: NodeKind;
  /** The node in the old version (null when added). */
  fromKey: string | null;
  /** The node(s) in the new version (none when removed; two or more when split). */
  toKeys: string[];
  /** The old words (null when added). */
  before: string | null;
  /** The new words, one per key in `toKeys`. */
  after: string[];
}

interface NodeText {
  key: string;
  kind: NodeKind;
  text: string;
}

/**
 * What changed from one version to the next, read from the crosswalk and the two versions' words:
 * a node going to a list of keys was split, several old nodes going to one were merged, a null was
 * removed, a node of the new version that no old node goes to was added, and a node going to one
 * node was reworded when its words differ (or renumbered when only its key does). Unchanged nodes
 * are left out. In the new version's document order, removed nodes where they stood in the old one.
 */
export function describeChanges(crosswalk: Pick<Crosswalk, 'map'>, from: readonly NodeText[], to: readonly NodeText[]): FrameworkChange[] {
  const newNodes = new Map(to.map((n) => [n.key, n]));
  const order = new Map(to.map((n, i) => [n.key, i]));
  const sources = new Map<string, string[]>();
  for (const [oldKey, target] of Object.entries(crosswalk.map)) {
    for (const key of targetsOf(target)) sources.set(key, [...(sources.get(key) ?? []), oldKey]);
  }
  const changes: { at: number; change: FrameworkChange }[] = [];
  let lastAt = -1;
  for (const old of from) {
    const toKeys = targetsOf(crosswalk.map[old.key]).filter((k) => newNodes.has(k));
    const after = toKeys.map((k) => newNodes.get(k)!.text);
    const at = toKeys.length ? order.get(toKeys[0]!)! : lastAt + 0.5;
    lastAt = Math.floor(at);
    const base = { nodeKind: old.kind, fromKey: old.key, toKeys, before: old.text, after };
    let kind: FrameworkChangeKind | null;
    if (!toKeys.length) kind = 'REMOVED';
    else if (toKeys.length > 1) kind = 'SPLIT';
    else if ((sources.get(toKeys[0]!) ?? []).length > 1) kind = 'MERGED';
    else if (after[0] !== old.text) kind = 'REWORDED';
    else if (toKeys[0] !== old.key) kind = 'RENUMBERED';
    else kind = null;
    if (kind) changes.push({ at, change: { kind, ...base } });
  }
  to.forEach((node, i) => {
    if (!sources.has(node.key)) {
      changes.push({ at: i, change: { kind: 'ADDED', nodeKind: node.kind, fromKey: null, toKeys: [node.key], before: null, after: [node.text] } });
    }
  });
  return changes.sort((a, b) => a.at - b.at).map((c) => c.change);
}
