import type { PlanElement } from '@waymark/domain';
import { FrameworkNodeKind } from '../entities';
import type { FrameworkTree } from '../frameworks/tree';

const shapes = new WeakMap<FrameworkTree, PlanElement[]>();

/** The framework as plan generation needs it: words, footnotes and guidance per action and prompt. */
export function planElementsOf(tree: FrameworkTree): PlanElement[] {
  const cached = shapes.get(tree);
  if (cached) return cached;
  const elements = tree.nodes
    .filter((n) => n.kind === FrameworkNodeKind.ELEMENT)
    .map((element) => ({
      key: element.key,
      text: element.text,
      title: element.title,
      actions: element.children
        .filter((c) => c.kind === FrameworkNodeKind.ACTION)
        .map((action) => ({
          key: action.key,
          text: action.text,
          todo: action.todo,
          parts: action.children.filter((c) => c.kind === FrameworkNodeKind.PART).map((p) => ({ key: p.key, text: p.text })),
          footnotes: action.footnotes.map((number) => ({ number, text: tree.footnotes.get(number) ?? '' })),
          guidance: (tree.guidanceByNode.get(action.key) ?? []).map((g) => ({ guidanceKey: g.guidanceKey, title: g.title, reason: g.reason })),
        })),
      prompts: element.children
        .filter((c) => c.kind === FrameworkNodeKind.PROMPT_GROUP)
        .flatMap((group) => group.children.map((p) => ({ key: p.key, text: p.text, groupLabel: group.text, todo: p.todo }))),
    }));
  shapes.set(tree, elements);
  return elements;
}
