import fc from 'fast-check';
import { compareCycles, followDecision } from './decisions';
import { ITEM_STATUSES } from './status';

describe('following an earlier decision about a gap', () => {
  it('keeps a dropped gap dropped, with its reason', () => {
    const outcome = followDecision({ status: 'DROPPED', cycle: '2025', reason: '  Partner closed  ' });
    expect(outcome?.status).toBe('DROPPED');
    expect(outcome?.note).toContain('Dropped in cycle 2025: Partner closed.');
    expect(outcome?.note).toContain('until a manager reopens it');
  });

  it('says so when a gap persists after DONE, and opens it again', () => {
    const outcome = followDecision({ status: 'DONE', cycle: '2025', reason: null });
    expect(outcome?.status).toBe('OPEN');
    expect(outcome?.note).toMatch(/Marked DONE in cycle 2025.*still show the gap/);
  });

  it('treats only DONE and DROPPED as decisions', () => {
    for (const status of ITEM_STATUSES.filter((s) => s !== 'DONE' && s !== 'DROPPED')) {
      expect(followDecision({ status, cycle: '2025', reason: null })).toBeNull();
    }
    expect(followDecision(undefined)).toBeNull();
  });
});

describe('cycles in time order', () => {
  it('orders years, academic years and numbered cycles as people read them', () => {
    const cycles = ['2026', '2025-26', '2025', 'Cycle 10', 'Cycle 9', '2024'];
    expect([...cycles].sort(compareCycles)).toEqual(['2024', '2025', '2025-26', '2026', 'Cycle 9', 'Cycle 10']);
  });

  it('is a total order: antisymmetric and transitive', () => {
    const cycle = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,10}$/);
    fc.assert(
      fc.property(cycle, cycle, cycle, (a, b, c) => {
        expect(Math.sign(compareCycles(a, b))).toBe(-Math.sign(compareCycles(b, a)));
        if (compareCycles(a, b) <= 0 && compareCycles(b, c) <= 0) expect(compareCycles(a, c)).toBeLessThanOrEqual(0);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
