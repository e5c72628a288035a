import { BenchmarkingConsent, CohortDimension, type FrameworkTree, OrganisationKind, type Reader } from '@waymark/db';
import { forbidden } from '@waymark/domain';
import type { RequestContext } from '../../context';
import { findFramework } from '../frameworks/queries';
import { assertBody, assertInstitution, findNetwork } from './networks';
import type {
  CohortView,
  DistributionObject,
  ElementStandingObject,
  HeatmapRowObject,
  InstitutionBenchmarksObject,
  NetworkHeatmapObject,
  OwnStandingObject,
  PartStandingObject,
  RegionBenchmarksObject,
  ScopeFiguresObject,
  SnapshotObject,
  TrendPointObject,
} from './types';

/**
 * The benchmark views: what an institution, a regional body or an integration may see of a
 * snapshot. Snapshots hold only what may be shown (a suppressed cohort has no figures at all); these
 * reads choose which cohorts a caller may look at. They read from the read replica when one is set.
 */
const DEFAULT_FRAMEWORK = 'inspiring-learning-partnerships';
const KIND_LABELS: Record<string, string> = { LIBRARY: 'Libraries', MUSEUM: 'Museums', ARCHIVE: 'Archives', COMBINED: 'Combined institutions' };
const SIZE_LABELS: Record<string, string> = { MICRO: 'Micro institutions', SMALL: 'Small institutions', MEDIUM: 'Medium institutions', LARGE: 'Large institutions' };
const INSTITUTION_KINDS = [OrganisationKind.LIBRARY, OrganisationKind.MUSEUM, OrganisationKind.ARCHIVE, OrganisationKind.COMBINED];

interface CohortRow {
  key: string;
  dimension: CohortDimension;
  value: string | null;
  secondValue: string | null;
  members: number | null;
  suppressed: string | null;
  hiddenRows: number;
}

interface FigureRow extends DistributionObject {
  cohortKey: string;
  scope: string;
  measure: 'practice' | 'evidence';
}

async function frameworkFor(ctx: RequestContext, key: string | null | undefined): Promise<FrameworkTree> {
  return findFramework(ctx.db, { key: key ?? DEFAULT_FRAMEWORK });
}

async function latestSnapshot(db: Reader, frameworkId: string): Promise<SnapshotObject | null> {
  return db.sharedOne<SnapshotObject>(
    `select id, taken_at as "takenAt", trigger, min_cohort as "minCohort" from benchmark_snapshot where framework_id = $1 order by taken_at desc limit 1`,
    frameworkId,
  );
}

async function cohortRows(db: Reader, snapshotId: string, keys: string[]): Promise<CohortRow[]> {
  return db.shared<CohortRow>(
    `select key, dimension, value, second_value as "secondValue", members, suppressed, hidden_rows as "hiddenRows"
       from benchmark_cohort where snapshot_id = $1 and key = any($2::text[]) order by key`,
    snapshotId,
    keys,
  );
}

async function figuresOf(db: Reader, snapshotId: string, keys: string[]): Promise<FigureRow[]> {
  if (!keys.length) return [];
  return db.shared<FigureRow>(
    `select cohort_key as "cohortKey", scope, measure, n, mean, p25, median, p75, min, max
       from benchmark_figure where snapshot_id = $1 and cohort_key = any($2::text[])`,
    snapshotId,
    keys,
  );
}

/** Overall first, then the elements in framework order. */
function scopeOrder(tree: FrameworkTree): (a: string, b: string) => number {
  const position = new Map(tree.scoring.map((e, i) => [e.key, i]));
  return (a, b) => (a === 'overall' ? -1 : b === 'overall' ? 1 : (position.get(a) ?? 99) - (position.get(b) ?? 99));
}

