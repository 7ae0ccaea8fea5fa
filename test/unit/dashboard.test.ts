// The dashboard's rules: what an order or stock change adds, and how periods are summed.
import { describe, expect, it } from 'vitest';
import { COUNTER_SHARDS, orderChange, periodDays, periodFigures, shardOf, stockState, type OrderImage } from '../../shared/domain/dashboard';

const anOrder = (status: OrderImage['status'], overrides: Partial<OrderImage> = {}): OrderImage => ({
  orderId: 'order-1',
  status,
  totalCents: 12_345,
  units: 3,
  updatedAt: '2026-03-04T10:00:00.000Z',
  ...overrides,
});

describe('orderChange', () => {
  it('counts a payment once, on the day it was paid, and puts the order in the queue to pack', () => {
    expect(orderChange(anOrder('pending_payment'), anOrder('paid'))).toEqual({
      day: '2026-03-04',
      shard: shardOf('order-1'),
      counts: { revenueCents: 12_345, paidOrders: 1, units: 3 },
      gauges: { toPack: 1 },
    });
    // A late payment (expired → paid) and a second card after a decline count too.
    expect(orderChange(anOrder('expired'), anOrder('paid'))?.counts.paidOrders).toBe(1);
    expect(orderChange(anOrder('payment_failed'), anOrder('paid'))?.counts.paidOrders).toBe(1);
  });

  it('counts nothing for an update that keeps the status (a timeline note, a mail recorded)', () => {
    expect(orderChange(anOrder('paid'), anOrder('paid', { updatedAt: '2026-03-05T00:00:00.000Z' }))).toBeUndefined();
    expect(orderChange(undefined, anOrder('pending_payment'))).toBeUndefined();
  });

  it('moves the gauges along packing and shipping, and counts a failed payment', () => {
    expect(orderChange(anOrder('paid'), anOrder('packed'))).toMatchObject({ counts: {}, gauges: { toPack: -1, toShip: 1 } });
    expect(orderChange(anOrder('packed'), anOrder('shipped'))).toMatchObject({ counts: {}, gauges: { toShip: -1 } });
    expect(orderChange(anOrder('paid'), anOrder('shipped'))).toMatchObject({ counts: {}, gauges: { toPack: -1 } });
    expect(orderChange(anOrder('pending_payment'), anOrder('payment_failed'))).toMatchObject({ counts: { failedPayments: 1 }, gauges: {} });
  });
});

describe('stockState', () => {
  it('is sold out at 0, low at or under the threshold (1 when unset), ok above', () => {
    expect(stockState(0, undefined)).toBe('soldOut');
    expect(stockState(1, undefined)).toBe('low');
    expect(stockState(2, undefined)).toBe('ok');
    expect(stockState(5, 5)).toBe('low');
    expect(stockState(6, 5)).toBe('ok');
  });
});

describe('shardOf', () => {
  it('spreads ids over every shard, the same id always on the same one', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`order-${i}`)));
    expect([...shards].sort()).toEqual(Array.from({ length: COUNTER_SHARDS }, (_, i) => i));
    expect(shardOf('order-7')).toBe(shardOf('order-7'));
  });
});

describe('periods', () => {
  it('lists the days of a period ending today, and of the one before it, across a month end', () => {
    expect(periodDays('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(periodDays('2026-03-02', 3, 3)).toEqual(['2026-02-25', '2026-02-26', '2026-02-27']);
  });

  it('sums the days and rounds the average order to the cent', () => {
    const byDay = new Map([
      ['2026-03-01', { revenueCents: 1_000, paidOrders: 2, units: 3, failedPayments: 1 }],
      ['2026-03-02', { revenueCents: 1, paidOrders: 1, units: 1, failedPayments: 0 }],
      ['2026-02-01', { revenueCents: 99_999, paidOrders: 9, units: 9, failedPayments: 9 }],
    ]);
    expect(periodFigures(byDay, periodDays('2026-03-02', 7))).toEqual({ revenueCents: 1_001, paidOrders: 3, units: 4, failedPayments: 1, averageOrderCents: 334 });
    expect(periodFigures(new Map(), ['2026-03-02'])).toMatchObject({ paidOrders: 0, averageOrderCents: 0 });
  });
});
