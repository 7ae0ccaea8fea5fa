// The quote engine, rule by rule (see the STACKING AND ROUNDING RULES at the top of
// shared/domain/pricing.ts), the traps other engines fell into, and properties that hold for any order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORY_IDS, type CategoryId } from '../../shared/domain/catalog';
import {
  DEFAULT_PRICING_TABLES,
  quoteOrder,
  type PricingTables,
  type Quote,
  type QuoteInput,
  type QuoteLineInput,
  type QuoteRejection,
} from '../../shared/domain/pricing';
import type { BulkTier, Coupon, CouponUsage, FlashSale, Markdown } from '../../shared/domain/promotions';
import type { Destination } from '../../shared/domain/shipping';

// ─── Builders ────────────────────────────────────────────────────────────────────────────────────

const NOW = new Date('2025-06-15T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const iso = (offsetMs: number) => at(offsetMs).toISOString();
const HOUR = 3_600_000;

/** A flash sale running from an hour ago to an hour from now. */
function aFlashSale(markdown: Markdown, overrides: Partial<FlashSale> = {}): FlashSale {
  return { markdown, startsAt: iso(-HOUR), endsAt: iso(HOUR), ...overrides };
}
const price = (unitPriceCents: number): Markdown => ({ kind: 'price', unitPriceCents });
const percentOff = (bp: number): Markdown => ({ kind: 'percent-off', bp });
const tier = (minQuantity: number, markdown: Markdown): BulkTier => ({ minQuantity, markdown });

/** One quartz at $20.00, 400 g. */
function aLine(overrides: Partial<QuoteLineInput> = {}): QuoteLineInput {
  return { mineralId: 'quartz', category: 'silicates', unitPriceCents: 2_000, weightGrams: 400, quantity: 1, ...overrides };
}

/** A 10 % coupon with no window, limits or minimum. */
function aCoupon(overrides: Partial<Coupon> = {}, usage: Partial<CouponUsage> = {}): NonNullable<QuoteInput['coupon']> {
  return {
    coupon: { code: 'ROCKS10', benefit: { kind: 'percent', bp: 1_000 }, ...overrides },
    usage: { redemptions: 0, customerRedemptions: 0, ...usage },
  };
}

/** An order of one quartz to Oregon (US, no sales tax collected), standard shipping, no coupon. */
function anOrder(overrides: Partial<QuoteInput> = {}): QuoteInput {
  return { lines: [aLine()], coupon: null, destination: { country: 'US', region: 'OR' }, shippingMethod: 'standard', now: NOW, ...overrides };
}

function quote(input: QuoteInput, tables?: PricingTables): Quote {
  const result = quoteOrder(input, tables);
  if (!result.ok) throw new Error(`expected a quote, got ${JSON.stringify(result.rejections)}`);
  return result.quote;
}

function rejections(input: QuoteInput): readonly QuoteRejection[] {
  const result = quoteOrder(input);
  if (result.ok) throw new Error('expected a rejection, got a quote');
  return result.rejections;
}

/** The identity every quote must satisfy (rule 8). */
function expectBalanced(q: Quote): void {
  expect(q.totalCents).toBe(q.subtotalCents - q.goodsDiscountCents + q.shipping.cents + q.tax.cents);
  const allDiscounts = q.discounts.reduce((s, d) => s + d.amountCents, 0);
  expect(q.totalCents).toBe(q.subtotalCents - allDiscounts + q.shipping.rateCents + q.tax.cents);
  expect(q.totalCents).toBeGreaterThanOrEqual(0);
}

// ─── Rules 1–2: the effective unit price ─────────────────────────────────────────────────────────

describe('effective unit price (rules 1 and 2)', () => {
  const sale1500 = aFlashSale(price(1_500));
  it.each<[string, Partial<QuoteLineInput>, Date, number, string]>([
    ['no promotion: the list price', {}, NOW, 2_000, 'regular'],
    ['flash sale inside its window', { flashSale: sale1500 }, NOW, 1_500, 'flash-sale'],
    ['flash sale start is inclusive: active at startsAt exactly', { flashSale: sale1500 }, at(-HOUR), 1_500, 'flash-sale'],
    ['flash sale not active 1 ms before startsAt', { flashSale: sale1500 }, at(-HOUR - 1), 2_000, 'regular'],
    ['flash sale still active 1 ms before endsAt', { flashSale: sale1500 }, at(HOUR - 1), 1_500, 'flash-sale'],
    ['flash sale end is exclusive: list price at endsAt exactly', { flashSale: sale1500 }, at(HOUR), 2_000, 'regular'],
    ['percent-off flash sale rounds the discount half away from zero: 10 % of 1005 = 100.5 → 101 off', { unitPriceCents: 1_005, flashSale: aFlashSale(percentOff(1_000)) }, NOW, 904, 'flash-sale'],
    ['a flash "sale" above the list price is ignored', { flashSale: aFlashSale(price(2_500)) }, NOW, 2_000, 'regular'],
    ['bulk tier one unit below its break: list price', { quantity: 4, bulkTiers: [tier(5, price(1_800))] }, NOW, 2_000, 'regular'],
    ['bulk tier at its break applies to every unit', { quantity: 5, bulkTiers: [tier(5, price(1_800))] }, NOW, 1_800, 'bulk-tier'],
    ['the best of several qualifying tiers wins', { quantity: 12, bulkTiers: [tier(5, price(1_800)), tier(10, price(1_650))] }, NOW, 1_650, 'bulk-tier'],
    ['no cliff between tiers: 10 @ 16.00 after 9 @ 18.00 would be cheaper, so it is raised to 16.20', { quantity: 10, bulkTiers: [tier(5, price(1_800)), tier(10, price(1_600))] }, NOW, 1_620, 'bulk-tier'],
    ['a higher tier not yet reached does not apply', { quantity: 9, bulkTiers: [tier(5, price(1_800)), tier(10, price(1_600))] }, NOW, 1_800, 'bulk-tier'],
    ['tiers given out of order are sorted by break', { quantity: 7, bulkTiers: [tier(10, price(1_600)), tier(5, price(1_800))] }, NOW, 1_800, 'bulk-tier'],
    ['percent-off tier is taken off the list price', { quantity: 5, bulkTiers: [tier(5, percentOff(1_500))] }, NOW, 1_700, 'bulk-tier'],
    ['best price wins: flash sale below the tier', { quantity: 5, flashSale: sale1500, bulkTiers: [tier(5, price(1_800))] }, NOW, 1_500, 'flash-sale'],
    ['best price wins: tier below the flash sale', { quantity: 5, flashSale: aFlashSale(price(1_900)), bulkTiers: [tier(5, price(1_800))] }, NOW, 1_800, 'bulk-tier'],
    ['no compounding: a 10 % tier is not taken off the sale price (1500, not 1350)', { quantity: 5, flashSale: sale1500, bulkTiers: [tier(5, percentOff(1_000))] }, NOW, 1_500, 'flash-sale'],
    ['a tie between flash sale and tier names the flash sale', { quantity: 5, flashSale: aFlashSale(price(1_800)), bulkTiers: [tier(5, price(1_800))] }, NOW, 1_800, 'flash-sale'],
    ['a flash sale outside its window does not block the tier', { quantity: 5, flashSale: sale1500, bulkTiers: [tier(5, price(1_800))] }, at(2 * HOUR), 1_800, 'bulk-tier'],
    ['no cliff: a steep tier (10 @ 5.00 after 9 @ 10.00) is raised to ceil(9·1000/10) = 900', { unitPriceCents: 1_000, quantity: 10, bulkTiers: [tier(10, price(500))] }, NOW, 900, 'bulk-tier'],
    ['no cliff floor is measured from the price below the break (flash 800): ceil(9·800/10) = 720', { unitPriceCents: 1_000, quantity: 10, flashSale: aFlashSale(price(800)), bulkTiers: [tier(10, price(500))] }, NOW, 720, 'bulk-tier'],
  ])('%s', (_rule, line, now, unitPriceCents, priceSource) => {
    const q = quote(anOrder({ lines: [aLine(line)], now }));
    const [quoted] = q.lines;
    expect(quoted).toMatchObject({ listUnitPriceCents: line.unitPriceCents ?? 2_000, unitPriceCents, priceSource });
    expect(quoted?.subtotalCents).toBe(unitPriceCents * (line.quantity ?? 1));
  });

  it('says when the no-cliff rule raised a tier, and leaves a well-made tier alone', () => {
    const steep = quote(anOrder({ lines: [aLine({ unitPriceCents: 1_000, quantity: 10, bulkTiers: [tier(10, price(500))] })] }));
    expect(steep.lines[0]?.bulkTier).toEqual({ minQuantity: 10, listedUnitPriceCents: 500, raisedByNoCliffRule: true });
    expect(steep.subtotalCents).toBeGreaterThanOrEqual(9 * 1_000);
    const fair = quote(anOrder({ lines: [aLine({ quantity: 5, bulkTiers: [tier(5, price(1_800))] })] }));
    expect(fair.lines[0]?.bulkTier).toEqual({ minQuantity: 5, listedUnitPriceCents: 1_800, raisedByNoCliffRule: false });
  });
});

// ─── Rules 4–5: coupons on goods ─────────────────────────────────────────────────────────────────

describe('coupon discounts on goods (rules 4 and 5)', () => {
  const hematite = (overrides: Partial<QuoteLineInput> = {}) =>
    aLine({ mineralId: 'hematite', category: 'oxides', unitPriceCents: 3_000, ...overrides });
  it.each<[string, Partial<QuoteInput>, { subtotal: number; discount: number; shares?: number[] }]>([
    ['percent coupon on the list price: 10 % of 4000', { lines: [aLine({ quantity: 2 })], coupon: aCoupon() }, { subtotal: 4_000, discount: 400 }],
    ['TRAP coupon on a flash-sale price: 10 % of the sale subtotal 3000, not of the list 4000', { lines: [aLine({ quantity: 2, flashSale: aFlashSale(price(1_500)) })], coupon: aCoupon() }, { subtotal: 3_000, discount: 300 }],
    ['percent coupon on a bulk-tier price: 10 % of 5 × 1800', { lines: [aLine({ quantity: 5, bulkTiers: [tier(5, price(1_800))] })], coupon: aCoupon() }, { subtotal: 9_000, discount: 900 }],
    ['percent rounded once per order: 10 % of 3 × 105 = 31.5 → 32 (per line would give 33)', { lines: ['a', 'b', 'c'].map((id) => aLine({ mineralId: id, unitPriceCents: 105 })), coupon: aCoupon() }, { subtotal: 315, discount: 32, shares: [11, 11, 10] }],
    ['TRAP 100 % coupon: the goods are free, no more', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ benefit: { kind: 'percent', bp: 10_000 } }) }, { subtotal: 4_000, discount: 4_000 }],
    ['fixed coupon below the subtotal takes its amount', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ benefit: { kind: 'fixed', amountCents: 500 } }) }, { subtotal: 4_000, discount: 500 }],
    ['TRAP fixed coupon larger than the subtotal is capped at it', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ benefit: { kind: 'fixed', amountCents: 10_000 } }) }, { subtotal: 4_000, discount: 4_000 }],
    ['fixed coupon shared over lines in proportion to their subtotals', { lines: [aLine(), hematite()], coupon: aCoupon({ benefit: { kind: 'fixed', amountCents: 1_000 } }) }, { subtotal: 5_000, discount: 1_000, shares: [400, 600] }],
    ['category-restricted percent coupon covers only matching lines', { lines: [aLine(), hematite()], coupon: aCoupon({ categories: ['oxides'] }) }, { subtotal: 5_000, discount: 300, shares: [0, 300] }],
    ['mineral-restricted percent coupon covers only the chosen specimen', { lines: [aLine(), hematite()], coupon: aCoupon({ mineralIds: ['quartz'] }) }, { subtotal: 5_000, discount: 200, shares: [200, 0] }],
    ['category-restricted fixed coupon is capped at the eligible subtotal, not the order', { lines: [aLine(), hematite()], coupon: aCoupon({ benefit: { kind: 'fixed', amountCents: 5_000 }, categories: ['oxides'] }) }, { subtotal: 5_000, discount: 3_000, shares: [0, 3_000] }],
    ['minimum is inclusive: exactly the minimum qualifies', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ minSubtotalCents: 4_000 }) }, { subtotal: 4_000, discount: 400 }],
    ['coupon window start is inclusive: valid at startsAt exactly', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ startsAt: iso(0) }) }, { subtotal: 4_000, discount: 400 }],
    ['coupon still valid 1 ms before endsAt', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ endsAt: iso(1) }) }, { subtotal: 4_000, discount: 400 }],
    ['overall limit not yet reached: the last redemption is still allowed', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ maxRedemptions: 100 }, { redemptions: 99 }) }, { subtotal: 4_000, discount: 400 }],
    ['per-customer limit not yet reached', { lines: [aLine({ quantity: 2 })], coupon: aCoupon({ maxRedemptionsPerCustomer: 2 }, { customerRedemptions: 1 }) }, { subtotal: 4_000, discount: 400 }],
  ])('%s', (_rule, overrides, expected) => {
    const q = quote(anOrder(overrides));
    expect(q.subtotalCents).toBe(expected.subtotal);
    expect(q.goodsDiscountCents).toBe(expected.discount);
    expect(q.lines.reduce((s, l) => s + l.couponDiscountCents, 0)).toBe(expected.discount);
    if (expected.shares) expect(q.lines.map((l) => l.couponDiscountCents)).toEqual(expected.shares);
    const [goods] = q.discounts.filter((d) => d.appliesTo === 'goods');
    expect(goods).toMatchObject({ source: { kind: 'coupon', code: 'ROCKS10' }, amountCents: expected.discount });
    expect(q.coupon).toMatchObject({ code: 'ROCKS10', discountCents: expected.discount, effective: true });
    expectBalanced(q);
  });

  it('reports a coupon that rounds to nothing as applied but ineffective', () => {
    const q = quote(anOrder({ lines: [aLine({ unitPriceCents: 40 })], coupon: aCoupon({ benefit: { kind: 'percent', bp: 100 } }) }));
    expect(q.goodsDiscountCents).toBe(0);
    expect(q.discounts).toEqual([]);
    expect(q.coupon).toMatchObject({ effective: false, discountCents: 0, message: expect.stringMatching(/takes nothing off/) });
  });
});

