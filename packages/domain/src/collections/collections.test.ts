import { groupBy } from './index';

it('groups rows by key, keys and rows in the order they first appear', () => {
  const groups = groupBy([{ k: 'b', n: 1 }, { k: 'a', n: 2 }, { k: 'b', n: 3 }], (r) => r.k);
  expect([...groups.keys()]).toEqual(['b', 'a']);
  expect(groups.get('b')!.map((r) => r.n)).toEqual([1, 3]);
  expect(groups.get('a')!.map((r) => r.n)).toEqual([2]);
});