function figureSets(figures: FigureRow[], order: (a: string, b: string) => number): Map<string, ScopeFiguresObject[]> {
  const byCohort = new Map<string, Map<string, ScopeFiguresObject>>();
  for (const f of figures) {
    const scopes = byCohort.get(f.cohortKey) ?? new Map<string, ScopeFiguresObject>();
    byCohort.set(f.cohortKey, scopes);
    const entry = scopes.get(f.scope) ?? { scope: f.scope, practice: null, evidence: null };
    const { n, mean, p25, median, p75, min, max } = f;
    entry[f.measure] = { n, mean, p25, median, p75, min, max };
    scopes.set(f.scope, entry);
  }
  return new Map([...byCohort].map(([key, scopes]) => [key, [...scopes.values()].sort((a, b) => order(a.scope, b.scope))]));
}

function labelOf(row: Pick<CohortRow, 'dimension' | 'value' | 'secondValue'>, names: { regions: Map<string, string>; networks: Map<string, string> }): string {
  const region = (code: string | null) => (code ? (names.regions.get(code) ?? code) : 'the region');
  switch (row.dimension) {
    case CohortDimension.REGION:
      return region(row.value);
    case CohortDimension.KIND:
      return KIND_LABELS[row.value ?? ''] ?? String(row.value);
    case CohortDimension.SIZE:
      return SIZE_LABELS[row.value ?? ''] ?? String(row.value);
    case CohortDimension.REGION_KIND:
      return `${KIND_LABELS[row.secondValue ?? ''] ?? String(row.secondValue)} in ${region(row.value)}`;
    case CohortDimension.NETWORK:
      return names.networks.get(row.value ?? '') ?? 'A network';
  }
}

async function regionNames(db: Reader): Promise<Map<string, string>> {
  return new Map((await db.shared<{ code: string; name: string }>(`select code, name from region`)).map((r) => [r.code, r.name]));
}

function views(rows: CohortRow[], figures: Map<string, ScopeFiguresObject[]>, labels: (row: CohortRow) => string, mine = new Map<string, OwnStandingObject[]>()): CohortView[] {
  return rows.map((row) => ({
    key: row.key,
    dimension: row.dimension,
    label: labels(row),
    suppressed: row.suppressed !== null,
    members: row.suppressed === null ? row.members : null,
    figures: row.suppressed === null ? (figures.get(row.key) ?? []) : [],
    mine: mine.get(row.key) ?? [],
  }));
}

/** The organisation in scope, as benchmarks group it. */
async function organisationFacts(db: Reader) {
  const row = await db.organisation<{ kind: OrganisationKind; sizeBand: string; consent: BenchmarkingConsent; region: string | null }>(
    `select o.kind, o.size_band as "sizeBand", o.benchmarking_consent as consent, r.code as region
       from organisation o left join region r on r.id = o.region_id where o.id = $1`,
  );
  if (!row) throw forbidden('Benchmarks are read for an organisation: choose one');
  return row;
}

/**
 * An institution's view: its own scores and percentile ranks beside each cohort it counts in
 * (suppressed ones say so and show nothing else). Only institutions that share their results see
 * others': with consent NONE there is nothing to compare with.
 */
