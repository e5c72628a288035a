import { BenchmarkingConsent, CohortDimension, type FrameworkTree, type NetworkMemberStatus, OrganisationKind, type Reader, anyUuid, loadCrosswalk } from '@waymark/db';
import { targetsOf } from '@waymark/frameworks';
import { sql } from 'kysely';
import { forbidden, isUuid, notFound } from '@waymark/domain';
import type { RequestContext } from '../../context';
import { type Connection, type PageArgs, keysetPage } from '../../graphql/connection';
import { grouped, perRequest } from '../../graphql/loader';
import { findFramework } from '../frameworks/reads';
import {
  BenchmarkReason,
  type InstitutionRow,
  type MembershipRow,
  type NetworkRow,
  type CohortView,
  type DistributionObject,
  type ElementStandingObject,
  type HeatmapRowObject,
  type InstitutionBenchmarksObject,
  type NetworkHeatmapObject,
  type OwnScoresObject,
  type OwnStandingObject,
  type RegionBenchmarksObject,
  type ScopeFiguresObject,
  type SnapshotObject,
  type TrendPointObject,
  because,
} from './types';

/**
 * The benchmark views: what an institution, a regional body or an integration may see of a
 * snapshot. A snapshot holds only what passed the privacy audit (held-back cells carry nothing but
 * their reason); these reads choose which cohorts a caller may look at, and say as of when and why.
 * They read from the read replica when one is set. An institution's own scores come from its own
 * latest submission, at once: its own data is no disclosure to itself.
 */
const KIND_LABELS: Record<string, string> = { LIBRARY: 'Libraries', MUSEUM: 'Museums', ARCHIVE: 'Archives', COMBINED: 'Combined institutions' };
const SIZE_LABELS: Record<string, string> = { MICRO: 'Micro institutions', SMALL: 'Small institutions', MEDIUM: 'Medium institutions', LARGE: 'Large institutions' };
const INSTITUTION_KINDS = [OrganisationKind.LIBRARY, OrganisationKind.MUSEUM, OrganisationKind.ARCHIVE, OrganisationKind.COMBINED];
const OTHER_MEMBERS = 'Other members';

interface CohortRow {
  key: string;
  dimension: CohortDimension;
  value: string | null;
  secondValue: string | null;
  members: number | null;
  heldBack: BenchmarkReason | null;
  otherMembers: number;
  asOf: Date;
}

interface FigureRow {
  cohortKey: string;
  scope: string;
  measure: 'practice' | 'evidence';
  n: number | null;
  mean: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  heldBack: BenchmarkReason | null;
  asOf: Date;
}

/** `= any($n::text[])`: one parameter however many keys. */
const anyText = (keys: readonly string[]) => sql<string>`any(${keys}::text[])`;

const FIGURE = ['cohortKey', 'scope', 'measure', 'n', 'mean', 'p25', 'median', 'p75', 'heldBack', 'asOf'] as const satisfies readonly (keyof FigureRow)[];

/**
 * Which framework version a benchmark view is about, assuming no particular framework: of a named
 * framework, its newest version with a snapshot (or its newest version); otherwise the version the
 * organisation's newest assessment answers; otherwise the version of the newest snapshot (a body
 * that assesses nothing itself sees its members' framework).
 */
async function frameworkFor(ctx: RequestContext, key: string | null | undefined): Promise<FrameworkTree> {
  const snapshotted = ctx.db.sql
    .selectFrom('benchmarkSnapshot as s')
    .innerJoin('framework as f', 'f.id', 's.frameworkId')
    .select('s.frameworkId')
    .orderBy('s.takenAt', 'desc')
    .limit(1);
  if (key) {
    const row = await snapshotted.where('f.key', '=', key).executeTakeFirst();
    return row ? findFramework(ctx.db, { id: row.frameworkId }) : findFramework(ctx.db, { key });
  }
  const own = await ctx.db.sql
    .selectFrom('assessment as a')
    .innerJoin('framework as f', 'f.id', 'a.frameworkId')
    .select(['a.frameworkId', 'f.key'])
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  // The newest benchmarked version of the organisation's framework: its own may be newer than its peers'.
  const row = own ? ((await snapshotted.where('f.key', '=', own.key).executeTakeFirst()) ?? own) : await snapshotted.executeTakeFirst();
  if (row) return findFramework(ctx.db, { id: row.frameworkId });
  // Nothing assessed and nothing benchmarked yet (a new body): the newest framework there is, whose
  // view then says that no snapshot has been published.
  const newest = await ctx.db.sql.selectFrom('framework').select('id').orderBy('publishedAt', 'desc').orderBy('id').limit(1).executeTakeFirst();
  if (!newest) throw notFound('Framework', 'none imported yet');
  return findFramework(ctx.db, { id: newest.id });
}

