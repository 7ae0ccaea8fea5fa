// The admin's catalog and inventory API through the real HTTP path: cognito-local tokens, the local
// authorizer, DynamoDB Local. Drafts and archived minerals stay out of the shop; stock moves with its
// ledger entry and audit record in one transaction.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSignIn, ensurePoolUser } from '../../infra/local/cognito';
import { handler as reconcileJob } from '../../functions/jobs/reconcileInventory';
import { getStockCounters } from '../../shared/db/minerals';
import { ledgerTotal } from '../../shared/db/ledger';
import { ROUTES } from '../../shared/http/routes';
import { startAdminTestApi } from '../support/adminApi';
import { aLambdaContext } from '../support/lambda';
import { aGuestCart, type Json, type TestApi } from '../support/api';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;
let auth: Awaited<ReturnType<typeof startAdminTestApi>>['auth'];
let admin: Awaited<ReturnType<typeof startAdminTestApi>>['admin'];

beforeAll(async () => {
  setup = await startAdminTestApi();
  ({ api, auth, admin } = setup);
});
afterAll(() => setup?.close());

/** The body of a new mineral; a unique name each time. */
function aNewMineral(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8);
  return {
    id: `admin-test-${tag}`,
    name: `Zz Test Fluorite ${tag}`,
    category: 'halides',
    description: 'Green cubes with purple phantoms.',
    quality: 'Sharp, undamaged cubes on matrix.',
    origin: 'Rogerley Mine, England',
    mohsHardness: 4,
    weightGrams: 310,
    dimensions: { lengthMm: 80, widthMm: 60, heightMm: 45 },
    priceCents: 12_500,
    initialStock: 3,
    ...overrides,
  };
}

