import { SEEDS_DIR } from './__tests__/seeds';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundledFrameworks, type LoadedFramework, type NodeKind } from './index';
import { collapse } from './__tests__/support';

// Read at test time from the source document itself: the framework must match it word for word.
const SEED = path.join(SEEDS_DIR, 'inspiring-learning-partnerships-checklist.txt');

interface SeedAction { key: string; question: string; parts: string[] }
interface SeedGroup { label: string; prompts: string[] }
interface SeedElement { key: string; question: string; actions: SeedAction[]; groups: SeedGroup[] }

interface Seed {
  principle: { key: string; title: string; subtitle: string };
  introduction: string[];
  practiceHeading: string;
  practiceLabels: string[];
  evidenceHeading: string;
  evidenceColumns: string[];
  elements: SeedElement[];
  footnotes: { number: number; text: string; attachedTo: string }[];
}

const stripTags = (s: string) => collapse(s.replace(/<[^>]+>/g, ''));

/** An independent reading of the seed: nothing here looks at the YAML. */
function extractSeed(raw: string): Seed {
  const lines = raw.split(/\r?\n/);
  const heading = /^### Section (\d+) (\w+): \*(.+)\*$/.exec(lines.find((l) => l.startsWith('### Section')) ?? '');
  if (!heading) throw new Error('no section heading in seed');

  const introStart = lines.findIndex((l) => l.startsWith('### Section')) + 1;
  const introEnd = lines.findIndex((l, i) => i > introStart && l.startsWith('# '));
  const introduction = lines
    .slice(introStart, introEnd)
    .filter((l) => l.trim() !== '')
    .map((l) => collapse(l.replace(/^- /, '').replace(/\*\*/g, '')));

  const elements: SeedElement[] = [];
  const markers = new Map<number, string>();
  const footnotes: { number: number; text: string }[] = [];
  let practice: string[] = [];
  let evidence: string[] = [];
  let element: SeedElement | undefined;
  let action: SeedAction | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^#### (\d+\.\d+) (.+)$/.exec(line))) {
      element = { key: m[1]!, question: collapse(m[2]!), actions: [], groups: [] };
      elements.push(element);
    } else if ((m = /^(\d+\.\d+\.\d+) ([^\t]+)\t([^\t]*)/.exec(line))) {
      const key = m[1]!;
      for (const sup of m[2]!.matchAll(/<sup>(\d+)<\/sup>/g)) markers.set(Number(sup[1]), key);
      const question = collapse(m[2]!.replace(/\s*<sup>\d+<\/sup>\s*/g, ''));
      action = { key, question, parts: m[3]!.trim() ? [collapse(m[3]!)] : [] };
      element!.actions.push(action);
    } else if ((m = /^\t([^\t]+)\t/.exec(line))) {
      action!.parts.push(collapse(m[1]!));
    } else if ((m = /^<sup>(\d+)<\/sup> (.+)$/.exec(line))) {
      footnotes.push({ number: Number(m[1]), text: collapse(m[2]!) });
    } else if (line.startsWith('Actions\t')) {
      practice = line.split('\t').map(stripTags).filter(Boolean);
    } else if (line.startsWith('Evidence of good practice')) {
      evidence = line.split('\t').map(stripTags).filter(Boolean);
    } else if (line.includes('<p><i>')) {
      for (const g of line.matchAll(/<p><i>(.*?)<\/i><\/p>\s*<ul[^>]*>(.*?)<\/ul>/g)) {
        const prompts = [...g[2]!.matchAll(/<li>\s*➤\s*(.*?)\s*<\/li>/g)].map((p) => collapse(p[1]!));
        element!.groups.push({ label: collapse(g[1]!), prompts });
      }
    }
  }
  return {
    principle: { key: heading[1]!, title: heading[2]!, subtitle: heading[3]! },
    introduction,
    practiceHeading: practice[0]!,
    practiceLabels: practice.slice(1),
    evidenceHeading: evidence[0]!,
    evidenceColumns: evidence.slice(1),
    elements,
    footnotes: footnotes.map((f) => ({ ...f, attachedTo: markers.get(f.number) ?? '(no marker)' })),
  };
}

/** The node rows the seed implies, keyed by the documented scheme. */
function expectedNodes(seed: Seed): [NodeKind, string, string | null, string][] {
  const rows: [NodeKind, string, string | null, string][] = [['PRINCIPLE', seed.principle.key, null, seed.principle.title]];
  for (const el of seed.elements) {
    rows.push(['ELEMENT', el.key, seed.principle.key, el.question]);
    for (const action of el.actions) {
      rows.push(['ACTION', action.key, el.key, action.question]);
      action.parts.forEach((part, i) => rows.push(['PART', `${action.key}.${String.fromCharCode(97 + i)}`, action.key, part]));
    }
    el.groups.forEach((group, g) => {
      const groupKey = `${el.key}.g${g + 1}`;
      rows.push(['PROMPT_GROUP', groupKey, el.key, group.label]);
      group.prompts.forEach((prompt, i) => rows.push(['PROMPT', `${groupKey}.${i + 1}`, groupKey, prompt]));
    });
  }
  return rows;
}

