import type { EntityManager } from '@mikro-orm/postgresql';
import { type Sql, sqlOfManager } from '../sql';
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

const cache = new Map<string, Promise<FrameworkTree>>();

/** Forgets every cached tree (the importer, after refreshing plain words in this process). */
export function clearFrameworkTrees(): void {
  cache.clear();
}

/**
 * The tree of a framework version, from the cache or read once (three statements) and kept: with
 * the request's builder, or an entity manager's (in its transaction when it has one). Frameworks
 * and guidance belong to no organisation, so any scope reads them whole.
 */
export function loadFrameworkTree(rows: Sql | EntityManager, frameworkId: string): Promise<FrameworkTree> {
  let tree = cache.get(frameworkId);
  if (!tree) {
    tree = ('selectFrom' in rows ? Promise.resolve(rows) : sqlOfManager(rows, { kind: 'organisation', id: null })).then((sql) => build(sql, frameworkId));
    cache.set(frameworkId, tree);
    tree.catch(() => cache.delete(frameworkId));
  }
  return tree;
}

async function build(sql: Sql, frameworkId: string): Promise<FrameworkTree> {
  const framework = await sql
    .selectFrom('framework')
    .select(['id', 'key', 'version', 'title', 'source', 'document', 'contentHash', 'publishedAt'])
    .where('id', '=', frameworkId)
    .executeTakeFirst();
  if (!framework) throw notFound('Framework', frameworkId);
  const rows = await sql
    .selectFrom('frameworkNode')
    .select(['key', 'kind', 'parentKey', 'position', 'text', 'title', 'todo', 'footnotes'])
    .where('frameworkId', '=', frameworkId)
    .orderBy('ordinal')
    .execute();
  const links = await sql
    .selectFrom('guidanceLink as l')
    .innerJoin('guidance as g', 'g.id', 'l.guidanceId')
    .select(['g.key as guidanceKey', 'g.title', 'g.partnerType as partnerType', 'l.reason', 'g.source', 'g.document', 'l.nodeKey as nodeKey'])
    .where('l.frameworkKey', '=', framework.key)
    .orderBy('g.key')
    .orderBy('l.nodeKey')
    .execute();

  const nodes: NodeView[] = rows.map((n) => ({
    key: n.key, kind: n.kind, parentKey: n.parentKey, position: n.position, text: n.text, title: n.title, todo: n.todo,
    footnotes: n.footnotes as number[], children: [],
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

  const document = framework.document as Record<string, unknown>;
  const footnoteList = (document.footnotes ?? []) as { number: number; text: string }[];
  const guidanceByNode = new Map<string, GuidanceLinkView[]>();
  for (const { nodeKey, ...link } of links as (GuidanceLinkView & { reason: string; nodeKey: string })[]) {
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
      source: framework.source as Record<string, unknown>,
      contentHash: framework.contentHash,
      publishedAt: new Date(framework.publishedAt),
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
