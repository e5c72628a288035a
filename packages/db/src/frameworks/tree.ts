import type { EntityManager } from '@mikro-orm/postgresql';
import { Framework, FrameworkNode, FrameworkNodeKind, Guidance, GuidanceLink } from '../entities';
import type { ConsensusAnswers, EvidenceValue, PracticeValue, ScoringElement } from '@waymark/domain';
import { notFound } from '@waymark/domain';

export type AnswerScale = 'PRACTICE' | 'EVIDENCE';

export interface NodeView {
  key: string;
  kind: FrameworkNodeKind;
  parentKey: string | null;
  position: number;
  text: string;
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

/**
 * A framework version, read once and kept: published versions never change (the importer refuses
 * edits in place and the API's database role cannot write them), so caching them in memory is
 * safe on every replica.
 */
export interface FrameworkTree {
  row: Framework;
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

export function loadFrameworkTree(em: EntityManager, frameworkId: string): Promise<FrameworkTree> {
  let tree = cache.get(frameworkId);
  if (!tree) {
    tree = build(em, frameworkId);
    cache.set(frameworkId, tree);
    tree.catch(() => cache.delete(frameworkId));
  }
  return tree;
}

async function build(em: EntityManager, frameworkId: string): Promise<FrameworkTree> {
  const row = await em.findOne(Framework, { id: frameworkId }, { populate: ['document'] });
  if (!row) throw notFound('Framework', frameworkId);
  const rows = await em.find(FrameworkNode, { frameworkId }, { orderBy: { ordinal: 'asc' } });
  const links = await em.find(GuidanceLink, { frameworkKey: row.key });
  const guidance = links.length ? await em.find(Guidance, { id: { $in: [...new Set(links.map((l) => l.guidanceId))] } }) : [];

  const nodes: NodeView[] = rows.map((n) => ({
    key: n.key, kind: n.kind, parentKey: n.parentKey, position: n.position, text: n.text, footnotes: n.footnotes, children: [],
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

  const document = row.document;
  const footnoteList = (document.footnotes ?? []) as { number: number; text: string }[];
  const guidanceById = new Map(guidance.map((g) => [g.id, g]));
  const guidanceByNode = new Map<string, GuidanceLinkView[]>();
  for (const link of links) {
    const g = guidanceById.get(link.guidanceId)!;
    const list = guidanceByNode.get(link.nodeKey) ?? [];
    list.push({ guidanceKey: g.key, title: g.title, partnerType: g.partnerType, reason: link.reason, source: g.source, document: g.document });
    guidanceByNode.set(link.nodeKey, list);
  }

  return {
    row,
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
    if (scale === 'PRACTICE') practice.set(row.nodeKey, row.value as PracticeValue);
    else if (scale === 'EVIDENCE') evidence.set(row.nodeKey, row.value as EvidenceValue);
  }
  return { practice, evidence };
}
