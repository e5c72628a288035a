import { type FrameworkTree, type NodeView, type Reader, loadFrameworkTree } from '@waymark/db';
import { isUuid, notFound } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import type { FrameworkNodeType, FrameworkSummary, FrameworkType } from './types';

/** The tree of a framework version (read once per process, then from memory). */
export const treeOf = (db: Reader, frameworkId: string): Promise<FrameworkTree> =>
  loadFrameworkTree(db.sql, frameworkId);

export function listFrameworks(db: Reader, page: PageArgs): Promise<Connection<FrameworkSummary>> {
  return keysetPage({
    query: db.sql.selectFrom('framework').select(['id', 'key', 'version', 'title', 'publishedAt', 'createdAt']),
    order: [
      { ref: 'createdAt', direction: 'asc', cast: 'timestamptz' },
      { ref: 'id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'frameworks',
    page,
  });
}

/** A framework version by id, or the newest (or a named) version of a key. */
export async function findFramework(db: Reader, lookup: { id?: string | null; key?: string | null; version?: string | null }): Promise<FrameworkTree> {
  let id = lookup.id ?? undefined;
  if (!id && lookup.key) {
    const byKey = db.sql.selectFrom('framework').select('id').where('key', '=', lookup.key);
    const row = lookup.version
      ? await byKey.where('version', '=', lookup.version).executeTakeFirst()
      : await byKey.orderBy('publishedAt', 'desc').limit(1).executeTakeFirst();
    if (!row) throw notFound('Framework', lookup.version ? `${lookup.key}@${lookup.version}` : lookup.key);
    id = row.id;
  }
  if (!id || !isUuid(id)) throw notFound('Framework', id);
  return treeOf(db, id);
}

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
