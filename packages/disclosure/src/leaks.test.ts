import { networkRows, suppressCohorts } from '@waymark/domain';
import { audit } from './audit';
import { disclosureParams } from './params';
import { protect } from './protect';
import type { CohortSpec, Contribution, FigureCell, Publication, SnapshotCandidate, Viewer } from './types';

/**
 * One named test per leak class of issue 15. Each builds the situation, publishes it twice - with
 * the rules main used until now (packages/domain/src/benchmarks: k = 5, complementary suppression,
 * heatmap rows for anonymous members, exact figures) and with `protect` - and asks the intruder.
 * Main's publication must leak (so each test would fail on main's rules) and protect's must not.
 */
const K = 5;
const params = disclosureParams();
// Main's figures are exact; the intruder is given a bound of 1 point anyway, which only weakens it.
const exact = disclosureParams({ sumNoise: 1 });

interface Org { id: string; region: string; kind: string; consent: 'NAMED' | 'ANONYMOUS'; practice: number; evidence: number | null; version?: number }

const BODY: Viewer = { id: 'body', institutionId: null };
const entryOf = (o: Org) => `${o.id}:${o.version ?? 1}`;

function contributionsOf(orgs: readonly Org[]): Contribution[] {
  return orgs.map((o, i) => ({
    entry: entryOf(o), institutionId: o.id, consent: o.consent, recordKey: BigInt(1_000_003 * (i + 1) + (o.version ?? 1) * 7919),
    values: { 'overall|practice': o.practice, 'overall|evidence': o.evidence }, parts: {},
  }));
}

function cohortsOf(orgs: readonly Org[], network: readonly string[] = []): CohortSpec[] {
  const by = (prefix: string, key: (o: Org) => string): CohortSpec[] =>
    [...new Set(orgs.map(key))].map((value) => ({ key: `${prefix}:${value}`, members: orgs.filter((o) => key(o) === value).map((o) => o.id), audience: 'ALL' }));
  const networks: CohortSpec[] = network.length === 0 ? [] : [
    { key: 'network:n', members: [...network], audience: [BODY.id] },
    { key: 'network:n:others', members: orgs.filter((o) => network.includes(o.id) && o.consent === 'ANONYMOUS').map((o) => o.id), audience: [BODY.id] },
  ];
  return [...by('region', (o) => o.region), ...by('kind', (o) => o.kind), ...by('region-kind', (o) => `${o.region}:${o.kind}`), ...networks];
}

function candidate(snapshot: number, orgs: readonly Org[], network: readonly string[] = []): SnapshotCandidate {
  return {
    snapshotId: `s${snapshot}`, asOf: `2026-12-0${snapshot + 1}T02:00:00.000Z`, contributions: contributionsOf(orgs), cohorts: cohortsOf(orgs, network),
    valueKeys: ['overall|practice', 'overall|evidence'], partKeys: [], viewers: [BODY, ...orgs.map((o) => ({ id: o.id, institutionId: o.id }))],
  };
}

/**
 * What main published for the same snapshot: the cohorts `suppressCohorts` shows (the network
 * only when `networkRows` lets its aggregate show), each measure when it has at least k values,
 * with exact sums; the heatmap's rows of anonymous network members (one exact value each) when
 * there are at least k of them. The "others" cohort did not exist on main.
 */
function mainRules(c: SnapshotCandidate, network: readonly string[] = []): Publication {
  const orgs = new Map(c.contributions.map((x) => [x.institutionId, x]));
  const cohorts = c.cohorts.filter((x) => !x.key.endsWith(':others'));
  const rows = networkRows(network.map((id) => ({ id, consent: orgs.get(id)!.consent })), K);
  const eligible = cohorts.filter((x) => x.key !== 'network:n' || rows.aggregateShown);
  const { shown } = suppressCohorts(eligible.map((x) => ({ key: x.key, members: new Set(x.members) })), K);
  const figures: FigureCell[] = [];
  const cell = (key: string, audience: CohortSpec['audience'], members: readonly Contribution[], valueKey: string): FigureCell => ({
    snapshotId: c.snapshotId, cohortKey: key, valueKey, audience, entries: members.map((m) => m.entry), n: members.length,
    status: 'PUBLISHED', reason: null, perturbedSum: members.reduce((sum, m) => sum + (m.values[valueKey] as number), 0), mean: null,
    p25: null, median: null, p75: null, quartileReason: 'QUARTILES_NOT_PUBLISHED',
  });
  for (const cohort of cohorts.filter((x) => shown.has(x.key))) {
    for (const valueKey of c.valueKeys) {
      const counted = cohort.members.map((id) => orgs.get(id)!).filter((m) => typeof m.values[valueKey] === 'number');
      if (counted.length >= K) figures.push(cell(cohort.key, cohort.audience, counted, valueKey));
    }
  }
  for (const id of rows.anonymous) {
    for (const valueKey of c.valueKeys) {
      const member = orgs.get(id)!;
      if (typeof member.values[valueKey] === 'number') figures.push(cell(`heatmap:${id}`, [BODY.id], [member], valueKey));
    }
  }
  return { snapshotId: c.snapshotId, asOf: c.asOf, figures, shares: [], contributions: c.contributions.map(({ entry, institutionId, consent }) => ({ entry, institutionId, consent })) };
}

async function leaksOnMain(snapshots: { c: SnapshotCandidate; network?: readonly string[] }[]) {
  const publications = snapshots.map(({ c, network }) => mainRules(c, network));
  const contributions = [...new Map(snapshots.flatMap(({ c }) => c.contributions).map((x) => [x.entry, x])).values()];
  return (await audit({ publications, contributions, viewers: snapshots.at(-1)!.c.viewers }, exact)).violations;
}

