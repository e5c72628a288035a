import { audit } from './audit';
import { candidateCells, holdBack, treatedConsent } from './cells';
import type { AuditReport, DisclosureParams, FigureCell, History, ProtectResult, Publication, ShareCell, SnapshotCandidate, Violation } from './types';

/**
 * What a snapshot publishes (docs/privacy.md, "Method"):
 *
 * 1. every cohort's figure per value key and share per part, held back when nobody contributes or
 *    when it has 1..minUnknown-1 contributors who are not NAMED (the threshold rule);
 * 2. sums and answer counts perturbed by cell-key noise (same contributors, same noise);
 * 3. the intruder audits the candidate together with everything published before, for every
 *    viewer; for each violation one more figure or share of this snapshot is held back (the
 *    smallest the viewer can read that contains the entry, else the smallest of that key; from the
 *    third round on, all of them), and the audit runs again, until no violation is left.
 *
 * Earlier snapshots are never changed. If holding back every figure of this snapshot cannot clear
 * a violation, the earlier ones alone cause it, which the audit of each earlier snapshot rules out;
 * protect then throws rather than publish.
 */
export async function protect(candidate: SnapshotCandidate, history: History, params: DisclosureParams): Promise<ProtectResult> {
  const consent = treatedConsent(candidate, history);
  let publication = candidateCells(candidate, consent, params);
  const contributions = [...history.contributions.filter((c) => !candidate.contributions.some((d) => d.entry === c.entry)), ...candidate.contributions];
  let rounds = 0;
  let secondary = 0;
  for (;;) {
    rounds++;
    const report: AuditReport = await audit({ publications: [...history.publications, publication], contributions, viewers: candidate.viewers }, params);
    if (report.violations.length === 0) return { publication, report, rounds, secondary };
    // After a few rounds, hold back every figure a violation could come through, so the loop ends soon.
    const chosen = chooseHoldBacks(publication, report.violations, rounds > 2);
    if (chosen.size === 0) {
      throw new Error(`Snapshot ${candidate.snapshotId} cannot be protected: ${report.violations.length} violations remain with nothing of it left to hold back`);
    }
    secondary += chosen.size;
    publication = {
      ...publication,
      figures: publication.figures.map((cell) => (chosen.has(cell) ? holdBack(cell) : cell)),
      shares: publication.shares.map((cell) => (chosen.has(cell) ? holdBack(cell) : cell)),
    };
  }
}

function chooseHoldBacks(publication: Publication, violations: readonly Violation[], broadly: boolean): Set<FigureCell | ShareCell> {
  const chosen = new Set<FigureCell | ShareCell>();
  const sees = (viewerId: string, cell: FigureCell | ShareCell) => cell.audience === 'ALL' || cell.audience.includes(viewerId);
  for (const violation of violations) {
    const ofKey: (FigureCell | ShareCell)[] = violation.kind === 'INTERVAL'
      ? publication.figures.filter((c) => c.valueKey === violation.key)
      : publication.shares.filter((c) => c.partKey === violation.key);
    const open = ofKey.filter((c) => c.status === 'PUBLISHED' && sees(violation.viewerId, c));
    // Already fixed by a choice made for another violation this round?
    if (open.some((c) => chosen.has(c) && c.entries.includes(violation.entry))) continue;
    const containing = open.filter((c) => c.entries.includes(violation.entry) && !chosen.has(c));
    const pool = containing.length > 0 ? containing : open.filter((c) => !chosen.has(c));
    if (broadly) {
      for (const cell of pool) chosen.add(cell);
      continue;
    }
    // The smallest figure is the likeliest partner in a difference and the least missed.
    const pick = pool.sort((x, y) => size(x) - size(y) || (x.cohortKey < y.cohortKey ? -1 : 1))[0];
    if (pick) chosen.add(pick);
  }
  return chosen;
}

const size = (cell: FigureCell | ShareCell) => cell.entries.length;
