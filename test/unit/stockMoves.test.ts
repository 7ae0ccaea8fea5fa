// Which order changes put a sale or a return on a mineral's ledger (shared/domain/stockMoves.ts).
import { describe, expect, it } from 'vitest';
import { stockMovesOf, type OrderMoveImage } from '../../shared/domain/stockMoves';

const order = (over: Partial<OrderMoveImage> = {}): OrderMoveImage => ({
  orderId: 'o1',
  number: 'MS-0001',
  status: 'pending_payment',
  items: [
    { mineralId: 'quartz', quantity: 2 },
    { mineralId: 'pyrite', quantity: 1 },
  ],
  returnedUnits: {},
  updatedAt: '2026-12-05T10:00:00.000Z',
  by: 'system',
  ...over,
});

describe('stockMovesOf', () => {
  it('sells every line when the order becomes paid', () => {
    const moves = stockMovesOf(order(), order({ status: 'paid' }));
    expect(moves).toEqual([
      { mineralId: 'quartz', kind: 'sale', quantity: 2, orderId: 'o1', orderNumber: 'MS-0001', at: '2026-12-05T10:00:00.000Z', by: 'system', moveId: 'sale-o1' },
      { mineralId: 'pyrite', kind: 'sale', quantity: 1, orderId: 'o1', orderNumber: 'MS-0001', at: '2026-12-05T10:00:00.000Z', by: 'system', moveId: 'sale-o1' },
    ]);
  });

  it('sells a late payment too (an expired order paid after all)', () => {
    expect(stockMovesOf(order({ status: 'expired' }), order({ status: 'paid' })).map((m) => m.kind)).toEqual(['sale', 'sale']);
  });

  it('sells nothing on any other change', () => {
    for (const [from, to] of [
      ['pending_payment', 'payment_failed'],
      ['pending_payment', 'expired'],
      ['paid', 'paid'],
      ['paid', 'packed'],
      ['packed', 'shipped'],
      ['expired', 'refunded'],
    ] as const) {
      expect(stockMovesOf(order({ status: from }), order({ status: to })), `${from} → ${to}`).toEqual([]);
    }
    expect(stockMovesOf(order({ status: 'paid' }), undefined)).toEqual([]);
  });

  it('sells an order first seen already paid (no image before it)', () => {
    expect(stockMovesOf(undefined, order({ status: 'paid' }))).toHaveLength(2);
  });

  it('returns what came back to the shelf, named by the running total', () => {
    const before = order({ status: 'paid', returnedUnits: { quartz: 1 } });
    const after = order({ status: 'refunded', returnedUnits: { quartz: 2, pyrite: 1 }, by: 'admin' });
    expect(stockMovesOf(before, after)).toEqual([
      expect.objectContaining({ mineralId: 'quartz', kind: 'return', quantity: 1, moveId: 'return-o1-2', by: 'admin' }),
      expect.objectContaining({ mineralId: 'pyrite', kind: 'return', quantity: 1, moveId: 'return-o1-1', by: 'admin' }),
    ]);
    // Nothing new came back: nothing to write.
    expect(stockMovesOf(after, order({ ...after, status: 'refunded' }))).toEqual([]);
  });

  it('gives the same moves, with the same ids, for the same change seen twice', () => {
    const before = order();
    const after = order({ status: 'paid' });
    expect(stockMovesOf(before, after)).toEqual(stockMovesOf(before, after));
  });
});