// ─── Rejections ──────────────────────────────────────────────────────────────────────────────────

describe('rejections a shopper can read', () => {
  const twoQuartz = [aLine({ quantity: 2 })];
  it.each<[string, Partial<QuoteInput>, QuoteRejection['reason'], RegExp]>([
    ['coupon 1 ms before its startsAt is not yet valid', { lines: twoQuartz, coupon: aCoupon({ startsAt: iso(1) }) }, 'coupon-not-yet-valid', /ROCKS10 is not valid yet/],
    ['coupon end is exclusive: expired at endsAt exactly', { lines: twoQuartz, coupon: aCoupon({ endsAt: iso(0) }) }, 'coupon-expired', /ROCKS10 expired/],
    ['coupon long past its endsAt is expired', { lines: twoQuartz, coupon: aCoupon({ startsAt: iso(-30 * 24 * HOUR), endsAt: iso(-24 * HOUR) }) }, 'coupon-expired', /expired/],
    ['overall limit reached: used up', { lines: twoQuartz, coupon: aCoupon({ maxRedemptions: 100 }, { redemptions: 100 }) }, 'coupon-used-up', /used up/],
    ['per-customer limit reached', { lines: twoQuartz, coupon: aCoupon({ maxRedemptionsPerCustomer: 1 }, { customerRedemptions: 1 }) }, 'coupon-customer-limit-reached', /already used coupon ROCKS10 once/],
    ['coupon whose categories match no line', { lines: twoQuartz, coupon: aCoupon({ categories: ['oxides'] }) }, 'coupon-no-eligible-items', /applies only to oxides/],
    ['coupon below its minimum, with both amounts in dollars', { lines: twoQuartz, coupon: aCoupon({ minSubtotalCents: 5_000 }) }, 'coupon-below-minimum', /needs \$50\.00; your order has \$40\.00/],
    ['minimum is checked on the eligible subtotal, not the whole order', { lines: [aLine({ unitPriceCents: 10_000 }), aLine({ mineralId: 'hematite', category: 'oxides', unitPriceCents: 3_000 })], coupon: aCoupon({ categories: ['oxides'], minSubtotalCents: 5_000 }) }, 'coupon-below-minimum', /\$50\.00 of oxides; your order has \$30\.00/],
    ['minimum is checked at effective (flash-sale) prices, not list prices', { lines: [aLine({ quantity: 2, flashSale: aFlashSale(price(1_500)) })], coupon: aCoupon({ minSubtotalCents: 4_000 }) }, 'coupon-below-minimum', /has \$30\.00/],
    ['a free-shipping coupon has a minimum too', { lines: twoQuartz, coupon: aCoupon({ benefit: { kind: 'free-shipping' }, minSubtotalCents: 5_000 }) }, 'coupon-below-minimum', /needs \$50\.00/],
    ['a destination country the shop does not ship to', { destination: { country: 'BR' } }, 'unknown-destination', /do not ship to BR/],
    ['a US address without its state', { destination: { country: 'US' } }, 'unknown-destination', /needs its state/],
    ['a US region that is not a state', { destination: { country: 'US', region: 'ZZ' } }, 'unknown-destination', /ZZ is not a US state/],
    ['a Canadian address without its province', { destination: { country: 'CA' } }, 'unknown-destination', /province or territory/],
    ['an empty order', { lines: [] }, 'empty-order', /empty/],
  ])('%s', (_rule, overrides, reason, message) => {
    const [first, ...others] = rejections(anOrder(overrides));
    expect(others).toEqual([]);
    expect(first?.reason).toBe(reason);
    expect(first?.message).toMatch(message);
  });

  it('lists every problem at once: an unknown destination and an expired coupon', () => {
    const found = rejections(anOrder({ destination: { country: 'BR' }, coupon: aCoupon({ endsAt: iso(-1) }) }));
    expect(found.map((r) => r.reason)).toEqual(['unknown-destination', 'coupon-expired']);
  });

  it('checks the window before the limits: an expired, used-up coupon reads as expired', () => {
    const [first] = rejections(anOrder({ coupon: aCoupon({ endsAt: iso(-1), maxRedemptions: 1 }, { redemptions: 1 }) }));
    expect(first?.reason).toBe('coupon-expired');
  });

  it.each<[string, QuoteInput]>([
    ['a negative price', anOrder({ lines: [aLine({ unitPriceCents: -1 })] })],
    ['a fractional quantity', anOrder({ lines: [aLine({ quantity: 1.5 })] })],
    ['a 120 % coupon', anOrder({ coupon: aCoupon({ benefit: { kind: 'percent', bp: 12_000 } }) })],
    ['the same mineral on two lines', anOrder({ lines: [aLine(), aLine()] })],
    ['a flash sale with an unreadable date', anOrder({ lines: [aLine({ flashSale: aFlashSale(price(1), { startsAt: 'soon' }) })] })],
  ])('treats %s as a bug (RangeError), not as a shopper problem', (_what, input) => {
    expect(() => quoteOrder(input)).toThrow(RangeError);
  });
});

