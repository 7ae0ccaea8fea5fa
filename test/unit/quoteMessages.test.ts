// What the quote says to the shopper, word for word: the coupon's outcome, the tax line, the shipping
// waiver's description, and the checks on a malformed order. The arithmetic is in pricing.test.ts.
import { describe, expect, it } from 'vitest';
import { quoteOrder, type Quote, type QuoteInput, type QuoteLineInput } from '../../shared/domain/pricing';
import type { Coupon } from '../../shared/domain/promotions';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const line = (over: Partial<QuoteLineInput> = {}): QuoteLineInput => ({ mineralId: 'quartz', category: 'silicates', unitPriceCents: 2_000, weightGrams: 400, quantity: 1, ...over });
const coupon = (over: Partial<Coupon> = {}) => ({ coupon: { code: 'ROCKS10', benefit: { kind: 'percent', bp: 1_000 }, ...over } as Coupon, usage: { redemptions: 0, customerRedemptions: 0 } });
const order = (over: Partial<QuoteInput> = {}): QuoteInput => ({ lines: [line()], coupon: null, destination: { country: 'US', region: 'OR' }, shippingMethod: 'standard', now: NOW, ...over });
function quote(input: QuoteInput): Quote {
  const result = quoteOrder(input);
  if (!result.ok) throw new Error(JSON.stringify(result.rejections));
  return result.quote;
}

describe('what the quote says about a coupon', () => {
  it('says what a percent coupon saves, and on which categories', () => {
    const q = quote(order({ coupon: coupon({ categories: ['silicates'] }) }));
    expect(q.coupon).toMatchObject({ code: 'ROCKS10', effective: true, discountCents: 200, eligibleMineralIds: ['quartz'], eligibleSubtotalCents: 2_000 });
    expect(q.coupon?.message).toBe('Coupon ROCKS10: 10% off on silicates — you save $2.00.');
    expect(q.discounts[0]).toMatchObject({ description: 'Coupon ROCKS10: 10% off on silicates', baseCents: 2_000, amountCents: 200, lines: [{ mineralId: 'quartz', cents: 200 }] });
    expect(quote(order({ coupon: coupon({ categories: ['silicates', 'oxides'] }) })).coupon?.message).toBe('Coupon ROCKS10: 10% off on silicates, oxides — you save $2.00.');
  });

  it('says a fixed coupon was capped at what it applies to, and only when it was', () => {
    const capped = quote(order({ coupon: coupon({ benefit: { kind: 'fixed', amountCents: 5_000 } }) }));
    expect(capped.coupon?.message).toBe('Coupon ROCKS10: $50.00 off — you save $20.00, capped at the $20.00 it applies to.');
    const exact = quote(order({ coupon: coupon({ benefit: { kind: 'fixed', amountCents: 2_000 } }) }));
    expect(exact.coupon?.message).toBe('Coupon ROCKS10: $20.00 off — you save $20.00.');
    const less = quote(order({ coupon: coupon({ benefit: { kind: 'fixed', amountCents: 500 } }) }));
    expect(less.coupon?.message).toBe('Coupon ROCKS10: $5.00 off — you save $5.00.');
  });

  it('says when a free-shipping coupon adds nothing because the order already ships free', () => {
    const big = quote(order({ lines: [line({ unitPriceCents: 20_000 })], destination: { country: 'US', region: 'CO' }, coupon: coupon({ benefit: { kind: 'free-shipping' } }) }));
    expect(big.coupon).toMatchObject({ effective: false });
    expect(big.coupon?.message).toBe('Your order already ships free (standard shipping is free on orders of $150.00 or more), so coupon ROCKS10 adds nothing.');
    expect(big.discounts.map((d) => d.description)).toEqual(['Free standard shipping on orders of $150.00 or more']);
  });

  it('credits a free-shipping coupon with the standard rate it waives, and says express pays the difference', () => {
    const express = quote(order({ shippingMethod: 'express', coupon: coupon({ benefit: { kind: 'free-shipping' } }) }));
    expect(express.shipping.waivedBy).toBe('coupon');
    expect(express.discounts.map((d) => d.description)).toEqual(['Coupon ROCKS10: free standard shipping (express: you pay the difference)']);
    expect(express.discounts[0]).toMatchObject({ source: { kind: 'coupon', code: 'ROCKS10' }, appliesTo: 'shipping', amountCents: express.shipping.standardRateCents });
    expect(express.coupon?.message).toBe(`Coupon ROCKS10: free standard shipping — you save $${(express.shipping.standardRateCents / 100).toFixed(2)}.`);
    const standard = quote(order({ coupon: coupon({ benefit: { kind: 'free-shipping' } }) }));
    expect(standard.discounts.map((d) => d.description)).toEqual(['Coupon ROCKS10: free standard shipping']);
    expect(standard.shipping.cents).toBe(0);
  });

  it('says so when the threshold waives standard shipping, with the express difference', () => {
    const express = quote(order({ lines: [line({ unitPriceCents: 20_000 })], destination: { country: 'US', region: 'CO' }, shippingMethod: 'express' }));
    expect(express.discounts).toEqual([
      expect.objectContaining({ source: { kind: 'free-shipping-threshold', minSubtotalCents: 15_000 }, description: 'Free standard shipping on orders of $150.00 or more (express: you pay the difference)' }),
    ]);
    expect(express.shipping.freeShippingThreshold).toEqual({ minSubtotalCents: 15_000, met: true });
    const europe = quote(order({ destination: { country: 'DE' } }));
    expect(europe.shipping.freeShippingThreshold).toBeNull();
  });
});

