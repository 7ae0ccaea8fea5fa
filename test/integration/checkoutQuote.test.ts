// The checkout quote through the real HTTP path against DynamoDB Local: prices come from the table
// and the pricing engine, never from the client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCoupon } from '../../shared/db/coupons';
import { putMinerals } from '../../shared/db/minerals';
import type { Mineral } from '../../shared/domain/catalog';
import type { Coupon, FlashSale } from '../../shared/domain/promotions';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;
const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

async function stocked(overrides: Parameters<typeof aMineral>[0] & { flashSale?: FlashSale } = {}) {
  const mineral = aMineral({ available: 10, ...overrides });
  await putMinerals([mineral as Mineral]);
  return mineral;
}

/** A coupon with a fresh code, valid from yesterday to next week unless overridden. */
async function aCoupon(overrides: Partial<Coupon> = {}) {
  const coupon: Coupon = {
    code: `T-${Math.random().toString(36).slice(2, 10)}`.toUpperCase(),
    benefit: { kind: 'percent', bp: 1_000 },
    startsAt: new Date(Date.now() - DAY_MS).toISOString(),
    endsAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    ...overrides,
  };
  await putCoupon(coupon);
  return coupon;
}

/** A guest cart holding these lines. */
async function aCartWith(lines: { mineral: Mineral; quantity: number }[]) {
  const cart = await aGuestCart(api);
  for (const { mineral, quantity } of lines) expect((await cart.set(mineral.id, quantity)).status).toBe(200);
  return cart;
}

function quote(cart: { cartId: string; cartToken: string }, body: Record<string, unknown> = {}, token = cart.cartToken) {
  return api.request('POST', '/api/checkout/quote', {
    body: { cartId: cart.cartId, address: denver, shippingMethod: 'standard', ...body },
    headers: { 'x-cart-token': token },
  });
}

function expectTotalIdentity(q: Json) {
  const discounts = (q.discounts as { amountCents: number }[]).reduce((n, d) => n + d.amountCents, 0);
  expect(q.totalCents).toBe(q.subtotalCents - q.goodsDiscountCents + q.shipping.cents + q.tax.cents);
  expect(q.totalCents).toBe(q.subtotalCents - discounts + q.shipping.rateCents + q.tax.cents);
}

