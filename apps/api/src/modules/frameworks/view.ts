import type { FrameworkNodeType, FrameworkType } from './types';
import type { FrameworkTree, NodeView } from '@waymark/db';

const viewCache = new WeakMap<FrameworkTree, FrameworkType>();


/** The GraphQL shape of a framework tree; built once per tree (it is immutable). */
export function frameworkView(tree: FrameworkTree): FrameworkType {
  const cached = viewCache.get(tree);
  if (cached) return cached;
  const views = new Map<string, FrameworkNodeType>();
  const toView = (node: NodeView): FrameworkNodeType => {
    const existing = views.get(node.key);
    if (existing) return existing;
    const view: FrameworkNodeType = {
      key: node.key,
      kind: node.kind,
      parentKey: node.parentKey,
      position: node.position,
      text: node.text,
      title: node.title,
      todo: node.todo,
      children: [],
      footnotes: node.footnotes.map((number) => ({ number, text: tree.footnotes.get(number) ?? '' })),
      guidance: (tree.guidanceByNode.get(node.key) ?? []).map((g) => ({
        ...g,
        source: g.source as unknown as FrameworkNodeType['guidance'][number]['source'],
      })),
      answerScale: tree.answerable.get(node.key) ?? null,
    };
    views.set(node.key, view);
    view.children = node.children.map(toView);
    return view;
  };
  const doc = tree.document as {
    introduction?: { kind: string; text?: string; items?: string[] }[];
    scales: FrameworkType['scales'];
  };
  const view: FrameworkType = {
    id: tree.row.id,
    key: tree.row.key,
    version: tree.row.version,
    title: tree.row.title,
    source: tree.row.source as unknown as FrameworkType['source'],
    contentHash: tree.row.contentHash,
    publishedAt: tree.row.publishedAt,
    introduction: (doc.introduction ?? []).map((b) => ({ kind: b.kind, text: b.text ?? null, items: b.items ?? null })),
    scales: {
      practice: { ...doc.scales.practice, improvementFlag: doc.scales.practice.improvementFlag ?? null },
      evidence: { ...doc.scales.evidence, improvementFlag: doc.scales.evidence.improvementFlag ?? null },
    },
    principles: tree.principles.map(toView),
    nodes: tree.nodes.map(toView),
    footnotes: [...tree.footnotes].map(([number, text]) => ({ number, text })),
    answerKeys: tree.orderedKeys,
  };
  viewCache.set(tree, view);
  return view;
}
