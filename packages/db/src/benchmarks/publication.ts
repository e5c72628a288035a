import {
  type Audience, type CohortSpec, type Contribution, type CountingConsent, type FigureCell, type History,
  type PartAnswer, type Publication, type ShareCell, type SnapshotCandidate, type Viewer,
} from '@waymark/disclosure';
import { sql } from 'kysely';
import type { Run } from './state';

/**
 * Between the job's tables and packages/disclosure: builds what a snapshot could publish (every
 * counting contribution, every cohort with who may read it, every viewer) and the history of what
 * earlier snapshots published, and keeps each publication compactly for the next audit.
 */

export interface PopulationRow {
  organisationId: string;
  entry: string;
  consent: CountingConsent;
  name: string | null;
  cohorts: string[];
}

/** The viewer every cohort open to ALL reaches with no knowledge of its own: a body without networks, an institution with no current submission. */
const PUBLIC_VIEWER: Viewer = { id: 'public', institutionId: null };

/** Cohort keys: `region:<code>`, `kind:<kind>`, `size:<band>`, `region-kind:<code>:<kind>`, `network:<id>`, `others:<network id>`. */
function audienceOf(key: string, members: readonly string[], bodies: ReadonlyMap<string, string>): Audience {
  const [family, id] = key.split(':');
  const body = bodies.get(id ?? '');
  // A network's figures reach its body and its members; its "Other members" row only the body.
  if (family === 'network') return body ? [body, ...members] : members;
  if (family === 'others') return body ? [body] : [];
  return 'ALL';
}

interface EntryRow {
  entry: string;
  institutionId: string;
  recordKey: string;
  scores: Record<string, number | null>;
  parts: Record<string, PartAnswer>;
}

async function entriesOf(db: Run, entries: readonly string[]): Promise<Map<string, EntryRow>> {
  if (!entries.length) return new Map();
  const rows = await db
    .selectFrom('benchmarkEntry')
    .select((eb) => ['entry', 'institutionId', eb.cast<string>('recordKey', 'text').as('recordKey'), 'scores', 'parts'])
    .where('entry', '=', sql<string>`any(${entries}::text[])`)
    .$narrowType<{ scores: EntryRow['scores']; parts: EntryRow['parts'] }>()
    .execute();
  return new Map(rows.map((r) => [r.entry, r]));
}

function contribution(row: EntryRow, consent: CountingConsent): Contribution {
  return { entry: row.entry, institutionId: row.institutionId, consent, recordKey: BigInt(row.recordKey), values: row.scores, parts: row.parts };
}

/** What a snapshot could publish, before protection. */
export async function candidateOf(
  db: Run, snapshotId: string, asOf: Date, population: readonly PopulationRow[], networks: ReadonlyMap<string, string>,
): Promise<SnapshotCandidate> {
  const rows = await entriesOf(db, population.map((p) => p.entry));
  const contributions = population.map((p) => contribution(rows.get(p.entry)!, p.consent));
  const members = new Map<string, string[]>();
  for (const p of population) for (const key of p.cohorts) members.set(key, [...(members.get(key) ?? []), p.organisationId]);
  const cohorts: CohortSpec[] = [...members].sort(([a], [b]) => a.localeCompare(b)).map(([key, ids]) => ({ key, members: ids, audience: audienceOf(key, ids, networks) }));
  const valueKeys = new Set<string>();
  const partKeys = new Set<string>();
  for (const c of contributions) {
    for (const key of Object.keys(c.values)) valueKeys.add(key);
    for (const key of Object.keys(c.parts)) partKeys.add(key);
  }
  const bodies = [...new Set(networks.values())].sort().map((id): Viewer => ({ id, institutionId: null }));
  const institutions = population.map((p): Viewer => ({ id: p.organisationId, institutionId: p.organisationId }));
  return {
    snapshotId, asOf: asOf.toISOString(), contributions, cohorts, valueKeys: [...valueKeys].sort(), partKeys: [...partKeys].sort(),
    viewers: [PUBLIC_VIEWER, ...bodies, ...institutions],
  };
}

/** A publication as kept: each cohort's entries once; a cell lists its own entries only when they are not all of its cohort's. */
interface StoredCells {
  asOf: string;
  contributions: Publication['contributions'];
  figures: (Omit<FigureCell, 'entries' | 'snapshotId'> & { entries?: readonly string[] })[];
  shares: (Omit<ShareCell, 'entries' | 'snapshotId'> & { entries?: readonly string[] })[];
}

export async function keepPublication(db: Run, frameworkId: string, publication: Publication): Promise<void> {
  const cohortEntries: Record<string, string[]> = {};
  for (const cell of [...publication.figures, ...publication.shares]) {
    const known = cohortEntries[cell.cohortKey];
    if (!known || known.length < cell.entries.length) cohortEntries[cell.cohortKey] = [...cell.entries];
  }
  const compact = <C extends FigureCell | ShareCell>({ snapshotId: _s, entries, ...rest }: C) =>
    entries.length === cohortEntries[rest.cohortKey]!.length ? rest : { ...rest, entries };
  const cells: StoredCells = { asOf: publication.asOf, contributions: publication.contributions, figures: publication.figures.map(compact), shares: publication.shares.map(compact) };
  await db
    .insertInto('benchmarkPublication')
    .values({ snapshotId: publication.snapshotId, frameworkId, cohortEntries: JSON.stringify(cohortEntries), cells: JSON.stringify(cells) })
    .execute();
}

/** Everything earlier snapshots of the framework published, with the truth behind it. */
export async function historyOf(db: Run, frameworkId: string): Promise<History> {
  const stored = await db
    .selectFrom('benchmarkPublication as p')
    .innerJoin('benchmarkSnapshot as s', 's.id', 'p.snapshotId')
    .select(['p.snapshotId', 'p.cohortEntries', 'p.cells'])
    .where('p.frameworkId', '=', frameworkId)
    .orderBy('s.takenAt')
    .$castTo<{ snapshotId: string; cohortEntries: Record<string, string[]>; cells: StoredCells }>()
    .execute();
  const publications: Publication[] = stored.map(({ snapshotId, cohortEntries: cohorts, cells }) => ({
    snapshotId, asOf: cells.asOf, contributions: cells.contributions,
    figures: cells.figures.map((f) => ({ ...f, snapshotId, entries: f.entries ?? cohorts[f.cohortKey] ?? [] })),
    shares: cells.shares.map((s) => ({ ...s, snapshotId, entries: s.entries ?? cohorts[s.cohortKey] ?? [] })),
  }));
  // Each entry with the consent it had when last published.
  const consent = new Map<string, CountingConsent>();
  for (const p of publications) for (const c of p.contributions) consent.set(c.entry, c.consent);
  const rows = await entriesOf(db, [...consent.keys()]);
  return { publications, contributions: [...rows.values()].map((row) => contribution(row, consent.get(row.entry)!)) };
}
