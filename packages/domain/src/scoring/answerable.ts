import type { PracticeValue, ScoringAction, ScoringElement } from './types';

/** The keys that take a practice answer: the action's parts, or the action itself when it has none. */
export function answerableKeys(action: ScoringAction): string[] {
  return action.partKeys.length > 0 ? [...action.partKeys] : [action.key];
}

/** Answerable keys with no consensus practice answer, in framework order, each listed once. */
export function missingParts(
  elements: readonly ScoringElement[],
  practice: ReadonlyMap<string, PracticeValue>,
): string[] {
  const missing = new Set<string>();
  for (const element of elements) {
    for (const action of element.actions) {
      for (const key of answerableKeys(action)) {
        if (!practice.has(key)) missing.add(key);
      }
    }
  }
  return [...missing];
}
