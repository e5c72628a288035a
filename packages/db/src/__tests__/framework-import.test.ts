import { loadBundledFrameworks, loadFixtures, parseFramework } from '@waymark/frameworks';
import { createTestDatabase, type TestDatabase } from '@waymark/testing';
import { Framework, FrameworkCrosswalk, FrameworkNode } from '../entities';
import { CrosswalkProblemsError, PublishedFrameworkChangedError, importBundledFrameworks, importCrosswalk, importFixtures, importFramework } from '../frameworks/import';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('importing frameworks', () => {
  it('is idempotent: the template already holds them, and importing again changes nothing', async () => {
    const before = await db.owner.em.fork().count(FrameworkNode, {});
    const report = await importBundledFrameworks(db.owner.em.fork());
    expect(report.every((line) => line.endsWith('unchanged'))).toBe(true);
    expect(await db.owner.em.fork().count(FrameworkNode, {})).toBe(before);
    expect(before).toBe(loadBundledFrameworks().reduce((n, f) => n + f.nodes.length, 0));
  });

  it('refuses a changed file under an already published version, naming it', async () => {
    const bundled = loadBundledFrameworks()[0]!;
    const edited = parseFramework(JSON.stringify({ ...bundled.document, title: `${bundled.title} (edited)` }), 'edited.yaml');
    await expect(importFramework(db.owner.em.fork(), edited)).rejects.toThrow(PublishedFrameworkChangedError);
    await expect(importFramework(db.owner.em.fork(), edited)).rejects.toThrow(
      new RegExp(`${bundled.key}@${bundled.version} is already published with different content`),
    );
    const row = await db.owner.em.fork().findOneOrFail(Framework, { key: bundled.key, version: bundled.version });
    expect(row.title).toBe(bundled.title);
  });

  it('brings Waymark’s plain words up to date under a published version, leaving the source’s words as they are', async () => {
    const bundled = loadBundledFrameworks()[0]!;
    const doc = structuredClone(bundled.document);
    const action = doc.principles[0]!.elements[0]!.actions[0]!;
    action.todo = 'Look for partners first, every time.';
    doc.principles[0]!.elements[0]!.title = 'Partners, found and weighed';
    const improved = parseFramework(JSON.stringify(doc), 'improved.yaml');
    expect(improved.contentHash).toBe(bundled.contentHash);
    await expect(importFramework(db.owner.em.fork(), improved)).resolves.toBe('plain words updated');
    const node = (key: string) => db.owner.em.fork().findOneOrFail(FrameworkNode, { key }, { filters: false });
    expect(await node(action.key)).toMatchObject({ text: bundled.nodes.find((n) => n.key === action.key)!.text, todo: 'Look for partners first, every time.' });
    expect((await node('3.1')).title).toBe('Partners, found and weighed');
    await expect(importFramework(db.owner.em.fork(), improved)).resolves.toBe('unchanged');
    // And back, so the rest of the file sees the bundled words.
    await expect(importFramework(db.owner.em.fork(), bundled)).resolves.toBe('plain words updated');
    expect((await node(action.key)).todo).toBe(bundled.nodes.find((n) => n.key === action.key)!.todo);
  });

  it('imports a new version beside the old one', async () => {
    const bundled = loadBundledFrameworks()[0]!;
    const next = parseFramework(JSON.stringify({ ...bundled.document, version: '1.1.0' }), 'next.yaml');
    await expect(importFramework(db.owner.em.fork(), next)).resolves.toBe('imported');
    expect(await db.owner.em.fork().count(Framework, { key: bundled.key })).toBe(2);
  });
});

describe('importing crosswalks', () => {
  const { crosswalks } = loadFixtures();
  const crosswalk = crosswalks[0]!;
  // A database of its own: the tests above publish a 1.1.0 of their own.
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('refuses a crosswalk whose versions are not imported, saving nothing', async () => {
    await expect(importCrosswalk(db.owner.em.fork(), crosswalk)).rejects.toThrow(/inspiring-learning-partnerships@1.1.0 is not imported/);
    expect(await db.owner.em.fork().count(FrameworkCrosswalk, {})).toBe(0);
  });

  it('imports the fixture version and its crosswalk once, idempotently', async () => {
    expect(await importFixtures(db.owner.em.fork())).toEqual([
      'Framework inspiring-learning-partnerships@1.1.0: imported',
      'Crosswalk inspiring-learning-partnerships@1.0.0--1.1.0: imported',
    ]);
    expect(await importFixtures(db.owner.em.fork())).toEqual([
      'Framework inspiring-learning-partnerships@1.1.0: unchanged',
      'Crosswalk inspiring-learning-partnerships@1.0.0--1.1.0: unchanged',
    ]);
    expect(await db.owner.em.fork().count(FrameworkCrosswalk, {})).toBe(1);
  });

  it('refuses a changed map for a published pair, and one that loses answers, saying why', async () => {
    const changed = { ...crosswalk, map: { ...crosswalk.map, '3.1.g1.7': '3.1.g1.6' } };
    await expect(importCrosswalk(db.owner.em.fork(), changed)).rejects.toThrow(PublishedFrameworkChangedError);
    const lossy = { ...crosswalk, map: { ...crosswalk.map } };
    delete lossy.map['3.1.1.a'];
    lossy.map['3.1.1.b'] = '3.1.g1.1';
    const error = await importCrosswalk(db.owner.em.fork(), lossy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrosswalkProblemsError);
    expect((error as CrosswalkProblemsError).problems).toEqual([
      '3.1.1.b -> 3.1.g1.1: PRACTICE cannot become EVIDENCE',
      '3.1.1.a: not mapped (map it to a key of inspiring-learning-partnerships@1.1.0 or to null)',
    ]);
  });
});
