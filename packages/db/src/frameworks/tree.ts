import type { EntityManager } from '@mikro-orm/postgresql';
import { FrameworkNodeKind } from '../entities';
import type { AnswerScale, ConsensusAnswers, EvidenceValue, PracticeValue, ScoringElement } from '@waymark/domain';
import { notFound } from '@waymark/domain';

export type { AnswerScale };

export interface NodeView {
  key: string;
  kind: FrameworkNodeKind;
  parentKey: string | null;
  position: number;
  text: string;
  /** Waymark's short title (elements) and what to do (actions, prompts), beside the source's words. */
  title: string | null;
  todo: string | null;
  footnotes: number[];
  children: NodeView[];
}

export interface GuidanceLinkView {
  guidanceKey: string;
  title: string;
  partnerType: string;
  reason: string;
  source: Record<string, unknown>;
  document: Record<string, unknown>;
}

/** A framework version's own row, as the tree carries it. */
export interface FrameworkRow {
  id: string;
  key: string;
  version: string;
  title: string;
  source: Record<string, unknown>;
  contentHash: string;
  publishedAt: Date;
}

/**
 * A framework version, read once and kept: published versions never change (the importer refuses
 * edits in place and the API's database role cannot write them), so caching them in memory is
 * safe on every replica. Waymark's plain words beside them can be improved by an import; a running
 * API shows the new ones after its next start.
 */
export interface FrameworkTree {
  row: FrameworkRow;
  document: Record<string, unknown>;
  nodes: NodeView[];
  byKey: ReadonlyMap<string, NodeView>;
  principles: NodeView[];
  scoring: ScoringElement[];
  /** Which scale each answerable key uses, in framework order. */
  answerable: ReadonlyMap<string, AnswerScale>;
  orderedKeys: string[];
  footnotes: ReadonlyMap<number, string>;
  guidanceByNode: ReadonlyMap<string, GuidanceLinkView[]>;
}

/** Rows of a statement with `$n` parameters: the read path's Reader, or an entity manager (see fromEntityManager). */
export type SharedRows = <R>(text: string, values: unknown[]) => Promise<R[]>;

/** Runs `$n` statements through an entity manager, on its transaction when it has one. */
export const fromEntityManager =
  (em: EntityManager): SharedRows =>
  <R>(text: string, values: unknown[]) =>
    em.getConnection().execute<R[]>(text.replace(/\$\d+/g, '?'), values, 'all', em.getTransactionContext());

const cache = new Map<string, Promise<FrameworkTree>>();

/** Forgets every cached tree (the importer, after refreshing plain words in this process). */
export function clearFrameworkTrees(): void {
  cache.clear();
}

/** The tree of a framework version, from the cache or read once (four statements) and kept. */
export function loadFrameworkTree(rows: SharedRows | EntityManager, frameworkId: string): Promise<FrameworkTree> {
  let tree = cache.get(frameworkId);
  if (!tree) {
    tree = build(typeof rows === 'function' ? rows : fromEntityManager(rows), frameworkId);
    cache.set(frameworkId, tree);
    tree.catch(() => cache.delete(frameworkId));
  }
  return tree;
}

interface NodeRow {
  key: string;
  kind: FrameworkNodeKind;
  parent_key: string | null;
  position: number;
  text: string;
  title: string | null;
  todo: string | null;
  footnotes: number[];
}

