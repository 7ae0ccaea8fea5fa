// What shoppers, guests and admins see of an order: money that adds up to what was charged, the
// pipeline's own bookkeeping never.
import { describe, expect, it } from 'vitest';
import { orderListing, type Order } from '../../shared/db/orders';
import {
  adminOrderPageSchema,
  adminOrderViewSchema,
  orderPageSchema,
  orderViewSchema,
} from '../../shared/http/schemas/orders';
import { adminOrderSummary, adminOrderView, orderSummary, orderView } from '../../shared/orders/views';
import { anOrder } from '../support/builders';

const WELCOME10 = { code: 'WELCOME10', benefit: { kind: 'percent', bp: 1_000 } } as const;

/** The pipeline's bookkeeping on an order: none of it may reach a caller, in name or value. */
function secretsOf(order: Order): string[] {
  return ['requestFingerprint', order.requestFingerprint, 'eventIds', ...order.eventIds, 'mailed', ...order.mailed];
}

describe('orderView', () => {
  it('shows the money as it was quoted, adding up to the total charged', () => {
    const order = anOrder({ coupon: WELCOME10 });
    const { quote } = order;
    const view = orderView(order);

    // Two discounts: the coupon on goods and the free-shipping threshold (a $299.99 subtotal to Denver).
    expect(view.discounts.map((d) => d.description)).toEqual([expect.stringMatching(/^Coupon WELCOME10/), expect.stringMatching(/^Free standard shipping/)]);
    expect(view.totals).toEqual({
      subtotalCents: 29_999,
      discountCents: quote.goodsDiscountCents + quote.shipping.waivedCents,
      shippingCents: quote.shipping.rateCents,
      taxCents: quote.tax.cents,
      totalCents: quote.totalCents,
      refundedCents: 0,
    });
    expect(view.totals.discountCents).toBe(view.discounts.reduce((n, d) => n + d.amountCents, 0));
    expect(view.totals.subtotalCents - view.totals.discountCents + view.totals.shippingCents + view.totals.taxCents).toBe(view.totals.totalCents);
    expect(view.totals.totalCents).toBe(order.totalCents);
    expect(view.couponCode).toBe('WELCOME10');
  });

  it('adds up without discounts too: shipping charged in full below the free-shipping threshold', () => {
    const order = anOrder({
      lines: [{ mineralId: 'pyrite-1', name: 'Pyrite', category: 'sulfides', unitPriceCents: 2_500, weightGrams: 200, quantity: 1 }],
      shippingMethod: 'express',
    });
    const view = orderView(order);
    expect(view.discounts).toEqual([]);
    expect(view.totals.discountCents).toBe(0);
    expect(view.totals.shippingCents).toBeGreaterThan(0);
    expect(view.totals.subtotalCents + view.totals.shippingCents + view.totals.taxCents).toBe(view.totals.totalCents);
    expect(view.shippingMethod).toBe('express');
  });

  it('lists each item at the price it was sold at, with its line total', () => {
    const order = anOrder();
    const view = orderView(order);
    expect(view.items).toEqual(
      order.items.map((i) => ({
        mineralId: i.mineralId,
        name: i.name,
        imageUrl: i.image,
        quantity: i.quantity,
        unitPriceCents: i.unitPriceCents,
        listUnitPriceCents: i.listUnitPriceCents,
        lineTotalCents: i.quantity * i.unitPriceCents,
      })),
    );
    expect(view.items.reduce((n, i) => n + i.lineTotalCents, 0)).toBe(view.totals.subtotalCents);
  });

  it('shows exactly the documented fields, and none of the pipeline’s bookkeeping, owner or payment reference', () => {
    const order = anOrder({ status: 'shipped', tracking: { carrier: 'UPS', trackingNumber: '1Z999', url: 'https://ups.example/1Z999' } });
    const view = orderView(order);
    expect(Object.keys(view).sort()).toEqual(
      ['address', 'couponCode', 'createdAt', 'discounts', 'email', 'items', 'number', 'orderId', 'payment', 'paymentDeadline', 'shippingMethod', 'status', 'timeline', 'totals', 'tracking'].sort(),
    );
    const json = JSON.stringify(view);
    for (const secret of [...secretsOf(order), order.payment.paymentId!, order.cartId, 'owner', 'version', '"by"']) expect(json).not.toContain(secret);
    expect(view.payment).toEqual({ status: 'succeeded', failureMessage: null });
    expect(view.tracking).toEqual({ carrier: 'UPS', trackingNumber: '1Z999', url: 'https://ups.example/1Z999' });
    expect(view.timeline).toEqual([
      { status: 'pending_payment', at: order.createdAt, note: null },
      { status: 'shipped', at: expect.any(String), note: null },
    ]);
    expect(orderViewSchema.safeParse(view).success).toBe(true);
  });

  it('gives the payment deadline only while the order awaits payment', () => {
    for (const status of ['pending_payment', 'payment_failed'] as const) {
      const order = anOrder({ status });
      expect(orderView(order).paymentDeadline).toBe(order.paymentDeadline);
    }
    for (const status of ['paid', 'packed', 'shipped', 'delivered', 'cancelled', 'refunded', 'expired'] as const) {
      expect(orderView(anOrder({ status })).paymentDeadline).toBeNull();
    }
  });

  it('shows a failed payment’s message', () => {
    const order = anOrder({ status: 'payment_failed' });
    const view = orderView({ ...order, payment: { ...order.payment, status: 'failed', failureMessage: 'Your card was declined.' } });
    expect(view.payment).toEqual({ status: 'failed', failureMessage: 'Your card was declined.' });
  });

  it('always has every address field, null where the shopper gave none', () => {
    const address = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };
    expect(orderView(anOrder({ address })).address).toEqual({ ...address, line2: null, phone: null });
    const full = { ...address, line2: 'Apt 4', phone: '+1 303 555 0100' };
    expect(orderView(anOrder({ address: full })).address).toEqual(full);
  });
});