export async function institutionBenchmarks(ctx: RequestContext, frameworkKey?: string | null): Promise<InstitutionBenchmarksObject> {
  await assertInstitution(ctx);
  const tree = await frameworkFor(ctx, frameworkKey);
  const facts = await organisationFacts(ctx.db);
  const db = await ctx.benchmarkReader();
  const snapshot = await latestSnapshot(db, tree.row.id);
  if (facts.consent === BenchmarkingConsent.NONE) {
    return { snapshot, unavailableReason: 'The organisation does not share its results (benchmarkingConsent NONE), so it is compared with no one', cohorts: [] };
  }
  if (!snapshot) return { snapshot, unavailableReason: 'No benchmark has been computed yet', cohorts: [] };

  const memberships = await ctx.db.shared<{ network_id: string; network_name: string }>(
    `select c.network_id, c.network_name from waymark_network_counterparts() c join network_member m on m.id = c.membership_id
      where c.institution_id = $1 and m.status = 'MEMBER'`,
    ctx.db.organisationId,
  );
  const keys = [`kind:${facts.kind}`, `size:${facts.sizeBand}`, ...(facts.region ? [`region:${facts.region}`, `region-kind:${facts.region}:${facts.kind}`] : [])];
  keys.push(...memberships.map((m) => `network:${m.network_id}`));
  const ranks = await db.tenant<OwnStandingObject & { cohortKey: string }>(
    `select r."cohortKey", r.scope, r.measure, r.value, r.percentile
       from benchmark_rank b cross join jsonb_to_recordset(b.ranks) as r("cohortKey" text, scope text, measure text, value float8, percentile float8)
      where b.organisation_id = $1 and b.snapshot_id = $2`,
    snapshot.id,
  );
  // Only cohorts it was counted in (it has a rank there), or suppressed ones it belongs to.
  const counted = new Set(ranks.map((r) => r.cohortKey));
  const rows = (await cohortRows(db, snapshot.id, keys)).filter((r) => r.suppressed !== null || counted.has(r.key));
  const order = scopeOrder(tree);
  const mine = new Map<string, OwnStandingObject[]>();
  for (const r of ranks) mine.set(r.cohortKey, [...(mine.get(r.cohortKey) ?? []), { scope: r.scope, measure: r.measure, value: r.value, percentile: r.percentile }]);
  for (const list of mine.values()) list.sort((a, b) => order(a.scope, b.scope) || a.measure.localeCompare(b.measure));
  const figures = figureSets(await figuresOf(db, snapshot.id, rows.filter((r) => !r.suppressed).map((r) => r.key)), order);
  const names = { regions: await regionNames(db), networks: new Map(memberships.map((m) => [m.network_id, m.network_name])) };
  return { snapshot, unavailableReason: null, cohorts: views(rows, figures, (row) => labelOf(row, names), mine) };
}

/** A regional body's view of its region: the region's figures, its weakest elements and parts, the spread by kind, the trend. */
export async function regionBenchmarks(ctx: RequestContext, frameworkKey?: string | null): Promise<RegionBenchmarksObject> {
  await assertBody(ctx);
  const tree = await frameworkFor(ctx, frameworkKey);
  const { region } = await organisationFacts(ctx.db);
  const db = await ctx.benchmarkReader();
  const snapshot = await latestSnapshot(db, tree.row.id);
  const empty = { snapshot, region, overall: null, weakestElements: [], weakestParts: [], byKind: [], trend: [] };
  if (!snapshot || !region) return empty;

  const keys = [`region:${region}`, ...INSTITUTION_KINDS.map((kind) => `region-kind:${region}:${kind}`)];
  const rows = await cohortRows(db, snapshot.id, keys);
  const order = scopeOrder(tree);
  const figures = figureSets(await figuresOf(db, snapshot.id, rows.filter((r) => !r.suppressed).map((r) => r.key)), order);
  const names = { regions: await regionNames(db), networks: new Map<string, string>() };
  const all = views(rows, figures, (row) => labelOf(row, names));
  const overall = all.find((c) => c.key === `region:${region}`) ?? null;

  const weakestElements: ElementStandingObject[] =
    overall?.figures
      .filter((f) => f.scope !== 'overall' && f.practice)
      .map((f) => ({ elementKey: f.scope, title: tree.byKey.get(f.scope)?.text ?? f.scope, practice: f.practice! }))
      .sort((a, b) => a.practice.median - b.practice.median || a.practice.mean - b.practice.mean) ?? [];
  const weakestParts = overall?.suppressed === false
    ? (
        await db.shared<Omit<PartStandingObject, 'text'>>(
          `select part_key as "partKey", answered, yes, started, no from benchmark_part_share
            where snapshot_id = $1 and cohort_key = $2 order by yes, no desc, part_key limit 10`,
          snapshot.id,
          `region:${region}`,
        )
      ).map((p) => ({ ...p, text: tree.byKey.get(p.partKey)?.text ?? p.partKey }))
    : [];
  const trend = await regionTrend(db, tree.row.id, `region:${region}`);
  return { snapshot, region, overall, weakestElements, weakestParts, byKind: all.filter((c) => c.dimension === CohortDimension.REGION_KIND), trend };
}

