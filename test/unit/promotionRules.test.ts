// Promotions on their own: a sale's window and price, every reason a coupon is refused (in the
// order they are checked, with the words the shopper reads), what a coupon is described as, and the
// checks that stop a malformed coupon or markdown.
import { describe, expect, it } from 'vitest';
import {
  activeSalePrice,
  assertCoupon,
  assertMarkdown,
  checkCoupon,
  couponCoversLine,
  couponRuleProblem,
  couponState,
  couponScope,
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
      mineralIds: [],
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
  it('covers every line without a list, and only its own categories with one', () => {
    const oxide = { category: 'oxides', mineralId: 'm-1' } as const;
    expect(couponCoversLine(coupon(), oxide)).toBe(true);
    expect(couponCoversLine(coupon({ categories: [], mineralIds: [] }), oxide)).toBe(true);
    expect(couponCoversLine(coupon({ categories: ['halides'] }), oxide)).toBe(false);
    expect(couponCoversLine(coupon({ categories: ['halides', 'oxides'] }), oxide)).toBe(true);
  });

  it('covers a chosen mineral whatever its category, and a listed category besides', () => {
    const oxide = { category: 'oxides', mineralId: 'm-1' } as const;
    expect(couponCoversLine(coupon({ mineralIds: ['m-1'] }), oxide)).toBe(true);
    expect(couponCoversLine(coupon({ mineralIds: ['m-2'] }), oxide)).toBe(false);
    expect(couponCoversLine(coupon({ mineralIds: ['m-2'], categories: ['oxides'] }), oxide)).toBe(true);
    expect(couponCoversLine(coupon({ mineralIds: ['m-2'], categories: ['halides'] }), oxide)).toBe(false);
    expect(couponScope(coupon({ mineralIds: ['m-2'] }))).toBe('1 chosen specimen');
    expect(couponScope(coupon({ mineralIds: ['m-2', 'm-3'], categories: ['halides'] }))).toBe('halides and 2 chosen specimens');
    expect(couponScope(coupon())).toBe('');
  });

  it('says what a mineral-scoped coupon covers when nothing in the order is among them, and in its minimum', () => {
    expect(checkCoupon(coupon({ mineralIds: ['m-2'] }), usage, now, { hasEligibleLine: false, eligibleSubtotalCents: 0 })).toEqual({
      reason: 'coupon-no-eligible-items',
      couponCode: 'SAVE10',
      categories: [],
      mineralIds: ['m-2'],
      message: 'Coupon SAVE10 applies only to 1 chosen specimen, and nothing in your order is among them.',
    });
    expect(checkCoupon(coupon({ minSubtotalCents: 5_000, mineralIds: ['m-2', 'm-3'] }), usage, now, { hasEligibleLine: true, eligibleSubtotalCents: 1 })).toMatchObject({
      message: 'Coupon SAVE10 needs $50.00 of 2 chosen specimens; your order has $0.01.',
    });
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

describe('a coupon as the console sees it', () => {
  it('is scheduled before its start, active from it, used up at its limit, ended from its end (ended wins)', () => {
    const window = { startsAt: '2026-03-05T12:00:00.000Z', endsAt: '2026-03-06T12:00:00.000Z' };
    expect(couponState(coupon(window), 0, new Date('2026-03-05T11:59:59.999Z'))).toBe('scheduled');
    expect(couponState(coupon(window), 0, now)).toBe('active');
    expect(couponState(coupon({ ...window, maxRedemptions: 2 }), 1, now)).toBe('active');
    expect(couponState(coupon({ ...window, maxRedemptions: 2 }), 2, now)).toBe('used-up');
    expect(couponState(coupon({ ...window, maxRedemptions: 2 }), 2, new Date('2026-03-06T12:00:00.000Z'))).toBe('ended');
    expect(couponState(coupon({ ...window, maxRedemptions: 2 }), 2, new Date('2026-03-05T11:00:00.000Z'))).toBe('used-up');
    expect(couponState(coupon(), 1_000, now)).toBe('active');
  });

  it('refuses rules that contradict each other, and only those', () => {
    expect(couponRuleProblem(coupon({ startsAt: '2026-03-05T12:00:00.000Z', endsAt: '2026-03-05T12:00:00.000Z' }))).toMatch(/start before it ends/);
    expect(couponRuleProblem(coupon({ startsAt: '2026-03-05T12:00:00.000Z', endsAt: '2026-03-05T12:00:00.001Z' }))).toBeNull();
    expect(couponRuleProblem(coupon({ startsAt: '2026-03-05T12:00:00.000Z' }))).toBeNull();
    expect(couponRuleProblem(coupon({ maxRedemptions: 2, maxRedemptionsPerCustomer: 3 }))).toMatch(/per customer/);
    expect(couponRuleProblem(coupon({ maxRedemptions: 3, maxRedemptionsPerCustomer: 3 }))).toBeNull();
    expect(couponRuleProblem(coupon({ maxRedemptionsPerCustomer: 3 }))).toBeNull();
    const fixed = (amountCents: number, minSubtotalCents?: number) => coupon({ benefit: { kind: 'fixed', amountCents }, ...(minSubtotalCents === undefined ? {} : { minSubtotalCents }) });
    expect(couponRuleProblem(fixed(2_000, 1_000))).toBe('A $20.00 coupon with a $10.00 minimum gives some orders their goods free: raise the minimum or lower the amount.');
    expect(couponRuleProblem(fixed(1_000, 1_000))).toBeNull();
    expect(couponRuleProblem(fixed(2_000, 0))).toBeNull();
    expect(couponRuleProblem(fixed(2_000))).toBeNull();
    expect(couponRuleProblem(coupon({ minSubtotalCents: 100 }))).toBeNull();
  });
});
