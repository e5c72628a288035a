import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type LoadedFramework,
  type LoadedGuidance,
  loadBundledFrameworks,
  loadBundledGuidance,
} from '@waymark/frameworks';
import { Framework, FrameworkNode, Guidance, GuidanceLink } from '../entities';
import { clearFrameworkTrees } from './tree';

export class PublishedFrameworkChangedError extends Error {
  constructor(what: string, key: string, version: string) {
    super(
      `${what} ${key}@${version} is already published with different content. ` +
        `A published version never changes: give the edited file a new version (and a crosswalk from the old one).`,
    );
    this.name = 'PublishedFrameworkChangedError';
  }
}

/**
 * Loads frameworks and guidance into the database. Idempotent: a version already published with
 * the same content hash keeps the source's words untouched and only has Waymark's plain words
 * (element titles, what to do) brought up to date; the same version with different source content
 * is refused.
 */
export async function importFramework(em: EntityManager, fw: LoadedFramework): Promise<'imported' | 'unchanged' | 'plain words updated'> {
  const existing = await em.findOne(Framework, { key: fw.key, version: fw.version });
  if (existing) {
    if (existing.contentHash !== fw.contentHash) throw new PublishedFrameworkChangedError('Framework', fw.key, fw.version);
    return refreshPlainWords(em, existing, fw);
  }
  await em.transactional((tx) => {
    const row = tx.create(Framework, {
      key: fw.key,
      version: fw.version,
      title: fw.title,
      source: { ...fw.source },
      document: fw.document,
      contentHash: fw.contentHash,
    });
    fw.nodes.forEach((node, ordinal) =>
      tx.create(FrameworkNode, {
        frameworkId: row.id,
        key: node.key,
        kind: node.kind,
        parentKey: node.parentKey,
        ordinal,
        position: node.position,
        text: node.text,
        title: node.title,
        todo: node.todo,
        footnotes: node.footnotes,
      }),
    );
  });
  return 'imported';
}

async function refreshPlainWords(em: EntityManager, framework: Framework, fw: LoadedFramework): Promise<'unchanged' | 'plain words updated'> {
  const stored = new Map((await em.find(FrameworkNode, { frameworkId: framework.id })).map((n) => [n.key, n]));
  let changed = false;
  for (const node of fw.nodes) {
    const row = stored.get(node.key);
    if (row && (row.title !== node.title || row.todo !== node.todo)) {
      row.title = node.title;
      row.todo = node.todo;
      changed = true;
    }
  }
  if (!changed) return 'unchanged';
  framework.document = fw.document;
  await em.flush();
  clearFrameworkTrees();
  return 'plain words updated';
}

export async function importGuidance(em: EntityManager, g: LoadedGuidance): Promise<'imported' | 'unchanged'> {
  const existing = await em.findOne(Guidance, { key: g.key });
  if (existing) {
    if (existing.contentHash !== g.contentHash) throw new PublishedFrameworkChangedError('Guidance', g.key, 'current');
    return 'unchanged';
  }
  await em.transactional((tx) => {
    const row = tx.create(Guidance, {
      key: g.key,
      title: g.title,
      partnerType: g.partnerType,
      source: { ...g.source },
      document: g.document,
      contentHash: g.contentHash,
    });
    for (const link of g.links) {
      tx.create(GuidanceLink, { guidanceId: row.id, frameworkKey: link.framework, nodeKey: link.nodeKey, reason: link.reason });
    }
  });
  return 'imported';
}

/** Imports everything bundled in @waymark/frameworks; returns one line per document. */
export async function importBundledFrameworks(em: EntityManager): Promise<string[]> {
  const lines: string[] = [];
  for (const fw of loadBundledFrameworks()) {
    lines.push(`Framework ${fw.key}@${fw.version}: ${await importFramework(em, fw)}`);
  }
  for (const g of loadBundledGuidance()) {
    lines.push(`Guidance ${g.key}: ${await importGuidance(em, g)}`);
  }
  return lines;
}
