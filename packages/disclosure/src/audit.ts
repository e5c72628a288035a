import type { Highs } from 'highs';
import { ANSWERS, SHARE_FIELD } from './cells';
import { Program, highs } from './solver';
import type { AuditInput, AuditReport, DisclosureParams, FigureCell, PartAnswer, ShareCell, Viewer, Violation } from './types';

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
  const report = { violations: [] as Violation[], narrowest: Infinity, programs: 0, protectedValues: new Set<number>() };
  const institutionOf = (entry: string) => truth.get(entry)!.institutionId;
  const unknowns = new Unknowns(input.contributions.map((c) => c.entry), known);
  const keys = [...new Set([...figures.map((f) => f.valueKey), ...shares.map((c) => c.partKey)])];

  for (const [valueKey, cells] of groupBy(figures, (f) => f.valueKey)) {
    // NaN where an entry has no value for this key (evidence all N/A): no cell of the key counts it.
    const values = unknowns.column((entry) => truth.get(entry)?.values[valueKey] ?? NaN);
    const value = (entry: string) => valueOf(values, unknowns, entry, valueKey);
    // A cell's row is the same for every group that reads it: built once.
    const rows = new Map(cells.map((cell) => [cell, scoreRow(cell, unknowns, value, params.sumNoise)]));
    for (const group of groups) {
      const base = scoreBase(cells.filter(group.sees).flatMap((cell) => rows.get(cell) ?? []), unknowns);
      protectedIn(report.protectedValues, base, unknowns, keys.length, keys.indexOf(valueKey));
      const system = new ScoreSystem(solver, base, value);
      try {
        for (const { viewer, own } of scoreScenarios(group.viewers, base, entriesOf, value)) {
          const found = system.check(own, params.protectionPoints);
          if (!viewer) continue;
          report.narrowest = Math.min(report.narrowest, found.narrowest);
          for (const v of found.violations) {
            report.violations.push({ viewerId: viewer.id, entry: v.entry, institutionId: institutionOf(v.entry), kind: 'INTERVAL', key: valueKey, low: v.low, high: v.high });
          }
        }
      } finally {
        system.dispose();
        report.programs += system.programs;
      }
    }
  }

  for (const [partKey, cells] of groupBy(shares, (s) => s.partKey)) {
    const answers = unknowns.column((entry) => ANSWERS.indexOf(truth.get(entry)?.parts[partKey] ?? ('' as PartAnswer)));
    const answerOf = (entry: string) => answerFor(answers, unknowns, entry, partKey);
    const rows = new Map(cells.map((cell) => [cell, shareRow(cell, unknowns, answerOf, params.countNoise)]));
    for (const group of groups) {
      const base = shareBase(cells.filter(group.sees).flatMap((cell) => rows.get(cell) ?? []), unknowns);
      protectedIn(report.protectedValues, base, unknowns, keys.length, keys.indexOf(partKey));
      const system = new AnswerSystem(solver, base, answerOf);
      try {
        for (const { viewer, own } of answerScenarios(group.viewers, base, entriesOf, answerOf)) {
          const determined = system.check(own);
          if (!viewer) continue;
          for (const entry of determined) {
            report.violations.push({ viewerId: viewer.id, entry, institutionId: institutionOf(entry), kind: 'ANSWER_DETERMINED', key: partKey, low: null, high: null });
          }
        }
      } finally {
        system.dispose();
        report.programs += system.programs;
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

function valueOf(values: Float64Array, unknowns: Unknowns, entry: string, valueKey: string): number {
  const value = values[unknowns.indexOf(entry)]!;
  if (Number.isNaN(value)) throw new Error(`The audit was not given ${valueKey} of entry ${entry}`);
  return value;
}

function answerFor(answers: Float64Array, unknowns: Unknowns, entry: string, partKey: string): PartAnswer {
  const answer = ANSWERS[answers[unknowns.indexOf(entry)]!];
  if (!answer) throw new Error(`The audit was not given the answer to ${partKey} of entry ${entry}`);
  return answer;
}

/** Adds each unknown entry of `base` under key number `key` (as one number: a Set of strings cost a second at 10,000 institutions). */
function protectedIn(into: Set<number>, base: Base<unknown>, unknowns: Unknowns, keys: number, key: number): void {
  for (const atom of base.atoms) for (const entry of atom.members) into.add(unknowns.indexOf(entry) * keys + key);
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

/**
 * Every entry as a number, and each cell's unknown entries (those not known to every viewer) as a
 * sorted list of numbers, interned: cells with the same unknown entries get the same id, which is
 * how rows are deduped (at 10,000 institutions, comparing joined strings cost more than solving).
 */
class Unknowns {
  private readonly index = new Map<string, number>();
  private readonly isKnown: Uint8Array;
  private readonly byEntries = new WeakMap<readonly string[], { unknown: Interned; known: Int32Array }>();
  private readonly byContent = new Map<number, Interned[]>();
  /** Atoms per set of rows (by their unknown sets' ids): every value key and part read by the same cells shares them. */
  readonly structures = new Map<string, Structure>();
  private count = 0;

  constructor(readonly entries: readonly string[], known: ReadonlySet<string>) {
    entries.forEach((entry, i) => this.index.set(entry, i));
    this.isKnown = Uint8Array.from(entries, (entry) => (known.has(entry) ? 1 : 0));
  }

  indexOf(entry: string): number {
    const i = this.index.get(entry);
    if (i === undefined) throw new Error(`The audit was not given entry ${entry}`);
    return i;
  }

  /** A value per entry, by number. */
  column(of: (entry: string) => number): Float64Array {
    return Float64Array.from(this.entries, of);
  }

  /** The sorted numbers of the unknown entries of a cell's entry list with the id of that set, and the numbers of its known entries. */
  of(entries: readonly string[]): { unknown: Interned; known: Int32Array } {
    const cached = this.byEntries.get(entries);
    if (cached) return cached;
    const all = entries.map((e) => this.indexOf(e));
    const known = Int32Array.from(all.filter((i) => this.isKnown[i] === 1));
    const list = Int32Array.from(all.filter((i) => this.isKnown[i] === 0)).sort();
    let hash = list.length;
    for (let k = 0; k < list.length; k++) hash = (Math.imul(hash, 31) + list[k]!) | 0;
    const bucket = this.byContent.get(hash) ?? [];
    let found = bucket.find((b) => b.list.length === list.length && b.list.every((v, k) => v === list[k]));
    if (!found) {
      found = { list, id: this.count++ };
      bucket.push(found);
      this.byContent.set(hash, bucket);
    }
    const result = { unknown: found, known };
    this.byEntries.set(entries, result);
    return result;
  }
}

interface Interned { list: Int32Array; id: number }
interface Row { unknown: Interned }

/** The atoms of a set of rows, which depend only on the rows' unknown entries (row r is the r-th by unknown set id). */
interface Structure {
  atoms: Atom[];
  atomOf: Map<string, number>;
  rowAtoms: number[][];
  component: number[];
}

/** Dedupes rows by their unknown entries (intersecting bounds, on copies), then splits entries into atoms. */
function atomise<R extends Row>(incoming: readonly R[], unknowns: Unknowns, copy: (row: R) => R, merge: (into: R, row: R) => void): Base<R> {
  const rows = new Map<number, R>();
  for (const row of incoming) {
    const existing = rows.get(row.unknown.id);
    if (existing) merge(existing, row);
    else rows.set(row.unknown.id, copy(row));
  }
  const list = [...rows.values()].sort((a, b) => a.unknown.id - b.unknown.id);
  const key = list.map((row) => row.unknown.id).join(',');
  let structure = unknowns.structures.get(key);
  if (!structure) {
    structure = structureOf(list, unknowns);
    unknowns.structures.set(key, structure);
  }
  const { atoms, atomOf, rowAtoms, component } = structure;
  return { atoms, atomOf, rows: list.map((row, r) => ({ ...row, atoms: rowAtoms[r]! })), component };
}

function structureOf(list: readonly Row[], unknowns: Unknowns): Structure {
  const rowsOf = new Map<number, number[]>();
  list.forEach((row, r) => {
    for (const entry of row.unknown.list) {
      const ids = rowsOf.get(entry);
      if (ids) ids.push(r);
      else rowsOf.set(entry, [r]);
    }
  });
  const bySignature = new Map<string, number>();
  const atoms: Atom[] = [];
  const atomOf = new Map<string, number>();
  const atomAt = new Map<number, number>();
  for (const [entry, ids] of rowsOf) {
    const signature = ids.join(',');
    let a = bySignature.get(signature);
    if (a === undefined) {
      a = atoms.length;
      bySignature.set(signature, a);
      atoms.push({ members: [], rows: ids });
    }
    atoms[a]!.members.push(unknowns.entries[entry]!);
    atomOf.set(unknowns.entries[entry]!, a);
    atomAt.set(entry, a);
  }
  const rowAtoms = list.map((row) => {
    const of = new Set<number>();
    for (const entry of row.unknown.list) of.add(atomAt.get(entry)!);
    return [...of];
  });
  return { atoms, atomOf, rowAtoms, component: components(atoms.length, rowAtoms.map((atomsOfRow) => ({ atoms: atomsOfRow }))) };
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

interface ScoreRow extends Row { low: number; high: number }

/** What one figure says of the sum of its unknown entries' values; null when all are known. */
function scoreRow(cell: FigureCell, unknowns: Unknowns, value: (entry: string) => number, noise: number): ScoreRow | null {
  const { unknown, known } = unknowns.of(cell.entries);
  if (unknown.list.length === 0) return null;
  let shift = 0;
  for (const i of known) shift += value(unknowns.entries[i]!);
  return { unknown, low: cell.perturbedSum! - noise - shift, high: cell.perturbedSum! + noise - shift };
}

function scoreBase(rows: readonly ScoreRow[], unknowns: Unknowns): Base<ScoreRow> {
  return atomise(rows, unknowns, (row) => ({ ...row }), (into, row) => {
    into.low = Math.max(into.low, row.low);
    into.high = Math.min(into.high, row.high);
  });
}

interface Scenario<Own, Who = Viewer> { viewer: Who; own: Own[] }

/** One scenario per kind of viewer: see the comment on `audit` for why two per atom suffice. */
function scoreScenarios(
  viewers: readonly Viewer[], base: Base<unknown>, entriesOf: ReadonlyMap<string, string[]>, value: (entry: string) => number,
): Scenario<{ entry: string; value: number }, Viewer | null>[] {
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
  for (const { lowest, highest } of single.values()) scenarios.push(...(lowest === highest ? [lowest] : [lowest, highest]));
  // The scenario without own knowledge goes first, even with no such viewer (then reported by
  // nobody): its solutions are feasible points for every other scenario.
  return [{ viewer: bodyLike ?? null, own: [] }, ...scenarios];
}

/** Atoms linked by rows, with one program and a pool of known solutions (atom totals) shared by all scenarios. */
interface Component {
  atoms: number[];
  colOf: Map<number, number>;
  program: Program | undefined;
  /** Feasible points of the component's system without any viewer's own knowledge: the truth, then LP solutions. */
  pool: Float64Array[];
  replaced: number;
}

const POOL = 48;

/**
 * The constraints of one value key as one group of viewers sees them. Each scenario (a viewer's own
 * entries) only narrows the bounds of its own atoms' totals, so every scenario uses the same
 * programs, and every solution found is a feasible point for all of them: before an LP is solved,
 * the pool of points found so far (and, with one own atom, the mixes of two points that meet its
 * bounds) often shows already that an interval is at least P wide.
 */
class ScoreSystem {
  private readonly size: number[];
  private readonly total: number[];
  private readonly rowTotal: number[];
  private readonly parts = new Map<number, Component>();
  private readonly plain = new Map<number, { least: number; most: number }>();
  private readonly movedPlain = new Map<number, { least: number; most: number; upWith: number; downWith: number }>();
  programs = 0;

  constructor(private readonly solver: Highs, private readonly base: Base<{ low: number; high: number }>, value: (entry: string) => number) {
    this.size = base.atoms.map((atom) => atom.members.length);
    this.total = base.atoms.map((atom) => atom.members.reduce((sum, e) => sum + value(e), 0));
    this.rowTotal = base.rows.map((row) => row.atoms.reduce((sum, a) => sum + this.total[a]!, 0));
  }

  check(own: readonly { entry: string; value: number }[], points: number) {
    const mods = new Map<number, { known: number; shift: number }>();
    for (const o of own) {
      const a = this.base.atomOf.get(o.entry)!;
      const mod = mods.get(a) ?? { known: 0, shift: 0 };
      mod.known++;
      mod.shift += o.value;
      mods.set(a, mod);
    }
    const modsIn = new Map<number, [number, { known: number; shift: number }][]>();
    for (const [a, mod] of mods) {
      const c = this.base.component[a]!;
      modsIn.set(c, [...(modsIn.get(c) ?? []), [a, mod]]);
    }
    const violations: { entry: string; low: number; high: number }[] = [];
    let narrowest = Infinity;
    const applied = new Set<Component>();
    try {
      this.base.atoms.forEach((atom, b) => {
        const known = mods.get(b);
        const left = this.size[b]! - (known?.known ?? 0);
        if (left === 0) return;
        const shift = known?.shift ?? 0;
        const width = (least: number, most: number) => Math.min(100, most - shift) - Math.max(0, least - shift - 100 * (left - 1));
        const wide = (least: number, most: number) => width(least, most) >= points - TOLERANCE;
        const here = modsIn.get(this.base.component[b]!) ?? [];
        let range = here.length === 0 ? this.plain.get(b) : undefined;
        if (!range) {
          range = this.extremes(b, here, wide, applied);
          if (here.length === 0) this.plain.set(b, range);
        }
        const w = width(range.least, range.most);
        narrowest = Math.min(narrowest, w);
        if (w < points - TOLERANCE) {
          const members = atom.members.filter((e) => !own.some((o) => o.entry === e));
          const low = Math.max(0, range.least - shift - 100 * (left - 1));
          for (const entry of members) violations.push({ entry, low, high: low + w });
        }
      });
    } finally {
      for (const part of applied) for (const col of part.colOf.values()) part.program!.bound(col);
    }
    return { violations, narrowest };
  }

  dispose(): void {
    for (const part of this.parts.values()) {
      this.programs += part.program?.solves ?? 0;
      part.program?.dispose();
    }
  }

  /** The least and greatest total of atom b, exact unless the known points already show them `wide`. */
  private extremes(b: number, mods: readonly [number, { known: number; shift: number }][], wide: (least: number, most: number) => boolean, applied: Set<Component>) {
    const part = this.component(b);
    const col = part.colOf.get(b)!;
    const bounds = mods.map(([a, mod]) => ({ col: part.colOf.get(a)!, low: mod.shift, high: mod.shift + 100 * (this.size[a]! - mod.known) }));
    let { least, most } = witnessed(part.pool, col, bounds, false);
    if (wide(least, most)) return { least, most };
    // The truth with atom b moved alone, or traded against one other atom, as far as every row
    // (and the viewer's bounds) allow.
    const moved = this.movedFor(b, part, bounds);
    least = Math.min(least, moved.least);
    most = Math.max(most, moved.most);
    if (wide(least, most)) return { least, most };
    const mixed = witnessed(part.pool, col, bounds, true);
    least = Math.min(least, mixed.least);
    most = Math.max(most, mixed.most);
    if (wide(least, most)) return { least, most };
    if (!part.program) part.program = this.program(part);
    if (!applied.has(part)) {
      for (const bound of bounds) part.program.bound(bound.col, bound.low, bound.high);
      applied.add(part);
    }
    const high = part.program.extreme(col, 'maximize');
    most = high.value;
    remember(part, high.point);
    if (wide(least, most)) return { least, most };
    const low = part.program.extreme(col, 'minimize');
    least = low.value;
    remember(part, low.point);
    return { least, most };
  }

  /**
   * `moved` without a viewer's bounds depends on b alone, and stays valid under a viewer's bounds
   * unless they fall on b or on the atom it traded with (the truth meets every viewer's bounds).
   */
  private movedFor(b: number, part: Component, bounds: readonly { col: number; low: number; high: number }[]) {
    let plain = this.movedPlain.get(b);
    if (!plain) {
      plain = this.moved(b, part, []);
      this.movedPlain.set(b, plain);
    }
    const touched = (a: number) => a >= 0 && bounds.some((bound) => bound.col === part.colOf.get(a));
    if (bounds.length === 0 || (!touched(b) && !touched(plain.upWith) && !touched(plain.downWith))) return plain;
    return this.moved(b, part, bounds);
  }

  private moved(b: number, part: Component, bounds: readonly { col: number; low: number; high: number }[]) {
    const limits = (a: number) => {
      const own = bounds.find((bound) => bound.col === part.colOf.get(a));
      return { low: Math.max(0, own?.low ?? 0), high: Math.min(100 * this.size[a]!, own?.high ?? Infinity) };
    };
    const rowsOf = this.base.atoms[b]!.rows;
    const inB = new Set(rowsOf);
    // How far b can go up (or down) while atom c (or nobody, c = -1) goes the other way by as much.
    const reach = (c: number, direction: 1 | -1) => {
      const mine = limits(b);
      let step = direction > 0 ? mine.high - this.total[b]! : this.total[b]! - mine.low;
      const slack = (r: number, sign: number) => {
        const row = this.base.rows[r]!;
        return sign > 0 ? row.high - this.rowTotal[r]! : this.rowTotal[r]! - row.low;
      };
      const inC = c < 0 ? new Set<number>() : new Set(this.base.atoms[c]!.rows);
      for (const r of rowsOf) if (!inC.has(r)) step = Math.min(step, slack(r, direction));
      if (c >= 0) {
        const theirs = limits(c);
        step = Math.min(step, direction > 0 ? this.total[c]! - theirs.low : theirs.high - this.total[c]!);
        for (const r of inC) if (!inB.has(r)) step = Math.min(step, slack(r, -direction));
      }
      return Math.max(0, step);
    };
    let up = reach(-1, 1);
    let down = reach(-1, -1);
    let upWith = -1;
    let downWith = -1;
    for (const c of part.atoms) {
      if (c === b) continue;
      const higher = reach(c, 1);
      const lower = reach(c, -1);
      if (higher > up) [up, upWith] = [higher, c];
      if (lower > down) [down, downWith] = [lower, c];
    }
    return { least: this.total[b]! - down, most: this.total[b]! + up, upWith, downWith };
  }

  private component(b: number): Component {
    const id = this.base.component[b]!;
    let part = this.parts.get(id);
    if (!part) {
      const atoms = this.base.atoms.map((_, a) => a).filter((a) => this.base.component[a] === id);
      part = { atoms, colOf: new Map(atoms.map((a, i) => [a, i])), program: undefined, pool: [Float64Array.from(atoms.map((a) => this.total[a]!))], replaced: 0 };
      this.parts.set(id, part);
    }
    return part;
  }

  private program(part: Component): Program {
    return new Program(this.solver, {
      colLow: part.atoms.map(() => 0),
      colHigh: part.atoms.map((a) => 100 * this.size[a]!),
      rows: this.base.rows.filter((row) => part.colOf.has(row.atoms[0]!)).map((row) => ({ cols: row.atoms.map((a) => part.colOf.get(a)!), low: row.low, high: row.high })),
    });
  }
}

/**
 * The least and greatest value of column `col` over the known feasible points that meet `bounds`,
 * and, when one column is bounded, over mixes of two points that meet it (the system is convex).
 */
function witnessed(pool: readonly Float64Array[], col: number, bounds: readonly { col: number; low: number; high: number }[], mixes: boolean) {
  let least = Infinity;
  let most = -Infinity;
  const meets = (p: Float64Array) => bounds.every((b) => p[b.col]! >= b.low - TOLERANCE && p[b.col]! <= b.high + TOLERANCE);
  for (const p of pool) {
    if (!meets(p)) continue;
    least = Math.min(least, p[col]!);
    most = Math.max(most, p[col]!);
  }
  if (mixes && bounds.length === 1) {
    const { col: c, low, high } = bounds[0]!;
    for (let i = 0; i < pool.length; i++) {
      for (let j = i + 1; j < pool.length; j++) {
        const p = pool[i]!;
        const q = pool[j]!;
        for (const target of [low, high]) {
          if ((p[c]! - target) * (q[c]! - target) >= 0) continue;
          const value = p[col]! + ((target - p[c]!) / (q[c]! - p[c]!)) * (q[col]! - p[col]!);
          least = Math.min(least, value);
          most = Math.max(most, value);
        }
      }
    }
  }
  return { least, most };
}

/** Keeps a solution as a known point (solutions under a viewer's bounds are feasible without them too); the truth stays first. */
function remember(part: Component, point: Float64Array): void {
  if (part.pool.length < POOL) part.pool.push(point);
  else part.pool[1 + (part.replaced++ % (POOL - 1))] = point;
}

// ---- answers ----

type Counts = Record<PartAnswer, number>;
interface ShareRow extends Row { low: Counts; high: Counts }
const counts = (of: (x: PartAnswer) => number): Counts => Object.fromEntries(ANSWERS.map((x) => [x, of(x)])) as Counts;
/** Columns per atom in an answer program: one count per answer. */
const A = ANSWERS.length;

/** What one share says of its unknown entries' answer counts; null when all are known. */
function shareRow(cell: ShareCell, unknowns: Unknowns, answer: (entry: string) => PartAnswer, noise: number): ShareRow | null {
  const { unknown, known } = unknowns.of(cell.entries);
  if (unknown.list.length === 0) return null;
  const knownCount = counts(() => 0);
  for (const i of known) knownCount[answer(unknowns.entries[i]!)]++;
  const published = counts((x) => cell[SHARE_FIELD[x]]!);
  return {
    unknown,
    low: counts((x) => Math.max(0, published[x] - noise) - knownCount[x]),
    high: counts((x) => Math.min(cell.answered, published[x] + noise) - knownCount[x]),
  };
}

function shareBase(rows: readonly ShareRow[], unknowns: Unknowns): Base<ShareRow> {
  return atomise(rows, unknowns, (row) => ({ ...row, low: { ...row.low }, high: { ...row.high } }), (into, row) => {
    for (const x of ANSWERS) {
      into.low[x] = Math.max(into.low[x], row.low[x]);
      into.high[x] = Math.min(into.high[x], row.high[x]);
    }
  });
}

/** The one own entry of a viewer that has exactly one, as its atom and answer. */
function singleOwn(mods: ReadonlyMap<number, Counts>): { atom: number; answer: PartAnswer } | null {
  const [first, ...rest] = [...mods];
  if (!first || rest.length > 0) return null;
  const [atom, mod] = first;
  const answers = ANSWERS.filter((x) => mod[x] > 0);
  return answers.length === 1 && mod[answers[0]!] === 1 ? { atom, answer: answers[0]! } : null;
}

/** Institutions of one atom with the same answer see the same problem: one scenario each. */
function answerScenarios(
  viewers: readonly Viewer[], base: Base<unknown>, entriesOf: ReadonlyMap<string, string[]>, answer: (entry: string) => PartAnswer,
): Scenario<{ entry: string; answer: PartAnswer }, Viewer | null>[] {
  // Without own knowledge first (reported by nobody when no viewer is like that): what is
  // impossible there is impossible for everyone.
  const scenarios = new Map<string, Scenario<{ entry: string; answer: PartAnswer }, Viewer | null>>([['', { viewer: null, own: [] }]]);
  for (const viewer of viewers) {
    const own = (viewer.institutionId ? entriesOf.get(viewer.institutionId) ?? [] : []).filter((e) => base.atomOf.has(e)).map((entry) => ({ entry, answer: answer(entry) }));
    const key = own.length === 1 ? `${base.atomOf.get(own[0]!.entry)}:${own[0]!.answer}` : own.length === 0 ? '' : `viewer:${viewer.id}`;
    if (key === '') scenarios.get('')!.viewer ??= viewer;
    else if (!scenarios.has(key)) scenarios.set(key, { viewer, own });
  }
  return [...scenarios.values()];
}

interface AnswerComponent {
  atoms: number[];
  colOf: Map<number, number>;
  relaxed: Program | undefined;
  integer: Program | undefined;
  /** The same programs without any scenario's bounds, for `cover`. */
  plainRelaxed: Program | undefined;
  plainInteger: Program | undefined;
  /** Integer solutions found so far (each feasible for every scenario's system, which only adds bounds). */
  pool: Float64Array[];
}

/**
 * The answer counts of one part as one group of viewers sees them: per atom, how many members gave
 * each answer (integers adding up to the atom's size), every published count within its noise. A
 * viewer's own answers become lower bounds on its atom's counts. An atom's remaining members are
 * determined when they all gave one answer and no solution lets one of them give another: shown
 * possible by moving one member (no solver), or impossible by the LP relaxation, else by the MIP.
 */
class AnswerSystem {
  private readonly count: Counts[];
  private readonly rowTruth: Counts[];
  private readonly parts = new Map<number, AnswerComponent>();
  private readonly plain = new Map<number, boolean>();
  private readonly impossible = new Set<string>();
  private readonly support = new Map<string, Float64Array | null>();
  private readonly covers = new Map<string, Set<number>>();
  programs = 0;

  constructor(private readonly solver: Highs, private readonly base: Base<{ low: Counts; high: Counts }>, answer: (entry: string) => PartAnswer) {
    this.count = base.atoms.map((atom) => counts((x) => atom.members.filter((e) => answer(e) === x).length));
    this.rowTruth = base.rows.map((row) => counts((x) => row.atoms.reduce((sum, a) => sum + this.count[a]![x], 0)));
  }

  check(own: readonly { entry: string; answer: PartAnswer }[]): string[] {
    const mods = new Map<number, Counts>();
    for (const o of own) {
      const a = this.base.atomOf.get(o.entry)!;
      const mod = mods.get(a) ?? counts(() => 0);
      mod[o.answer]++;
      mods.set(a, mod);
    }
    const touched = new Set([...mods.keys()].map((a) => this.base.component[a]!));
    const applied = new Set<AnswerComponent>();
    const determined: string[] = [];
    try {
      this.base.atoms.forEach((atom, b) => {
        const mine = mods.get(b) ?? counts(() => 0);
        const left = counts((x) => this.count[b]![x] - mine[x]);
        const held = ANSWERS.filter((x) => left[x] > 0);
        if (held.length !== 1) return;
        const plain = !touched.has(this.base.component[b]!);
        let fixed = plain ? this.plain.get(b) : undefined;
        if (fixed === undefined) {
          fixed = ANSWERS.filter((x) => x !== held[0]).every((other) => !this.possible(b, held[0]!, other, mine, mods, applied));
          if (plain) this.plain.set(b, fixed);
        }
        if (fixed) determined.push(...atom.members.filter((e) => !own.some((o) => o.entry === e)));
      });
    } finally {
      for (const part of applied) {
        for (const col of part.colOf.values()) {
          for (let k = 0; k < 3; k++) {
            part.relaxed?.bound(A * col + k);
            part.integer?.bound(A * col + k);
          }
        }
      }
    }
    return determined;
  }

  dispose(): void {
    for (const part of this.parts.values()) {
      for (const program of [part.relaxed, part.integer, part.plainRelaxed, part.plainInteger]) {
        this.programs += program?.solves ?? 0;
        program?.dispose();
      }
    }
  }

  /** Whether one more member of atom b than the viewer knows of can have answered `other` (all others answered `truly`). */
  private possible(b: number, truly: PartAnswer, other: PartAnswer, mine: Counts, mods: ReadonlyMap<number, Counts>, applied: Set<AnswerComponent>): boolean {
    // Impossible without a viewer's bounds is impossible with them too: bounds only remove solutions.
    const key = `${b}:${other}`;
    if (this.impossible.has(key)) return false;
    const answer = this.possibleGiven(b, truly, other, mine, mods, applied);
    if (!answer && mods.size === 0) this.impossible.add(key);
    return answer;
  }

  private possibleGiven(b: number, truly: PartAnswer, other: PartAnswer, mine: Counts, mods: ReadonlyMap<number, Counts>, applied: Set<AnswerComponent>): boolean {
    // One member of b switching to `other`, alone or while a member of another atom c switches
    // from `other` to `truly`, keeps every count within its noise: possible without a solver.
    const rows = this.base.atoms[b]!.rows;
    const within = (r: number, x: PartAnswer, change: number) => {
      const count = this.rowTruth[r]![x] + change;
      return count >= this.base.rows[r]!.low[x] && count <= this.base.rows[r]!.high[x];
    };
    if (rows.every((r) => within(r, truly, -1) && within(r, other, 1))) return true;
    const part = this.component(b);
    // A viewer with one own entry (the common case) only adds the bound "its atom's count of its
    // own answer is at least 1": the cover of (b, other) answers every such viewer at once.
    const single = singleOwn(mods);
    if (single && mine[other] === 0) {
      const own = part.colOf.get(single.atom);
      if (own !== undefined) return this.cover(part, b, other).has(A * own + ANSWERS.indexOf(single.answer));
    }
    const inB = new Set(rows);
    for (const c of part.atoms) {
      if (c === b || this.count[c]![other] - (mods.get(c)?.[other] ?? 0) < 1) continue;
      const inC = new Set(this.base.atoms[c]!.rows);
      if (
        rows.every((r) => inC.has(r) || (within(r, truly, -1) && within(r, other, 1))) &&
        [...inC].every((r) => inB.has(r) || (within(r, other, -1) && within(r, truly, 1)))
      ) return true;
    }
    // Both programs exist before a scenario's bounds go on, so both get them.
    part.relaxed ??= this.program(part, false);
    part.integer ??= this.program(part, true);
    if (!applied.has(part)) {
      for (const [a, mod] of mods) {
        const col = part.colOf.get(a);
        if (col === undefined) continue;
        ANSWERS.forEach((x, k) => {
          part.relaxed?.bound(A * col + k, mod[x], this.base.atoms[a]!.members.length);
          part.integer?.bound(A * col + k, mod[x], this.base.atoms[a]!.members.length);
        });
      }
      applied.add(part);
    }
    const col = A * part.colOf.get(b)! + ANSWERS.indexOf(other);
    const size = this.base.atoms[b]!.members.length;
    const meets = (p: Float64Array) => p[col]! >= mine[other] + 1 - TOLERANCE && [...mods].every(([a, mod]) => {
      const c = part.colOf.get(a);
      return c === undefined || ANSWERS.every((x, k) => p[A * c + k]! >= mod[x] - TOLERANCE);
    });
    if (part.pool.some(meets)) return true;
    const support = this.supportWitness(part, b, col);
    if (support && meets(support)) return true;
    // The relaxation proves impossibility; an integral relaxed solution (common: the counts form
    // interval-like sums) proves possibility without branch and bound.
    const relaxed = part.relaxed.solutionWith(col, mine[other] + 1, size);
    if (!relaxed) return false;
    if (relaxed.every((v) => Math.abs(v - Math.round(v)) < TOLERANCE)) {
      part.pool.push(relaxed);
      return true;
    }
    const solution = part.integer.solutionWith(col, mine[other] + 1, size);
    if (solution) part.pool.push(solution);
    return solution !== null;
  }

  /**
   * Which (atom, answer) count columns can be at least 1 in some whole-number solution where one
   * member of b gave `other`: found a few solves at a time, each maximising the sum of the
   * columns not yet shown possible. When even the LP relaxation cannot make that sum 1, no whole
   * solution has any of them at 1 or more: all the rest are impossible. Exact, and every solution
   * found joins the pool.
   */
  private cover(part: AnswerComponent, b: number, other: PartAnswer): Set<number> {
    const col = A * part.colOf.get(b)! + ANSWERS.indexOf(other);
    const key = `${b}:${col}`;
    const known = this.covers.get(key);
    if (known) return known;
    const possible = new Set<number>();
    const add = (p: Float64Array) => {
      for (let c = 0; c < p.length; c++) if (p[c]! >= 1 - TOLERANCE) possible.add(c);
    };
    for (const p of part.pool) if (p[col]! >= 1 - TOLERANCE) add(p);
    const wanted = part.atoms.flatMap((a) => ANSWERS.flatMap((x, k) => (this.count[a]![x] > 0 ? [A * part.colOf.get(a)! + k] : [])));
    const size = this.base.atoms[b]!.members.length;
    part.plainRelaxed ??= this.program(part, false);
    for (;;) {
      const open = wanted.filter((c) => !possible.has(c));
      if (open.length === 0) break;
      const relaxed = part.plainRelaxed.maximizeSum(open, col, 1, size);
      if (!relaxed || relaxed.value < 1 - TOLERANCE) break;
      let point = relaxed.point;
      if (!point.every((v) => Math.abs(v - Math.round(v)) < TOLERANCE)) {
        part.plainInteger ??= this.program(part, true);
        const whole = part.plainInteger.maximizeSum(open, col, 1, size);
        if (!whole || whole.value < 1 - TOLERANCE) break;
        point = whole.point;
      }
      part.pool.push(point);
      add(point);
    }
    this.covers.set(key, possible);
    return possible;
  }

  /**
   * A solution letting one more member of b give the answer of column `col` in which every
   * answer some member of another atom truly gave keeps at least one member: it meets the bounds
   * of every viewer with one own entry outside b, so one solve serves all of them.
   */
  private supportWitness(part: AnswerComponent, b: number, col: number): Float64Array | null {
    const key = `${b}:${col}`;
    if (this.support.has(key)) return this.support.get(key)!;
    // The relaxation first: its solutions are often whole numbers already.
    let point = this.withSupport(part.relaxed!, part, b, col);
    if (point && !point.every((v) => Math.abs(v - Math.round(v)) < TOLERANCE)) point = this.withSupport(part.integer!, part, b, col);
    this.support.set(key, point);
    return point;
  }

  private withSupport(program: Program, part: AnswerComponent, b: number, col: number): Float64Array | null {
    // Raised on top of the bounds as they stand (a scenario's own), and put back to them after.
    const raised: [number, number, number][] = [];
    for (const a of part.atoms) {
      if (a === b) continue;
      ANSWERS.forEach((x, k) => {
        const c = A * part.colOf.get(a)! + k;
        const [low, high] = program.bounds(c);
        if (this.count[a]![x] > 0 && low < 1) {
          raised.push([c, low, high]);
          program.bound(c, 1, high);
        }
      });
    }
    try {
      const [low, high] = program.bounds(col);
      return program.solutionWith(col, Math.max(low, 1), high);
    } finally {
      for (const [c, low, high] of raised) program.bound(c, low, high);
    }
  }

  private component(b: number): AnswerComponent {
    const id = this.base.component[b]!;
    let part = this.parts.get(id);
    if (!part) {
      const atoms = this.base.atoms.map((_, a) => a).filter((a) => this.base.component[a] === id);
      part = { atoms, colOf: new Map(atoms.map((a, i) => [a, i])), relaxed: undefined, integer: undefined, plainRelaxed: undefined, plainInteger: undefined, pool: [Float64Array.from(atoms.flatMap((a) => ANSWERS.map((x) => this.count[a]![x])))] };
      this.parts.set(id, part);
    }
    return part;
  }

  private program(part: AnswerComponent, integer: boolean): Program {
    const sizes = part.atoms.map((a) => this.base.atoms[a]!.members.length);
    return new Program(this.solver, {
      colLow: part.atoms.flatMap(() => [0, 0, 0]),
      colHigh: sizes.flatMap((n) => [n, n, n]),
      integer,
      rows: [
        ...sizes.map((n, i) => ({ cols: ANSWERS.map((_, k) => A * i + k), low: n, high: n })),
        ...this.base.rows
          .filter((row) => part.colOf.has(row.atoms[0]!))
          .flatMap((row) => ANSWERS.map((x, k) => ({ cols: row.atoms.map((a) => A * part.colOf.get(a)! + k), low: row.low[x], high: row.high[x] }))),
      ],
    });
  }
}
