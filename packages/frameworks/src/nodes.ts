import type { FrameworkDocument } from './schema';
import type { FrameworkNodeRow, NodeKind } from './types';

export interface WalkedNode {
  row: FrameworkNodeRow;
  /** Where the node sits in the document, for error messages. */
  path: (string | number)[];
}

/** Every node in document order: principle, then per element its actions (with parts), then its groups (with prompts). */
export function walkNodes(doc: Pick<FrameworkDocument, 'principles'>): WalkedNode[] {
  const out: WalkedNode[] = [];
  const add = (kind: NodeKind, key: string, parentKey: string | null, position: number, text: string, path: (string | number)[], plain: { title?: string; todo?: string } = {}) =>
    out.push({ row: { key, kind, parentKey, position, text, title: plain.title ?? null, todo: plain.todo ?? null, footnotes: [] }, path });

  doc.principles.forEach((principle, p) => {
    const pPath = ['principles', p];
    add('PRINCIPLE', principle.key, null, p, principle.title, pPath);
    principle.elements.forEach((element, e) => {
      const ePath = [...pPath, 'elements', e];
      add('ELEMENT', element.key, principle.key, e, element.question, ePath, { title: element.title });
      element.actions.forEach((action, a) => {
        const aPath = [...ePath, 'actions', a];
        add('ACTION', action.key, element.key, a, action.question, aPath, { todo: action.todo });
        action.parts.forEach((part, i) => add('PART', part.key, action.key, i, part.text, [...aPath, 'parts', i]));
      });
      element.evidenceGroups.forEach((group, g) => {
        const gPath = [...ePath, 'evidenceGroups', g];
        add('PROMPT_GROUP', group.key, element.key, element.actions.length + g, group.label, gPath);
        group.prompts.forEach((prompt, i) => add('PROMPT', prompt.key, group.key, i, prompt.text, [...gPath, 'prompts', i], { todo: prompt.todo }));
      });
    });
  });
  return out;
}
