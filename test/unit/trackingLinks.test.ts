// How long a guest's tracking link opens its order (TRACKING_LINK_RULES): the order's life — delivery,
// the return window and a return's refund; an order that ended undelivered, its refund; a cap for one
// never delivered — and a while after any later change, so the mail about it carries a working link.
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../shared/domain/orders';
import { RETURN_WINDOW_DAYS } from '../../shared/domain/policies';
import { TRACKING_LINK_RULES, trackingLinkEnd } from '../../shared/domain/trackingLinks';

const DAY = 24 * 60 * 60 * 1000;
const placed = new Date('2026-03-01T12:00:00.000Z');
const day = (n: number) => new Date(placed.getTime() + n * DAY).toISOString();
/** An order placed at day 0 whose timeline is `steps`: [status, day] in order. */
const anOrder = (status: OrderStatus, ...steps: Array<[OrderStatus, number]>) => ({
  status,
  createdAt: day(0),
  timeline: [{ status: 'pending_payment' as OrderStatus, at: day(0) }, ...steps.map(([s, d]) => ({ status: s, at: day(d) }))],
});

describe('trackingLinkEnd', () => {
  it('ends the return window and its grace after delivery', () => {
    const order = anOrder('delivered', ['paid', 0], ['packed', 1], ['shipped', 2], ['delivered', 5]);
    expect(trackingLinkEnd(order).toISOString()).toBe(day(5 + RETURN_WINDOW_DAYS + TRACKING_LINK_RULES.daysAfterReturnWindow));
  });

  it('counts from the first delivery, however many notes follow it', () => {
    const order = anOrder('delivered', ['paid', 0], ['shipped', 2], ['delivered', 5], ['delivered', 6]);
    expect(trackingLinkEnd(order).toISOString()).toBe(day(5 + RETURN_WINDOW_DAYS + TRACKING_LINK_RULES.daysAfterReturnWindow));
  });

  it('stays open after a return refunded late, long enough for the mail that tells of it', () => {
    const order = anOrder('refunded', ['paid', 0], ['shipped', 2], ['delivered', 5], ['refunded', 60]);
    expect(trackingLinkEnd(order).toISOString()).toBe(day(60 + TRACKING_LINK_RULES.daysAfterLastChange));
  });

  it.each(['cancelled', 'refunded', 'expired'] as const)('ends a while after an order %s undelivered', (status) => {
    const order = anOrder(status, ['paid', 0], [status, 3]);
    expect(trackingLinkEnd(order).toISOString()).toBe(day(3 + TRACKING_LINK_RULES.daysAfterClosed));
  });

  it.each(['pending_payment', 'payment_failed', 'paid', 'packed', 'shipped'] as const)('caps an order never delivered (%s) from when it was placed', (status) => {
    const order = anOrder(status, ...(status === 'pending_payment' ? [] : [[status, 2] as [OrderStatus, number]]));
    expect(trackingLinkEnd(order).toISOString()).toBe(day(TRACKING_LINK_RULES.maxDaysUndelivered));
  });

  it('is far shorter than the year a link used to last, for every order', () => {
    const longest = Math.max(
      RETURN_WINDOW_DAYS + TRACKING_LINK_RULES.daysAfterReturnWindow,
      TRACKING_LINK_RULES.daysAfterClosed,
      TRACKING_LINK_RULES.maxDaysUndelivered,
      TRACKING_LINK_RULES.daysAfterLastChange,
    );
    expect(longest).toBeLessThan(365 / 2);
  });
});