async function leaksWithProtect(snapshots: SnapshotCandidate[]) {
  const history: { publications: Publication[]; contributions: Contribution[] } = { publications: [], contributions: [] };
  for (const c of snapshots) {
    const { publication } = await protect(c, history, params);
    history.publications.push(publication);
    history.contributions.push(...c.contributions.filter((x) => !history.contributions.some((y) => y.entry === x.entry)));
  }
  const report = await audit({ ...history, viewers: snapshots.at(-1)!.viewers }, params);
  return { violations: report.violations, publications: history.publications };
}

const org = (id: string, region: string, kind: string, consent: Org['consent'], practice: number, evidence: number | null = practice): Org => ({ id, region, kind, consent, practice, evidence });

describe('leaks of issue 15', () => {
  it('named rows plus a cohort mean: a museum cohort of 5 with 4 NAMED members does not give the fifth away', async () => {
    const orgs = [
      ...[61, 48, 70, 55].map((p, i) => org(`named${i}`, 'N', 'MUSEUM', 'NAMED', p)),
      org('outsider', 'N', 'MUSEUM', 'ANONYMOUS', 37),
      ...[52, 44, 66, 58, 49, 71].map((p, i) => org(`lib${i}`, 'N', 'LIBRARY', 'ANONYMOUS', p)),
    ];
    const network = ['named0', 'named1', 'named2', 'named3'];
    const c = candidate(0, orgs, network);
    expect((await leaksOnMain([{ c, network }])).some((v) => v.entry === 'outsider:1')).toBe(true);
    const { violations, publications } = await leaksWithProtect([c]);
    expect(violations).toEqual([]);
    const museum = publications[0]!.figures.find((f) => f.cohortKey === 'region-kind:N:MUSEUM' && f.valueKey === 'overall|practice')!;
    expect(museum).toMatchObject({ status: 'HELD_BACK', reason: 'TOO_FEW_UNKNOWN', mean: null });
  });

  it('overlapping cohorts: region minus (kind minus region x kind) does not recover a suppressed cell', async () => {
    const orgs = [
      org('lonely', 'N', 'MUSEUM', 'ANONYMOUS', 23),
      ...[52, 44, 66, 58, 49, 71].map((p, i) => org(`nlib${i}`, 'N', 'LIBRARY', 'ANONYMOUS', p)),
      ...[41, 63, 57, 68, 45, 50].map((p, i) => org(`smus${i}`, 'S', 'MUSEUM', 'ANONYMOUS', p)),
      ...[39, 60, 54, 62, 47, 59].map((p, i) => org(`slib${i}`, 'S', 'LIBRARY', 'ANONYMOUS', p)),
    ];
    const c = candidate(0, orgs);
    expect((await leaksOnMain([{ c }])).some((v) => v.entry === 'lonely:1')).toBe(true);
    expect((await leaksWithProtect([c])).violations).toEqual([]);
  });

  it('snapshots differenced: a joiner is not given away by n2*m2 - n1*m1', async () => {
    const before = [...[52, 44, 66, 58, 49, 71, 63, 40].map((p, i) => org(`lib${i}`, 'N', 'LIBRARY', 'ANONYMOUS', p))];
    const after = [...before, org('joiner', 'N', 'LIBRARY', 'ANONYMOUS', 83)];
    const snapshots = [candidate(0, before), candidate(1, after)];
    expect((await leaksOnMain(snapshots.map((c) => ({ c })))).some((v) => v.entry === 'joiner:1')).toBe(true);
    expect((await leaksWithProtect(snapshots)).violations).toEqual([]);
  });

  it("a figure's cut-off counts its own measure: evidence with nulls is not differenced down to one institution", async () => {
    const orgs = [
      ...[52, 44, 66, 58, 49, 71, 63].map((p, i) => org(`lib${i}`, 'N', 'LIBRARY', 'ANONYMOUS', p)),
      org('mus0', 'N', 'MUSEUM', 'ANONYMOUS', 57, 91),
      ...[41, 63, 68, 45].map((p, i) => org(`mus${i + 1}`, 'N', 'MUSEUM', 'ANONYMOUS', p, null)),
    ];
    const c = candidate(0, orgs);
    const onMain = await leaksOnMain([{ c }]);
    expect(onMain.some((v) => v.entry === 'mus0:1' && v.key === 'overall|evidence')).toBe(true);
    expect((await leaksWithProtect([c])).violations).toEqual([]);
  });

  it('anonymous rows: the heatmap shows no anonymous member exactly, only NAMED rows and an audited "other members" cell', async () => {
    const orgs = [
      ...[61, 48].map((p, i) => org(`named${i}`, 'N', 'MUSEUM', 'NAMED', p)),
      ...[52, 44, 66, 58, 49, 71].map((p, i) => org(`anon${i}`, 'N', 'LIBRARY', 'ANONYMOUS', p)),
    ];
    const network = orgs.map((o) => o.id);
    const c = candidate(0, orgs, network);
    expect((await leaksOnMain([{ c, network }])).some((v) => v.entry.startsWith('anon'))).toBe(true);
    const { violations, publications } = await leaksWithProtect([c]);
    expect(violations).toEqual([]);
    // Every published figure the body reads counts at least minUnknown anonymous members or none.
    for (const f of publications[0]!.figures.filter((x) => x.status === 'PUBLISHED')) {
      const anonymous = f.entries.filter((e) => e.startsWith('anon')).length;
      expect(anonymous === 0 || anonymous >= params.minUnknown).toBe(true);
    }
  });
});
