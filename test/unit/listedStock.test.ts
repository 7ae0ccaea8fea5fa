// The listed copy of a mineral's shelf (shared/domain/inventory.ts): exact wherever a card or the
// admin's "low" filter tells two values apart, capped above that.
import { describe, expect, it } from 'vitest';
import { LISTED_STOCK_CAP, listedStock } from '../../shared/domain/inventory';

describe('listedStock', () => {
  it('is exact up to the cap and the cap beyond it', () => {
    expect([0, 1, 2, 3, 4, 5, 40].map((n) => listedStock(n, undefined))).toEqual([0, 1, 2, 3, 4, 4, 4]);
    expect(LISTED_STOCK_CAP).toBe(4);
  });

  it('stays exact one above a high low-stock threshold, so "low" can be told from "not low"', () => {
    expect([6, 7, 8, 30].map((n) => listedStock(n, 7))).toEqual([6, 7, 8, 8]);
  });

  it('never lists a negative shelf', () => {
    expect(listedStock(-2, undefined)).toBe(0);
  });
});
