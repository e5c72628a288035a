import { loadBundledFrameworks, parseFramework } from '@waymark/frameworks';
import { createTestDatabase, type TestDatabase } from '@waymark/testing';
import { Framework, FrameworkNode } from '../entities';
import { PublishedFrameworkChangedError, importBundledFrameworks, importFramework } from '../frameworks/import';

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
