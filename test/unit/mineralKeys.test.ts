import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { catalogIndexKeys, catalogSortKeys, mineralKey } from '../../shared/db/minerals';
import { INDEXES } from '../../shared/db/table';
import { aMineral } from '../support/builders';

describe('mineral keys', () => {
  it('put a mineral under MINERAL#<id>', () => {
    expect(mineralKey('pyrite-cube')).toEqual({ pk: 'MINERAL#pyrite-cube', sk: 'MINERAL' });
  });

  it('give the mineral a key in every catalog index', () => {
    const keys = catalogIndexKeys(aMineral({ id: 'x', category: 'oxides' }));
    const catalogIndexes = Object.entries(INDEXES).filter(([name]) => name.startsWith('all') || name.startsWith('category'));
    expect(catalogIndexes).toHaveLength(8);
    for (const [name, index] of catalogIndexes) {
      expect(keys[index.pk], name).toBe(name.startsWith('category') ? 'CATEGORY#oxides' : 'MINERALS');
      expect(keys[index.sk], name).toMatch(/#x$/);
    }
  });

  it('order price keys as strings exactly as the prices order as numbers', () => {
    fc.assert(
      fc.property(fc.nat({ max: 999_999_999 }), fc.nat({ max: 999_999_999 }), (a, b) => {
        const ka = catalogSortKeys(aMineral({ id: 'a', priceCents: a })).price;
        const kb = catalogSortKeys(aMineral({ id: 'a', priceCents: b })).price;
        return Math.sign(a - b) === (ka < kb ? -1 : ka > kb ? 1 : 0);
      }),
    );
  });

  it('order rating keys by average first and number of ratings second', () => {
    const k = (ratingSum: number, ratingCount: number) => catalogSortKeys(aMineral({ id: 'a', ratingSum, ratingCount })).rating;
    expect(k(10, 2) > k(45, 10)).toBe(true); // 5.0 beats 4.5
    expect(k(45, 10) > k(9, 2)).toBe(true); // 4.5 over ten beats 4.5 over two
    expect(k(0, 0) < k(1, 1)).toBe(true); // unrated last
  });
});