async function regionTrend(db: Reader, frameworkId: string, key: string): Promise<TrendPointObject[]> {
  const rows = await db.shared<{ takenAt: Date; members: number | null; measure: string | null } & Partial<DistributionObject>>(
    `select s.taken_at as "takenAt", c.members, f.measure, f.n, f.mean, f.p25, f.median, f.p75, f.min, f.max
       from (select * from benchmark_snapshot where framework_id = $1 order by taken_at desc limit 36) s
       join benchmark_cohort c on c.snapshot_id = s.id and c.key = $2
       left join benchmark_figure f on f.snapshot_id = s.id and f.cohort_key = c.key and f.scope = 'overall'
      order by s.taken_at, f.measure`,
    frameworkId,
    key,
  );
  const points = new Map<number, TrendPointObject>();
  for (const r of rows) {
    const at = r.takenAt.getTime();
    const point = points.get(at) ?? { takenAt: r.takenAt, members: r.members, practice: null, evidence: null };
    points.set(at, point);
    if (r.measure === 'practice' || r.measure === 'evidence') {
      point[r.measure] = { n: r.n!, mean: r.mean!, p25: r.p25!, median: r.median!, p75: r.p75!, min: r.min!, max: r.max! };
    }
  }
  return [...points.values()];
}

/** A body's network as a heatmap: members by scope, named where they consented, pseudonyms otherwise, suppressed rows counted. */
export async function networkHeatmap(ctx: RequestContext, networkId: string, frameworkKey?: string | null): Promise<NetworkHeatmapObject> {
  await assertBody(ctx);
  const network = await findNetwork(ctx.db, networkId);
  const tree = await frameworkFor(ctx, frameworkKey);
  const db = await ctx.benchmarkReader();
  const snapshot = await latestSnapshot(db, tree.row.id);
  const order = scopeOrder(tree);
  const scopes = ['overall', ...tree.scoring.map((e) => e.key)];
  if (!snapshot) return { snapshot, network, scopes, rows: [], suppressedRows: 0, aggregate: null };

  const cells = await db.tenant<{ label: string; memberOrganisationId: string | null; position: number; scope: string; practice: number; evidence: number | null }>(
    `select label, member_organisation_id as "memberOrganisationId", position, scope, practice, evidence
       from benchmark_network_cell where organisation_id = $1 and snapshot_id = $2 and network_id = $3 order by position, scope`,
    snapshot.id,
    network.id,
  );
  const rows = new Map<number, HeatmapRowObject>();
  for (const c of cells) {
    const row = rows.get(c.position) ?? { label: c.label, named: c.memberOrganisationId !== null, organisationId: c.memberOrganisationId, cells: [] };
    row.cells.push({ scope: c.scope, practice: c.practice, evidence: c.evidence });
    rows.set(c.position, row);
  }
  for (const row of rows.values()) row.cells.sort((a, b) => order(a.scope, b.scope));
  const [cohort] = await cohortRows(db, snapshot.id, [`network:${network.id}`]);
  const figures = cohort && !cohort.suppressed ? figureSets(await figuresOf(db, snapshot.id, [cohort.key]), order) : new Map<string, ScopeFiguresObject[]>();
  const aggregate = cohort ? views([cohort], figures, () => network.name)[0]! : null;
  return { snapshot, network, scopes, rows: [...rows.values()], suppressedRows: cohort?.hiddenRows ?? 0, aggregate };
}