// ─── Rule 6: shipping ────────────────────────────────────────────────────────────────────────────

describe('shipping (rule 6)', () => {
  const at15000 = aLine({ unitPriceCents: 15_000 });
  const freeShip = aCoupon({ code: 'SHIPFREE', benefit: { kind: 'free-shipping' } });
  it.each<[string, Partial<QuoteInput>, { zone: string; weight: number; band: number | null; rate: number; waivedBy: string | null; cents: number }]>([
    ['a parcel at a band’s upper bound stays in it: 200 g + 300 g packaging = 500 g', { lines: [aLine({ weightGrams: 200 })] }, { zone: 'us-contiguous', weight: 500, band: 500, rate: 695, waivedBy: null, cents: 695 }],
    ['one gram over a band moves to the next', { lines: [aLine({ weightGrams: 201 })] }, { zone: 'us-contiguous', weight: 501, band: 1_000, rate: 895, waivedBy: null, cents: 895 }],
    ['heavy parcel: 4 × 4.5 kg of galena in the 20 kg band', { lines: [aLine({ weightGrams: 4_500, quantity: 4 })] }, { zone: 'us-contiguous', weight: 18_300, band: 20_000, rate: 3_995, waivedBy: null, cents: 3_995 }],
    ['the heaviest band includes 30 kg exactly', { lines: [aLine({ weightGrams: 29_700 })] }, { zone: 'us-contiguous', weight: 30_000, band: 30_000, rate: 5_495, waivedBy: null, cents: 5_495 }],
    ['1 g over 30 kg pays one started kg extra', { lines: [aLine({ weightGrams: 29_701 })] }, { zone: 'us-contiguous', weight: 30_001, band: null, rate: 5_645, waivedBy: null, cents: 5_645 }],
    ['2.5 kg over 30 kg pays three started kg extra', { lines: [aLine({ weightGrams: 32_200 })] }, { zone: 'us-contiguous', weight: 32_500, band: null, rate: 5_945, waivedBy: null, cents: 5_945 }],
    ['express has its own, dearer rate card', { lines: [aLine({ weightGrams: 200 })], shippingMethod: 'express' }, { zone: 'us-contiguous', weight: 500, band: 500, rate: 1_995, waivedBy: null, cents: 1_995 }],
    ['Alaska ships at remote US rates', { destination: { country: 'US', region: 'AK' } }, { zone: 'us-remote', weight: 700, band: 1_000, rate: 1_695, waivedBy: null, cents: 1_695 }],
    ['Canada', { destination: { country: 'CA', region: 'ON' } }, { zone: 'canada-mexico', weight: 700, band: 1_000, rate: 1_995, waivedBy: null, cents: 1_995 }],
    ['Europe', { destination: { country: 'DE' } }, { zone: 'europe', weight: 700, band: 1_000, rate: 2_895, waivedBy: null, cents: 2_895 }],
    ['international', { destination: { country: 'JP' } }, { zone: 'international', weight: 700, band: 1_000, rate: 3_495, waivedBy: null, cents: 3_495 }],
    ['free standard shipping at exactly the $150 threshold', { lines: [at15000] }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 895, waivedBy: 'threshold', cents: 0 }],
    ['one cent below the threshold pays shipping', { lines: [aLine({ unitPriceCents: 14_999 })] }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 895, waivedBy: null, cents: 895 }],
    ['the threshold is for the contiguous US only: Hawaii pays', { lines: [at15000], destination: { country: 'US', region: 'HI' } }, { zone: 'us-remote', weight: 700, band: 1_000, rate: 1_695, waivedBy: null, cents: 1_695 }],
    ['the threshold is checked before the coupon: 10 % off $150 still ships free', { lines: [at15000], coupon: aCoupon() }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 895, waivedBy: 'threshold', cents: 0 }],
    ['the threshold is checked at effective prices: $160 list on sale at $140 pays', { lines: [aLine({ unitPriceCents: 16_000, flashSale: aFlashSale(price(14_000)) })] }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 895, waivedBy: null, cents: 895 }],
    ['express over the threshold pays only the difference above standard', { lines: [at15000], shippingMethod: 'express' }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 2_495, waivedBy: 'threshold', cents: 1_600 }],
    ['free-shipping coupon below the threshold waives standard shipping', { coupon: freeShip }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 895, waivedBy: 'coupon', cents: 0 }],
    ['free-shipping coupon abroad waives the standard rate there', { coupon: freeShip, destination: { country: 'DE' } }, { zone: 'europe', weight: 700, band: 1_000, rate: 2_895, waivedBy: 'coupon', cents: 0 }],
    ['TRAP free shipping twice: coupon over the threshold is waived once, by the threshold', { lines: [at15000], coupon: freeShip }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 895, waivedBy: 'threshold', cents: 0 }],
    ['free-shipping coupon with express waives the standard rate only', { coupon: freeShip, shippingMethod: 'express' }, { zone: 'us-contiguous', weight: 700, band: 1_000, rate: 2_495, waivedBy: 'coupon', cents: 1_600 }],
  ])('%s', (_rule, overrides, e) => {
    const q = quote(anOrder(overrides));
    expect(q.shipping).toMatchObject({ zone: e.zone, weightGrams: e.weight, bandUpToGrams: e.band, rateCents: e.rate, waivedBy: e.waivedBy, cents: e.cents });
    expect(q.shipping.waivedCents).toBe(e.rate - e.cents);
    const shippingDiscounts = q.discounts.filter((d) => d.appliesTo === 'shipping');
    expect(shippingDiscounts.reduce((s, d) => s + d.amountCents, 0)).toBe(e.rate - e.cents);
    expect(shippingDiscounts.length).toBeLessThanOrEqual(1);
    expectBalanced(q);
  });

  it('reports a free-shipping coupon on an order that already ships free as adding nothing, not as a discount', () => {
    const q = quote(anOrder({ lines: [at15000], coupon: freeShip }));
    expect(q.discounts).toEqual([
      expect.objectContaining({ source: { kind: 'free-shipping-threshold', minSubtotalCents: 15_000 }, appliesTo: 'shipping', amountCents: 895 }),
    ]);
    expect(q.coupon).toMatchObject({ code: 'SHIPFREE', discountCents: 0, effective: false, message: expect.stringMatching(/already ships free/) });
    expect(q.totalCents).toBe(15_000);
  });

  it('names the coupon as the source when the coupon waives shipping', () => {
    const q = quote(anOrder({ coupon: freeShip }));
    expect(q.discounts).toEqual([expect.objectContaining({ source: { kind: 'coupon', code: 'SHIPFREE' }, appliesTo: 'shipping', amountCents: 895 })]);
    expect(q.coupon).toMatchObject({ discountCents: 895, effective: true });
  });
});

