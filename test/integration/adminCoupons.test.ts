// Coupons made in the console, used at checkout: the admin API creates, lists, edits and ends them
// (each write with exactly one audit record), codes are unique in any case, bad rules are a 400 that
// writes nothing, and a coupon made here is what the shopper's checkout applies, its limits raced by
// two orders. The Sales page lists flash sales on now, next and lately ended.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { startAdminTestApi } from '../support/adminApi';
import { aGuestCart, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';
import { paymentSandbox, payWithCard } from '../support/payments';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;
let admin: Awaited<ReturnType<typeof startAdminTestApi>>['admin'];

beforeAll(async () => {
  setup = await startAdminTestApi();
  ({ api, admin } = setup);
});
afterAll(() => setup?.close());

const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };
const aCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

async function auditOf(code: string): Promise<Json[]> {
  const res = await admin('GET', `/api/admin/audit?objectType=coupon&objectId=${code}&limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

async function stocked(available: number, overrides: Parameters<typeof aMineral>[0] = {}) {
  const mineral = aMineral({ available, priceCents: 10_000, ...overrides });
  await putMinerals([mineral]);
  return mineral;
}

function checkout(cart: { cartId: string; cartToken: string }, couponCode: string, email = `coupon-${randomUUID()}@example.com`) {
  return api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() },
    body: { cartId: cart.cartId, email, address: denver, shippingMethod: 'standard', couponCode },
  });
}

describe('creating a coupon', () => {
  it('stores the code upper-cased with its rules, records one audit entry, and refuses the same code in another case', async () => {
    const code = aCode('spring');
    const made = await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'percent', bp: 1_500 }, minSubtotalCents: 5_000, maxRedemptions: 10, maxRedemptionsPerCustomer: 1, categories: ['silicates'] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      code: code.toUpperCase(),
      description: '15% off on silicates',
      minSubtotalCents: 5_000,
      maxRedemptions: 10,
      maxRedemptionsPerCustomer: 1,
      startsAt: null,
      endsAt: null,
      redemptions: 0,
      state: 'active',
      orders: [],
    });
    expect(made.body.rules.length).toBeGreaterThan(3);
    expect(made.body.rules.join(' ')).toMatch(/never compound/);

    const again = await admin('POST', '/api/admin/coupons', { code: code.toLowerCase(), benefit: { kind: 'free-shipping' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('coupon_exists');
    const got = await admin('GET', `/api/admin/coupons/${code.toLowerCase()}`);
    expect(got.body.benefit).toEqual({ kind: 'percent', bp: 1_500 });

    const audit = await auditOf(code.toUpperCase());
    expect(audit.map((r) => r.action)).toEqual(['coupon.create']);
    expect(audit[0]!.before).toBeNull();
    expect(audit[0]!.after).toMatchObject({ code: code.toUpperCase(), maxRedemptions: 10 });
  });

  it.each([
    ['a start after its end', { startsAt: inAMinute(), endsAt: aMinuteAgo() }, 'invalid_coupon', /start before it ends/],
    ['more uses per customer than in all', { maxRedemptions: 2, maxRedemptionsPerCustomer: 3 }, 'invalid_coupon', /per customer/],
    ['a fixed amount above its own minimum', { benefit: { kind: 'fixed', amountCents: 2_000 }, minSubtotalCents: 1_000 }, 'invalid_coupon', /goods free/],
    ['a mineral that does not exist', { mineralIds: ['no-such-mineral'] }, 'unknown_mineral', /no-such-mineral/],
    ['a percent of 0', { benefit: { kind: 'percent', bp: 0 } }, 'invalid_request', /bp/],
    ['an unknown field', { stackable: true }, 'invalid_request', /stackable/],
    ['an unknown category', { categories: ['plastics'] }, 'invalid_request', /categories/],
  ])('refuses %s with a 400 and writes nothing', async (_what, rules, errorCode, message) => {
    const code = aCode('bad');
    const res = await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'percent', bp: 1_000 }, ...rules });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe(errorCode);
    expect(JSON.stringify(res.body.error)).toMatch(message);
    expect((await admin('GET', `/api/admin/coupons/${code}`)).status).toBe(404);
    expect(await auditOf(code.toUpperCase())).toEqual([]);
  });

  it('refuses a malformed code', async () => {
    for (const code of ['ab', 'has space', '-dash-first', 'x'.repeat(33)]) {
      const res = await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'free-shipping' } });
      expect(res.status, code).toBe(400);
    }
  });
});

describe('a coupon made in the console, at checkout', () => {
  it('two orders race for its last use: one gets it, the other is told it is used up; the paid order is listed under the coupon', async () => {
    const mineral = await stocked(4);
    const code = aCode('last').toUpperCase();
    expect((await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'fixed', amountCents: 1_500 }, maxRedemptions: 1 })).status).toBe(201);

    const carts = await Promise.all([aGuestCart(api), aGuestCart(api)]);
    for (const cart of carts) expect((await cart.set(mineral.id, 1)).status).toBe(200);
    const results = await Promise.all(carts.map((cart) => checkout(cart, code.toLowerCase())));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    expect(results.find((r) => r.status === 400)!.body.error.code).toBe('coupon_used_up');
    const winner = results.find((r) => r.status === 201)!.body;
    expect(winner.order.totals.discountCents).toBe(1_500);

    await payWithCard(api, winner.payment, '4242 4242 4242 4242');
    await paymentSandbox().waitForEvent((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === winner.payment.paymentId);
    await deliverQueuedMail();

    const detail = await admin('GET', `/api/admin/coupons/${code}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ redemptions: 1, state: 'used-up' });
    expect(detail.body.orders).toEqual([expect.objectContaining({ orderId: winner.order.orderId, status: 'paid', discountCents: 1_500 })]);
    expect(detail.body.customers).toEqual([expect.objectContaining({ customer: winner.order.email.toLowerCase(), times: 1 })]);
  });

  it('holds a guest to its per-customer limit', async () => {
    const mineral = await stocked(4);
    const code = aCode('once').toUpperCase();
    expect((await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'percent', bp: 1_000 }, maxRedemptionsPerCustomer: 1 })).status).toBe(201);
    const email = `once-${randomUUID()}@example.com`;
    const first = await aGuestCart(api);
    await first.set(mineral.id, 1);
    expect((await checkout(first, code, email)).status).toBe(201);
    const second = await aGuestCart(api);
    await second.set(mineral.id, 1);
    const refused = await checkout(second, code, email);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('coupon_customer_limit_reached');
  });

  it('two orders of one customer racing for their last use: the loser is told the per-customer limit decided, not that the coupon is used up', async () => {
    const mineral = await stocked(4);
    const code = aCode('mine').toUpperCase();
    // Plenty of uses left overall: only this customer's own limit can refuse the second order.
    expect((await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'percent', bp: 1_000 }, maxRedemptions: 100, maxRedemptionsPerCustomer: 1 })).status).toBe(201);
    const email = `twice-${randomUUID()}@example.com`;
    const carts = await Promise.all([aGuestCart(api), aGuestCart(api)]);
    for (const cart of carts) expect((await cart.set(mineral.id, 1)).status).toBe(200);
    const results = await Promise.all(carts.map((cart) => checkout(cart, code, email)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    const loser = results.find((r) => r.status === 400)!.body.error;
    expect(loser.code).toBe('coupon_customer_limit_reached');
    expect(loser.message).toMatch(/limit per customer/);
    const detail = await admin('GET', `/api/admin/coupons/${code}`);
    expect(detail.body.redemptions).toBe(1);
  });

  it('takes off only the chosen specimen’s price when it names minerals', async () => {
    const [chosen, other] = [await stocked(2, { priceCents: 4_000 }), await stocked(2, { priceCents: 6_000 })];
    const code = aCode('pick').toUpperCase();
    const made = await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'percent', bp: 5_000 }, mineralIds: [chosen.id] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.minerals).toEqual([{ id: chosen.id, name: chosen.name }]);
    const cart = await aGuestCart(api);
    await cart.set(chosen.id, 1);
    await cart.set(other.id, 1);
    const quote = await api.request('POST', '/api/checkout/quote', {
      headers: { 'x-cart-token': cart.cartToken },
      body: { cartId: cart.cartId, address: denver, shippingMethod: 'standard', couponCode: code },
    });
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    expect(quote.body.goodsDiscountCents).toBe(2_000);
  });
});