describe('POST /api/checkout/quote', () => {
  it('prices a guest cart: subtotal from the table, shipping by weight, tax by state, and a total that adds up', async () => {
    const heavy = await stocked({ priceCents: 4_000, weightGrams: 2_500 });
    const light = await stocked({ priceCents: 1_250, weightGrams: 100 });
    const cart = await aCartWith([
      { mineral: heavy, quantity: 2 },
      { mineral: light, quantity: 3 },
    ]);

    const res = await quote(cart);
    expect(res.status).toBe(200);
    const q = res.body;
    expect(q.currency).toBe('USD');
    expect(q.subtotalCents).toBe(2 * 4_000 + 3 * 1_250);
    expect(q.lines).toHaveLength(2);
    expect(q.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mineralId: heavy.id, quantity: 2, unitPriceCents: 4_000, subtotalCents: 8_000, priceSource: 'regular' }),
        expect.objectContaining({ mineralId: light.id, quantity: 3, unitPriceCents: 1_250, subtotalCents: 3_750 }),
      ]),
    );
    // 5,000 g + 300 g of items and packaging: a 10 kg parcel within the contiguous US.
    expect(q.shipping).toMatchObject({ zone: 'us-contiguous', method: 'standard', weightGrams: 5_600, bandUpToGrams: 10_000, waivedCents: 0 });
    expect(q.shipping.cents).toBe(2_495);
    // Colorado: 2.9 % on goods, shipping not taxed.
    expect(q.tax).toMatchObject({ jurisdiction: { id: 'US-CO' }, shippingTaxed: false, baseCents: 11_750 });
    expect(q.tax.cents).toBe(Math.round(11_750 * 0.029));
    expect(q.discounts).toEqual([]);
    expect(q.coupon).toBeNull();
    expectTotalIdentity(q);
    expect(q.totalCents).toBe(11_750 + 2_495 + 341);
  });

  it('takes a percent coupon off the effective (flash-sale) price, and charges express where asked', async () => {
    const onSale = await stocked({
      priceCents: 10_000,
      weightGrams: 400,
      flashSale: {
        markdown: { kind: 'percent-off', bp: 2_000 },
        startsAt: new Date(Date.now() - DAY_MS).toISOString(),
        endsAt: new Date(Date.now() + DAY_MS).toISOString(),
      },
    });
    const coupon = await aCoupon({ benefit: { kind: 'percent', bp: 1_000 } });
    const cart = await aCartWith([{ mineral: onSale, quantity: 1 }]);

    const res = await quote(cart, { couponCode: coupon.code.toLowerCase(), shippingMethod: 'express', address: { country: 'de', postalCode: '10115' } });
    expect(res.status).toBe(200);
    const q = res.body;
    expect(q.lines[0]).toMatchObject({ listUnitPriceCents: 10_000, unitPriceCents: 8_000, priceSource: 'flash-sale', couponDiscountCents: 800 });
    expect(q.subtotalCents).toBe(8_000);
    expect(q.goodsDiscountCents).toBe(800);
    expect(q.discounts).toEqual([
      expect.objectContaining({ source: { kind: 'coupon', code: coupon.code }, appliesTo: 'goods', baseCents: 8_000, amountCents: 800 }),
    ]);
    expect(q.coupon).toMatchObject({ code: coupon.code, effective: true, discountCents: 800 });
    expect(q.shipping).toMatchObject({ zone: 'europe', method: 'express' });
    expect(q.shipping.cents).toBeGreaterThan(0);
    // German VAT, shipping included.
    expect(q.tax).toMatchObject({ jurisdiction: { id: 'DE' }, shippingTaxed: true, baseCents: 7_200 + q.shipping.cents });
    expectTotalIdentity(q);
  });

  it('waives standard shipping with a free-shipping coupon and lists it as a discount', async () => {
    const m = await stocked({ priceCents: 3_000, weightGrams: 800 });
    const coupon = await aCoupon({ benefit: { kind: 'free-shipping' } });
    const cart = await aCartWith([{ mineral: m, quantity: 1 }]);
    const res = await quote(cart, { couponCode: coupon.code });
    expect(res.status).toBe(200);
    expect(res.body.shipping).toMatchObject({ waivedBy: 'coupon', cents: 0 });
    expect(res.body.discounts).toEqual([expect.objectContaining({ appliesTo: 'shipping', amountCents: res.body.shipping.rateCents })]);
    expectTotalIdentity(res.body);
  });

  describe('refuses, with a code and a message a person can read,', () => {
    let cart: Awaited<ReturnType<typeof aCartWith>>;
    beforeAll(async () => {
      cart = await aCartWith([{ mineral: await stocked({ priceCents: 2_000, weightGrams: 300 }), quantity: 2 }]);
    });

    it('an unknown coupon (400 unknown_coupon)', async () => {
      const res = await quote(cart, { couponCode: 'NO-SUCH-CODE-42' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'unknown_coupon', message: expect.stringContaining('NO-SUCH-CODE-42') });
    });

    it('an expired coupon (400 coupon_expired)', async () => {
      const coupon = await aCoupon({ startsAt: new Date(Date.now() - 30 * DAY_MS).toISOString(), endsAt: new Date(Date.now() - DAY_MS).toISOString() });
      const res = await quote(cart, { couponCode: coupon.code });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'coupon_expired', message: expect.stringContaining(`Coupon ${coupon.code} expired`) });
    });

    it('a coupon not valid yet, and one used up', async () => {
      const later = await aCoupon({ startsAt: new Date(Date.now() + DAY_MS).toISOString() });
      expect((await quote(cart, { couponCode: later.code })).body.error.code).toBe('coupon_not_yet_valid');
      const usedUp = await aCoupon({ maxRedemptions: 3 });
      await putCoupon(usedUp, { redemptions: 3 });
      const res = await quote(cart, { couponCode: usedUp.code });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'coupon_used_up', message: `Coupon ${usedUp.code} has been used up.` });
    });

    it('a coupon whose minimum the cart does not reach (400 coupon_below_minimum)', async () => {
      const coupon = await aCoupon({ benefit: { kind: 'fixed', amountCents: 5_000 }, minSubtotalCents: 30_000 });
      const res = await quote(cart, { couponCode: coupon.code });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'coupon_below_minimum', message: `Coupon ${coupon.code} needs $300.00; your order has $40.00.` });
    });

    it('a destination the shop cannot ship to (400 cannot_ship_there)', async () => {
      const res = await quote(cart, { address: { country: 'BR', postalCode: '01000-000' } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'cannot_ship_there', message: 'We cannot ship there: We do not ship to BR yet.' });
      const noState = await quote(cart, { address: { country: 'US', postalCode: '80202' } });
      expect(noState.body.error).toMatchObject({ code: 'cannot_ship_there', message: expect.stringContaining('needs its state') });
    });

    it('an empty cart (400 empty_cart)', async () => {
      const empty = await aGuestCart(api);
      const res = await quote(empty);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('empty_cart');
    });
  });

  it('is a 404 with another cart’s token, or none', async () => {
    const mine = await aCartWith([{ mineral: await stocked(), quantity: 1 }]);
    const theirs = await aGuestCart(api);
    const res = await quote(mine, {}, theirs.cartToken);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const anonymous = await api.request('POST', '/api/checkout/quote', {
      body: { cartId: mine.cartId, address: denver, shippingMethod: 'standard' },
    });
    expect(anonymous.status).toBe(404);
  });

  it('reads nothing the client says about money: a price or total in the body is a 400', async () => {
    const cart = await aCartWith([{ mineral: await stocked({ priceCents: 5_000 }), quantity: 1 }]);
    const withTotal = await quote(cart, { total: 1 });
    expect(withTotal.status).toBe(400);
    expect(withTotal.body.error.message).toContain('unknown field total');
    const withPrice = await quote(cart, { address: { ...denver, priceCents: 1 } });
    expect(withPrice.status).toBe(400);
    expect(withPrice.body.error.message).toContain('address: unknown field priceCents');
  });

  it('answers a bad body with a 400 that names the field', async () => {
    const cart = await aCartWith([{ mineral: await stocked(), quantity: 1 }]);
    const badMethod = await quote(cart, { shippingMethod: 'teleport' });
    expect(badMethod.status).toBe(400);
    expect(badMethod.body.error.message).toContain('shippingMethod');
    const badCoupon = await quote(cart, { couponCode: 'DROP TABLE;' });
    expect(badCoupon.status).toBe(400);
    expect(badCoupon.body.error.message).toContain('couponCode');
    const badCountry = await quote(cart, { address: { ...denver, country: 'USA' } });
    expect(badCountry.status).toBe(400);
    const notACart = await quote({ cartId: 'not-a-uuid', cartToken: cart.cartToken });
    expect(notACart.status).toBe(400);
    const notJson = await api.request('POST', '/api/checkout/quote', { rawBody: '{', headers: { 'x-cart-token': cart.cartToken } });
    expect(notJson.status).toBe(400);
  });
});
