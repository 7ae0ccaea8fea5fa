// Items are decoded at the db boundary (shared/db/decode.ts): what the code writes reads back as the
// domain type, and a malformed item is one clear error naming the item and the field, not an
// undefined deep in a use case.
import { describe, expect, it } from 'vitest';
import { toCoupon } from '../../shared/db/coupons';
import { CorruptItemError } from '../../shared/db/decode';
import { mineralItem, toMineral } from '../../shared/db/minerals';
import { orderKey, toOrder } from '../../shared/db/orders';
import { aMineral, anOrder } from '../support/builders';

const orderItem = (over: Record<string, unknown> = {}) => {
  const order = anOrder();
  return { ...orderKey(order.orderId), entity: 'order', gsi1pk: 'ORDERS#paid', ...order, eventIds: new Set(['evt_1']), ...over };
};

describe('decoding an order item', () => {
  it('reads back what the code writes, as the domain type, without index keys', () => {
    const item = orderItem();
    const order = toOrder(item);
    expect(order.orderId).toBe(item.orderId);
    expect(order.eventIds).toEqual(['evt_1']);
    expect(order).not.toHaveProperty('pk');
    expect(order).not.toHaveProperty('gsi1pk');
  });

  it('fills what older items lack (no refunds, returns, mails or tracking yet)', () => {
    const { refunds: _r, returnedUnits: _u, mailed: _m, tracking: _t, eventIds: _e, ...older } = orderItem();
    expect(toOrder(older)).toMatchObject({ refunds: [], returnedUnits: {}, mailed: [], tracking: null, eventIds: [] });
  });

  it.each([
    [{ status: 'lost' }, 'status'],
    [{ items: [] }, 'items'],
    [{ totalCents: '12.00' }, 'totalCents'],
    [{ payment: { provider: 'stripe', status: 'succeeded', paymentId: null } }, 'payment.failureMessage'],
    [{ owner: { kind: 'shopper' } }, 'owner.userId'],
    [{ quote: null }, 'quote'],
  ])('refuses %j, naming the item and %s', (over, field) => {
    const item = orderItem(over);
    expect(() => toOrder(item)).toThrow(CorruptItemError);
    expect(() => toOrder(item)).toThrow(`The stored order ORDER#${String(item.orderId)} / ORDER is malformed at ${field}`);
  });
});

describe('decoding a mineral item', () => {
  it('reads back what the code writes', () => {
    const mineral = aMineral({ available: 3 });
    expect(toMineral(mineralItem(mineral))).toMatchObject({ id: mineral.id, name: mineral.name, available: 3, priceCents: mineral.priceCents });
  });

  it('refuses a mineral without a price or with an unknown category, naming the field', () => {
    const item = mineralItem(aMineral());
    expect(() => toMineral({ ...item, priceCents: undefined })).toThrow(/malformed at priceCents/);
    expect(() => toMineral({ ...item, category: 'gemstones' })).toThrow(/malformed at category/);
  });

  it('still ignores a malformed promotion (the list price applies) rather than refusing the mineral', () => {
    const item = mineralItem(aMineral());
    expect(toMineral({ ...item, flashSale: { markdown: { kind: 'free' } } }).flashSale).toBeNull();
  });
});

describe('decoding a coupon item', () => {
  const coupon = { pk: 'COUPON#SPRING', sk: 'COUPON', entity: 'coupon', code: 'SPRING', benefit: { kind: 'percent', bp: 1000 }, maxRedemptions: null, redemptions: 4 };

  it('reads back the coupon and its redemptions, a null limit as none', () => {
    expect(toCoupon(coupon)).toEqual({ coupon: { code: 'SPRING', benefit: { kind: 'percent', bp: 1000 } }, redemptions: 4 });
  });

  it('refuses a coupon whose benefit is not one the pricing engine knows', () => {
    expect(() => toCoupon({ ...coupon, benefit: { kind: 'bogo' } })).toThrow(/The stored coupon COUPON#SPRING \/ COUPON is malformed at benefit/);
  });
});
