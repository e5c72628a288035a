import type { Highs } from 'highs';
import { ANSWERS } from './cells';
import { Program, highs } from './solver';
import type { AuditInput, AuditReport, Contribution, DisclosureParams, FigureCell, PartAnswer, ShareCell, Viewer, Violation } from './types';

/** LP results are exact to the solver's tolerance (1e-7); a width this close to P counts as P. */
const TOLERANCE = 1e-6;

/**
 * The intruder. For every viewer it takes every published figure and share it can read, in every
 * snapshot, and what it knows (NAMED entries, its own entries), and finds the narrowest interval
 * each other entry's value can lie in and whether any answer is determined.
 *
 * A figure says `perturbedSum - D <= sum of its entries' values <= perturbedSum + D`; a share says
 * the same of each answer's count with the count noise bound. Entries that belong to exactly the
 * same figures are interchangeable (an "atom"): for a member of atom A with a unknown members, the
 * interval is [max(0, min y_A - 100(a-1)), min(100, max y_A)] where y_A is the atom's total, so one
 * pair of LPs per atom answers for all its members. Atoms whose interval is provably wide (moving
 * only that atom away from the true values keeps every figure within its noise) need no LP; the
 * others are solved by HiGHS per connected component of the figures.
 *
 * Institutions as viewers: an institution knows its own value v, which only changes the bounds of
 * its atom's total to [v, v + 100(a-1)]. The optimum of an LP is convex (min) or concave (max) in
 * its bounds, so every width is concave in v, and among institutions of one atom the narrowest
 * widths belong to the one with the least or greatest v: those two stand for the atom. For
 * answers, institutions of one atom with the same answer see exactly the same problem.
 */
export async function audit(input: AuditInput, params: DisclosureParams): Promise<AuditReport> {
  const started = performance.now();
  const solver = await highs();
  const truth = new Map(input.contributions.map((c) => [c.entry, c]));
  const entriesOf = new Map<string, string[]>();
  for (const c of input.contributions) entriesOf.set(c.institutionId, [...(entriesOf.get(c.institutionId) ?? []), c.entry]);
  const known = new Set<string>();
  for (const publication of input.publications) {
    for (const c of publication.contributions) if (c.consent === 'NAMED') known.add(c.entry);
  }

  const figures = input.publications.flatMap((p) => p.figures.filter((f) => f.status === 'PUBLISHED'));
  const shares = input.publications.flatMap((p) => p.shares.filter((s) => s.status === 'PUBLISHED'));
  const groups = visibilityGroups(input.viewers, [...figures, ...shares]);
  const report = { violations: [] as Violation[], narrowest: Infinity, programs: 0, protectedValues: new Set<string>() };
  const institutionOf = (entry: string) => truth.get(entry)!.institutionId;

  for (const [valueKey, cells] of groupBy(figures, (f) => f.valueKey)) {
    for (const group of groups) {
      const base = scoreBase(cells.filter(group.sees), known, (entry) => valueOf(truth, entry, valueKey), params.sumNoise);
      for (const atom of base.atoms) for (const entry of atom.members) report.protectedValues.add(`${entry}|${valueKey}`);
      for (const { viewer, own } of scoreScenarios(group.viewers, base, entriesOf, (entry) => valueOf(truth, entry, valueKey))) {
        const found = checkScores(solver, base, own, (entry) => valueOf(truth, entry, valueKey), params.protectionPoints);
        report.programs += found.programs;
        report.narrowest = Math.min(report.narrowest, found.narrowest);
        for (const v of found.violations) {
          report.violations.push({ viewerId: viewer.id, entry: v.entry, institutionId: institutionOf(v.entry), kind: 'INTERVAL', key: valueKey, low: v.low, high: v.high });
        }
      }
    }
  }

  for (const [partKey, cells] of groupBy(shares, (s) => s.partKey)) {
    for (const group of groups) {
      const answerOf = (entry: string) => answerFor(truth, entry, partKey);
      const base = shareBase(cells.filter(group.sees), known, answerOf, params.countNoise);
      for (const atom of base.atoms) for (const entry of atom.members) report.protectedValues.add(`${entry}|${partKey}`);
      for (const { viewer, own } of answerScenarios(group.viewers, base, entriesOf, answerOf)) {
        const found = checkAnswers(solver, base, own, answerOf);
        report.programs += found.programs;
        for (const entry of found.determined) {
          report.violations.push({ viewerId: viewer.id, entry, institutionId: institutionOf(entry), kind: 'ANSWER_DETERMINED', key: partKey, low: null, high: null });
        }
      }
    }
  }

  return {
    viewers: input.viewers.length,
    protectedValues: report.protectedValues.size,
    narrowest: report.narrowest === Infinity ? null : report.narrowest,
    violations: report.violations,
    programs: report.programs,
    millis: Math.round(performance.now() - started),
  };
}