async function created(overrides: Record<string, unknown> = {}) {
  const res = await admin('POST', '/api/admin/minerals', aNewMineral(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Json;
}

async function auditOf(id: string): Promise<Json[]> {
  const res = await admin('GET', `/api/admin/audit?objectType=mineral&objectId=${id}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function shopperSees(id: string) {
  const detail = await api.get(`/api/minerals/${id}`);
  const listed: Json[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.get(`/api/minerals?sort=newest&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    listed.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return { detail: detail.status, listed: listed.some((m) => m.id === id) };
}

describe('who may call the admin catalog routes', () => {
  const mine = ROUTES.filter((r) => r.path.startsWith('/api/admin/minerals') || r.path === '/api/admin/audit' || r.path === '/api/admin/reconciliation');
  const concrete = (path: string) => path.replace('{id}', 'pyrite').replace('{imageId}', '00000000-0000-4000-8000-000000000001');
  // Valid bodies: the refusal must come from who is calling, not from what was sent.
  const bodies: Record<string, unknown> = {
    adminCreateMineral: aNewMineral(),
    adminUpdateMineral: { featured: true, expectedUpdatedAt: '2026-01-01T00:00:00.000Z' },
    adminChangeStock: { kind: 'receipt', delta: 1 },
    createMineralImageUpload: { contentType: 'image/png' },
    updateMineralImage: { alt: 'A cube on matrix' },
  };

  it('refuses a request without a token (401), a shopper’s token (401) and a Cognito user outside the admin group (403)', async () => {
    const registered = await api.request('POST', '/api/auth/register', {
      body: { username: `u${randomUUID().slice(0, 8)}`, email: `s-${randomUUID()}@example.com`, password: 'pyrite-and-galena-42', name: 'Shop Per' },
    });
    const shopperToken = registered.body.session.accessToken as string;
    await ensurePoolUser(auth.config.endpoint, auth.config.userPoolId, { email: 'clerk@mineral-shop.test', password: 'Clerk-Passw0rd!', groups: [] });
    const clerkToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, 'clerk@mineral-shop.test', 'Clerk-Passw0rd!');
    // The catalog and inventory routes, and the photo routes under the same path.
    expect(mine.length).toBe(13);
    for (const route of mine) {
      const body = route.method === 'GET' ? {} : { body: bodies[route.id] };
      const none = await api.request(route.method, concrete(route.path), body);
      expect(none.status, `${route.id} without a token`).toBe(401);
      const shopper = await api.request(route.method, concrete(route.path), { ...body, headers: { authorization: `Bearer ${shopperToken}` } });
      expect(shopper.status, `${route.id} with a shopper token`).toBe(401);
      const clerk = await api.request(route.method, concrete(route.path), { ...body, headers: { authorization: `Bearer ${clerkToken}` } });
      expect(clerk.status, `${route.id} as a non-admin`).toBe(403);
    }
  });

  it('refuses unknown fields with 400 and writes nothing', async () => {
    const body = aNewMineral({ sku: 'X-1' });
    const res = await admin('POST', '/api/admin/minerals', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeDefined();
    expect((await admin('GET', `/api/admin/minerals/${body.id}`)).status).toBe(404);
    expect(await auditOf(body.id)).toEqual([]);

    const m = await created();
    const patch = await admin('PATCH', `/api/admin/minerals/${m.id}`, { priceCents: 1, expectedUpdatedAt: m.updatedAt, colour: 'green' });
    expect(patch.status).toBe(400);
    const stock = await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'receipt', delta: 2, note: 'x' });
    expect(stock.status).toBe(400);
    expect((await admin('GET', `/api/admin/minerals/${m.id}`)).body).toMatchObject({ priceCents: 12_500, available: 3 });
    expect((await auditOf(m.id)).length).toBe(1);
  });
});

describe('minerals and their status', () => {
  it('a draft is the admin’s alone: not listed, no detail, not in a cart; published it appears; archived it goes again', async () => {
    const draft = await created();
    expect(draft).toMatchObject({ status: 'draft', available: 3, held: 0, received: 3, lowStockThreshold: 1, featured: false });
    expect(await shopperSees(draft.id)).toEqual({ detail: 404, listed: false });
    expect((await api.get(`/api/minerals/${draft.id}/reviews`)).status).toBe(404);
    const cart = await aGuestCart(api);
    const add = await cart.set(draft.id, 1);
    expect(add.status).toBe(404);
    expect(await getStockCounters(draft.id)).toMatchObject({ available: 3, held: 0 });

    const found = await admin('GET', `/api/admin/minerals?q=${encodeURIComponent(draft.name.slice(0, 20))}&status=draft`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((m: Json) => m.id)).toContain(draft.id);

    const published = await admin('PATCH', `/api/admin/minerals/${draft.id}`, { status: 'published', expectedUpdatedAt: draft.updatedAt });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await shopperSees(draft.id)).toEqual({ detail: 200, listed: true });
    expect((await cart.set(draft.id, 2)).status).toBe(200);

    const archived = await admin('PATCH', `/api/admin/minerals/${draft.id}`, { status: 'archived', expectedUpdatedAt: published.body.updatedAt });
    expect(archived.status).toBe(200);
    expect(await shopperSees(draft.id)).toEqual({ detail: 404, listed: false });
    // Like a sell-out: the cart drops the line with a notice, and the held units go back to the shelf.
    const view = await cart.view();
    expect(view.body.lines.map((i: Json) => i.mineralId)).not.toContain(draft.id);
    expect(view.body.notices.join(' ')).toContain(draft.name);
    expect(await getStockCounters(draft.id)).toMatchObject({ available: 3, held: 0 });

    const onlyArchived = await admin('GET', `/api/admin/minerals?q=${encodeURIComponent(draft.name.slice(0, 20))}&status=archived`);
    expect(onlyArchived.body.items.map((m: Json) => m.id)).toEqual([draft.id]);
  });

  it('a stale expectedUpdatedAt is a 409 with the mineral as it is now, and changes nothing', async () => {
    const m = await created({ status: 'published' });
    const first = await admin('PATCH', `/api/admin/minerals/${m.id}`, { priceCents: 9_900, expectedUpdatedAt: m.updatedAt });
    expect(first.status).toBe(200);
    const second = await admin('PATCH', `/api/admin/minerals/${m.id}`, { priceCents: 100, expectedUpdatedAt: m.updatedAt });
    expect(second.status).toBe(409);
    expect(second.body.error.details.mineral).toMatchObject({ priceCents: 9_900, updatedAt: first.body.updatedAt });
    expect((await admin('GET', `/api/admin/minerals/${m.id}`)).body.priceCents).toBe(9_900);
    expect((await auditOf(m.id)).map((a) => a.action)).toEqual(['mineral.create', 'mineral.update']);
  });

  it('a price change shows in carts at once', async () => {
    const m = await created({ status: 'published', priceCents: 5_000 });
    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 1)).status).toBe(200);
    expect((await admin('PATCH', `/api/admin/minerals/${m.id}`, { priceCents: 4_000, expectedUpdatedAt: m.updatedAt })).status).toBe(200);
    const view = await cart.view();
    expect(view.body.lines.find((i: Json) => i.mineralId === m.id)).toMatchObject({ unitPriceCents: 4_000 });
  });

  it('a price change never changes an order already placed', async () => {
    const m = await created({ status: 'published', priceCents: 5_000 });
    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 1)).status).toBe(200);
    const placed = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cart.cartToken },
      body: {
        cartId: cart.cartId,
        email: `buyer-${randomUUID()}@example.com`,
        address: { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
        shippingMethod: 'standard',
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = placed.body.order.orderId as string;
    expect((await admin('PATCH', `/api/admin/minerals/${m.id}`, { priceCents: 9_000, expectedUpdatedAt: m.updatedAt })).status).toBe(200);
    const order = await admin('GET', `/api/admin/orders/${orderId}`);
    expect(order.status).toBe(200);
    expect(order.body.items).toEqual([expect.objectContaining({ mineralId: m.id, unitPriceCents: 5_000 })]);
    expect(order.body.totals.totalCents).toBe(placed.body.order.totals.totalCents);
  });
});

