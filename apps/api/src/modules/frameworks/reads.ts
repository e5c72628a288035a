import { type FrameworkTree, type NodeView, type Reader, crosswalkTargets, loadCrosswalk, loadFrameworkTree } from '@waymark/db';
import { type FrameworkChange, describeChanges } from '@waymark/frameworks';
import { isUuid, notFound } from '@waymark/domain';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import type { FrameworkNodeType, FrameworkSummary, FrameworkType } from './types';

const changesCache = new Map<string, FrameworkChange[]>();

/**
 * What changed between two versions, read from their published crosswalk (none when there is no
 * crosswalk between them). Both versions and the crosswalk are immutable, so the answer is kept.
 */
export async function frameworkChanges(db: Reader, fromId: string, toId: string): Promise<FrameworkChange[]> {
  const id = `${fromId}>${toId}`;
  const cached = changesCache.get(id);
  if (cached) return cached;
  const crosswalk = await loadCrosswalk(db.sql, fromId, toId);
  if (!crosswalk) return [];
  const [from, to] = await Promise.all([treeOf(db, fromId), treeOf(db, toId)]);
  const changes = describeChanges(crosswalk, from.nodes, to.nodes);
  changesCache.set(id, changes);
  return changes;
}

/** The versions a published crosswalk leads to from this one, newest first. */
export async function newerVersions(db: Reader, frameworkId: string): Promise<FrameworkSummary[]> {
  const trees = await Promise.all((await crosswalkTargets(db.sql, frameworkId)).map((id) => treeOf(db, id)));
  return trees.map(({ row }) => ({ id: row.id, key: row.key, version: row.version, title: row.title, publishedAt: row.publishedAt, createdAt: row.publishedAt }));
}

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
