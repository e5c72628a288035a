import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Crosswalk,
  type FrameworkDocument,
  type LoadedFramework,
  type LoadedGuidance,
  canonicalJson,
  contentHash,
  fromDocument,
  loadBundledCrosswalks,
  loadBundledFrameworks,
  loadBundledGuidance,
  loadFixtures,
  validateCrosswalk,
} from '@waymark/frameworks';
import { Framework, FrameworkCrosswalk, FrameworkNode, Guidance, GuidanceLink } from '../entities';
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

export class CrosswalkProblemsError extends Error {
  constructor(
    readonly id: string,
    readonly problems: string[],
  ) {
    super(`Crosswalk ${id} cannot be imported: ${problems.join('; ')}`);
    this.name = 'CrosswalkProblemsError';
  }
}

async function publishedVersion(em: EntityManager, key: string, version: string): Promise<{ row: Framework; loaded: LoadedFramework }> {
  const row = await em.findOne(Framework, { key, version }, { populate: ['document'] });
  if (!row) throw new CrosswalkProblemsError(`${key}@${version}`, [`${key}@${version} is not imported: import the framework version first`]);
  return { row, loaded: fromDocument(row.document as unknown as FrameworkDocument, `${key}@${version}`) };
}

/**
 * Stores the crosswalk between two imported versions, after checking it against both (every old
 * node mapped or retired, targets in the new version, no answer changing scale). Idempotent; a
 * different map for a pair already stored is refused, like a changed framework version.
 */
export async function importCrosswalk(em: EntityManager, crosswalk: Crosswalk): Promise<'imported' | 'unchanged'> {
  const id = `${crosswalk.framework}@${crosswalk.from}--${crosswalk.to}`;
  const from = await publishedVersion(em, crosswalk.framework, crosswalk.from);
  const to = await publishedVersion(em, crosswalk.framework, crosswalk.to);
  const problems = validateCrosswalk(crosswalk, from.loaded, to.loaded);
  if (problems.length) throw new CrosswalkProblemsError(id, problems);
  const hash = contentHash(JSON.parse(canonicalJson(crosswalk.map)));
  const existing = await em.findOne(FrameworkCrosswalk, { fromFrameworkId: from.row.id, toFrameworkId: to.row.id });
  if (existing) {
    if (existing.contentHash !== hash) throw new PublishedFrameworkChangedError('Crosswalk', crosswalk.framework, `${crosswalk.from}--${crosswalk.to}`);
    return 'unchanged';
  }
  em.create(FrameworkCrosswalk, { fromFrameworkId: from.row.id, toFrameworkId: to.row.id, map: crosswalk.map, contentHash: hash });
  await em.flush();
  return 'imported';
}

/** The test fixtures (a made-up next version of the bundled framework and its crosswalk): for tests only. */
export async function importFixtures(em: EntityManager): Promise<string[]> {
  const { frameworks, crosswalks } = loadFixtures();
  const lines: string[] = [];
  for (const fw of frameworks) lines.push(`Framework ${fw.key}@${fw.version}: ${await importFramework(em, fw)}`);
  for (const cw of crosswalks) lines.push(`Crosswalk ${cw.framework}@${cw.from}--${cw.to}: ${await importCrosswalk(em, cw)}`);
  return lines;
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
  for (const cw of loadBundledCrosswalks()) {
    lines.push(`Crosswalk ${cw.framework}@${cw.from}--${cw.to}: ${await importCrosswalk(em, cw)}`);
  }
  return lines;
}
