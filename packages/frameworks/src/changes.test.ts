import { applyCrosswalk, describeChanges, loadBundledFrameworks, loadFixtures, validateCrosswalk } from './index';

describe('the test fixture version and what changed', () => {
  const v1 = loadBundledFrameworks()[0]!;
  const { frameworks, crosswalks } = loadFixtures();
  const v11 = frameworks.find((f) => f.version === '1.1.0')!;
  const crosswalk = crosswalks[0]!;

  it('is a valid next version of the bundled framework with a valid crosswalk', () => {
    expect(v11.key).toBe(v1.key);
    expect(v11.contentHash).not.toBe(v1.contentHash);
    expect(validateCrosswalk(crosswalk, v1, v11)).toEqual([]);
  });

  it('is not bundled', () => {
    expect(loadBundledFrameworks().map((f) => f.version)).not.toContain('1.1.0');
  });

  it('carries a split part to both halves and retires the removed prompt', () => {
    const { mapped, retired } = applyCrosswalk(crosswalk, ['3.1.2.b', '3.1.g1.7', '3.1.1.a']);
    expect(mapped).toEqual({ '3.1.2.b': ['3.1.2.b', '3.1.2.d'], '3.1.1.a': ['3.1.1.a'] });
    expect(retired).toEqual(['3.1.g1.7']);
  });

  it('names every change in words, in the new version\u2019s order', () => {
    const changes = describeChanges(crosswalk, v1.nodes, v11.nodes);
    expect(changes.map((c) => [c.kind, c.fromKey, c.toKeys.join('+')])).toEqual([
      ['REWORDED', '3.1.1', '3.1.1'],
      ['SPLIT', '3.1.2.b', '3.1.2.b+3.1.2.d'],
      ['REMOVED', '3.1.g1.7', ''],
      ['REWORDED', '3.2.g1.4', '3.2.g1.4'],
      ['ADDED', null, '3.2.g1.5'],
    ]);
    const split = changes[1]!;
    expect(split.before).toBe('On-site services');
    expect(split.after).toEqual(['On-site services in your buildings', 'On-site events run with partners']);
  });

  it('says nothing changed between a version and itself', () => {
    const same = { ...crosswalk, to: crosswalk.from, map: Object.fromEntries(v1.nodes.map((n) => [n.key, n.key])) };
    expect(describeChanges(same, v1.nodes, v1.nodes)).toEqual([]);
  });

  it('names a merge and a renumbering', () => {
    const map: Record<string, string | null> = Object.fromEntries(v1.nodes.map((n) => [n.key, n.key]));
    map['3.1.1.b'] = '3.1.1.a';
    const renumbered = v1.nodes.map((n) => (n.key === '3.1.3' ? { ...n, key: '3.1.4' } : n));
    map['3.1.3'] = '3.1.4';
    const kinds = describeChanges({ ...crosswalk, map }, v1.nodes, renumbered.filter((n) => n.key !== '3.1.1.b')).map((c) => `${c.kind} ${c.fromKey}`);
    expect(kinds).toEqual(['MERGED 3.1.1.a', 'MERGED 3.1.1.b', 'RENUMBERED 3.1.3']);
  });
});