describe('stock, ledger, holds and the audit trail', () => {
  it('a receipt and an adjustment move available and received with a ledger entry and one audit record each', async () => {
    const m = await created({ status: 'published', initialStock: 2 });
    const receipt = await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'receipt', delta: 5, reason: 'Tucson show', unitCostCents: 3_000 });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);
    expect(receipt.body.mineral).toMatchObject({ available: 7, received: 7 });
    expect(receipt.body.entry).toMatchObject({ kind: 'receipt', delta: 5, unitCostCents: 3_000, by: { sub: expect.any(String) } });

    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 4)).status).toBe(200);
    // Held units cannot be written down: only the 3 on the shelf can.
    const tooMuch = await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'adjustment', delta: -4, reason: 'broken' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.details).toEqual({ available: 3 });
    const noReason = await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'adjustment', delta: -1 });
    expect(noReason.status).toBe(400);
    const down = await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'adjustment', delta: -3, reason: 'dropped the tray' });
    expect(down.status).toBe(200);
    expect(down.body.mineral).toMatchObject({ available: 0, held: 4, received: 4 });
    expect(await getStockCounters(m.id)).toMatchObject({ available: 0, held: 4, sold: 0, returned: 0, received: 4 });
    expect(await ledgerTotal(m.id)).toBe(4);

    const ledger = await admin('GET', `/api/admin/minerals/${m.id}/ledger?limit=2`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.items.map((e: Json) => [e.kind, e.delta])).toEqual([['adjustment', -3], ['receipt', 5]]);
    const rest = await admin('GET', `/api/admin/minerals/${m.id}/ledger?limit=2&cursor=${encodeURIComponent(ledger.body.nextCursor)}`);
    expect(rest.body.items.map((e: Json) => [e.kind, e.delta])).toEqual([['initial', 2]]);
    expect(rest.body.nextCursor).toBeNull();

    const holds = await admin('GET', `/api/admin/minerals/${m.id}/holds`);
    expect(holds.status).toBe(200);
    expect(holds.body).toMatchObject({ mineralId: m.id, units: 4, carts: 1, lines: [{ cartId: cart.cartId, quantity: 4 }] });
    expect(holds.body.earliestExpiry).toBe(holds.body.lines[0].expiresAt);

    // create, receipt, adjustment: one record each (the refused writes left none).
    const audit = await auditOf(m.id);
    expect(audit.map((a) => a.action)).toEqual(['mineral.create', 'stock.receipt', 'stock.adjustment']);
    expect(audit[1]).toMatchObject({ by: { sub: receipt.body.entry.by.sub }, before: { available: 2 }, after: { available: 7 } });
    // The whole log reads newest first: the adjustment just made leads it.
    const log = await admin('GET', '/api/admin/audit?limit=100');
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({ objectType: 'mineral', objectId: m.id, action: 'stock.adjustment' });
  });

  it('a released hold leaves the mineral’s holds', async () => {
    const m = await created({ status: 'published', initialStock: 2 });
    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 2)).status).toBe(200);
    expect((await cart.set(m.id, 0)).status).toBe(200);
    const holds = await admin('GET', `/api/admin/minerals/${m.id}/holds`);
    expect(holds.body).toEqual({ mineralId: m.id, units: 0, carts: 0, earliestExpiry: null, lines: [] });
  });
});

describe('reconciliation results', () => {
  it('each run of the job is kept and the latest is what the admin reads, report as the job wrote it', async () => {
    await reconcileJob({}, aLambdaContext('reconcileInventory'));
    const first = (await admin('GET', '/api/admin/reconciliation')).body.run as Json;
    await reconcileJob({}, aLambdaContext('reconcileInventory'));
    const res = await admin('GET', '/api/admin/reconciliation');
    expect(res.status).toBe(200);
    const run = res.body.run as Json;
    expect(run.id).not.toBe(first.id);
    expect(run.mineralsChecked).toBeGreaterThan(0);
    expect(run.report.checked).toBe(run.mineralsChecked);
    expect(Array.isArray(run.report.drifts)).toBe(true);
  });
});