describe('orderSummary', () => {
  it('counts units and carries the totals', () => {
    const order = anOrder({ refundedCents: 1_000 });
    const summary = orderSummary(orderListing(order));
    expect(summary).toEqual({
      orderId: order.orderId,
      number: order.number,
      status: 'paid',
      createdAt: order.createdAt,
      itemCount: 3,
      totals: { ...orderView(order).totals, refundedCents: 1_000 },
    });
    expect(orderPageSchema.safeParse({ orders: [summary], nextCursor: null }).success).toBe(true);
  });

  it('for admins adds who ordered and what to pack (first lines, ship-to, method), and nothing else', () => {
    const order = anOrder({ customerName: 'Ada Stone', email: 'ada@example.com' });
    const summary = adminOrderSummary(orderListing(order));
    expect(summary).toEqual({
      ...orderSummary(orderListing(order)),
      email: 'ada@example.com',
      customerName: 'Ada Stone',
      shippingMethod: order.shippingMethod,
      shipTo: { name: order.address.name, city: order.address.city, region: order.address.region ?? null, country: order.address.country },
      lines: order.items.slice(0, 3).map((i) => ({ name: i.name, image: i.image, quantity: i.quantity })),
      moreLines: Math.max(0, order.items.length - 3),
    });
    expect(JSON.stringify(summary)).not.toMatch(/line1|postalCode|phone/);
    expect(adminOrderPageSchema.safeParse({ orders: [summary], nextCursor: 'abc' }).success).toBe(true);
  });
});

describe('adminOrderView', () => {
  it('adds owner, name, payment reference, refunds, returned units and version to the shopper’s view', () => {
    const order = anOrder({
      status: 'refunded',
      refundedCents: 2_000,
      refunds: [{ refundId: 're_1', amountCents: 2_000, at: '2026-02-03T00:00:00.000Z', reason: 'requested_by_customer', by: 'shop' as const }],
      returnedUnits: { 'pyrite-1': 1 },
    });
    const view = adminOrderView(order);
    const { payment: _shopperPayment, ...shopperView } = orderView(order);
    expect(view).toMatchObject(shopperView);
    expect(view).toMatchObject({
      owner: order.owner,
      customerName: order.customerName,
      payment: { provider: 'sandbox', paymentId: order.payment.paymentId, status: 'succeeded', failureMessage: null },
      refunds: order.refunds,
      returnedUnits: { 'pyrite-1': 1 },
      version: order.version,
      updatedAt: order.updatedAt,
    });
    // The admin sees which mails went out (the order page lists them); nothing else of the bookkeeping.
    expect(view.mailsSent).toEqual(order.mailed);
    const json = JSON.stringify(view);
    for (const secret of secretsOf(order).filter((s) => s !== 'mailed' && !order.mailed.includes(s))) expect(json).not.toContain(secret);
    expect(adminOrderViewSchema.safeParse(view).success).toBe(true);
  });

  it('offers the admin exactly the moves the state machine allows, and a refund only while something is left to refund', () => {
    const offered = (over: Parameters<typeof anOrder>[0]) => adminOrderView(anOrder(over)).actions;
    expect(offered({ status: 'pending_payment' })).toEqual({ transitions: ['cancelled'], refund: false, refundStock: false });
    // A small shop may ship straight from paid (the state machine allows it).
    expect(offered({ status: 'paid' })).toEqual({ transitions: ['packed', 'shipped', 'cancelled'], refund: true, refundStock: false });
    expect(offered({ status: 'packed' })).toEqual({ transitions: ['shipped', 'cancelled'], refund: true, refundStock: false });
    expect(offered({ status: 'shipped' })).toEqual({ transitions: ['delivered'], refund: true, refundStock: false });
    expect(offered({ status: 'delivered' })).toEqual({ transitions: [], refund: true, refundStock: false });
    expect(offered({ status: 'expired' })).toEqual({ transitions: [], refund: false, refundStock: false });
    const paidInFull = anOrder({ status: 'delivered' });
    expect(adminOrderView({ ...paidInFull, refundedCents: paidInFull.totalCents }).actions.refund).toBe(false);
    // A refund made in the provider's dashboard leaves the admin a decision about its units.
    const dashboardRefund = adminOrderView({ ...paidInFull, stockReview: ['re_1'], refunds: [{ refundId: 're_1', amountCents: 900, at: paidInFull.updatedAt, reason: null, by: 'provider' }] });
    expect(dashboardRefund.actions.refundStock).toBe(true);
    expect(dashboardRefund.refundStockReview).toEqual({ refundIds: ['re_1'], amountCents: 900 });
  });

  it('shows a guest as a guest', () => {
    expect(adminOrderView(anOrder({ owner: { kind: 'guest' } })).owner).toEqual({ kind: 'guest' });
  });
});
