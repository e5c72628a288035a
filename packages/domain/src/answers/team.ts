import type { AssessorAnswer, Disagreement } from './types';

// Plain code-unit order, so output does not depend on the runtime's locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** nodeKey -> value -> userIds, in order of first appearance. Repeated identical answers count once. */
function groupByNode(answers: readonly AssessorAnswer[]): Map<string, Map<string, Set<string>>> {
  const byNode = new Map<string, Map<string, Set<string>>>();
  for (const { nodeKey, userId, value } of answers) {
    let byValue = byNode.get(nodeKey);
    if (byValue === undefined) {
      byValue = new Map();
      byNode.set(nodeKey, byValue);
    }
    let users = byValue.get(value);
    if (users === undefined) {
      users = new Set();
      byValue.set(value, users);
    }
    users.add(userId);
  }
  return byNode;
}

/**
 * Nodes where assessors gave two or more different values, in framework order (`orderedKeys`).
 * Values, and the user ids under each, are sorted so the output is stable. A disagreement on a
 * key missing from `orderedKeys` (for example one left over from an older framework version) is
 * still surfaced rather than hidden: such keys follow the ordered ones, sorted by key.
 */
export function findDisagreements(answers: readonly AssessorAnswer[], orderedKeys: readonly string[]): Disagreement[] {
  const byNode = groupByNode(answers);
  const disagreements = new Map<string, Disagreement>();
  for (const [nodeKey, byValue] of byNode) {
    if (byValue.size < 2) continue;
    const values = [...byValue]
      .map(([value, users]) => ({ value, userIds: [...users].sort(compare) }))
      .sort((a, b) => compare(a.value, b.value));
    disagreements.set(nodeKey, { nodeKey, values });
  }

  const result: Disagreement[] = [];
  for (const key of orderedKeys) {
    const disagreement = disagreements.get(key);
    if (disagreement === undefined) continue;
    result.push(disagreement);
    disagreements.delete(key); // a key repeated in orderedKeys is listed once
  }
  const unordered = [...disagreements.values()].sort((a, b) => compare(a.nodeKey, b.nodeKey));
  return [...result, ...unordered];
}

/**
 * Nodes that at least two assessors answered, all with the same value. A node answered by one
 * person only is not agreement, so it is left out.
 */
export function agreedValues(answers: readonly AssessorAnswer[]): Map<string, string> {
  const agreed = new Map<string, string>();
  for (const [nodeKey, byValue] of groupByNode(answers)) {
    if (byValue.size !== 1) continue;
    const [entry] = byValue;
    if (entry === undefined) continue;
    const [value, users] = entry;
    if (users.size >= 2) agreed.set(nodeKey, value);
  }
  return agreed;
}
