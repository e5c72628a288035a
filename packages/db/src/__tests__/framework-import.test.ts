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

  it('imports a new version beside the old one', async () => {
    const bundled = loadBundledFrameworks()[0]!;
    const next = parseFramework(JSON.stringify({ ...bundled.document, version: '1.1.0' }), 'next.yaml');
    await expect(importFramework(db.owner.em.fork(), next)).resolves.toBe('imported');
    expect(await db.owner.em.fork().count(Framework, { key: bundled.key })).toBe(2);
  });
});