function valueOf(truth: ReadonlyMap<string, Contribution>, entry: string, valueKey: string): number {
  const value = truth.get(entry)?.values[valueKey];
  if (typeof value !== 'number') throw new Error(`The audit was not given ${valueKey} of entry ${entry}`);
  return value;
}

function answerFor(truth: ReadonlyMap<string, Contribution>, entry: string, partKey: string): PartAnswer {
  const answer = truth.get(entry)?.parts[partKey];
  if (!answer) throw new Error(`The audit was not given the answer to ${partKey} of entry ${entry}`);
  return answer;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

interface Group {
  viewers: Viewer[];
  sees: (cell: FigureCell | ShareCell) => boolean;
}

/** Viewers who can read exactly the same cells, so share one set of constraints. */
function visibilityGroups(viewers: readonly Viewer[], cells: readonly (FigureCell | ShareCell)[]): Group[] {
  const audiences = new Map<string, readonly string[]>();
  for (const cell of cells) if (cell.audience !== 'ALL') audiences.set(JSON.stringify(cell.audience), cell.audience);
  const byReach = new Map<string, { viewers: Viewer[]; reach: Set<string> }>();
  for (const viewer of viewers) {
    const reach = [...audiences].filter(([, ids]) => ids.includes(viewer.id)).map(([key]) => key);
    const signature = reach.join('\n');
    const group = byReach.get(signature);
    if (group) group.viewers.push(viewer);
    else byReach.set(signature, { viewers: [viewer], reach: new Set(reach) });
  }
  return [...byReach.values()].map(({ viewers: members, reach }) => ({
    viewers: members,
    sees: (cell) => cell.audience === 'ALL' || reach.has(JSON.stringify(cell.audience)),
  }));
}

/** Entries that appear in exactly the same constraints. */
interface Atom {
  members: string[];
  rows: number[];
}

interface Base<Row> {
  atoms: Atom[];
  atomOf: Map<string, number>;
  rows: (Row & { atoms: number[] })[];
  /** Connected component of each atom (atoms linked by sharing a row). */
  component: number[];
}

/** Dedupes rows by their unknown entries (intersecting bounds), then splits entries into atoms. */
function atomise<Row extends { entries: string[] }>(incoming: readonly Row[], merge: (into: Row, row: Row) => void): Base<Omit<Row, 'entries'>> {
  const rows = new Map<string, Row>();
  for (const row of incoming) {
    const signature = row.entries.join('\n');
    const existing = rows.get(signature);
    if (existing) merge(existing, row);
    else rows.set(signature, row);
  }
  const list = [...rows.values()];
  const rowsOf = new Map<string, number[]>();
  list.forEach((row, r) => {
    for (const entry of row.entries) {
      const ids = rowsOf.get(entry);
      if (ids) ids.push(r);
      else rowsOf.set(entry, [r]);
    }
  });
  const bySignature = new Map<string, number>();
  const atoms: Atom[] = [];
  const atomOf = new Map<string, number>();
  for (const [entry, ids] of rowsOf) {
    const signature = ids.join(',');
    let a = bySignature.get(signature);
    if (a === undefined) {
      a = atoms.length;
      bySignature.set(signature, a);
      atoms.push({ members: [], rows: ids });
    }
    atoms[a]!.members.push(entry);
    atomOf.set(entry, a);
  }
  const baseRows = list.map(({ entries, ...rest }) => ({ ...rest, atoms: [...new Set(entries.map((e) => atomOf.get(e)!))] }));
  return { atoms, atomOf, rows: baseRows, component: components(atoms.length, baseRows) };
}

function components(count: number, rows: readonly { atoms: number[] }[]): number[] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const row of rows) for (const a of row.atoms.slice(1)) parent[find(a)] = find(row.atoms[0]!);
  return parent.map((_, i) => find(i));
}