describe('editing and ending a coupon', () => {
  it('edits with the editedAt read, refuses a stale one with the fresh coupon, and ending it stops checkout at once', async () => {
    const mineral = await stocked(3);
    const code = aCode('edit').toUpperCase();
    const made = await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'percent', bp: 1_000 } });
    const edited = await admin('PATCH', `/api/admin/coupons/${code}`, { expectedEditedAt: made.body.editedAt, benefit: { kind: 'percent', bp: 2_000 }, maxRedemptions: 50 });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ description: '20% off', maxRedemptions: 50 });
    expect(edited.body.editedAt > made.body.editedAt).toBe(true);

    const stale = await admin('PATCH', `/api/admin/coupons/${code}`, { expectedEditedAt: made.body.editedAt, maxRedemptions: 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_coupon');
    expect(stale.body.error.details.coupon).toMatchObject({ maxRedemptions: 50, editedAt: edited.body.editedAt });

    // An order using it moves its redemptions, not its editedAt: the admin's next edit still lands.
    const cart = await aGuestCart(api);
    await cart.set(mineral.id, 1);
    expect((await checkout(cart, code)).status).toBe(201);
    const ended = await admin('PATCH', `/api/admin/coupons/${code}`, { expectedEditedAt: edited.body.editedAt, endsAt: new Date().toISOString() });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ state: 'ended', redemptions: 1 });

    const late = await aGuestCart(api);
    await late.set(mineral.id, 1);
    const refused = await checkout(late, code);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('coupon_expired');

    const audit = await auditOf(code);
    expect(audit.map((r) => r.action)).toEqual(['coupon.create', 'coupon.update', 'coupon.update']);
    expect(audit[1]!.before).toMatchObject({ description: '10% off', maxRedemptions: null });
    expect(audit[1]!.after).toMatchObject({ description: '20% off', maxRedemptions: 50 });
    expect(audit[2]!.after).toMatchObject({ state: 'ended' });
  });

  it('refuses an edit that contradicts the stored rules, a coupon that does not exist, and an empty edit', async () => {
    const code = aCode('rule').toUpperCase();
    const made = await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'percent', bp: 1_000 }, maxRedemptions: 3 });
    const bad = await admin('PATCH', `/api/admin/coupons/${code}`, { expectedEditedAt: made.body.editedAt, maxRedemptionsPerCustomer: 4 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_coupon');
    expect((await admin('PATCH', `/api/admin/coupons/${code}`, { expectedEditedAt: made.body.editedAt })).status).toBe(400);
    expect((await admin('PATCH', `/api/admin/coupons/NO-SUCH-${randomUUID().slice(0, 6)}`, { expectedEditedAt: 'x', maxRedemptions: 1 })).status).toBe(404);
    expect((await auditOf(code)).map((r) => r.action)).toEqual(['coupon.create']);
  });
});

