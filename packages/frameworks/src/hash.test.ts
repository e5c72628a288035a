import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { canonicalJson, contentHash, loadBundledFrameworks, parseFramework, parseGuidance } from './index';
import { bundledFrameworkText, bundledGuidanceText, type Editable } from './__tests__/support';

const bundledHash = () => loadBundledFrameworks()[0]!.contentHash;

/** Rebuilds every object with its keys in an order drawn from `order`. */
function reorderKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, order));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(order(Object.keys(record)).map((k) => [k, reorderKeys(record[k], order)]));
  }
  return value;
}

const TEXT_FIELDS = new Set(['text', 'question', 'label', 'title', 'subtitle', 'heading', 'attribution', 'publisher', 'improvementFlag']);

/** Waymark's own words beside the source's: an element's title, what to do about an action or a prompt. */
const isPlainWords = (path: (string | number)[]) => ['title', 'todo'].includes(String(path.at(-1))) && ['elements', 'actions', 'prompts'].includes(String(path.at(-3)));

/** Paths to every piece of the source's human-readable text in a framework document. */
function textPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return !isPlainWords(path) && (TEXT_FIELDS.has(String(path.at(-1))) || path.at(-2) === 'items') ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => textPaths(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textPaths(v, [...path, k]));
  return [];
}

function update(doc: Editable, path: (string | number)[], fn: (s: string) => string): void {
  const parent = path.slice(0, -1).reduce((node, segment) => node[segment], doc);
  parent[path.at(-1)!] = fn(parent[path.at(-1)!]);
}

describe('content hash', () => {
  it('is sha256 hex', () => {
    expect(bundledHash()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order in canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }] })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
    expect(contentHash({ b: 1, a: 2 })).toBe(contentHash({ a: 2, b: 1 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });

  it('is the same when the YAML is written as JSON', () => {
    const json = JSON.stringify(parse(bundledFrameworkText()));
    expect(parseFramework(json).contentHash).toBe(bundledHash());
  });

  it('is the same whatever the key order and YAML style', () => {
    const doc = parse(bundledFrameworkText());
    const styles = [
      { collectionStyle: 'flow' as const },
      { defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const },
      { defaultStringType: 'BLOCK_FOLDED' as const, lineWidth: 30 },
      { indent: 4, lineWidth: 0 },
    ];
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...styles), (seed, style) => {
        // A deterministic shuffle per seed, different for each object.
        let state = seed;
        const shuffle = (keys: string[]) =>
          keys
            .map((k) => ({ k, r: (state = (state * 1103515245 + 12345) & 0x7fffffff) }))
            .sort((a, b) => a.r - b.r)
            .map(({ k }) => k);
        const text = stringify(reorderKeys(doc, shuffle), style);
        expect(parseFramework(text).contentHash).toBe(bundledHash());
      }),
      { numRuns: 25 },
    );
  });

  it('is the same when text is only re-wrapped or re-spaced', () => {
    const doc = parse(bundledFrameworkText());
    doc.principles[0].elements[0].question = `  Do you identify suitable partners\n  and evaluate   the benefits of working in partnership to support learning?\n`;
    expect(parseFramework(stringify(doc)).contentHash).toBe(bundledHash());
  });

  it('changes when any text changes', () => {
    const doc = parse(bundledFrameworkText());
    const paths = textPaths(doc);
    // Every node plus the introduction, source and scale labels.
    expect(paths.length).toBeGreaterThan(59 + 7);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() !== ''),
        (path, extra) => {
          const edited = structuredClone(doc);
          update(edited, path, (s) => `${s} ${extra}`);
          expect(parseFramework(stringify(edited)).contentHash).not.toBe(bundledHash());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves out Waymark’s plain words, which are not the source’s: improving them is no new version', () => {
    const doc = parse(bundledFrameworkText());
    const element = doc.principles[0].elements[0];
    element.title = 'Partners found and weighed';
    element.actions[0].todo = 'Look for partners first.';
    element.evidenceGroups[0].prompts[0].todo = 'List your partners.';
    expect(parseFramework(stringify(doc)).contentHash).toBe(bundledHash());
    delete element.title;
    delete element.actions[0].todo;
    expect(parseFramework(stringify(doc)).contentHash).toBe(bundledHash());
    // The source's own words beside them still count.
    element.actions[0].question = `${element.actions[0].question} Really?`;
    expect(parseFramework(stringify(doc)).contentHash).not.toBe(bundledHash());
  });

  it('changes when a single character of a prompt changes', () => {
    const text = bundledFrameworkText().replace('confidence building', 'Confidence building');
    expect(parseFramework(text).contentHash).not.toBe(bundledHash());
  });

  it('works the same way for guidance', () => {
    const doc = parse(bundledGuidanceText());
    const original = parseGuidance(bundledGuidanceText()).contentHash;
    expect(parseGuidance(JSON.stringify(reorderKeys(doc, (k) => [...k].reverse()))).contentHash).toBe(original);
    doc.opportunities[0].title = 'Shared programmes and goals';
    expect(parseGuidance(stringify(doc)).contentHash).not.toBe(original);
  });
});