// ---- scores ----

interface ScoreRow { entries: string[]; low: number; high: number }

function scoreBase(cells: readonly FigureCell[], known: ReadonlySet<string>, value: (entry: string) => number, noise: number): Base<Omit<ScoreRow, 'entries'>> {
  const rows: ScoreRow[] = [];
  for (const cell of cells) {
    const unknown = cell.entries.filter((e) => !known.has(e)).sort();
    if (unknown.length === 0) continue;
    const shift = cell.entries.reduce((sum, e) => (known.has(e) ? sum + value(e) : sum), 0);
    rows.push({ entries: unknown, low: cell.perturbedSum! - noise - shift, high: cell.perturbedSum! + noise - shift });
  }
  return atomise(rows, (into, row) => {
    into.low = Math.max(into.low, row.low);
    into.high = Math.min(into.high, row.high);
  });
}

interface Scenario<Own> { viewer: Viewer; own: Own[] }

/** One scenario per kind of viewer: see the comment on `audit` for why two per atom suffice. */
function scoreScenarios(
  viewers: readonly Viewer[], base: Base<unknown>, entriesOf: ReadonlyMap<string, string[]>, value: (entry: string) => number,
): Scenario<{ entry: string; value: number }>[] {
  const scenarios: Scenario<{ entry: string; value: number }>[] = [];
  let bodyLike: Viewer | undefined;
  const single = new Map<number, { lowest: Scenario<{ entry: string; value: number }>; highest: Scenario<{ entry: string; value: number }> }>();
  for (const viewer of viewers) {
    const own = (viewer.institutionId ? entriesOf.get(viewer.institutionId) ?? [] : []).filter((e) => base.atomOf.has(e)).map((entry) => ({ entry, value: value(entry) }));
    if (own.length === 0) bodyLike ??= viewer;
    else if (own.length > 1) scenarios.push({ viewer, own });
    else {
      const atom = base.atomOf.get(own[0]!.entry)!;
      const scenario = { viewer, own };
      const seen = single.get(atom);
      if (!seen) single.set(atom, { lowest: scenario, highest: scenario });
      else if (own[0]!.value < seen.lowest.own[0]!.value) seen.lowest = scenario;
      else if (own[0]!.value > seen.highest.own[0]!.value) seen.highest = scenario;
    }
  }
  if (bodyLike) scenarios.push({ viewer: bodyLike, own: [] });
  for (const { lowest, highest } of single.values()) scenarios.push(...(lowest === highest ? [lowest] : [lowest, highest]));
  return scenarios;
}

