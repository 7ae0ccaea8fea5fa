// Promotions on their own: a sale's window and price, every reason a coupon is refused (in the
// order they are checked, with the words the shopper reads), what a coupon is described as, and the
// checks that stop a malformed coupon or markdown.
import { describe, expect, it } from 'vitest';
import {
  activeSalePrice,
  assertCoupon,
  assertMarkdown,
  checkCoupon,
  couponCoversCategory,
  describeCouponBenefit,
  isWithinWindow,
  markdownPrice,
  type Coupon,
} from '../../shared/domain/promotions';

const now = new Date('2026-03-05T12:00:00.000Z');
const coupon = (over: Partial<Coupon> = {}): Coupon => ({ code: 'SAVE10', benefit: { kind: 'percent', bp: 1_000 }, ...over }) as Coupon;
const usage = { redemptions: 0, customerRedemptions: 0 };
const eligible = { hasEligibleLine: true, eligibleSubtotalCents: 10_000 };

describe('a sale', () => {
  it('runs from its start instant up to, not including, its end', () => {
    expect(isWithinWindow(now, '2026-03-05T12:00:00.000Z', '2026-03-06T00:00:00.000Z')).toBe(true);
    expect(isWithinWindow(now, '2026-03-05T12:00:00.001Z', null)).toBe(false);
    expect(isWithinWindow(now, null, '2026-03-05T12:00:00.000Z')).toBe(false);
    expect(isWithinWindow(now, undefined, undefined)).toBe(true);
    expect(() => isWithinWindow(now, 'soon', null)).toThrow('window start is not an ISO-8601 instant: soon');
    expect(() => isWithinWindow(now, null, 'later')).toThrow('window end is not an ISO-8601 instant: later');
  });

  it('prices a unit by a fixed price or a percentage off, the half cent going to the shopper', () => {
    expect(markdownPrice(1_000, { kind: 'price', unitPriceCents: 750 })).toBe(750);
    expect(markdownPrice(999, { kind: 'percent-off', bp: 2_500 })).toBe(749);
  });

  it('gives a sale price only while the sale runs and only when it is lower than the list price', () => {
    const sale = { startsAt: '2026-03-05T00:00:00.000Z', endsAt: '2026-03-06T00:00:00.000Z', markdown: { kind: 'price' as const, unitPriceCents: 800 } };
    expect(activeSalePrice(1_000, sale, now)).toEqual({ priceCents: 800, endsAt: '2026-03-06T00:00:00.000Z' });
    expect(activeSalePrice(1_000, null, now)).toBeNull();
    expect(activeSalePrice(1_000, undefined, now)).toBeNull();
    expect(activeSalePrice(1_000, sale, new Date('2026-03-06T00:00:00.000Z'))).toBeNull();
    expect(activeSalePrice(800, sale, now)).toBeNull();
    expect(activeSalePrice(700, sale, now)).toBeNull();
  });
});

describe('every reason a coupon is refused, checked in order', () => {
  it('is not valid yet before its start, and has expired at its end', () => {
    expect(checkCoupon(coupon({ startsAt: '2026-03-05T12:00:00.001Z' }), usage, now, eligible)).toEqual({
      reason: 'coupon-not-yet-valid',
      couponCode: 'SAVE10',
      startsAt: '2026-03-05T12:00:00.001Z',
      message: 'Coupon SAVE10 is not valid yet: it starts 2026-03-05T12:00:00.001Z.',
    });
    expect(checkCoupon(coupon({ startsAt: '2026-03-05T12:00:00.000Z' }), usage, now, eligible)).toBeNull();
    expect(checkCoupon(coupon({ endsAt: '2026-03-05T12:00:00.000Z' }), usage, now, eligible)).toEqual({
      reason: 'coupon-expired',
      couponCode: 'SAVE10',
      endsAt: '2026-03-05T12:00:00.000Z',
      message: 'Coupon SAVE10 expired 2026-03-05T12:00:00.000Z.',
    });
    expect(checkCoupon(coupon({ endsAt: '2026-03-05T12:00:00.001Z' }), usage, now, eligible)).toBeNull();
  });

  it('is used up at its overall limit, and at a customer’s limit says how many times', () => {
    expect(checkCoupon(coupon({ maxRedemptions: 3 }), { redemptions: 3, customerRedemptions: 0 }, now, eligible)).toEqual({
      reason: 'coupon-used-up',
      couponCode: 'SAVE10',
      maxRedemptions: 3,
      message: 'Coupon SAVE10 has been used up.',
    });
    expect(checkCoupon(coupon({ maxRedemptions: 3 }), { redemptions: 2, customerRedemptions: 0 }, now, eligible)).toBeNull();
    expect(checkCoupon(coupon({ maxRedemptionsPerCustomer: 1 }), { redemptions: 0, customerRedemptions: 1 }, now, eligible)).toEqual({
      reason: 'coupon-customer-limit-reached',
      couponCode: 'SAVE10',
      maxRedemptionsPerCustomer: 1,
      message: 'You have already used coupon SAVE10 once, which is its limit per customer.',
    });
    expect(checkCoupon(coupon({ maxRedemptionsPerCustomer: 2 }), { redemptions: 0, customerRedemptions: 2 }, now, eligible)).toMatchObject({
      message: 'You have already used coupon SAVE10 2 times, which is its limit per customer.',
    });
    expect(checkCoupon(coupon({ maxRedemptionsPerCustomer: 2 }), { redemptions: 0, customerRedemptions: 1 }, now, eligible)).toBeNull();
  });

  it('names the categories it covers when nothing in the order is in them', () => {
    expect(checkCoupon(coupon({ categories: ['oxides'] }), usage, now, { hasEligibleLine: false, eligibleSubtotalCents: 0 })).toEqual({
      reason: 'coupon-no-eligible-items',
      couponCode: 'SAVE10',
      categories: ['oxides'],
      message: 'Coupon SAVE10 applies only to oxides, and nothing in your order is in that category.',
    });
    expect(checkCoupon(coupon({ categories: ['oxides', 'halides'] }), usage, now, { hasEligibleLine: false, eligibleSubtotalCents: 0 })).toMatchObject({
      message: 'Coupon SAVE10 applies only to oxides, halides, and nothing in your order is in those categories.',
    });
  });

  it('says the minimum, of which categories, and what the order has; the minimum itself qualifies', () => {
    expect(checkCoupon(coupon({ minSubtotalCents: 5_000, categories: ['oxides'] }), usage, now, { hasEligibleLine: true, eligibleSubtotalCents: 4_999 })).toEqual({
      reason: 'coupon-below-minimum',
      couponCode: 'SAVE10',
      minSubtotalCents: 5_000,
      eligibleSubtotalCents: 4_999,
      message: 'Coupon SAVE10 needs $50.00 of oxides; your order has $49.99.',
    });
    expect(checkCoupon(coupon({ minSubtotalCents: 5_000, categories: ['oxides', 'halides'] }), usage, now, { hasEligibleLine: true, eligibleSubtotalCents: 1 })).toMatchObject({
      message: 'Coupon SAVE10 needs $50.00 of oxides, halides; your order has $0.01.',
    });
    expect(checkCoupon(coupon({ minSubtotalCents: 5_000 }), usage, now, { hasEligibleLine: true, eligibleSubtotalCents: 4_999 })).toMatchObject({
      message: 'Coupon SAVE10 needs $50.00; your order has $49.99.',
    });
    expect(checkCoupon(coupon({ minSubtotalCents: 5_000 }), usage, now, { hasEligibleLine: true, eligibleSubtotalCents: 5_000 })).toBeNull();
  });
});