async function build(read: SharedRows, frameworkId: string): Promise<FrameworkTree> {
  const [framework] = await read<FrameworkRow & { document: Record<string, unknown>; published_at: Date | string; content_hash: string }>(
    `select id, key, version, title, source, document, content_hash, published_at from framework where id = $1`,
    [frameworkId],
  );
  if (!framework) throw notFound('Framework', frameworkId);
  const rows = await read<NodeRow>(
    `select key, kind, parent_key, position, text, title, todo, footnotes from framework_node where framework_id = $1 order by ordinal`,
    [frameworkId],
  );
  const links = await read<GuidanceLinkView & { reason: string }>(
    `select g.key as "guidanceKey", g.title, g.partner_type as "partnerType", l.reason, g.source, g.document, l.node_key as "nodeKey"
       from guidance_link l join guidance g on g.id = l.guidance_id
      where l.framework_key = $1 order by g.key, l.node_key`,
    [framework.key],
  );

  const nodes: NodeView[] = rows.map((n) => ({
    key: n.key, kind: n.kind, parentKey: n.parent_key, position: n.position, text: n.text, title: n.title, todo: n.todo, footnotes: n.footnotes, children: [],
  }));
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  for (const node of nodes) if (node.parentKey) byKey.get(node.parentKey)?.children.push(node);
  for (const node of nodes) node.children.sort((a, b) => a.position - b.position);

  const answerable = new Map<string, AnswerScale>();
  const scoring: ScoringElement[] = [];
  for (const element of nodes.filter((n) => n.kind === FrameworkNodeKind.ELEMENT)) {
    const actions = element.children.filter((c) => c.kind === FrameworkNodeKind.ACTION);
    const prompts = element.children
      .filter((c) => c.kind === FrameworkNodeKind.PROMPT_GROUP)
      .flatMap((g) => g.children.filter((p) => p.kind === FrameworkNodeKind.PROMPT));
    const shaped = actions.map((a) => ({ key: a.key, partKeys: a.children.filter((c) => c.kind === FrameworkNodeKind.PART).map((p) => p.key) }));
    for (const a of shaped) for (const k of a.partKeys.length ? a.partKeys : [a.key]) answerable.set(k, 'PRACTICE');
    for (const p of prompts) answerable.set(p.key, 'EVIDENCE');
    scoring.push({ key: element.key, actions: shaped, promptKeys: prompts.map((p) => p.key) });
  }

  const document = framework.document;
  const footnoteList = (document.footnotes ?? []) as { number: number; text: string }[];
  const guidanceByNode = new Map<string, GuidanceLinkView[]>();
  for (const { nodeKey, ...link } of links as (GuidanceLinkView & { nodeKey: string })[]) {
    const list = guidanceByNode.get(nodeKey) ?? [];
    list.push(link);
    guidanceByNode.set(nodeKey, list);
  }

  return {
    row: {
      id: framework.id,
      key: framework.key,
      version: framework.version,
      title: framework.title,
      source: framework.source,
      contentHash: framework.content_hash,
      publishedAt: new Date(framework.published_at),
    },
    document,
    nodes,
    byKey,
    principles: nodes.filter((n) => n.kind === FrameworkNodeKind.PRINCIPLE),
    scoring,
    answerable,
    orderedKeys: [...answerable.keys()],
    footnotes: new Map(footnoteList.map((f) => [f.number, f.text])),
    guidanceByNode,
  };
}

/** Agreed answers split by the scale their key uses, as scoring and plan generation take them. */
export function consensusMaps(rows: readonly { nodeKey: string; value: string }[], tree: FrameworkTree): ConsensusAnswers & {
  practice: Map<string, PracticeValue>;
  evidence: Map<string, EvidenceValue>;
} {
  const practice = new Map<string, PracticeValue>();
  const evidence = new Map<string, EvidenceValue>();
  for (const row of rows) {
    const scale = tree.answerable.get(row.nodeKey);
    switch (scale) {
      case undefined:
        break; // a key the framework does not have (an answer from an earlier version): not scored
      case 'PRACTICE':
        practice.set(row.nodeKey, row.value as PracticeValue);
        break;
      case 'EVIDENCE':
        evidence.set(row.nodeKey, row.value as EvidenceValue);
        break;
      default:
        throw new TypeError(`No scoring for the ${String(scale satisfies never)} scale`);
    }
  }
  return { practice, evidence };
}