// ─── Rule 7: tax ─────────────────────────────────────────────────────────────────────────────────

describe('tax (rule 7)', () => {
  const nycTables: PricingTables = {
    ...DEFAULT_PRICING_TABLES,
    tax: [{ id: 'US-NY', name: 'New York City', components: [{ name: 'combined sales tax', ratePpm: 88_750 }], shippingTaxed: false }],
  };
  const ny: Destination = { country: 'US', region: 'NY' };
  const ca: Destination = { country: 'US', region: 'CA' };
  const hundredPercent = aCoupon({ benefit: { kind: 'percent', bp: 10_000 } });
  it.each<[string, Partial<QuoteInput>, PricingTables | undefined, { jurisdiction: string | null; base: number; tax: number; total: number }]>([
    ['New York taxes shipping: 4 % of (2000 + 895) = 115.8 → 116', { destination: ny }, undefined, { jurisdiction: 'US-NY', base: 2_895, tax: 116, total: 3_011 }],
    ['California does not tax shipping: 7.25 % of 2000', { destination: ca }, undefined, { jurisdiction: 'US-CA', base: 2_000, tax: 145, total: 3_040 }],
    ['tax is on goods after the coupon; half a cent rounds up: 7.25 % of 1800 = 130.5 → 131', { destination: ca, coupon: aCoupon() }, undefined, { jurisdiction: 'US-CA', base: 1_800, tax: 131, total: 2_826 }],
    ['a fixed coupon lowers the taxed base too: 4 % of (1500 + 895)', { destination: ny, coupon: aCoupon({ benefit: { kind: 'fixed', amountCents: 500 } }) }, undefined, { jurisdiction: 'US-NY', base: 2_395, tax: 96, total: 2_491 }],
    ['a state where the shop is not registered: no tax', {}, undefined, { jurisdiction: null, base: 0, tax: 0, total: 2_895 }],
    ['a country outside the tax table (Japan): no tax', { destination: { country: 'JP' } }, undefined, { jurisdiction: null, base: 0, tax: 0, total: 5_495 }],
    ['German VAT 19 % on goods and shipping: 4895 → 930.05 → 930', { destination: { country: 'DE' } }, undefined, { jurisdiction: 'DE', base: 4_895, tax: 930, total: 5_825 }],
    ['Quebec GST + QST summed and rounded once: 14.975 % of 3995 = 598 (per component: 599)', { destination: { country: 'CA', region: 'QC' } }, undefined, { jurisdiction: 'CA-QC', base: 3_995, tax: 598, total: 4_593 }],
    ['a province without its own entry falls back to the country (GST 5 %)', { destination: { country: 'CA', region: 'AB' } }, undefined, { jurisdiction: 'CA', base: 3_995, tax: 200, total: 4_195 }],
    ['odd cents: 3 × 333 at 8.875 % = 88.66 → 89, rounded once (per line: 3 × 30 = 90)', { lines: [aLine({ unitPriceCents: 333, quantity: 3, weightGrams: 100 })], destination: ny }, nycTables, { jurisdiction: 'US-NY', base: 999, tax: 89, total: 999 + 895 + 89 }],
    ['exactly half a cent of tax rounds away from zero: 8.875 % of 400 = 35.5 → 36', { lines: [aLine({ unitPriceCents: 400 })], destination: ny }, nycTables, { jurisdiction: 'US-NY', base: 400, tax: 36, total: 400 + 895 + 36 }],
    ['TRAP 100 % coupon where shipping is taxed: goods free, shipping and its tax still due', { destination: ny, coupon: hundredPercent }, undefined, { jurisdiction: 'US-NY', base: 895, tax: 36, total: 931 }],
    ['100 % coupon where shipping is not taxed: no tax, shipping still due', { destination: ca, coupon: hundredPercent }, undefined, { jurisdiction: 'US-CA', base: 0, tax: 0, total: 895 }],
    ['100 % coupon and a free-shipping threshold: the total is zero, never below', { lines: [aLine({ unitPriceCents: 15_000 })], destination: ny, coupon: hundredPercent }, undefined, { jurisdiction: 'US-NY', base: 0, tax: 0, total: 0 }],
    ['free shipping adds nothing to a taxed base: 4 % of 15000', { lines: [aLine({ unitPriceCents: 15_000 })], destination: ny }, undefined, { jurisdiction: 'US-NY', base: 15_000, tax: 600, total: 15_600 }],
    ['destination codes are read case-insensitively', { destination: { country: 'us', region: 'ny' } }, undefined, { jurisdiction: 'US-NY', base: 2_895, tax: 116, total: 3_011 }],
  ])('%s', (_rule, overrides, tables, e) => {
    const q = quote(anOrder(overrides), tables);
    expect(q.tax.jurisdiction?.id ?? null).toBe(e.jurisdiction);
    expect(q.tax.baseCents).toBe(e.base);
    expect(q.tax.cents).toBe(e.tax);
    expect(q.totalCents).toBe(e.total);
    expectBalanced(q);
  });

  it('shows each component rate and the combined rate', () => {
    const q = quote(anOrder({ destination: { country: 'CA', region: 'QC' } }));
    expect(q.tax.components.map((c) => [c.name, c.ratePpm])).toEqual([['GST', 50_000], ['QST', 99_750]]);
    expect(q.tax.ratePpm).toBe(149_750);
    expect(q.tax.description).toMatch(/14\.975%/);
  });
});