describe('what a coupon covers and says', () => {
  it('covers every category without a list, and only its own with one', () => {
    expect(couponCoversCategory(coupon(), 'oxides')).toBe(true);
    expect(couponCoversCategory(coupon({ categories: [] }), 'oxides')).toBe(true);
    expect(couponCoversCategory(coupon({ categories: ['halides'] }), 'oxides')).toBe(false);
    expect(couponCoversCategory(coupon({ categories: ['halides', 'oxides'] }), 'oxides')).toBe(true);
  });

  it('describes each kind of benefit', () => {
    expect(describeCouponBenefit({ kind: 'percent', bp: 1_250 })).toBe('12.5% off');
    expect(describeCouponBenefit({ kind: 'fixed', amountCents: 500 })).toBe('$5.00 off');
    expect(describeCouponBenefit({ kind: 'free-shipping' })).toBe('free standard shipping');
  });
});

describe('checks that stop a malformed coupon or markdown', () => {
  it('refuses a markdown price that is not cents, and a percentage outside 0–100 %', () => {
    expect(() => assertMarkdown({ kind: 'price', unitPriceCents: -1 }, 'sale')).toThrow('sale price must be a whole, non-negative number of cents, got -1');
    expect(() => assertMarkdown({ kind: 'percent-off', bp: 10_001 }, 'sale')).toThrow('sale percent-off (basis points) must be a whole number from 0 to 10000, got 10001');
    expect(() => assertMarkdown({ kind: 'percent-off', bp: 0 }, 'sale')).not.toThrow();
    expect(() => assertMarkdown({ kind: 'price', unitPriceCents: 0 }, 'sale')).not.toThrow();
  });

  it('refuses a coupon whose numbers no admin form allows, naming the coupon', () => {
    expect(() => assertCoupon(coupon({ benefit: { kind: 'percent', bp: 0 } }), usage)).toThrow('coupon SAVE10 percent (basis points) must be a whole number from 1 to 10000, got 0');
    expect(() => assertCoupon(coupon({ benefit: { kind: 'fixed', amountCents: 0 } }), usage)).toThrow('coupon SAVE10 amount (cents) must be a whole number from 1 to');
    expect(() => assertCoupon(coupon({ minSubtotalCents: -5 }), usage)).toThrow('coupon SAVE10 minimum must be a whole, non-negative number of cents, got -5');
    expect(() => assertCoupon(coupon({ maxRedemptions: -1 }), usage)).toThrow('coupon overall limit must be a whole number from 0 to');
    expect(() => assertCoupon(coupon({ maxRedemptionsPerCustomer: 1.5 }), usage)).toThrow('coupon per-customer limit must be a whole number from 0 to');
    expect(() => assertCoupon(coupon(), { redemptions: -1, customerRedemptions: 0 })).toThrow('coupon redemptions must be a whole number from 0 to');
    expect(() => assertCoupon(coupon(), { redemptions: 0, customerRedemptions: -1 })).toThrow('coupon redemptions by this customer must be a whole number from 0 to');
    expect(() => assertCoupon(coupon({ benefit: { kind: 'free-shipping' }, minSubtotalCents: 0, maxRedemptions: 0, maxRedemptionsPerCustomer: 0 }), usage)).not.toThrow();
  });
});
