import { describe, expect, it } from 'vitest';
import {
  checkRefund,
  isAwaitingPayment,
  ORDER_STATUSES,
  orderNumber,
  planTransition,
  statusesLeadingTo,
  TRANSITIONS,
  type OrderActor,
  type OrderStatus,
} from '../../shared/domain/orders';

describe('the order state machine', () => {
  const allowed: Array<[OrderStatus, OrderStatus, OrderActor, { stock: string; money: string; mail: string | null }]> = [
    ['pending_payment', 'paid', 'system', { stock: 'commit-holds', money: 'none', mail: 'orderConfirmation' }],
    ['payment_failed', 'paid', 'system', { stock: 'commit-holds', money: 'none', mail: 'orderConfirmation' }],
    // A decline is mailed about later, only if the order is still unpaid (shared/orders/declinedPayments.ts).
    ['pending_payment', 'payment_failed', 'system', { stock: 'none', money: 'none', mail: null }],
    ['payment_failed', 'payment_failed', 'system', { stock: 'none', money: 'none', mail: null }],
    ['pending_payment', 'cancelled', 'shopper', { stock: 'none', money: 'cancel-payment', mail: null }],
    ['payment_failed', 'cancelled', 'admin', { stock: 'none', money: 'cancel-payment', mail: null }],
    ['pending_payment', 'expired', 'system', { stock: 'release-holds', money: 'cancel-payment', mail: null }],
    ['paid', 'packed', 'admin', { stock: 'none', money: 'none', mail: null }],
    ['packed', 'shipped', 'admin', { stock: 'none', money: 'none', mail: 'orderShipped' }],
    ['paid', 'shipped', 'admin', { stock: 'none', money: 'none', mail: 'orderShipped' }],
    ['shipped', 'delivered', 'admin', { stock: 'none', money: 'none', mail: 'orderDelivered' }],
    ['paid', 'cancelled', 'admin', { stock: 'return-sold', money: 'refund-in-full', mail: 'orderCancelled' }],
    ['packed', 'cancelled', 'admin', { stock: 'return-sold', money: 'refund-in-full', mail: 'orderCancelled' }],
    // The units the admin names come back with the refund (none, some or all).
    ['delivered', 'refunded', 'admin', { stock: 'return-requested', money: 'refund-in-full', mail: 'orderRefunded' }],
    ['expired', 'paid', 'system', { stock: 'retake', money: 'none', mail: 'orderConfirmation' }],
    ['expired', 'refunded', 'system', { stock: 'none', money: 'refund-in-full', mail: 'orderRefunded' }],
    ['cancelled', 'refunded', 'system', { stock: 'none', money: 'refund-in-full', mail: 'orderRefunded' }],
    ['pending_payment', 'refunded', 'system', { stock: 'none', money: 'refund-in-full', mail: 'orderRefunded' }],
    // A payment for the wrong amount was never taken as payment: the admin sends it back.
    ['pending_payment', 'refunded', 'admin', { stock: 'none', money: 'refund-in-full', mail: 'orderRefunded' }],
    // Refunded in full in the provider's dashboard: the payment pipeline records it.
    // None of its units come back with it: the admin says later (the order's stockReview).
    ['shipped', 'refunded', 'system', { stock: 'return-requested', money: 'refund-in-full', mail: 'orderRefunded' }],
  ];
  it.each(allowed)('%s → %s by %s', (from, to, actor, effects) => {
    const plan = planTransition(from, to, actor);
    expect(plan).toMatchObject({ ok: true, from, to, ...effects });
  });

  const refused: Array<[OrderStatus, OrderStatus, OrderActor, 'not-allowed' | 'not-permitted']> = [
    ['pending_payment', 'shipped', 'admin', 'not-allowed'],
    ['paid', 'delivered', 'admin', 'not-allowed'],
    ['paid', 'paid', 'system', 'not-allowed'],
    ['paid', 'payment_failed', 'system', 'not-allowed'],
    ['shipped', 'cancelled', 'admin', 'not-allowed'],
    ['delivered', 'packed', 'admin', 'not-allowed'],
    ['refunded', 'paid', 'system', 'not-allowed'],
    ['expired', 'cancelled', 'shopper', 'not-allowed'],
    ['pending_payment', 'paid', 'admin', 'not-permitted'],
    ['pending_payment', 'paid', 'shopper', 'not-permitted'],
    ['paid', 'packed', 'shopper', 'not-permitted'],
    ['paid', 'cancelled', 'shopper', 'not-permitted'],
    ['pending_payment', 'expired', 'admin', 'not-permitted'],
    ['pending_payment', 'refunded', 'shopper', 'not-permitted'],
  ];
  it.each(refused)('refuses %s → %s by %s (%s)', (from, to, actor, reason) => {
    const plan = planTransition(from, to, actor);
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.reason).toBe(reason);
      expect(plan.message.length).toBeGreaterThan(10);
    }
  });

  it('has a rule table over exactly the nine statuses, and refunded is final', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(TRANSITIONS.refunded).toEqual({});
    for (const targets of Object.values(TRANSITIONS)) for (const to of Object.keys(targets)) expect(ORDER_STATUSES).toContain(to);
  });

  it('only the payment pipeline marks an order paid, and only from an open or expired payment', () => {
    expect(statusesLeadingTo('paid', 'system').sort()).toEqual(['expired', 'payment_failed', 'pending_payment']);
    expect(statusesLeadingTo('paid', 'admin')).toEqual([]);
  });

  it('releases stock only for an order that never sold it, and returns it only for one that did', () => {
    for (const from of ORDER_STATUSES) {
      for (const [to, rule] of Object.entries(TRANSITIONS[from])) {
        if (rule?.stock === 'release-holds') expect(isAwaitingPayment(from)).toBe(true);
        if (rule?.stock === 'return-sold' || rule?.stock === 'return-requested') expect(['paid', 'packed', 'shipped', 'delivered']).toContain(from);
        if (rule?.stock === 'commit-holds') expect(isAwaitingPayment(from) && to === 'paid').toBe(true);
      }
    }
  });
});

describe('refund amounts', () => {
  it.each([
    [10_000, 0, 10_000, true, true],
    [10_000, 0, 2_500, true, false],
    [10_000, 2_500, 7_500, true, true],
    [10_000, 2_500, 7_501, false, false],
    [10_000, 10_000, 1, false, false],
    [10_000, 0, 0, false, false],
    [10_000, 0, -5, false, false],
    [10_000, 0, 12.5, false, false],
  ])('total %i, refunded %i, asking %d → ok %s', (total, refunded, amount, ok, completes) => {
    const result = checkRefund(total, refunded, amount);
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.completes).toBe(completes);
  });
});

describe('order numbers', () => {
  it('are short, upper-case and derived from the id', () => {
    expect(orderNumber('7f3k2q9a-0000-4000-8000-000000000000')).toBe('MS-7F3K2Q9A');
    expect(orderNumber('7f3k2q9a-0000-4000-8000-000000000000')).toBe(orderNumber('7f3k2q9a-0000-4000-8000-000000000000'));
  });
});
