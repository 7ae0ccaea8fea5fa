// A mineral's ledger shows what it received and also what it sold and got back: an order paid through
// checkout and the payment sandbox puts a sale on the ledger, an admin's refund with stock back puts a
// return there, both from the table's stream (the worker recordStockMoves), once each however often
// the stream is read, and never in the sum the inventory invariant calls `received`.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn } from '../../infra/local/cognito';
import type { TableStreamFeed } from '../../infra/local/tableStream';
import { startTestTableStream } from '../support/tableStream';
import { ledgerTotal } from '../../shared/db/ledger';
import { putMinerals } from '../../shared/db/minerals';
import { ledgerPageSchema } from '../../shared/http/schemas/adminCatalog';
import { reconcileInventory } from '../../shared/inventory/reconcile';
import { WORKERS } from '../../shared/workers';
import { startLocalAdminAuth } from '../support/adminTokens';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';
import { paymentSandbox, payWithCard } from '../support/payments';

let api: TestApi;
let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let adminToken: string;
let feed: TableStreamFeed;

const moveWorkers = WORKERS.filter((w) => w.id === 'recordStockMoves');
const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

beforeAll(async () => {
  auth = await startLocalAdminAuth();
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
  adminToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, auth.config.adminEmail, auth.config.adminPassword);
  feed = await startTestTableStream(moveWorkers);
});
afterAll(async () => {
  await feed?.stop();
  await api?.close();
  await auth?.stop();
});

const admin = (method: string, path: string, body?: unknown) => api.request(method, path, { headers: { authorization: `Bearer ${adminToken}` }, body });

async function ledger(mineralId: string, query = 'limit=100'): Promise<Json> {
  const res = await admin('GET', `/api/admin/minerals/${mineralId}/ledger?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(ledgerPageSchema.safeParse(res.body).error).toBeUndefined();
  return res.body;
}

/** A guest order of `quantity` units, paid with the sandbox's good card and settled by the order queue. */
async function paidOrder(mineralId: string, quantity: number): Promise<{ orderId: string; number: string }> {
  const cart = await aGuestCart(api);
  expect((await cart.set(mineralId, quantity)).status).toBe(200);
  const placed = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() },
    body: { cartId: cart.cartId, email: `buyer-${randomUUID()}@example.com`, address: denver, shippingMethod: 'standard' },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const { order, payment } = placed.body as Json;
  await payWithCard(api, payment, '4242 4242 4242 4242');
  await paymentSandbox().waitForEvent((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === payment.paymentId);
  await deliverQueuedMail();
  const paid = await api.request('GET', `/api/admin/orders/${order.orderId}`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(paid.body.status).toBe('paid');
  return { orderId: order.orderId, number: order.number };
}

describe("a mineral's ledger", () => {
  it('shows the sale of a paid order and the return of a refund with stock back, newest first, beside the receipts', async () => {
    const mineral = aMineral({ available: 3, priceCents: 9_900 });
    await putMinerals([mineral]);
    const receipt = await admin('POST', `/api/admin/minerals/${mineral.id}/stock`, { kind: 'receipt', delta: 2, reason: 'Delivery from the mine' });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);

    const order = await paidOrder(mineral.id, 2);
    await feed.drain();
    const afterSale = (await ledger(mineral.id)).items;
    expect(afterSale.map((e: Json) => [e.kind, e.delta])).toEqual([
      ['sale', -2],
      ['receipt', 2],
      ['initial', 3],
    ]);
    expect(afterSale[0]).toMatchObject({ reason: `Sold in order ${order.number}`, order: { orderId: order.orderId, number: order.number }, by: null, unitCostCents: null });
    expect(afterSale[1]).toMatchObject({ order: null, by: { sub: expect.any(String) } });

    const refund = await admin('POST', `/api/admin/orders/${order.orderId}/refund`, { returnStock: true, reason: 'Arrived broken' });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    await feed.drain();
    const afterReturn = (await ledger(mineral.id)).items;
    expect(afterReturn.map((e: Json) => [e.kind, e.delta])).toEqual([
      ['return', 2],
      ['sale', -2],
      ['receipt', 2],
      ['initial', 3],
    ]);
    expect(afterReturn[0]).toMatchObject({ reason: `Returned from order ${order.number}`, order: { orderId: order.orderId } });

    // Sales and returns are not stock received: the invariant's sum and the reconciliation are unchanged.
    expect(await ledgerTotal(mineral.id)).toBe(5);
    const report = await reconcileInventory();
    expect(report.drifts.filter((d) => d.mineralId === mineral.id)).toEqual([]);
    expect(report.findings.filter((f) => f.mineralId === mineral.id)).toEqual([]);
  });

  it('writes each sale and return once, however often the stream is read', async () => {
    const mineral = aMineral({ available: 4 });
    await putMinerals([mineral]);
    const order = await paidOrder(mineral.id, 1);
    expect((await admin('POST', `/api/admin/orders/${order.orderId}/refund`, { returnStock: true })).status).toBe(200);
    await feed.drain();
    const once = (await ledger(mineral.id)).items;
    // A second consumer from the oldest record: every record delivered again, as a replayed shard would be.
    const replay = await startTestTableStream(moveWorkers);
    await replay.drain();
    await replay.stop();
    expect((await ledger(mineral.id)).items).toEqual(once);
    expect(once.map((e: Json) => e.kind)).toEqual(['return', 'sale', 'initial']);
  });

  it('pages through entries and moves together: every item once, in the same order as one long page', async () => {
    const mineral = aMineral({ available: 6 });
    await putMinerals([mineral]);
    for (let i = 0; i < 3; i++) {
      expect((await admin('POST', `/api/admin/minerals/${mineral.id}/stock`, { kind: 'receipt', delta: 1, reason: `Delivery ${i + 1}` })).status).toBe(200);
      await paidOrder(mineral.id, 1);
    }
    await feed.drain();
    const whole = (await ledger(mineral.id)).items;
    expect(whole.map((e: Json) => e.kind)).toEqual(['sale', 'receipt', 'sale', 'receipt', 'sale', 'receipt', 'initial']);
    for (const limit of [1, 2, 3]) {
      const paged: Json[] = [];
      let cursor: string | null = null;
      do {
        const page: Json = await ledger(mineral.id, `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged.map((e) => e.id)).toEqual(whole.map((e: Json) => e.id));
    }
  });

  it('refuses a cursor that is not its own with a 400', async () => {
    const mineral = aMineral({ available: 1 });
    await putMinerals([mineral]);
    const res = await admin('GET', `/api/admin/minerals/${mineral.id}/ledger?cursor=bm90LWEtY3Vyc29y.abc`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');
  });
});