function checkScores(
  solver: Highs, base: Base<{ low: number; high: number }>, own: readonly { entry: string; value: number }[], value: (entry: string) => number, points: number,
) {
  const ownSet = new Set(own.map((o) => o.entry));
  const members = base.atoms.map((atom) => atom.members.filter((e) => !ownSet.has(e)));
  const total = members.map((list) => list.reduce((sum, e) => sum + value(e), 0));
  const shiftOf = new Map<number, number>();
  for (const o of own) {
    const a = base.atomOf.get(o.entry)!;
    shiftOf.set(a, (shiftOf.get(a) ?? 0) + o.value);
  }
  const rows = base.rows.map((row) => {
    const shift = row.atoms.reduce((sum, a) => sum + (shiftOf.get(a) ?? 0), 0);
    return { atoms: row.atoms, low: row.low - shift, high: row.high - shift, truth: row.atoms.reduce((sum, a) => sum + total[a]!, 0) };
  });

  const violations: { entry: string; low: number; high: number }[] = [];
  let narrowest = Infinity;
  let programs = 0;
  const interval = (a: number, least: number, most: number) => {
    const size = members[a]!.length;
    const low = Math.max(0, least - 100 * (size - 1));
    const high = Math.min(100, most);
    narrowest = Math.min(narrowest, high - low);
    if (high - low < points - TOLERANCE) for (const entry of members[a]!) violations.push({ entry, low, high });
  };

  // Moving one atom alone keeps every row it is in within bounds for this far up and down.
  const needy: number[] = [];
  base.atoms.forEach((atom, a) => {
    const size = members[a]!.length;
    if (size === 0) return;
    let up = 100 * size - total[a]!;
    let down = total[a]!;
    for (const r of atom.rows) {
      up = Math.min(up, rows[r]!.high - rows[r]!.truth);
      down = Math.min(down, rows[r]!.truth - rows[r]!.low);
    }
    const least = total[a]! - Math.max(0, down);
    const most = total[a]! + Math.max(0, up);
    if (Math.min(100, most) - Math.max(0, least - 100 * (size - 1)) >= points - TOLERANCE) interval(a, least, most);
    else needy.push(a);
  });

  for (const [, atoms] of groupByNumber(needy, (a) => base.component[a]!)) {
    const component = base.component[atoms[0]!]!;
    const cols = base.atoms.map((_, a) => a).filter((a) => base.component[a] === component && members[a]!.length > 0);
    const colOf = new Map(cols.map((a, i) => [a, i]));
    const program = new Program(solver, {
      colLow: cols.map(() => 0),
      colHigh: cols.map((a) => 100 * members[a]!.length),
      rows: rows.flatMap((row) => {
        const inside = row.atoms.filter((a) => colOf.has(a));
        return inside.length > 0 && base.component[row.atoms[0]!] === component ? [{ cols: inside.map((a) => colOf.get(a)!), low: row.low, high: row.high }] : [];
      }),
    });
    try {
      for (const a of atoms) interval(a, program.extreme(colOf.get(a)!, 'minimize'), program.extreme(colOf.get(a)!, 'maximize'));
    } finally {
      programs += program.solves;
      program.dispose();
    }
  }
  return { violations, narrowest, programs };
}