describe('what the quote says about tax', () => {
  it('names the jurisdiction, its taxes, the rate and what it is charged on', () => {
    expect(quote(order({ destination: { country: 'US', region: 'NY' } })).tax.description).toBe('New York New York state sales tax at 4% on goods and shipping');
    expect(quote(order({ destination: { country: 'US', region: 'CO' } })).tax.description).toBe('Colorado Colorado state sales tax at 2.9% on goods (shipping is not taxed there)');
    expect(quote(order({ destination: { country: 'CA', region: 'QC' } })).tax.description).toBe('Quebec GST + QST at 14.975% on goods and shipping');
  });

  it('says where no tax is collected, with the region when there is one', () => {
    expect(quote(order()).tax).toMatchObject({ jurisdiction: null, cents: 0, description: 'No sales tax or VAT is collected for US-OR.' });
    expect(quote(order({ destination: { country: 'JP' } })).tax.description).toBe('No sales tax or VAT is collected for JP.');
  });
});

describe('edges of the quote', () => {
  it('does not waive shipping where a zone has no free-shipping threshold, and the waiver names no lines', () => {
    const europe = quote(order({ lines: [line({ unitPriceCents: 90_000 })], destination: { country: 'DE' } }));
    expect(europe.shipping).toMatchObject({ waivedBy: null, waivedCents: 0, freeShippingThreshold: null });
    expect(europe.shipping.cents).toBeGreaterThan(0);
    const free = quote(order({ lines: [line({ unitPriceCents: 20_000 })], destination: { country: 'US', region: 'CO' } }));
    expect(free.discounts[0]?.lines).toEqual([]);
  });

  it('says nothing was collected with no components and shipping untaxed where no tax applies', () => {
    expect(quote(order()).tax).toMatchObject({ components: [], shippingTaxed: false, ratePpm: 0, baseCents: 0 });
  });

  it('prices a line at its list price when a sale does not make it cheaper, and ignores tiers not reached', () => {
    const sameAsList = quote(order({ lines: [line({ flashSale: { startsAt: '2025-06-15T00:00:00.000Z', endsAt: '2025-06-16T00:00:00.000Z', markdown: { kind: 'price', unitPriceCents: 2_000 } } })] }));
    expect(sameAsList.lines[0]).toMatchObject({ unitPriceCents: 2_000, priceSource: 'regular' });
    const notReached = quote(order({ lines: [line({ quantity: 2, bulkTiers: [{ minQuantity: 3, markdown: { kind: 'price', unitPriceCents: 1_000 } }] })] }));
    expect(notReached.lines[0]).toMatchObject({ unitPriceCents: 2_000, priceSource: 'regular' });
  });

  it('reads bulk tiers in order of their breaks whatever order they are given in, flooring tiers that share a break alike', () => {
    const tiers = [
      { minQuantity: 10, markdown: { kind: 'price' as const, unitPriceCents: 1_000 } },
      { minQuantity: 2, markdown: { kind: 'price' as const, unitPriceCents: 1_900 } },
    ];
    const given = quote(order({ lines: [line({ quantity: 10, bulkTiers: tiers })] })).lines[0];
    const sorted = quote(order({ lines: [line({ quantity: 10, bulkTiers: [...tiers].reverse() })] })).lines[0];
    expect(given).toEqual(sorted);
    expect(given).toMatchObject({ unitPriceCents: 1_710, bulkTier: { minQuantity: 10, listedUnitPriceCents: 1_000, raisedByNoCliffRule: true } });
    const shared = quote(order({ lines: [line({ quantity: 10, bulkTiers: [tiers[0]!, { minQuantity: 10, markdown: { kind: 'price' as const, unitPriceCents: 1_500 } }] })] })).lines[0];
    expect(shared).toMatchObject({ unitPriceCents: 1_800, bulkTier: { minQuantity: 10 } });
  });

  it('refuses an order it cannot ship with that one reason, even with a good coupon', () => {
    const result = quoteOrder(order({ destination: { country: 'BR' }, coupon: coupon() }));
    expect(result).toEqual({ ok: false, rejections: [{ reason: 'unknown-destination', country: 'BR', region: null, message: 'We cannot ship there: We do not ship to BR yet.' }] });
  });
});