async function latestSnapshot(db: Reader, frameworkId: string): Promise<SnapshotObject | null> {
  return (
    (await db.sql
      .selectFrom('benchmarkSnapshot')
      .select(['id', 'takenAt', 'trigger', 'protectionPoints'])
      .where('frameworkId', '=', frameworkId)
      .orderBy('takenAt', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

async function cohortRows(db: Reader, snapshotId: string, keys: string[]): Promise<CohortRow[]> {
  return db.sql
    .selectFrom('benchmarkCohort')
    .select(['key', 'dimension', 'value', 'secondValue', 'members', 'heldBack', 'otherMembers', 'asOf'])
    .where('snapshotId', '=', snapshotId)
    .where('key', '=', anyText(keys))
    .orderBy('key')
    .$narrowType<Pick<CohortRow, 'dimension' | 'heldBack'>>()
    .execute();
}

async function figuresOf(db: Reader, snapshotId: string, keys: string[]): Promise<FigureRow[]> {
  if (!keys.length) return [];
  return db.sql
    .selectFrom('benchmarkFigure')
    .select(FIGURE)
    .where('snapshotId', '=', snapshotId)
    .where('cohortKey', '=', anyText(keys))
    .$narrowType<Pick<FigureRow, 'measure' | 'heldBack'>>()
    .execute();
}

function distribution(f: Omit<FigureRow, 'cohortKey' | 'scope' | 'measure'>): DistributionObject {
  return { published: f.mean !== null, n: f.n, mean: f.mean, p25: f.p25, median: f.median, p75: f.p75, min: null, max: null, asOf: f.asOf, ...because(f.heldBack) };
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
    entry[f.measure] = distribution(f);
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
    case CohortDimension.NETWORK_OTHERS:
      return `${OTHER_MEMBERS} of ${names.networks.get(row.value ?? '') ?? 'a network'}`;
  }
}

async function regionNames(db: Reader): Promise<Map<string, string>> {
  return new Map((await db.sql.selectFrom('region').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
}

/** A cohort for the API: held back with its reason, or published and, when older than the snapshot, saying so. */
function views(
  rows: CohortRow[], snapshot: SnapshotObject, figures: Map<string, ScopeFiguresObject[]>, labels: (row: CohortRow) => string, mine = new Map<string, OwnStandingObject[]>(),
): CohortView[] {
  return rows.map((row) => {
    const published = row.heldBack === null;
    const older = row.asOf.getTime() < snapshot.takenAt.getTime();
    return {
      key: row.key, dimension: row.dimension, label: labels(row), published, suppressed: !published, members: published ? row.members : null, asOf: row.asOf,
      ...because(published ? (older ? BenchmarkReason.UNCHANGED : null) : row.heldBack),
      figures: published ? (figures.get(row.key) ?? []) : [], mine: mine.get(row.key) ?? [],
    };
  });
}

/** The organisation in scope, as benchmarks group it. */
async function organisationFacts(db: Reader) {
  const row = await db.sql
    .selectFrom('organisation as o')
    .leftJoin('region as r', 'r.id', 'o.regionId')
    .select(['o.kind', 'o.sizeBand', 'o.benchmarkingConsent as consent', 'r.code as region'])
    .$narrowType<{ kind: OrganisationKind; consent: BenchmarkingConsent }>()
    .executeTakeFirst();
  if (!row) throw forbidden('Benchmarks are read for an organisation: choose one');
  return row;
}

/** The organisation's own latest submission of the framework: overall and per element. */
/**
 * How element keys of one version read in another, through the crosswalk between them (either
 * way round); an element split, merged or retired has no single counterpart and is left out.
 */
async function elementKeysBetween(ctx: RequestContext, fromId: string, toId: string): Promise<((key: string) => string | null) | null> {
  const forward = await loadCrosswalk(ctx.db.sql, fromId, toId);
  const backward = forward ? null : await loadCrosswalk(ctx.db.sql, toId, fromId);
  if (!forward && !backward) return null;
  const pairs = new Map<string, string[]>();
  const add = (from: string, to: string) => pairs.set(from, [...(pairs.get(from) ?? []), to]);
  for (const [oldKey, target] of Object.entries((forward ?? backward)!.map)) {
    const keys = targetsOf(target);
    if (keys.length !== 1) continue;
    if (forward) add(oldKey, keys[0]!);
    else add(keys[0]!, oldKey);
  }
  return (key) => {
    const found = pairs.get(key);
    return found?.length === 1 ? found[0]! : null;
  };
}

/**
 * The organisation's own latest scores for the snapshot's framework version; failing that, its
 * latest submission of another version of the same framework, read through the crosswalk.
 */
async function ownScores(ctx: RequestContext, tree: FrameworkTree) {
  const latest = await ctx.db.sql
    .selectFrom('submittedScore as s')
    .innerJoin('framework as f', 'f.id', 's.frameworkId')
    .select(['s.id', 's.submittedAt', 's.practice', 's.evidence', 's.frameworkId', 'f.version'])
    .where('f.key', '=', tree.row.key)
    .where('s.withdrawnAt', 'is', null)
    .orderBy(sql`s.framework_id = ${tree.row.id}`, 'desc')
    .orderBy('s.submittedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const sameVersion = latest.frameworkId === tree.row.id;
  const translate = sameVersion ? (key: string) => key : await elementKeysBetween(ctx, latest.frameworkId, tree.row.id);
  if (!translate) return null;
  const elements = await ctx.db.sql
    .selectFrom('submittedElementScore')
    .select(['elementKey as scope', 'practice', 'evidence'])
    .where('scoreId', '=', latest.id)
    .execute();
  const translated = elements.flatMap((e) => {
    const scope = translate(e.scope);
    return scope ? [{ ...e, scope }] : [];
  });
  return { ...latest, sameVersion, scores: [{ scope: 'overall', practice: latest.practice, evidence: latest.evidence }, ...translated] };
}

/** Its own score beside a cohort's published mean (the percentile only where quartiles are published). */
function standing(scope: string, measure: 'practice' | 'evidence', value: number, figure: DistributionObject | null): OwnStandingObject {
  const mean = figure?.mean ?? null;
  const reason = !figure ? BenchmarkReason.NO_CONTRIBUTORS : mean === null ? figure.reason : BenchmarkReason.QUARTILES_NOT_PUBLISHED;
  return { scope, measure, value, cohortMean: mean, difference: mean === null ? null : Math.round((value - mean) * 10) / 10, percentile: null, ...because(reason) };
}

/**
 * An institution's view: its own latest scores (at once after submitting) beside each cohort it
 * counts in; held-back cohorts say why. Only institutions that share their results see others':
 * with consent NONE there is nothing to compare with.
 */
export async function institutionBenchmarks(ctx: RequestContext, frameworkKey?: string | null): Promise<InstitutionBenchmarksObject> {
  await assertInstitution(ctx);
  const tree = await frameworkFor(ctx, frameworkKey);
  const facts = await organisationFacts(ctx.db);
  const db = await ctx.benchmarkReader();
  const snapshot = await latestSnapshot(db, tree.row.id);
  const nothing = (reason: BenchmarkReason) => ({ snapshot, asOf: snapshot?.takenAt ?? null, own: null, ...because(reason), unavailableReason: because(reason).reasonText, cohorts: [] });
  if (facts.consent === BenchmarkingConsent.NONE) return nothing(BenchmarkReason.NOT_SHARED);
  if (!snapshot) return nothing(BenchmarkReason.NO_SNAPSHOT);

  const mineNow = await ownScores(ctx, tree);
  const own: OwnScoresObject | null = mineNow && {
    submittedAt: mineNow.submittedAt,
    counted: mineNow.sameVersion && mineNow.submittedAt.getTime() <= snapshot.takenAt.getTime(),
    practice: mineNow.practice,
    evidence: mineNow.evidence,
    frameworkVersion: mineNow.version,
  };
  // The membership rows are the bodies' (another organisation's), read across organisations as row-level security allows.
  const memberships = await crossing(ctx.db)
    .selectFrom(COUNTERPARTS)
    .innerJoin('networkMember as m', 'm.id', 'c.membershipId')
    .select(['c.networkId', 'c.networkName'])
    .where('c.institutionId', '=', ctx.db.organisationId!)
    .where('m.status', '=', 'MEMBER')
    .execute();
  const keys = [`kind:${facts.kind}`, `size:${facts.sizeBand}`, ...(facts.region ? [`region:${facts.region}`, `region-kind:${facts.region}:${facts.kind}`] : [])];
  keys.push(...memberships.map((m) => `network:${m.networkId}`));
  const rows = await cohortRows(db, snapshot.id, keys);
  const order = scopeOrder(tree);
  const figures = figureSets(await figuresOf(db, snapshot.id, rows.filter((r) => r.heldBack === null).map((r) => r.key)), order);
  const mine = new Map<string, OwnStandingObject[]>();
  for (const row of rows) {
    const sets = new Map((figures.get(row.key) ?? []).map((f) => [f.scope, f]));
    const list: OwnStandingObject[] = [];
    for (const score of [...(mineNow?.scores ?? [])].sort((a, b) => order(a.scope, b.scope))) {
      list.push(standing(score.scope, 'practice', score.practice, sets.get(score.scope)?.practice ?? null));
      if (score.evidence !== null) list.push(standing(score.scope, 'evidence', score.evidence, sets.get(score.scope)?.evidence ?? null));
    }
    mine.set(row.key, list);
  }
  const names = { regions: await regionNames(db), networks: new Map(memberships.map((m) => [m.networkId, m.networkName])) };
  const reason = !own ? BenchmarkReason.NO_SUBMISSION : !mineNow!.sameVersion ? BenchmarkReason.OTHER_VERSION : own.counted ? null : BenchmarkReason.NOT_YET_COUNTED;
  return { snapshot, asOf: snapshot.takenAt, own, ...because(reason), unavailableReason: null, cohorts: views(rows, snapshot, figures, (row) => labelOf(row, names), mine) };
}

/** A regional body's view of its region: the region's figures, its weakest elements and parts, the spread by kind, the trend. */
export async function regionBenchmarks(ctx: RequestContext, frameworkKey?: string | null): Promise<RegionBenchmarksObject> {
  await assertBody(ctx);
  const tree = await frameworkFor(ctx, frameworkKey);
  const { region } = await organisationFacts(ctx.db);
  const db = await ctx.benchmarkReader();
  const snapshot = await latestSnapshot(db, tree.row.id);
  const empty = { snapshot, asOf: snapshot?.takenAt ?? null, ...because(snapshot ? null : BenchmarkReason.NO_SNAPSHOT), region, overall: null, weakestElements: [], weakestParts: [], byKind: [], trend: [] };
  if (!snapshot || !region) return empty;

  const keys = [`region:${region}`, ...INSTITUTION_KINDS.map((kind) => `region-kind:${region}:${kind}`)];
  const rows = await cohortRows(db, snapshot.id, keys);
  const order = scopeOrder(tree);
  const figures = figureSets(await figuresOf(db, snapshot.id, rows.filter((r) => r.heldBack === null).map((r) => r.key)), order);
  const names = { regions: await regionNames(db), networks: new Map<string, string>() };
  const all = views(rows, snapshot, figures, (row) => labelOf(row, names));
  const overall = all.find((c) => c.key === `region:${region}`) ?? null;

  const weakestElements: ElementStandingObject[] =
    overall?.figures
      .filter((f) => f.scope !== 'overall' && f.practice?.mean != null)
      .map((f) => ({ elementKey: f.scope, title: tree.byKey.get(f.scope)?.text ?? f.scope, practice: f.practice! }))
      .sort((a, b) => a.practice.mean! - b.practice.mean!) ?? [];
  const weakestParts = overall?.published
    ? (
        await db.sql
          .selectFrom('benchmarkPartShare')
          .select(['partKey', 'answered', 'yes', 'started', 'no'])
          .where('snapshotId', '=', snapshot.id)
          .where('cohortKey', '=', `region:${region}`)
          .where('heldBack', 'is', null)
          .orderBy('yes')
          .orderBy('no', 'desc')
          .orderBy('partKey')
          .limit(10)
          // Published shares (held_back is null) carry every count.
          .$narrowType<{ answered: number; yes: number; started: number; no: number }>()
          .execute()
      ).map((p) => ({ ...p, text: tree.byKey.get(p.partKey)?.text ?? p.partKey }))
    : [];
  const trend = await regionTrend(db, tree.row.id, `region:${region}`);
  return { ...empty, overall, weakestElements, weakestParts, byKind: all.filter((c) => c.dimension === CohortDimension.REGION_KIND), trend };
}

async function regionTrend(db: Reader, frameworkId: string, key: string): Promise<TrendPointObject[]> {
  const rows = await db.sql
    .selectFrom((eb) =>
      eb.selectFrom('benchmarkSnapshot').select(['id', 'takenAt']).where('frameworkId', '=', frameworkId).orderBy('takenAt', 'desc').limit(36).as('s'),
    )
    .innerJoin('benchmarkCohort as c', (j) => j.onRef('c.snapshotId', '=', 's.id').on('c.key', '=', key))
    .leftJoin('benchmarkFigure as f', (j) => j.onRef('f.snapshotId', '=', 's.id').onRef('f.cohortKey', '=', 'c.key').on('f.scope', '=', 'overall'))
    .select(['s.takenAt', 'c.members', 'f.measure', 'f.n', 'f.mean', 'f.p25', 'f.median', 'f.p75', 'f.heldBack', 'f.asOf'])
    .orderBy('s.takenAt')
    .orderBy('f.measure')
    .$narrowType<{ heldBack: BenchmarkReason | null }>()
    .execute();
  const points = new Map<number, TrendPointObject>();
  for (const r of rows) {
    const at = r.takenAt.getTime();
    const point = points.get(at) ?? { takenAt: r.takenAt, members: r.members, practice: null, evidence: null };
    points.set(at, point);
    if (r.measure === 'practice' || r.measure === 'evidence') point[r.measure] = distribution({ ...r, asOf: r.asOf! });
  }
  return [...points.values()];
}

/**
 * A body's network as a heatmap: NAMED members by name, everyone else together as one "Other
 * members" row (published like any cohort, or held back with the reason), and counts that add up
 * to the network's member list, saying who is left out.
 */
export async function networkHeatmap(ctx: RequestContext, networkId: string, frameworkKey?: string | null): Promise<NetworkHeatmapObject> {
  await assertBody(ctx);
  const network = await findNetwork(ctx.db, networkId);
  const tree = await frameworkFor(ctx, frameworkKey);
  const db = await ctx.benchmarkReader();
  const snapshot = await latestSnapshot(db, tree.row.id);
  const order = scopeOrder(tree);
  const scopes = ['overall', ...tree.scoring.map((e) => e.key)];
  const members = await ctx.db.sql
    .selectFrom('networkMember')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('networkId', '=', network.id)
    .where('status', '=', 'MEMBER')
    .executeTakeFirst();
  const memberCount = members?.n ?? 0;
  const counts = (named: number, others: number) => {
    const leftOut = Math.max(0, memberCount - named - others);
    const text = `${memberCount} member${memberCount === 1 ? '' : 's'}: ${named} named, ${others} counted together as other members` +
      (leftOut ? `, ${leftOut} not counted (no submitted assessment, results not shared, or joined after these figures).` : '.');
    return { members: memberCount, counted: named + others, named, others, leftOut, text };
  };
  if (!snapshot) return { snapshot, asOf: null, network, scopes, rows: [], counts: counts(0, 0), ...because(BenchmarkReason.NO_SNAPSHOT), aggregate: null };

  const cells = await db.sql
    .selectFrom('benchmarkNetworkCell')
    .select(['label', 'memberOrganisationId', 'position', 'scope', 'practice', 'evidence'])
    .where('snapshotId', '=', snapshot.id)
    .where('networkId', '=', network.id)
    .orderBy('position')
    .orderBy('scope')
    .execute();
  const rows = new Map<number, HeatmapRowObject>();
  for (const c of cells) {
    const row = rows.get(c.position) ?? { label: c.label, named: true, organisationId: c.memberOrganisationId, members: 1, cells: [] };
    row.cells.push({ scope: c.scope, practice: c.practice, evidence: c.evidence });
    rows.set(c.position, row);
  }
  for (const row of rows.values()) row.cells.sort((a, b) => order(a.scope, b.scope));

  const othersKey = `others:${network.id}`;
  const cohorts = await cohortRows(db, snapshot.id, [`network:${network.id}`, othersKey]);
  const cohort = cohorts.find((c) => c.key === `network:${network.id}`);
  const others = cohorts.find((c) => c.key === othersKey);
  const figures = figureSets(await figuresOf(db, snapshot.id, cohorts.filter((c) => c.heldBack === null).map((c) => c.key)), order);
  const shown = [...rows.values()];
  const otherCount = cohort?.otherMembers ?? 0;
  if (others && others.heldBack === null) {
    const sets = new Map((figures.get(othersKey) ?? []).map((f) => [f.scope, f]));
    shown.push({
      label: OTHER_MEMBERS, named: false, organisationId: null, members: otherCount,
      cells: scopes.map((scope) => ({ scope, practice: sets.get(scope)?.practice?.mean ?? null, evidence: sets.get(scope)?.evidence?.mean ?? null })),
    });
  }
  const aggregate = cohort ? views([cohort], snapshot, figures, () => network.name)[0]! : null;
  const reason = !cohort ? BenchmarkReason.NO_CONTRIBUTORS : otherCount === 0 ? null : (others?.heldBack ?? null);
  return { snapshot, asOf: snapshot.takenAt, network, scopes, rows: shown, counts: counts(rows.size, otherCount), ...because(reason), aggregate };
}

// Networks: a regional body's networks and their members, an institution's memberships.

/** The kind of the organisation in scope: networks belong to regional bodies, memberships to institutions. */
export async function kindOf(db: Reader): Promise<OrganisationKind | null> {
  const row = await db.sql.selectFrom('organisation').select('kind').$narrowType<{ kind: OrganisationKind }>().executeTakeFirst();
  return row?.kind ?? null;
}

export async function assertBody(ctx: RequestContext): Promise<void> {
  if ((await kindOf(ctx.db)) !== OrganisationKind.REGIONAL_BODY) throw forbidden('Only a regional body has networks', { reason: 'REGIONAL_BODY_ONLY' });
}

export async function assertInstitution(ctx: RequestContext): Promise<void> {
  if ((await kindOf(ctx.db)) === OrganisationKind.REGIONAL_BODY) throw forbidden('A regional body is not a member of networks: only institutions are');
}

export function listNetworks(db: Reader, page: PageArgs): Promise<Connection<NetworkRow>> {
  return keysetPage({
    query: db.sql.selectFrom('network as n').select(['n.id', 'n.name', 'n.createdAt']),
    order: [
      { ref: 'n.name', direction: 'asc', cast: 'text' },
      { ref: 'n.id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'networks',
    page,
  });
}

export async function findNetwork(db: Reader, id: string): Promise<NetworkRow> {
  const row = isUuid(id) ? await db.sql.selectFrom('network').select(['id', 'name', 'createdAt']).where('id', '=', id).executeTakeFirst() : null;
  if (!row) throw notFound('Network', id);
  return row;
}

/**
 * Memberships read through waymark_network_counterparts(), which returns only rows naming the
 * organisation in scope (as the body or as the institution) with the other side's name, kind and
 * region; row-level security alone would hide the other organisation's row.
 */
/** What waymark_network_counterparts() returns: each membership the organisation in scope is a side of, with both sides' names. */
interface Counterpart {
  membershipId: string;
  networkId: string;
  networkName: string;
  bodyId: string;
  bodyName: string;
  institutionId: string;
  institutionName: string;
  institutionKind: string;
  institutionRegion: string | null;
}
const COUNTERPARTS = sql<Counterpart>`waymark_network_counterparts()`.as('c');

/**
 * The system scope, on the request's own connection and under its row-level security: a
 * membership row is the body's, and the institution it names reads and answers it too (the
 * function and row-level security allow either side). The organisation scope would add
 * m.organisation_id = <the organisation in scope> and hide an institution's memberships, so these
 * reads, which cross organisations today, narrow nothing themselves.
 */
const crossing = (db: Reader) => db.sqlAs({ kind: 'system', purpose: 'network memberships between a body and its institutions' });

function membershipQuery(db: Reader) {
  return crossing(db)
    .selectFrom(COUNTERPARTS)
    .innerJoin('networkMember as m', 'm.id', 'c.membershipId')
    .select((eb) => [
      'c.membershipId as id',
      'm.status',
      'm.createdAt as invitedAt',
      'm.respondedAt as respondedAt',
      'c.networkId as networkId',
      'c.networkName as networkName',
      eb.fn<InstitutionRow>('json_build_object', [sql.lit('id'), 'c.bodyId', sql.lit('name'), 'c.bodyName', sql.lit('kind'), sql.lit('REGIONAL_BODY'), sql.lit('region'), sql.lit(null)]).as('body'),
      eb
        .fn<InstitutionRow>('json_build_object', [
          sql.lit('id'), 'c.institutionId', sql.lit('name'), 'c.institutionName', sql.lit('kind'), 'c.institutionKind', sql.lit('region'), 'c.institutionRegion',
        ])
        .as('institution'),
    ])
    .$narrowType<{ status: NetworkMemberStatus }>();
}

function membershipPage(query: ReturnType<typeof membershipQuery>, page: PageArgs, orderName: string): Promise<Connection<MembershipRow>> {
  return keysetPage({
    query,
    order: [
      { ref: 'c.institutionName', direction: 'asc', cast: 'text' },
      { ref: 'c.membershipId', direction: 'asc', cast: 'uuid' },
    ],
    orderName,
    page,
  });
}

/** A body's network members (every status), by institution name. */
export function networkMembers(db: Reader, networkId: string, page: PageArgs, status?: NetworkMemberStatus[] | null): Promise<Connection<MembershipRow>> {
  let query = membershipQuery(db).where('c.bodyId', '=', db.organisationId!).where('c.networkId', '=', networkId);
  if (status?.length) query = query.where('m.status', '=', sql<NetworkMemberStatus>`any(${status}::network_member_status[])`);
  return membershipPage(query, page, 'network members');
}

/** An institution's invitations and memberships, in every body's networks. */
export function myNetworkMemberships(db: Reader, page: PageArgs): Promise<Connection<MembershipRow>> {
  return membershipPage(membershipQuery(db).where('c.institutionId', '=', db.organisationId!), page, 'network memberships');
}

/** One membership as the organisation in scope sees it, or null. */
export async function membership(db: Reader, id: string): Promise<MembershipRow | null> {
  if (!isUuid(id)) return null;
  return (await membershipQuery(db).where('c.membershipId', '=', id).executeTakeFirst()) ?? null;
}

/** Counts per network, for the body's list. */
export const memberCounts = perRequest((db) =>
  grouped<{ networkId: string; status: NetworkMemberStatus; n: number }, 'networkId'>(
    (ids) =>
      db.sql
        .selectFrom('networkMember')
        .select(['networkId', 'status', sql<number>`count(*)::int`.as('n')])
        .where('networkId', '=', anyUuid(ids))
        .groupBy(['networkId', 'status'])
        .$narrowType<{ status: NetworkMemberStatus }>()
        .execute(),
    'networkId',
  ),
);

/** Institutions a body may invite, by name; `search` matches part of the name. */
export function institutionDirectory(db: Reader, page: PageArgs, search?: string | null): Promise<Connection<InstitutionRow>> {
  // The function is SECURITY DEFINER: it shows institutions of every organisation, and only their name, kind and region.
  let query = db.sql.selectFrom(sql<InstitutionRow>`waymark_institution_directory()`.as('d')).select(['d.id', 'd.name', 'd.kind', 'd.region']);
  if (search) query = query.where('d.name', 'ilike', `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return keysetPage({
    query,
    order: [
      { ref: 'd.name', direction: 'asc', cast: 'text' },
      { ref: 'd.id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'institutions',
    page,
  });
}
