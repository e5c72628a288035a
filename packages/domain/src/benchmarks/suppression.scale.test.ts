import { MAX_FAMILIES, suppressCohorts, type Cohort } from './suppression';
import { seededRandom } from './__tests__/random';

const KINDS = ['LIBRARY', 'MUSEUM', 'ARCHIVE', 'COMBINED'];
const SIZES = ['SMALL', 'MEDIUM', 'LARGE'];

interface Org {
  id: string;
  region: number;
  kind: string;
  size: string;
}

/**
 * A country's worth: 10,000 institutions in 10 regions, and 97 cohorts (10 regions x 4 kinds, 10
 * regions, 4 kinds, 3 size bands, 40 networks). Two networks per region overlap each other; some
 * are built to need complementary suppression (a library cell but two, a whole region but three);
 * some are national samples that overlap everything.
 */
function country(): Cohort[] {
  const random = seededRandom(97);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const orgs: Org[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: `org-${i}`,
    region: Math.floor(random() * 10),
    kind: pick(KINDS),
    size: pick(SIZES),
  }));
  const cohort = (key: string, members: readonly Org[]): Cohort => ({ key, members: new Set(members.map((o) => o.id)) });
  const inRegion = (r: number) => orgs.filter((o) => o.region === r);

  const cohorts: Cohort[] = [];
  for (let r = 0; r < 10; r++) {
    cohorts.push(cohort(`region:R${r}`, inRegion(r)));
    for (const kind of KINDS) cohorts.push(cohort(`region-kind:R${r}:${kind}`, inRegion(r).filter((o) => o.kind === kind)));
  }
  for (const kind of KINDS) cohorts.push(cohort(`kind:${kind}`, orgs.filter((o) => o.kind === kind)));
  for (const size of SIZES) cohorts.push(cohort(`size:${size}`, orgs.filter((o) => o.size === size)));
  for (let r = 0; r < 10; r++) {
    cohorts.push(cohort(`network:regional-${r}`, inRegion(r).filter(() => random() < 0.6)));
    cohorts.push(cohort(`network:regional-${r}-b`, inRegion(r).filter(() => random() < 0.3)));
  }
  for (let r = 0; r < 5; r++) cohorts.push(cohort(`network:libraries-${r}`, inRegion(r).filter((o) => o.kind === 'LIBRARY').slice(2)));
  for (let r = 5; r < 8; r++) cohorts.push(cohort(`network:almost-all-${r}`, inRegion(r).slice(3)));
  cohorts.push(cohort('network:tiny', orgs.slice(0, 4)));
  for (let n = 1; n <= 11; n++) cohorts.push(cohort(`network:national-${n}`, orgs.filter(() => random() < n / 100)));
  return cohorts;
}

/**
 * Twenty small networks crowded into one region of 60, overlapping one another: the case where the
 * search for disjoint families has the most to enumerate.
 */
function crowdedRegion(): Cohort[] {
  const random = seededRandom(20);
  const region = Array.from({ length: 60 }, (_, i) => `org-${i}`);
  const cohorts: Cohort[] = [{ key: 'region:R0', members: new Set(region) }];
  KINDS.forEach((kind, k) => cohorts.push({ key: `region-kind:R0:${kind}`, members: new Set(region.filter((_, i) => i % 4 === k)) }));
  for (let n = 0; n < 20; n++) cohorts.push({ key: `network:${n}`, members: new Set(region.filter(() => random() < 0.12)) });
  return cohorts;
}

/**
 * Triangles of networks (three that share one member) inside one region, and a hub network that
 * touches every triangle: 3^triangles + 1 maximal families, all in one overlapping group.
 */
function hubAndTriangles(triangles: number): Cohort[] {
  const cohorts: Cohort[] = [];
  const region: string[] = [];
  const hub: string[] = [];
  for (let t = 0; t < triangles; t++) {
    const centre = `centre-${t}`;
    hub.push(centre);
    region.push(centre);
    for (const side of ['a', 'b', 'c']) {
      const own = [1, 2, 3].map((i) => `org-${t}${side}${i}`);
      region.push(...own);
      cohorts.push({ key: `network:${t}${side}`, members: new Set([centre, ...own]) });
    }
  }
  cohorts.push({ key: 'network:hub', members: new Set(hub) }, { key: 'region:R0', members: new Set(region) });
  return cohorts;
}

// Jest's timeout is the only guard here (a generous one, against a search gone exponential);
// speed itself is measured by hand, not asserted.
describe('suppressCohorts at the size of a real country', () => {
  it('settles 97 cohorts over 10,000 institutions', () => {
    const cohorts = country();
    expect(cohorts.length).toBe(97);
    const { shown, suppressed } = suppressCohorts(cohorts, 5);
    expect(suppressed.get('network:tiny')).toBe('too-small');
    for (let r = 0; r < 5; r++) expect(suppressed.get(`network:libraries-${r}`)).toBe('complementary');
    for (let r = 5; r < 8; r++) expect(suppressed.get(`network:almost-all-${r}`)).toBe('complementary');
    expect(shown.has('region:R0')).toBe(true);
    expect(shown.size + suppressed.size).toBe(97);
  }, 5_000);

  it('settles twenty overlapping networks crowded into one region', () => {
    const { shown, suppressed } = suppressCohorts(crowdedRegion(), 3);
    expect(shown.size + suppressed.size).toBe(25);
  }, 5_000);

  it('searches a contrived container to the end below MAX_FAMILIES, and hides it beyond', () => {
    // 3^9 + 1 = 19,684 families: searched, and nothing needs hiding.
    expect(suppressCohorts(hubAndTriangles(9), 3).suppressed).toEqual(new Map());
    // 3^10 + 1 = 59,050: more than MAX_FAMILIES, so the region goes rather than the search going on.
    expect(3 ** 10 + 1).toBeGreaterThan(MAX_FAMILIES);
    expect(suppressCohorts(hubAndTriangles(10), 3).suppressed).toEqual(new Map([['region:R0', 'complementary']]));
  }, 5_000);
});