describe('bundled Inspiring Learning framework against the seed', () => {
  let raw: string;
  let seed: Seed;
  let fw: LoadedFramework;

  beforeAll(() => {
    expect(existsSync(SEED)).toBe(true); // a missing seed fails here rather than skipping
    raw = readFileSync(SEED, 'utf8');
    seed = extractSeed(raw);
    const bundled = loadBundledFrameworks().filter((f) => f.key === 'inspiring-learning-partnerships');
    expect(bundled).toHaveLength(1);
    fw = bundled[0]!;
  });

  it('extracts everything the seed contains (the extractor misses nothing)', () => {
    const all = (re: RegExp) => [...raw.matchAll(re)].length;
    expect(seed.elements).toHaveLength(all(/^#### /gm));
    expect(seed.elements.flatMap((e) => e.actions)).toHaveLength(all(/^\d+\.\d+\.\d+ /gm));
    expect(seed.elements.flatMap((e) => e.groups)).toHaveLength(all(/<p><i>/g));
    expect(seed.elements.flatMap((e) => e.groups.flatMap((g) => g.prompts))).toHaveLength(all(/<li>/g));
    expect(seed.footnotes).toHaveLength(all(/^<sup>\d+<\/sup> /gm));
    // The figures a reader counts by hand, so a broken extractor cannot agree with a broken YAML.
    expect([seed.elements.length, seed.elements.flatMap((e) => e.actions).length]).toEqual([3, 8]);
    expect(seed.elements.flatMap((e) => e.actions.flatMap((a) => a.parts))).toHaveLength(9);
    expect(seed.elements.map((e) => e.groups.map((g) => g.prompts.length))).toEqual([[7, 2, 3], [4, 2], [3, 1, 2, 5]]);
  });

  it('has the principle title and subtitle', () => {
    const principle = fw.document.principles[0]!;
    expect(fw.document.principles).toHaveLength(1);
    expect([principle.key, principle.title, principle.subtitle]).toEqual([seed.principle.key, 'PARTNERSHIPS', 'Building creative learning partnerships']);
    expect(principle.subtitle).toBe(seed.principle.subtitle);
  });

  it('has the introduction paragraphs, list and note in order, word for word', () => {
    const intro = fw.document.introduction.flatMap((block) => (block.kind === 'LIST' ? block.items : [block.text]));
    expect(intro).toEqual(seed.introduction);
    expect(seed.introduction).toHaveLength(7);
    expect(fw.document.introduction.at(-1)).toEqual({ kind: 'NOTE', text: seed.introduction.at(-1) });
  });

  it('has every element, action, part, group and prompt, at the right place and nothing else', () => {
    const actual = fw.nodes.map((n) => [n.kind, n.key, n.parentKey, n.text]);
    expect(actual).toEqual(expectedNodes(seed));
  });

  it('matches the seed element by element in the document too', () => {
    const elements = fw.document.principles[0]!.elements;
    expect(elements.map((e) => e.key)).toEqual(seed.elements.map((e) => e.key));
    elements.forEach((element, i) => {
      const s = seed.elements[i]!;
      expect(element.question).toBe(s.question);
      expect(element.actions.map((a) => [a.key, a.question, a.parts.map((p) => p.text)])).toEqual(
        s.actions.map((a) => [a.key, a.question, a.parts]),
      );
      expect(element.evidenceGroups.map((g) => [g.label, g.prompts.map((p) => p.text)])).toEqual(
        s.groups.map((g) => [g.label, g.prompts]),
      );
    });
  });

  it('keeps group labels exactly as printed (3.3 "Have you" has no colon)', () => {
    const labels = fw.nodes.filter((n) => n.kind === 'PROMPT_GROUP').map((n) => [n.key, n.text]);
    expect(labels).toContainEqual(['3.3.g1', 'Have you']);
    expect(labels).toContainEqual(['3.1.g2', 'Do you know whether staff:']);
  });

  it('has every footnote word for word, attached where the seed attaches it', () => {
    expect(fw.footnotes).toEqual(seed.footnotes);
    expect(seed.footnotes.map((f) => [f.number, f.attachedTo])).toEqual([[1, '3.2.3'], [2, '3.3.1'], [3, '3.3.2']]);
    const withFootnotes = fw.nodes.filter((n) => n.footnotes.length > 0).map((n) => [n.key, n.footnotes]);
    expect(withFootnotes).toEqual([['3.2.3', [1]], ['3.3.1', [2]], ['3.3.2', [3]]]);
  });

  it('has the answer scales and column headings of the seed', () => {
    const { practice, evidence } = fw.document.scales;
    expect(practice.heading).toBe(seed.practiceHeading);
    expect(practice.options.map((o) => o.label)).toEqual(seed.practiceLabels);
    expect(practice.options.map((o) => o.value)).toEqual(['YES', 'STARTED', 'NO']);
    expect(evidence.heading).toBe(seed.evidenceHeading);
    expect([...evidence.options.filter((o) => o.value !== 'NOT_APPLICABLE').map((o) => o.label), evidence.improvementFlag]).toEqual(
      seed.evidenceColumns,
    );
    expect(evidence.options).toContainEqual({ value: 'NOT_APPLICABLE', label: 'Not applicable' });
  });

  it('leaves no markup or footnote markers in any text', () => {
    for (const node of fw.nodes) expect(node.text).not.toMatch(/[<>*]|\s\?$/);
  });

  it('names its source and attribution', () => {
    expect(fw.source.title).toMatch(/Inspiring Learning/);
    expect(fw.source.title).toMatch(/Section 3 Partnerships/);
    expect(fw.source.publisher).toMatch(/MLA/);
    expect(fw.source.publisher).toMatch(/Arts Council England/);
    expect(fw.source.attribution).toMatch(/word for word/);
  });
});
