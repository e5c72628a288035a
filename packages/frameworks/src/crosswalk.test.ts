import { stringify } from 'yaml';
import {
  applyCrosswalk,
  FrameworkFormatError,
  loadBundledFrameworks,
  parseCrosswalk,
  parseFramework,
  validateCrosswalk,
  type Crosswalk,
  type LoadedFramework,
} from './index';
import { thrown } from './__tests__/support';

/**
 * A made-up 1.1.0: 3.1.2 loses its "Off-site services" part, and the last prompt of
 * 3.1.g1 is reworded under a new key.
 */
function nextVersion(v1: LoadedFramework): LoadedFramework {
  const doc = structuredClone(v1.document);
  doc.version = '1.1.0';
  const element = doc.principles[0]!.elements[0]!;
  element.actions[1]!.parts.pop();
  const prompts = element.evidenceGroups[0]!.prompts;
  prompts[6] = { key: '3.1.g1.8', text: 'withdrawn from partnerships that no longer work?' };
  return parseFramework(stringify(doc), 'v1.1.0.yaml');
}

function crosswalkYaml(v1: LoadedFramework): string {
  const map: Record<string, string | null> = Object.fromEntries(v1.nodes.map((n) => [n.key, n.key]));
  map['3.1.2.c'] = null;
  map['3.1.g1.7'] = '3.1.g1.8';
  return stringify({ format: 'waymark-crosswalk/1', framework: v1.key, from: '1.0.0', to: '1.1.0', map });
}

describe('crosswalk', () => {
  let v1: LoadedFramework;
  let v2: LoadedFramework;
  let crosswalk: Crosswalk;

  beforeAll(() => {
    v1 = loadBundledFrameworks()[0]!;
    v2 = nextVersion(v1);
    crosswalk = parseCrosswalk(crosswalkYaml(v1), 'crosswalk.yaml');
  });

  it('parses a hand-written file', () => {
    const text = [
      'format: waymark-crosswalk/1',
      'framework: inspiring-learning-partnerships',
      'from: 1.0.0',
      'to: 2.0.0',
      'map:',
      '  "3.1.1.a": "3.1.1.a"',
      '  "3.1.2.c": null',
      '  "3.1.g1.7": "3.1.g1.8"',
    ].join('\n');
    expect(parseCrosswalk(text)).toEqual({
      framework: 'inspiring-learning-partnerships',
      from: '1.0.0',
      to: '2.0.0',
      map: { '3.1.1.a': '3.1.1.a', '3.1.2.c': null, '3.1.g1.7': '3.1.g1.8' },
    });
  });

  it('rejects malformed files, naming the path', () => {
    const base = 'format: waymark-crosswalk/1\nframework: inspiring-learning-partnerships\nfrom: 1.0.0\n';
    expect(thrown(FrameworkFormatError, () => parseCrosswalk(`${base}to: 1.0.0\nmap: {}\n`, 'cw.yaml')).issues).toEqual([
      'to: must differ from "from"',
    ]);
    expect(thrown(FrameworkFormatError, () => parseCrosswalk(`${base}to: 1.1.0\nmap: { "3.1.x": "3.1.1" }\n`)).issues).toEqual([
      'map["3.1.x"]: not a well-formed node key',
    ]);
    // Unquoted, 3.10 would be read as the number 3.1: refuse rather than guess.
    expect(thrown(FrameworkFormatError, () => parseCrosswalk(`${base}to: 1.1.0\nmap: { 3.10: "3.1" }\n`)).issues).toEqual([
      '(yaml): mapping key 3.1 must be a quoted string',
    ]);
  });

  it('maps, retires and reports unknown keys', () => {
    expect(applyCrosswalk(crosswalk, ['3.1.1.a', '3.1.2.c', '3.1.g1.7', '3.1.3', '9.9.9', '3.1.2.c'])).toEqual({
      mapped: { '3.1.1.a': ['3.1.1.a'], '3.1.g1.7': ['3.1.g1.8'], '3.1.3': ['3.1.3'] },
      retired: ['3.1.2.c'],
      unknown: ['9.9.9'],
    });
  });

  it('carries every answerable key of the old version', () => {
    const answerable = v1.nodes.filter((n) => n.kind === 'PART' || n.kind === 'PROMPT').map((n) => n.key);
    const { mapped, retired, unknown } = applyCrosswalk(crosswalk, answerable);
    expect(unknown).toEqual([]);
    expect(retired).toEqual(['3.1.2.c']);
    const v2Keys = new Set(v2.nodes.map((n) => n.key));
    for (const target of Object.values(mapped).flat()) expect(v2Keys.has(target)).toBe(true);
  });

  it('validates against the two versions', () => {
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(validateCrosswalk(crosswalk, v1, v2)).toEqual([]);
  });

  it('reports keys not in from, targets not in to, unmapped nodes and answers changing kind', () => {
    const broken: Crosswalk = { ...crosswalk, map: { ...crosswalk.map } };
    broken.map['3.1.9'] = '3.1.1';
    broken.map['3.1.2.c'] = '3.1.2.c';
    delete broken.map['3.3.g4.5'];
    broken.map['3.1.1.a'] = '3.1.g1.1';
    broken.map['3.1'] = '3.1.1';
    expect(validateCrosswalk(broken, v1, v2)).toEqual([
      '3.1 -> 3.1.1: ELEMENT cannot become ACTION',
      '3.1.1.a -> 3.1.g1.1: PRACTICE cannot become EVIDENCE',
      '3.1.2.c -> 3.1.2.c: target is not a node of inspiring-learning-partnerships@1.1.0',
      '3.1.9: not a node of inspiring-learning-partnerships@1.0.0',
      '3.3.g4.5: not mapped (map it to a key of inspiring-learning-partnerships@1.1.0 or to null)',
    ]);
  });

  it('reports the wrong pair of versions', () => {
    const problems = validateCrosswalk(crosswalk, v2, v1);
    expect(problems).toContain('crosswalk maps from 1.0.0, given inspiring-learning-partnerships@1.1.0');
    expect(problems).toContain('crosswalk maps to 1.1.0, given inspiring-learning-partnerships@1.0.0');
  });
});
