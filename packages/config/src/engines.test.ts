import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/**
 * A clean `npm install` prints no EBADENGINE warning: every installed package accepts every Node
 * version the root package.json says we support (its `engines.node`), not only the one running
 * this test. Where a dependency's newest release wants a newer Node, the root's `overrides` pin a
 * release that does not (see docs/operations.md, "Node versions").
 */
const ROOT = path.resolve(__dirname, '../../..');

function manifests(dir: string, found: string[] = []): string[] {
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const at = path.join(dir, name);
    if (name.startsWith('@')) {
      manifests(at, found);
      continue;
    }
    const manifest = path.join(at, 'package.json');
    if (existsSync(manifest)) found.push(manifest);
    manifests(path.join(at, 'node_modules'), found);
  }
  return found;
}

it('every installed package accepts every Node version we support', () => {
  const supported = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  expect(semver.validRange(supported)).not.toBeNull();
  const places = [path.join(ROOT, 'node_modules'), ...['apps', 'packages'].flatMap((group) =>
    readdirSync(path.join(ROOT, group)).map((name) => path.join(ROOT, group, name, 'node_modules')))];
  const all = places.flatMap((place) => manifests(place));
  const refusing = all.flatMap((file) => {
    const { name, version, engines } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; engines?: { node?: unknown } };
    const wanted = engines?.node;
    if (typeof wanted !== 'string' || semver.validRange(wanted) === null) return [];
    return semver.subset(supported, wanted) ? [] : [`${name}@${version} wants node ${wanted}`];
  });
  // The walk must have found the tree (a wrong root would pass with nothing read).
  expect(all.length).toBeGreaterThan(500);
  expect(refusing).toEqual([]);
});
