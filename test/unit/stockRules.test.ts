import { describe, expect, it } from 'vitest';
import { checkStockRules, MAX_HOLD_LIFE_MINUTES, STALE_HOLD_MINUTES, summarizeHeldLines, type StockCounters } from '../../shared/domain/inventory';

const counters = (over: Partial<StockCounters> = {}): StockCounters => ({ available: 3, held: 2, sold: 4, returned: 1, received: 8, ...over });
const now = new Date('2026-12-04T12:00:00Z');
const minutesFromNow = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();

describe('the stock rules beyond the invariant', () => {
  it('finds nothing wrong with balanced counters whose holds match the cart lines', () => {
    expect(checkStockRules(counters(), { units: 2, stale: 0, tooLong: 0 })).toEqual([]);
  });

  it('reports more units returned than sold', () => {
    expect(checkStockRules(counters({ sold: 1, returned: 2, received: 6 }), undefined).map((f) => f.kind)).toEqual(['returnedExceedsSold']);
  });

  it('reports shelf and carts holding more than was ever received', () => {
    expect(checkStockRules(counters({ available: 7, held: 2, received: 8 }), undefined).map((f) => f.kind)).toEqual(['moreThanReceived']);
    expect(checkStockRules(counters({ available: 6, held: 2, received: 8 }), undefined)).toEqual([]);
  });

  it('reports a held counter that disagrees with the units the cart lines hold, and only when the lines were read steadily', () => {
    expect(checkStockRules(counters({ held: 2 }), { units: 1, stale: 0, tooLong: 0 }).map((f) => f.kind)).toEqual(['heldMismatch']);
    expect(checkStockRules(counters({ held: 2 }), undefined)).toEqual([]);
  });

  it('reports lapsed holds the sweep missed and holds that reach too far ahead', () => {
    const kinds = checkStockRules(counters(), { units: 2, stale: 1, tooLong: 1 }).map((f) => f.kind);
    expect(kinds).toEqual(['staleHold', 'holdTooLong']);
  });
});

describe('summarizing a mineral’s held cart lines', () => {
  it('adds up held units and ignores released lines', () => {
    const summary = summarizeHeldLines(
      [
        { held: 2, holdExpiresAt: minutesFromNow(10) },
        { held: 0, holdExpiresAt: null },
        { held: 1, holdExpiresAt: minutesFromNow(5) },
      ],
      now,
    );
    expect(summary).toEqual({ units: 3, stale: 0, tooLong: 0 });
  });

  it('counts a hold as stale only past the sweep’s margin, and as too long only past the longest hold', () => {
    const lines = [
      { held: 1, holdExpiresAt: minutesFromNow(-(STALE_HOLD_MINUTES - 1)) },
      { held: 1, holdExpiresAt: minutesFromNow(-(STALE_HOLD_MINUTES + 1)) },
      { held: 1, holdExpiresAt: minutesFromNow(MAX_HOLD_LIFE_MINUTES - 1) },
      { held: 1, holdExpiresAt: minutesFromNow(MAX_HOLD_LIFE_MINUTES + 1) },
    ];
    expect(summarizeHeldLines(lines, now)).toEqual({ units: 4, stale: 1, tooLong: 1 });
  });
});