function groupByNumber(items: readonly number[], key: (item: number) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

// ---- answers ----

type Counts = Record<PartAnswer, number>;
interface ShareRow { entries: string[]; low: Counts; high: Counts }

function shareBase(cells: readonly ShareCell[], known: ReadonlySet<string>, answer: (entry: string) => PartAnswer, noise: number): Base<Omit<ShareRow, 'entries'>> {
  const rows: ShareRow[] = [];
  for (const cell of cells) {
    const unknown = cell.entries.filter((e) => !known.has(e)).sort();
    if (unknown.length === 0) continue;
    const low = {} as Counts;
    const high = {} as Counts;
    for (const a of ANSWERS) {
      const published = a === 'YES' ? cell.yes! : a === 'STARTED' ? cell.started! : cell.no!;
      const knownCount = cell.entries.filter((e) => known.has(e) && answer(e) === a).length;
      low[a] = Math.max(0, published - noise) - knownCount;
      high[a] = Math.min(cell.answered, published + noise) - knownCount;
    }
    rows.push({ entries: unknown, low, high });
  }
  return atomise(rows, (into, row) => {
    for (const a of ANSWERS) {
      into.low[a] = Math.max(into.low[a], row.low[a]);
      into.high[a] = Math.min(into.high[a], row.high[a]);
    }
  });
}

/** Institutions of one atom with the same answer see the same problem: one scenario each. */
function answerScenarios(
  viewers: readonly Viewer[], base: Base<unknown>, entriesOf: ReadonlyMap<string, string[]>, answer: (entry: string) => PartAnswer,
): Scenario<{ entry: string; answer: PartAnswer }>[] {
  const scenarios = new Map<string, Scenario<{ entry: string; answer: PartAnswer }>>();
  for (const viewer of viewers) {
    const own = (viewer.institutionId ? entriesOf.get(viewer.institutionId) ?? [] : []).filter((e) => base.atomOf.has(e)).map((entry) => ({ entry, answer: answer(entry) }));
    const key = own.length === 1 ? `${base.atomOf.get(own[0]!.entry)}:${own[0]!.answer}` : own.length === 0 ? '' : `viewer:${viewer.id}`;
    if (!scenarios.has(key)) scenarios.set(key, { viewer, own });
  }
  return [...scenarios.values()];
}

function checkAnswers(solver: Highs, base: Base<{ low: Counts; high: Counts }>, own: readonly { entry: string; answer: PartAnswer }[], answer: (entry: string) => PartAnswer) {
  const ownSet = new Set(own.map((o) => o.entry));
  const members = base.atoms.map((atom) => atom.members.filter((e) => !ownSet.has(e)));
  const count = members.map((list) => Object.fromEntries(ANSWERS.map((a) => [a, list.filter((e) => answer(e) === a).length])) as Counts);
  const shift = new Map<number, Counts>();
  for (const o of own) {
    const a = base.atomOf.get(o.entry)!;
    const counts = shift.get(a) ?? { YES: 0, STARTED: 0, NO: 0 };
    counts[o.answer]++;
    shift.set(a, counts);
  }
  const rows = base.rows.map((row) => {
    const low = { ...row.low };
    const high = { ...row.high };
    const truth = { YES: 0, STARTED: 0, NO: 0 };
    for (const a of row.atoms) {
      for (const x of ANSWERS) {
        low[x] -= shift.get(a)?.[x] ?? 0;
        high[x] -= shift.get(a)?.[x] ?? 0;
        truth[x] += count[a]![x];
      }
    }
    return { atoms: row.atoms, low, high, truth };
  });

  const determined: string[] = [];
  let programs = 0;
  const programs_ = new Map<number, { program: Program; colOf: Map<number, number> }>();
  try {
    base.atoms.forEach((atom, a) => {
      if (members[a]!.length === 0) return;
      const held = ANSWERS.filter((x) => count[a]![x] > 0);
      if (held.length > 1) return;
      const truly = held[0]!;
      const possible = ANSWERS.filter((other) => other !== truly).some((other) => {
        // One member switching answers keeps every count within its noise: possible without a solver.
        if (atom.rows.every((r) => rows[r]!.truth[truly] - 1 >= rows[r]!.low[truly] && rows[r]!.truth[other] + 1 <= rows[r]!.high[other])) return true;
        const { program, colOf } = answerProgram(solver, base, rows, members, a, programs_);
        return program.feasibleWith(colOf.get(a)! * 3 + ANSWERS.indexOf(other), 1, members[a]!.length);
      });
      if (!possible) determined.push(...members[a]!);
    });
  } finally {
    for (const { program } of programs_.values()) {
      programs += program.solves;
      program.dispose();
    }
  }
  return { determined, programs };
}

/** The integer program of an atom's component: three counts per atom adding up to its size, every share within its noise. */
function answerProgram(
  solver: Highs, base: Base<unknown>, rows: readonly { atoms: number[]; low: Counts; high: Counts }[], members: readonly string[][], atom: number,
  cache: Map<number, { program: Program; colOf: Map<number, number> }>,
) {
  const component = base.component[atom]!;
  const cached = cache.get(component);
  if (cached) return cached;
  const atoms = base.atoms.map((_, a) => a).filter((a) => base.component[a] === component && members[a]!.length > 0);
  const colOf = new Map(atoms.map((a, i) => [a, i]));
  const system = {
    colLow: atoms.flatMap(() => [0, 0, 0]),
    colHigh: atoms.flatMap((a) => [members[a]!.length, members[a]!.length, members[a]!.length]),
    integer: true,
    rows: [
      ...atoms.map((a, i) => ({ cols: [3 * i, 3 * i + 1, 3 * i + 2], low: members[a]!.length, high: members[a]!.length })),
      ...rows.flatMap((row) => {
        const inside = row.atoms.filter((a) => colOf.has(a));
        if (inside.length === 0 || base.component[row.atoms[0]!] !== component) return [];
        return ANSWERS.map((x, k) => ({ cols: inside.map((a) => 3 * colOf.get(a)! + k), low: row.low[x], high: row.high[x] }));
      }),
    ],
  };
  const made = { program: new Program(solver, system), colOf };
  cache.set(component, made);
  return made;
}
