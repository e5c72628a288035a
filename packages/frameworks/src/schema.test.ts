import { FrameworkFormatError, loadBundledFrameworks, parseFramework } from './index';
import { bundledFrameworkText, editedFrameworkYaml, thrown, type Editable } from './__tests__/support';

const element = (doc: Editable, i: number) => doc.principles[0].elements[i];

function issuesOf(yamlText: string): string[] {
  const error = thrown(FrameworkFormatError, () => parseFramework(yamlText, 'broken.yaml'));
  expect(error.file).toBe('broken.yaml');
  expect(error.message).toContain('broken.yaml');
  for (const issue of error.issues) expect(error.message).toContain(issue);
  return error.issues;
}

describe('framework schema', () => {
  it('accepts the bundled framework and derives rows for every node', () => {
    const [fw] = loadBundledFrameworks();
    expect(fw!.nodes).toHaveLength(1 + 3 + 8 + 9 + 9 + 29);
    expect(parseFramework(bundledFrameworkText()).contentHash).toBe(fw!.contentHash);
  });

  it('gives every node a parent that precedes it and contiguous positions among siblings', () => {
    const [fw] = loadBundledFrameworks();
    const seen = new Set<string>();
    const positions = new Map<string | null, number[]>();
    for (const node of fw!.nodes) {
      if (node.parentKey !== null) expect(seen.has(node.parentKey)).toBe(true);
      seen.add(node.key);
      positions.set(node.parentKey, [...(positions.get(node.parentKey) ?? []), node.position]);
    }
    for (const list of positions.values()) expect(list).toEqual(list.map((_, i) => i));
  });

  it('rejects a duplicate key, naming both places', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => (element(doc, 1).actions[2].key = '3.2.1')));
    expect(issues).toEqual([
      'principles[0].elements[1].actions[2].key: duplicate key "3.2.1" (first at principles[0].elements[1].actions[0].key)',
      // 3.2.3 is gone, so its footnote has nowhere to go either.
      'footnotes[0].attachedTo: no node has key "3.2.3"',
    ]);
  });

  it('rejects a malformed key', () => {
    for (const bad of ['3.1.c', '3.1.03', '3.1.3.', ' 3.1.3']) {
      const issues = issuesOf(editedFrameworkYaml((doc) => (element(doc, 0).actions[2].key = bad)));
      expect(issues).toEqual(['principles[0].elements[0].actions[2].key: not a well-formed ACTION key (like "3.1.1")']);
    }
  });

  it('rejects a part key that is not under its action', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => (element(doc, 0).actions[0].parts[1].key = '3.1.2.z')));
    expect(issues).toEqual(['principles[0].elements[0].actions[0].parts[1].key: "3.1.2.z" is not under its parent "3.1.1"']);
  });

  it('rejects a prompt filed under another group', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => (element(doc, 2).evidenceGroups[3].prompts[0].key = '3.3.g1.9')));
    expect(issues).toEqual(['principles[0].elements[2].evidenceGroups[3].prompts[0].key: "3.3.g1.9" is not under its parent "3.3.g4"']);
  });

  it('rejects a footnote attached to a key that does not exist', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => (doc.footnotes[0].attachedTo = '3.2.9')));
    expect(issues).toEqual(['footnotes[0].attachedTo: no node has key "3.2.9"']);
  });

  it('rejects a missing source', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => delete doc.source));
    expect(issues).toEqual(['source: required (object)']);
  });

  it('rejects a source without attribution', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => delete doc.source.attribution));
    expect(issues).toEqual(['source.attribution: required (string)']);
  });

  it('rejects an unquoted key that YAML reads as a number', () => {
    const yamlText = bundledFrameworkText().replace('- key: "3.2"', '- key: 3.2');
    expect(issuesOf(yamlText)).toEqual(['principles[0].elements[1].key: must be a quoted string (YAML reads 3.1 unquoted as a number)']);
  });

  it('rejects unknown fields, so a typo cannot silently drop data', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => (element(doc, 0).actions[0].partz = [])));
    expect(issues).toEqual(['principles[0].elements[0].actions[0]: Unrecognized key: "partz"']);
  });

  it('rejects a scale that leaves out an answer', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => doc.scales.practice.options.pop()));
    expect(issues).toEqual(['scales.practice.options: must list each of YES, STARTED, NO exactly once']);
  });

  it('rejects empty text', () => {
    const issues = issuesOf(editedFrameworkYaml((doc) => (element(doc, 0).evidenceGroups[0].prompts[0].text = '   ')));
    expect(issues).toEqual(['principles[0].elements[0].evidenceGroups[0].prompts[0].text: must not be empty']);
  });

  it('reports several problems at once', () => {
    const issues = issuesOf(
      editedFrameworkYaml((doc) => {
        doc.footnotes[2].attachedTo = 'nowhere';
        element(doc, 2).actions[1].key = '3.3.1';
      }),
    );
    expect(issues).toEqual([
      'principles[0].elements[2].actions[1].key: duplicate key "3.3.1" (first at principles[0].elements[2].actions[0].key)',
      // The parts of a re-keyed action must follow it.
      'principles[0].elements[2].actions[1].parts[0].key: "3.3.2.a" is not under its parent "3.3.1"',
      'principles[0].elements[2].actions[1].parts[1].key: "3.3.2.b" is not under its parent "3.3.1"',
      'footnotes[2].attachedTo: no node has key "nowhere"',
    ]);
  });

  it('rejects broken YAML and duplicate mapping keys', () => {
    expect(issuesOf('key: [unclosed')[0]).toMatch(/^\(yaml\): /);
    expect(issuesOf('key: a\nkey: b\n')[0]).toMatch(/^\(yaml\): .*unique/i);
    expect(issuesOf('')).toEqual(['(root): Invalid input: expected object, received null']);
  });
});