describe('a malformed order', () => {
  it('is refused with what is wrong with which line', () => {
    expect(() => quoteOrder(order({ now: new Date('nonsense') }))).toThrow('now is not a valid date');
    expect(() => quoteOrder(order({ lines: [line(), line()] }))).toThrow('mineral quartz appears on two lines');
    expect(() => quoteOrder(order({ lines: [line({ unitPriceCents: -1 })] }))).toThrow('list price of quartz must be');
    expect(() => quoteOrder(order({ lines: [line({ quantity: 0 })] }))).toThrow('quantity of quartz must be');
    expect(() => quoteOrder(order({ lines: [line({ weightGrams: -1 })] }))).toThrow('weight of quartz (grams) must be');
    expect(() => quoteOrder(order({ lines: [line({ bulkTiers: [{ minQuantity: 0, markdown: { kind: 'price', unitPriceCents: 1 } }] })] }))).toThrow('bulk tier quantity of quartz must be');
    expect(() => quoteOrder(order({ lines: [line({ bulkTiers: [{ minQuantity: 2, markdown: { kind: 'price', unitPriceCents: -1 } }] })] }))).toThrow('bulk tier of quartz price must be');
    expect(() =>
      quoteOrder(order({ lines: [line({ flashSale: { startsAt: NOW.toISOString(), endsAt: NOW.toISOString(), markdown: { kind: 'percent-off', bp: 20_000 } } })] })),
    ).toThrow('flash sale of quartz percent-off');
    expect(() => quoteOrder(order({ coupon: coupon({ benefit: { kind: 'percent', bp: 0 } }) }))).toThrow('coupon ROCKS10 percent');
  });

  it('an empty order is refused as empty, not once more for its coupon; a place it cannot ship to says why', () => {
    expect(quoteOrder(order({ lines: [], coupon: coupon({ minSubtotalCents: 100 }) }))).toEqual({ ok: false, rejections: [{ reason: 'empty-order', message: 'Your order is empty.' }] });
    expect(quoteOrder(order({ destination: { country: 'br' } }))).toEqual({
      ok: false,
      rejections: [{ reason: 'unknown-destination', country: 'BR', region: null, message: 'We cannot ship there: We do not ship to BR yet.' }],
    });
  });
});