// ─── Purity: a coupon removed after being applied ────────────────────────────────────────────────

describe('a coupon removed after being applied leaves no residue', () => {
  const order = anOrder({
    lines: [aLine({ quantity: 3, flashSale: aFlashSale(price(1_500)) }), aLine({ mineralId: 'hematite', category: 'oxides', unitPriceCents: 3_000 })],
    destination: { country: 'US', region: 'NY' },
  });
  it.each<[string, NonNullable<QuoteInput['coupon']>]>([
    ['percent coupon', aCoupon()],
    ['100 % coupon', aCoupon({ benefit: { kind: 'percent', bp: 10_000 } })],
    ['fixed coupon larger than the order', aCoupon({ benefit: { kind: 'fixed', amountCents: 99_999 } })],
    ['free-shipping coupon', aCoupon({ benefit: { kind: 'free-shipping' } })],
    ['category-restricted coupon', aCoupon({ categories: ['oxides'] })],
  ])('%s: quoting again without it equals a fresh quote without it', (_what, coupon) => {
    const fresh = quote(structuredClone(order));
    const withCoupon = quote({ ...order, coupon });
    const withoutAgain = quote({ ...order, coupon: null });
    expect(withoutAgain).toEqual(fresh);
    expect(withoutAgain.coupon).toBeNull();
    expect(withoutAgain.discounts).toEqual([]);
    expect(withoutAgain.lines.every((l) => l.couponDiscountCents === 0)).toBe(true);
    expect(withCoupon.totalCents).toBeLessThan(withoutAgain.totalCents);
  });

  it('never mutates its input (deeply frozen input quotes the same)', () => {
    const input = anOrder({ lines: [aLine({ quantity: 5, bulkTiers: [tier(10, price(1)), tier(5, price(1_800))] })], coupon: aCoupon() });
    const before = structuredClone(input);
    const frozen = deepFreeze(structuredClone(input));
    expect(quote(frozen)).toEqual(quote(input));
    expect(input).toEqual(before);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ─── Properties: for any order ───────────────────────────────────────────────────────────────────

describe('properties of every quote', () => {
  const markdownArb: fc.Arbitrary<Markdown> = fc.oneof(
    fc.integer({ min: 0, max: 60_000 }).map(price),
    fc.integer({ min: 0, max: 10_000 }).map(percentOff),
  );
  const flashArb: fc.Arbitrary<FlashSale | null> = fc.option(
    fc.record({ markdown: markdownArb, start: fc.integer({ min: -48, max: 48 }), hours: fc.integer({ min: 1, max: 72 }) }).map(({ markdown, start, hours }) =>
      aFlashSale(markdown, { startsAt: iso(start * HOUR), endsAt: iso((start + hours) * HOUR) }),
    ),
  );
  const lineArb: fc.Arbitrary<Omit<QuoteLineInput, 'mineralId'>> = fc.record({
      category: fc.constantFrom<CategoryId>(...CATEGORY_IDS),
      unitPriceCents: fc.integer({ min: 0, max: 50_000 }),
      weightGrams: fc.integer({ min: 0, max: 12_000 }),
      quantity: fc.integer({ min: 1, max: 25 }),
      flashSale: flashArb,
      bulkTiers: fc.array(fc.record({ minQuantity: fc.integer({ min: 1, max: 26 }), markdown: markdownArb }), { maxLength: 3 }),
    });
  const couponArb: fc.Arbitrary<NonNullable<QuoteInput['coupon']>> = fc
    .record({
      benefit: fc.oneof(
        fc.integer({ min: 1, max: 10_000 }).map((bp) => ({ kind: 'percent' as const, bp })),
        fc.integer({ min: 1, max: 200_000 }).map((amountCents) => ({ kind: 'fixed' as const, amountCents })),
        fc.constant({ kind: 'free-shipping' as const }),
      ),
      categories: fc.subarray([...CATEGORY_IDS], { maxLength: 3 }),
      minSubtotalCents: fc.integer({ min: 0, max: 30_000 }),
    })
    .map((c) => aCoupon(c));
  const orderArb: fc.Arbitrary<QuoteInput> = fc.record({
    lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l, i) => ({ mineralId: `mineral-${i}`, ...l }))),
    coupon: fc.option(couponArb, { nil: null }),
    destination: fc.constantFrom<Destination>(
      { country: 'US', region: 'NY' },
      { country: 'US', region: 'CA' },
      { country: 'US', region: 'OR' },
      { country: 'US', region: 'HI' },
      { country: 'CA', region: 'QC' },
      { country: 'DE' },
      { country: 'GB' },
      { country: 'JP' },
    ),
    shippingMethod: fc.constantFrom('standard' as const, 'express' as const),
    now: fc.constant(NOW),
  });
  const quotes = (input: QuoteInput): Quote | null => {
    const result = quoteOrder(input);
    return result.ok ? result.quote : null;
  };

  it('total is never below zero and always equals subtotal − discounts + shipping + tax, exactly', () => {
    fc.assert(
      fc.property(orderArb, (input) => {
        const q = quotes(input);
        if (q) expectBalanced(q);
      }),
      { numRuns: 500 },
    );
  });

  it('removing a coupon never lowers the total', () => {
    fc.assert(
      fc.property(orderArb, couponArb, (input, coupon) => {
        const withCoupon = quotes({ ...input, coupon });
        if (!withCoupon) return;
        const without = quote({ ...input, coupon: null });
        expect(without.totalCents).toBeGreaterThanOrEqual(withCoupon.totalCents);
      }),
      { numRuns: 500 },
    );
  });

  it('removing a small coupon near the free-shipping threshold never lowers the total (nor shipping)', () => {
    const nearThreshold = fc.record({
      unitPriceCents: fc.integer({ min: 14_000, max: 16_500 }),
      coupon: fc.oneof(
        fc.integer({ min: 1, max: 1_500 }).map((amountCents) => aCoupon({ benefit: { kind: 'fixed', amountCents } })),
        fc.integer({ min: 1, max: 1_000 }).map((bp) => aCoupon({ benefit: { kind: 'percent', bp } })),
      ),
      region: fc.constantFrom('NY', 'OR', 'CA'),
    });
    fc.assert(
      fc.property(nearThreshold, ({ unitPriceCents, coupon, region }) => {
        const input = anOrder({ lines: [aLine({ unitPriceCents })], destination: { country: 'US', region } });
        const withCoupon = quote({ ...input, coupon });
        const without = quote(input);
        expect(without.totalCents).toBeGreaterThanOrEqual(withCoupon.totalCents);
        expect(withCoupon.shipping.cents).toBeLessThanOrEqual(without.shipping.cents);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a unit to any line never lowers the subtotal (nor that line’s subtotal)', () => {
    fc.assert(
      fc.property(orderArb, fc.nat(), (input, pick) => {
        const noCoupon = { ...input, coupon: null };
        const index = pick % input.lines.length;
        const bigger = { ...noCoupon, lines: input.lines.map((l, i) => (i === index ? { ...l, quantity: l.quantity + 1 } : l)) };
        const before = quote(noCoupon);
        const after = quote(bigger);
        expect(after.subtotalCents).toBeGreaterThanOrEqual(before.subtotalCents);
        expect(after.lines[index]?.subtotalCents).toBeGreaterThanOrEqual(before.lines[index]?.subtotalCents ?? 0);
      }),
      { numRuns: 500 },
    );
  });

  it('a coupon’s line shares add up to its goods discount and never exceed a line', () => {
    fc.assert(
      fc.property(orderArb, (input) => {
        const q = quotes(input);
        if (!q) return;
        expect(q.lines.reduce((s, l) => s + l.couponDiscountCents, 0)).toBe(q.goodsDiscountCents);
        for (const l of q.lines) expect(l.couponDiscountCents).toBeLessThanOrEqual(l.subtotalCents);
        expect(q.shipping.waivedCents).toBeLessThanOrEqual(q.shipping.rateCents);
        expect(q.discounts.every((d) => d.amountCents > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the same input always gives the same quote', () => {
    fc.assert(
      fc.property(orderArb, (input) => {
        expect(quoteOrder(input)).toEqual(quoteOrder(structuredClone(input)));
      }),
      { numRuns: 200 },
    );
  });
});
