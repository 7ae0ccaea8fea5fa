// The order rules around the state machine: whose transitions and what they say when refused, which
// statuses count as paid, the payment window, refunds, order numbers, the shopper's timeline.
import { describe, expect, it } from 'vitest';
import {
  checkRefund,
  isAwaitingPayment,
  isPaid,
  isShopperVisibleStep,
  ORDER_STATUSES,
  orderNumber,
  paymentDeadline,
  PAYMENT_WINDOW_MINUTES,
  planTransition,
} from '../../shared/domain/orders';

describe('a refused transition', () => {
  it('says what the order is and what it cannot become, in words', () => {
    expect(planTransition('shipped', 'pending_payment', 'admin')).toEqual({
      ok: false,
      reason: 'not-allowed',
      message: 'An order that is shipped cannot become pending payment.',
    });
    expect(planTransition('payment_failed', 'packed', 'admin')).toMatchObject({ message: 'An order that is payment failed cannot become packed.' });
  });

  it('says only the shop may make a change the actor may not', () => {
    expect(planTransition('pending_payment', 'paid', 'shopper')).toEqual({ ok: false, reason: 'not-permitted', message: 'Only the shop can mark an order paid.' });
  });

  it('reopens the cart only where the rule says, and says false everywhere else', () => {
    expect(planTransition('pending_payment', 'cancelled', 'shopper')).toMatchObject({ ok: true, reopensCart: true });
    expect(planTransition('pending_payment', 'expired', 'system')).toMatchObject({ ok: true, reopensCart: true });
    expect(planTransition('pending_payment', 'refunded', 'system')).toMatchObject({ ok: true, reopensCart: true });
    expect(planTransition('paid', 'packed', 'admin')).toMatchObject({ ok: true, reopensCart: false });
    expect(planTransition('pending_payment', 'paid', 'system')).toMatchObject({ ok: true, reopensCart: false });
  });
});

describe('which statuses are which', () => {
  it('counts paid, packed, shipped and delivered as paid for, and nothing else', () => {
    expect(ORDER_STATUSES.filter(isPaid)).toEqual(['paid', 'packed', 'shipped', 'delivered']);
  });

  it('counts pending payment and payment failed as awaiting payment, and nothing else', () => {
    expect(ORDER_STATUSES.filter(isAwaitingPayment)).toEqual(['pending_payment', 'payment_failed']);
  });

  it('shows a shopper every step but a declined card', () => {
    expect(ORDER_STATUSES.filter((s) => !isShopperVisibleStep(s))).toEqual(['payment_failed']);
  });
});

describe('the payment window', () => {
  it('closes thirty minutes after the order was placed, or after the window given', () => {
    const placed = new Date('2026-03-05T12:00:00.000Z');
    expect(PAYMENT_WINDOW_MINUTES).toBe(30);
    expect(paymentDeadline(placed).toISOString()).toBe('2026-03-05T12:30:00.000Z');
    expect(paymentDeadline(placed, 5).toISOString()).toBe('2026-03-05T12:05:00.000Z');
  });
});

describe('a refund', () => {
  it('may take what is left, exactly, and says when it completes the refund', () => {
    expect(checkRefund(1_000, 400, 600)).toEqual({ ok: true, completes: true });
    expect(checkRefund(1_000, 400, 599)).toEqual({ ok: true, completes: false });
  });

  it('is refused past what is left, on an order refunded in full, and when not a positive whole amount', () => {
    expect(checkRefund(1_000, 400, 601)).toEqual({ ok: false, message: 'At most 600 cents are left to refund on this order.' });
    expect(checkRefund(1_000, 1_000, 1)).toEqual({ ok: false, message: 'This order has been refunded in full already.' });
    expect(checkRefund(1_000, 1_200, 1)).toEqual({ ok: false, message: 'This order has been refunded in full already.' });
    expect(checkRefund(1_000, 0, 0)).toEqual({ ok: false, message: 'A refund must be a positive whole number of cents.' });
    expect(checkRefund(1_000, 0, 1.5)).toEqual({ ok: false, message: 'A refund must be a positive whole number of cents.' });
  });
});

describe('order numbers', () => {
  it('are MS- and the first eight characters of the id without dashes, upper-cased', () => {
    expect(orderNumber('0b7c5c8e-3f5a-4a3e-9d59-0c1f2a3b4c5d')).toBe('MS-0B7C5C8E');
    expect(orderNumber('ab-cd-ef-12-34')).toBe('MS-ABCDEF12');
  });
});
