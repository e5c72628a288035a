import fc from 'fast-check';
import { formatChange, formatPercent, formatScore, scoreChange, sharePercent, shownScore } from '.';

describe('how a figure is shown', () => {
  it('rounds a score half up to a whole number', () => {
    expect(formatScore(57.5, 'practice')).toBe('58');
    expect(formatScore(57.49, 'practice')).toBe('57');
    expect(formatScore(0, 'evidence')).toBe('0');
    expect(formatScore(100, 'evidence')).toBe('100');
  });

  it('never rounds a score up to the line it is judged by', () => {
    expect(formatScore(74.6, 'practice')).toBe('74.6');
    expect(formatScore(74.99, 'practice')).toBe('74.9');
    expect(formatScore(75, 'practice')).toBe('75');
    expect(formatScore(49.7, 'evidence')).toBe('49.7');
    expect(formatScore(50.4, 'evidence')).toBe('50');
    // Evidence is judged at 50, practice at 75: 74.6 evidence is an ordinary 75.
    expect(formatScore(74.6, 'evidence')).toBe('75');
    expect(formatScore(49.7, 'practice')).toBe('50');
  });

  it('has no figure for null', () => {
    expect(formatScore(null, 'practice')).toBeNull();
    expect(formatScore(undefined, 'evidence')).toBeNull();
    expect(scoreChange(null, 40, 'evidence')).toBeNull();
    expect(formatChange(null)).toBeNull();
  });

  it('shows a change as the difference of the figures shown, so the page adds up', () => {
    // The case: 57.4 -> 59.6 was shown as 57 -> 60, "+2".
    expect(scoreChange(59.6, 57.4, 'practice')).toBe(3);
    expect(formatChange(scoreChange(59.6, 57.4, 'practice'))).toBe('+3');
    expect(formatChange(scoreChange(42.3, 47.2, 'practice'))).toBe('\u22125');
    expect(formatChange(scoreChange(50.2, 49.8, 'practice'))).toBe('0');
    expect(formatChange(scoreChange(74.6, 70, 'practice'))).toBe('+4.6');
  });

  it('keeps every change equal to the difference of its two shown figures', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('practice' as const, 'evidence' as const), (now, before, measure) => {
        const change = scoreChange(now, before, measure)!;
        expect(change).toBeCloseTo(shownScore(now, measure) - shownScore(before, measure), 9);
        expect(Number(formatScore(now, measure)) - Number(formatScore(before, measure))).toBeCloseTo(change, 9);
      }),
    );
  });

  it('rounds a share down, so 100% means everything', () => {
    expect(sharePercent(2, 3)).toBe(66);
    expect(sharePercent(29, 100)).toBe(29);
    expect(sharePercent(999, 1000)).toBe(99);
    expect(sharePercent(13, 13)).toBe(100);
    expect(sharePercent(0, 0)).toBe(100);
    expect(formatPercent(66)).toBe('66%');
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (total, done) => {
      const share = sharePercent(Math.min(done, total), total);
      expect(share === 100).toBe(Math.min(done, total) === total);
    }));
  });
});
