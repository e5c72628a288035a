import loadHighs from 'highs';
import { audit } from './audit';
import { candidateCells, treatedConsent } from './cells';
import { disclosureParams } from './params';
import type { Contribution, DisclosureParams, Publication, Viewer } from './types';
import { candidateOf, firstWorld, nextWorld, random, viewersOf } from './__tests__/world';

/**
 * The audit takes shortcuts (interchangeable entries solved once, two institutions standing for
 * all of theirs, known feasible points before any solve). This checks it against the plain
 * intruder written straight from the definition: for every viewer, one variable per unknown
 * entry, one constraint per figure it can read, and a program per entry, bound and alternative
 * answer. Publications here are the unprotected candidates (threshold rule only), so there are
 * violations to find.
 */
const WORLDS = Number(process.env.DISCLOSURE_EXACT_WORLDS ?? 40);

type Solver = Awaited<ReturnType<typeof loadHighs>>;

describe('the audit against a plain intruder', () => {
  it(`finds exactly the violations the plain intruder finds in ${WORLDS} small worlds`, async () => {
    const solver = await loadHighs();
    const params = disclosureParams();
    let found = 0;
    for (let w = 0; w < WORLDS; w++) {
      const r = random(777 + w);
      let world = firstWorld(r, 8);
      const publications: Publication[] = [];
      const contributions = new Map<string, Contribution>();
      for (let s = 0; s < 2; s++) {
        if (s > 0) world = nextWorld(r, world);
        const candidate = candidateOf(world, s);
        const history = { publications, contributions: [...contributions.values()] };
        publications.push(candidateCells(candidate, treatedConsent(candidate, history), params));
        for (const c of candidate.contributions) contributions.set(c.entry, c);
      }
      const input = { publications, contributions: [...contributions.values()], viewers: viewersOf(world) };
      const report = await audit(input, params);
      const shortcut = new Set(report.violations.map((v) => `${v.kind} ${v.key} ${v.entry}`));
      const plain = plainIntruder(solver, input.publications, input.contributions, input.viewers, params);
      expect({ seed: 777 + w, violations: [...shortcut].sort() }).toEqual({ seed: 777 + w, violations: [...plain].sort() });
      found += plain.size;
    }
    // The worlds must contain leaks for the comparison to mean anything.
    expect(found).toBeGreaterThan(0);
  });
});

function plainIntruder(solver: Solver, publications: readonly Publication[], contributions: readonly Contribution[], viewers: readonly Viewer[], params: DisclosureParams): Set<string> {
  const truth = new Map(contributions.map((c) => [c.entry, c]));
  const named = new Set(publications.flatMap((p) => p.contributions.filter((c) => c.consent === 'NAMED').map((c) => c.entry)));
  const violations = new Set<string>();
  for (const viewer of viewers) {
    const knows = (entry: string) => named.has(entry) || truth.get(entry)!.institutionId === viewer.institutionId;
    const sees = (audience: 'ALL' | readonly string[]) => audience === 'ALL' || audience.includes(viewer.id);
    const figures = publications.flatMap((p) => p.figures).filter((f) => f.status === 'PUBLISHED' && sees(f.audience));
    for (const key of new Set(figures.map((f) => f.valueKey))) {
      const rows = figures.filter((f) => f.valueKey === key).map((f) => {
        const known = f.entries.filter(knows).reduce((sum, e) => sum + (truth.get(e)!.values[key] as number), 0);
        return { unknown: f.entries.filter((e) => !knows(e)), low: f.perturbedSum! - params.sumNoise - known, high: f.perturbedSum! + params.sumNoise - known };
      }).filter((row) => row.unknown.length > 0);
      const entries = [...new Set(rows.flatMap((row) => row.unknown))];
      const name = new Map(entries.map((e, i) => [e, `x${i}`]));
      const constraints = rows.map((row, i) => ` r${i}: ${row.unknown.map((e) => name.get(e)).join(' + ')} >= ${row.low}\n s${i}: ${row.unknown.map((e) => name.get(e)).join(' + ')} <= ${row.high}`).join('\n');
      const bounds = entries.map((e) => ` 0 <= ${name.get(e)} <= 100`).join('\n');
      for (const entry of entries) {
        const solve = (sense: string) => {
          const result = solver.solve(`${sense}\n obj: ${name.get(entry)}\nSubject To\n${constraints}\nBounds\n${bounds}\nEnd`);
          if (result.Status !== 'Optimal') throw new Error(`plain intruder: ${result.Status}`);
          return result.ObjectiveValue;
        };
        if (solve('Maximize') - solve('Minimize') < params.protectionPoints - 1e-6) violations.add(`INTERVAL ${key} ${entry}`);
      }
    }
    const shares = publications.flatMap((p) => p.shares).filter((s) => s.status === 'PUBLISHED' && sees(s.audience));
    for (const part of new Set(shares.map((s) => s.partKey))) {
      const answers = ['YES', 'STARTED', 'NO'] as const;
      const cells = shares.filter((s) => s.partKey === part);
      const entries = [...new Set(cells.flatMap((c) => c.entries.filter((e) => !knows(e))))];
      const v = (e: string, x: number) => `y${entries.indexOf(e)}_${x}`;
      const lines: string[] = entries.map((e, i) => ` one${i}: ${answers.map((_, x) => v(e, x)).join(' + ')} = 1`);
      cells.forEach((cell, i) => {
        const unknown = cell.entries.filter((e) => !knows(e));
        if (unknown.length === 0) return;
        answers.forEach((answer, x) => {
          const published = answer === 'YES' ? cell.yes! : answer === 'STARTED' ? cell.started! : cell.no!;
          const known = cell.entries.filter((e) => knows(e) && truth.get(e)!.parts[part] === answer).length;
          const sum = unknown.map((e) => v(e, x)).join(' + ');
          lines.push(` c${i}_${x}: ${sum} >= ${Math.max(0, published - params.countNoise) - known}`, ` d${i}_${x}: ${sum} <= ${Math.min(cell.answered, published + params.countNoise) - known}`);
        });
      });
      const binaries = entries.flatMap((e) => answers.map((_, x) => v(e, x))).join(' ');
      for (const entry of entries) {
        const actual = answers.indexOf(truth.get(entry)!.parts[part]!);
        const possible = answers.some((_, x) => {
          if (x === actual) return false;
          const result = solver.solve(`Minimize\n obj: ${v(entry, x)}\nSubject To\n${lines.join('\n')}\n force: ${v(entry, x)} = 1\nBinary\n ${binaries}\nEnd`);
          return result.Status === 'Optimal';
        });
        if (!possible) violations.add(`ANSWER_DETERMINED ${part} ${entry}`);
      }
    }
  }
  return violations;
}