describe('GET /api/admin/coupons', () => {
  it('pages through every coupon by code', async () => {
    const codes = [aCode('pg-a'), aCode('pg-b')].map((c) => c.toUpperCase());
    for (const code of codes) expect((await admin('POST', '/api/admin/coupons', { code, benefit: { kind: 'free-shipping' } })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin('GET', `/api/admin/coupons?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: Json) => c.code));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(codes));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('GET /api/admin/sales', () => {
  it('lists flash sales on now, next and lately ended, and forgets a sale the admin removes', async () => {
    const hour = 3_600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const running = await stocked(2, { flashSale: { markdown: { kind: 'percent-off', bp: 2_500 }, startsAt: at(-hour), endsAt: at(hour) } });
    const next = await stocked(2, { flashSale: { markdown: { kind: 'price', unitPriceCents: 7_000 }, startsAt: at(2 * hour), endsAt: at(3 * hour) } });
    const ended = await stocked(2, { flashSale: { markdown: { kind: 'percent-off', bp: 1_000 }, startsAt: at(-3 * hour), endsAt: at(-2 * hour) } });
    const longGone = await stocked(2, { flashSale: { markdown: { kind: 'percent-off', bp: 1_000 }, startsAt: at(-40 * 24 * hour), endsAt: at(-35 * 24 * hour) } });
    const none = await stocked(2);

    const res = await admin('GET', '/api/admin/sales');
    expect(res.status).toBe(200);
    const ids = (list: Json[]) => list.map((s) => s.mineralId);
    expect(ids(res.body.now)).toContain(running.id);
    expect(res.body.now.find((s: Json) => s.mineralId === running.id)).toMatchObject({ priceCents: 10_000, salePriceCents: 7_500 });
    expect(ids(res.body.next)).toContain(next.id);
    expect(ids(res.body.ended)).toContain(ended.id);
    const all = [...ids(res.body.now), ...ids(res.body.next), ...ids(res.body.ended)];
    expect(all).not.toContain(longGone.id);
    expect(all).not.toContain(none.id);

    const mineral = await admin('GET', `/api/admin/minerals/${running.id}`);
    const cleared = await admin('PATCH', `/api/admin/minerals/${running.id}`, { expectedUpdatedAt: mineral.body.updatedAt, flashSale: null });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    const after = await admin('GET', '/api/admin/sales');
    expect(ids(after.body.now)).not.toContain(running.id);
  });
});
