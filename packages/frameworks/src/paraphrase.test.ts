import { SEEDS_DIR } from './__tests__/seeds';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledGuidanceText } from './__tests__/support';

// The ConnectedLib guidance must be in our own words: no run of 8 words from the source's
// prose may appear in the bundled YAML. Its quotation, resource titles (link texts) and
// citations are quoted as such, so they are not checked.
const SEED = path.join(SEEDS_DIR, 'community-partnerships-informal-learning.md');
const RUN = 8;

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/<sup>.*?<\/sup>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[’‘]/g, "'")
    .split(/[^a-z0-9']+/)
    .filter(Boolean);

function runs(text: string): string[] {
  const w = words(text);
  return w.slice(0, Math.max(0, w.length - RUN + 1)).map((_, i) => w.slice(i, i + RUN).join(' '));
}

function seedProse(seed: string): string[] {
  const cells = [...seed.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!);
  const intro = seed.split('\n').filter((line) => line.startsWith('Libraries are centers'));
  const resources = [...seed.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<a [^>]*>.*?<\/a>/g, ' '));
  return [...intro, ...cells, ...resources];
}

describe('guidance paraphrase', () => {
  let prose: string[];

  beforeAll(() => {
    expect(existsSync(SEED)).toBe(true);
    prose = seedProse(readFileSync(SEED, 'utf8'));
  });

  it('reads the summary, the opportunity and challenge paragraphs and the resource notes from the seed', () => {
    expect(prose).toHaveLength(1 + 3 + 2 + 6);
    for (const paragraph of prose.slice(0, 6)) expect(runs(paragraph).length).toBeGreaterThan(0);
  });

  it('would catch a copied sentence', () => {
    const copied = `${bundledGuidanceText()}\nextra: ${prose[3]}`;
    const haystack = ` ${words(copied).join(' ')} `;
    expect(runs(prose[3]!).some((run) => haystack.includes(` ${run} `))).toBe(true);
  });

  it(`shares no run of ${RUN} words with the seed's prose`, () => {
    const haystack = ` ${words(bundledGuidanceText()).join(' ')} `;
    const copied = prose.flatMap(runs).filter((run) => haystack.includes(` ${run} `));
    expect(copied).toEqual([]);
  });
});
