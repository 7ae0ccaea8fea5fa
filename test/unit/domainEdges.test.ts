// Edges of the domain rules that mutation testing found unchecked: a lapsed hold with a negative
// shelf, allocation ties and its own error, coupons with explicit "no limit", malformed coupon dates,
// VAT's description, publication, the dashboard's shard hash, stream images that come and go.
import { describe, expect, it } from 'vitest';
import { isPublished } from '../../shared/domain/catalog';
import { COUNTER_SHARDS, DAYS_READ, heldDelta, NO_COUNTS, NO_GAUGES, orderChange, shardOf, type OrderImage } from '../../shared/domain/dashboard';
import { planReacquire } from '../../shared/domain/holds';
import { allocateProportionally } from '../../shared/domain/money';
import { quoteOrder } from '../../shared/domain/pricing';
import { checkCoupon, type Coupon } from '../../shared/domain/promotions';

const now = new Date('2026-03-05T12:00:00.000Z');
const usage = { redemptions: 0, customerRedemptions: 0 };
const eligible = { hasEligibleLine: true, eligibleSubtotalCents: 10_000 };
const coupon = (over: Partial<Coupon> = {}): Coupon => ({ code: 'SAVE10', benefit: { kind: 'percent', bp: 1_000 }, ...over }) as Coupon;

describe('edges of the stock and money rules', () => {
  it('a line that holds what it wants takes nothing, even when the shelf reads negative', () => {
    expect(planReacquire(2, 2, -1)).toEqual({ kind: 'full', take: 0 });
  });

  it('breaks ties in allocation by position, and names what it refuses to allocate', () => {
    expect(allocateProportionally(2, [1, 1, 1, 1])).toEqual([1, 1, 0, 0]);
    expect(allocateProportionally(3, [1, 1, 1, 1, 1])).toEqual([1, 1, 1, 0, 0]);
    expect(() => allocateProportionally(-1, [1])).toThrow('amount to allocate must be a whole, non-negative number of cents, got -1');
  });
});

describe('edges of coupons', () => {
  it('takes an explicit null limit as no limit at all', () => {
    expect(checkCoupon(coupon({ maxRedemptions: null }), { redemptions: 5, customerRedemptions: 0 }, now, eligible)).toBeNull();
    expect(checkCoupon(coupon({ maxRedemptionsPerCustomer: null }), { redemptions: 0, customerRedemptions: 5 }, now, eligible)).toBeNull();
  });

  it('refuses a coupon whose dates are not instants, naming which', () => {
    expect(() => checkCoupon(coupon({ startsAt: 'soon' }), usage, now, eligible)).toThrow('coupon start is not an ISO-8601 instant: soon');
    expect(() => checkCoupon(coupon({ endsAt: 'later' }), usage, now, eligible)).toThrow('coupon end is not an ISO-8601 instant: later');
  });

  it('reports no categories when a coupon without any finds no line', () => {
    expect(checkCoupon(coupon(), usage, now, { hasEligibleLine: false, eligibleSubtotalCents: 0 })).toMatchObject({ reason: 'coupon-no-eligible-items', categories: [], mineralIds: [] });
  });
});

describe('edges of the quote and the catalog', () => {
  it('describes VAT by the country and its rate', () => {
    const result = quoteOrder({
      lines: [{ mineralId: 'quartz', category: 'silicates', unitPriceCents: 2_000, weightGrams: 400, quantity: 1 }],
      coupon: null,
      destination: { country: 'DE' },
      shippingMethod: 'standard',
      now,
    });
    expect(result.ok && result.quote.tax.description).toBe('Germany VAT at 19% on goods and shipping');
  });

  it('shows shoppers published minerals, and minerals from before statuses existed', () => {
    expect(isPublished({ status: 'published' })).toBe(true);
    expect(isPublished({} as never)).toBe(true);
    expect(isPublished({ status: 'draft' })).toBe(false);
    expect(isPublished({ status: 'archived' })).toBe(false);
  });
});

describe('edges of the dashboard rules', () => {
  it('shards an id by FNV-1a over all its characters, the same way every time', () => {
    const fnv1a = (id: string) => {
      let hash = 0x811c9dc5;
      for (const ch of id) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
      return hash % COUNTER_SHARDS;
    };
    for (const id of ['a', 'order-1', '0b7c5c8e-3f5a-4a3e-9d59-0c1f2a3b4c5d', '']) expect(shardOf(id)).toBe(fnv1a(id));
  });

  it('starts from zero counters and gauges, and reads sixty days', () => {
    expect(NO_COUNTS).toEqual({ revenueCents: 0, paidOrders: 0, units: 0, failedPayments: 0 });
    expect(NO_GAUGES).toEqual({ toPack: 0, toShip: 0, heldUnits: 0, heldValueCents: 0 });
    expect(DAYS_READ).toBe(60);
  });

  it('reads held units of a mineral that appears or disappears', () => {
    expect(heldDelta(undefined, { held: 3 } as never)).toBe(3);
    expect(heldDelta({ held: 2 } as never, undefined)).toBe(-2);
    expect(heldDelta(undefined, undefined)).toBe(0);
  });

  it('counts an order that appears paid, and one deleted while waiting to be packed', () => {
    const image = (status: OrderImage['status']): OrderImage => ({ orderId: 'o-1', status, totalCents: 5_000, units: 2, updatedAt: '2026-03-05T10:00:00.000Z' });
    expect(orderChange(undefined, image('paid'))).toMatchObject({ counts: { revenueCents: 5_000, paidOrders: 1, units: 2 }, gauges: { toPack: 1 } });
    expect(orderChange(image('paid'), undefined)).toMatchObject({ counts: {}, gauges: { toPack: -1 }, day: '2026-03-05' });
    expect(orderChange(image('packed'), undefined)).toMatchObject({ gauges: { toShip: -1 } });
    expect(orderChange(undefined, image('pending_payment'))).toBeUndefined();
  });
});
