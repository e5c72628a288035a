import { audit } from './audit';
import { disclosureParams } from './params';
import { simulate, viewersOf } from './__tests__/simulate';

/**
 * The intruder is the judge: worlds of random regions, kinds, size bands, networks, NAMED and
 * ANONYMOUS members, joiners, leavers, consent changes and reopenings over three (or four) snapshots
 * are published through `protect`, and the audit of everything published, for every viewer there
 * ever was, must find no protected value narrower than P and no determined answer.
 * `npm run fuzz:benchmarks` runs the same check over 100,000 worlds.
 */
const WORLDS = Number(process.env.DISCLOSURE_WORLDS ?? 1000);
const SEED = Number(process.env.DISCLOSURE_SEED ?? 20261207);
const LARGEST = Number(process.env.DISCLOSURE_LARGEST ?? 10);
/** Snapshots per world: three, or three and four alternately when DISCLOSURE_MORE_SNAPSHOTS is set (the fuzz run). */
const MORE = process.env.DISCLOSURE_MORE_SNAPSHOTS === '1';

describe('protect, judged by the intruder', () => {
  it(`leaves no protected value narrower than P and no answer determined in ${WORLDS} worlds`, async () => {
    const params = disclosureParams();
    const failures: string[] = [];
    let published = 0;
    let heldBack = 0;
    for (let w = 0; w < WORLDS; w++) {
      const seed = SEED + w;
      const run = await simulate(seed, MORE ? 3 + (w % 2) : 3, params, LARGEST);
      const report = await audit({ publications: run.publications, contributions: run.contributions, viewers: viewersOf(run.world) }, params);
      if (report.violations.length > 0) failures.push(`seed ${seed}: ${JSON.stringify(report.violations.slice(0, 3))}`);
      for (const p of run.publications) {
        for (const cell of [...p.figures, ...p.shares]) {
          if (cell.status === 'PUBLISHED') published++;
          else heldBack++;
        }
      }
    }
    expect(failures).toEqual([]);
    // The worlds must give the rule something to do both ways, or the check proves nothing.
    expect(published).toBeGreaterThan(0);
    expect(heldBack).toBeGreaterThan(0);
    // A budget per world (not a speed assertion): a long fuzz run must not hit Jest's 60 s default.
  }, WORLDS * 1_000 + 60_000);
});
