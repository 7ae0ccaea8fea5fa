import { describe, expect, it } from 'vitest';
import { checkInvariant, checkStockRules, MAX_HOLD_LIFE_MINUTES, STALE_HOLD_MINUTES, summarizeHeldLines, type StockCounters } from '../../shared/domain/inventory';

const balanced: StockCounters = { available: 3, held: 2, sold: 6, returned: 1, received: 10 };

describe('the inventory invariant: available + held + sold − returned = received', () => {
  it('holds for balanced counters whose received matches the ledger', () => {
    expect(checkInvariant(balanced, 10)).toBeUndefined();
  });

  it('reports by how much units appeared or vanished, with the sign telling which', () => {
    expect(checkInvariant({ ...balanced, available: 5 }, 10)).toEqual({ difference: 2, negative: [], receivedMismatch: false });
    expect(checkInvariant({ ...balanced, sold: 4 }, 10)).toEqual({ difference: -2, negative: [], receivedMismatch: false });
    // returned counts against: one more returned unit is one unit fewer accounted for.
    expect(checkInvariant({ ...balanced, returned: 2 }, 10)).toEqual({ difference: -1, negative: [], receivedMismatch: false });
  });

  it('reports a counter below zero even when the sum balances', () => {
    expect(checkInvariant({ available: -1, held: 1, sold: 0, returned: 0, received: 0 }, 0)).toEqual({ difference: 0, negative: ['available'], receivedMismatch: false });
    expect(checkInvariant({ available: 0, held: 0, sold: 0, returned: 0, received: 0 }, 0)).toBeUndefined();
  });

  it('reports a received counter that disagrees with the ledger', () => {
    expect(checkInvariant({ ...balanced, received: 11, available: 4 }, 10)).toEqual({ difference: 1, negative: [], receivedMismatch: true });
    expect(checkInvariant(balanced, 9)).toEqual({ difference: 1, negative: [], receivedMismatch: true });
  });
});

describe('the other stock rules', () => {
  const now = new Date('2026-03-05T12:00:00.000Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  it('lets returned equal sold, and says exactly what is wrong when it is more', () => {
    expect(checkStockRules({ ...balanced, returned: 6, available: 8 }, undefined)).toEqual([]);
    expect(checkStockRules({ ...balanced, returned: 7, available: 9 }, undefined)).toEqual([
      { kind: 'returnedExceedsSold', message: 'returned 7 is more than sold 6' },
      { kind: 'moreThanReceived', message: 'available 9 + held 2 is more than received 10' },
    ]);
  });

  it('names the held counter and the units lines hold, stale and too-long holds with their counts', () => {
    expect(checkStockRules(balanced, { units: 3, stale: 2, tooLong: 1 })).toEqual([
      { kind: 'heldMismatch', message: 'held is 2 but cart lines hold 3' },
      { kind: 'staleHold', message: `2 cart line(s) still hold units more than ${STALE_HOLD_MINUTES} minutes after their hold lapsed` },
      { kind: 'holdTooLong', message: `1 cart line(s) hold units for more than ${MAX_HOLD_LIFE_MINUTES} minutes ahead` },
    ]);
  });

  it('counts only lines that hold units and have an expiry; a hold exactly at either bound is not flagged', () => {
    const summary = summarizeHeldLines(
      [
        { held: 0, holdExpiresAt: at(-60) },
        { held: 2, holdExpiresAt: null },
        { held: 1, holdExpiresAt: at(-STALE_HOLD_MINUTES) },
        { held: 1, holdExpiresAt: at(MAX_HOLD_LIFE_MINUTES) },
      ],
      now,
    );
    expect(summary).toEqual({ units: 2, stale: 0, tooLong: 0 });
    expect(summarizeHeldLines([{ held: -1, holdExpiresAt: at(5) }], now)).toEqual({ units: 0, stale: 0, tooLong: 0 });
  });
});
