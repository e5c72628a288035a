import { DEFAULT_MIN_COHORT, LOWEST_MIN_COHORT, benchmarkPopulation, minimumCohort } from './population';

describe('minimumCohort', () => {
  it('is 5 unless configured, and whatever is configured from 3 up', () => {
    expect(minimumCohort()).toBe(5);
    expect(DEFAULT_MIN_COHORT).toBe(5);
    expect(minimumCohort(LOWEST_MIN_COHORT)).toBe(3);
    expect(minimumCohort(10)).toBe(10);
  });

  it('refuses anything below 3 or not a whole number', () => {
    for (const k of [2, 0, -5, 3.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => minimumCohort(k)).toThrow(RangeError);
  });
});

describe('benchmarkPopulation', () => {
  it('keeps ANONYMOUS and NAMED institutions in order and drops NONE', () => {
    const institutions = [
      { id: 'a', consent: 'NAMED' as const },
      { id: 'b', consent: 'NONE' as const },
      { id: 'c', consent: 'ANONYMOUS' as const },
    ];
    expect(benchmarkPopulation(institutions).map((i) => i.id)).toEqual(['a', 'c']);
  });
});
