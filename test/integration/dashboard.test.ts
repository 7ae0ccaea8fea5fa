// The dashboard counts what really happened: orders placed and paid through the real checkout, the
// payment sandbox and the order queue, with the table's stream fed to its consumer by the local
// runtime (infra/local/tableStream.ts) as Lambda would. Replaying the stream changes nothing twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn } from '../../infra/local/cognito';
import type { TableStreamFeed } from '../../infra/local/tableStream';
import { startTestTableStream } from '../support/tableStream';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { mineralKey, putMinerals, stockKey } from '../../shared/db/minerals';
import { addRestockWatch } from '../../shared/db/restockWatches';
import { dashboardSchema } from '../../shared/http/schemas/adminDashboard';
import { WORKERS } from '../../shared/workers';
import { handler as reconcileInventoryJob } from '../../functions/jobs/reconcileInventory';
import { aLambdaContext } from '../support/lambda';
import { startLocalAdminAuth } from '../support/adminTokens';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';
import { paymentSandbox, payWithCard } from '../support/payments';

let api: TestApi;
let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let adminToken: string;
let feed: TableStreamFeed;

const dashboardWorkers = WORKERS.filter((w) => w.id === 'updateDashboard');

beforeAll(async () => {
  auth = await startLocalAdminAuth();
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
  adminToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, auth.config.adminEmail, auth.config.adminPassword);
  feed = await startTestTableStream(dashboardWorkers);
});
afterAll(async () => {
  await feed?.stop();
  await api?.close();
  await auth?.stop();
});

const CARD = { ok: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' };
const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

async function dashboard(): Promise<Json> {
  await feed.drain();
  const res = await api.request('GET', '/api/admin/dashboard', { headers: { authorization: `Bearer ${adminToken}` } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A guest order of `lines` placed through checkout, paid (or declined) with the sandbox card, and settled by the order queue. */
async function order(lines: Array<[string, number]>, card: string) {
  const cart = await aGuestCart(api);
  for (const [id, q] of lines) expect((await cart.set(id, q)).status).toBe(200);
  const placed = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() },
    body: { cartId: cart.cartId, email: `buyer-${randomUUID()}@example.com`, address: denver, shippingMethod: 'standard' },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const { order: placedOrder, payment } = placed.body as Json;
  await payWithCard(api, payment, card);
  const type = card === CARD.ok ? 'payment_intent.succeeded' : 'payment_intent.payment_failed';
  await paymentSandbox().waitForEvent((d) => d.event.type === type && (d.event.data.object as { id?: string }).id === payment.paymentId);
  await deliverQueuedMail();
  return { orderId: placedOrder.orderId as string, totalCents: placedOrder.totals.totalCents as number };
}

describe('GET /api/admin/dashboard', () => {
  it('refuses a request without an admin token', async () => {
    expect((await api.request('GET', '/api/admin/dashboard')).status).toBe(401);
  });

  it('counts the orders a shopper places and pays, the failed payment, stock running low and out, and holds in carts', async () => {
    const before = await dashboard();
    const geode = aMineral({ available: 5, priceCents: 12_000 });
    const pyrite = aMineral({ available: 2, priceCents: 2_500 });
    const agate = aMineral({ available: 4, priceCents: 3_000 });
    await putMinerals([geode, pyrite, agate]);

    const first = await order([[geode.id, 2], [pyrite.id, 1]], CARD.ok);
    const second = await order([[pyrite.id, 1]], CARD.ok);
    const declined = await order([[agate.id, 1]], CARD.declined);
    await addRestockWatch({ mineralId: pyrite.id, email: 'waiting@example.com', userId: null, createdAt: new Date().toISOString(), confirmed: true });
    // An address that never confirmed its watch is nobody waiting.
    const pending = { confirmationSentAt: new Date().toISOString(), expiresAtSeconds: Math.floor(Date.now() / 1000) + 3600 };
    await addRestockWatch({ mineralId: pyrite.id, email: 'unconfirmed@example.com', userId: null, createdAt: new Date().toISOString(), confirmed: false }, pending);
    // A cart that holds 2 agates (and one more still held by the declined order's checkout).
    const holding = await aGuestCart(api);
    expect((await holding.set(agate.id, 2)).status).toBe(200);

    const after = await dashboard();
    // The answer is what the OpenAPI document says it is.
    expect(dashboardSchema.safeParse(after).error).toBeUndefined();
    const revenue = first.totalCents + second.totalCents;
    const today = after.periods.today.current;
    expect(today.revenueCents - before.periods.today.current.revenueCents).toBe(revenue);
    expect(today.paidOrders - before.periods.today.current.paidOrders).toBe(2);
    expect(today.units - before.periods.today.current.units).toBe(4);
    expect(today.failedPayments - before.periods.today.current.failedPayments).toBe(1);
    expect(today.averageOrderCents).toBe(Math.round(today.revenueCents / today.paidOrders));
    expect(after.periods.last7Days.current.revenueCents).toBe(after.periods.last30Days.current.revenueCents);
    expect(after.revenuePerDay).toHaveLength(30);
    expect(after.revenuePerDay.at(-1)).toMatchObject({ day: after.asOf.slice(0, 10), revenueCents: today.revenueCents });

    expect(after.waiting.toPack.count - before.waiting.toPack.count).toBe(2);
    const waiting = after.waiting.toPack.oldest.map((o: Json) => o.orderId);
    expect(waiting).toEqual(expect.arrayContaining([first.orderId, second.orderId]));
    expect(waiting.indexOf(first.orderId)).toBeLessThan(waiting.indexOf(second.orderId));
    expect(after.failedPayments24h.map((o: Json) => o.orderId)).toContain(declined.orderId);

    expect(after.soldOut).toContainEqual(expect.objectContaining({ mineralId: pyrite.id, available: 0, watchers: 1 }));
    expect(after.lowStock.map((m: Json) => m.mineralId)).not.toContain(pyrite.id);
    // Agate: 4 − 1 (the declined order still holds it) − 2 (the cart) = 1, at the default threshold of 1.
    expect(after.lowStock).toContainEqual(expect.objectContaining({ mineralId: agate.id, available: 1, lowStockThreshold: 1 }));
    expect(after.lowStock.map((m: Json) => m.mineralId)).not.toContain(geode.id);
    expect(after.holds.units - before.holds.units).toBe(3);
    expect(after.holds.valueCents - before.holds.valueCents).toBe(3 * 3_000);
    expect(after.lastReconciliation).toBeNull();

    // The reconciliation job runs: the dashboard shows its run, with no drift in a shop that balances.
    await reconcileInventoryJob({}, aLambdaContext());
    const reconciled = (await dashboard()).lastReconciliation;
    expect(reconciled.mineralsChecked).toBeGreaterThanOrEqual(3);
    expect(reconciled.drift).toEqual([]);
  });

  it('applies each stream record once: reading the whole stream again changes no figure', async () => {
    const mineral = aMineral({ available: 3, priceCents: 7_700 });
    await putMinerals([mineral]);
    await order([[mineral.id, 1]], CARD.ok);
    const once = await dashboard();
    // A second consumer from the oldest record: every record delivered again, as a replayed shard would be.
    const replay = await startTestTableStream(dashboardWorkers);
    await replay.drain();
    await replay.stop();
    const twice = await dashboard();
    const { asOf: _a, consumedCapacity: _c, ...figuresOnce } = once;
    const { asOf: _b, consumedCapacity: _d, ...figuresTwice } = twice;
    for (const list of [figuresOnce, figuresTwice]) for (const o of [...list.waiting.toPack.oldest, ...list.failedPayments24h]) o.ageMinutes = 0;
    expect(figuresTwice).toEqual(figuresOnce);
  });

  it('reads stock counters from the mineral\'s stock item, with the name, price and threshold from the mineral item', async () => {
    const before = await dashboard();
    const mineral = aMineral({ available: 9, priceCents: 4_000 });
    await putMinerals([mineral]);
    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: mineralKey(mineral.id), UpdateExpression: 'SET lowStockThreshold = :t', ExpressionAttributeValues: { ':t': 3 } }));
    const stock = stockKey(mineral.id);
    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: stock, UpdateExpression: 'SET available = :a, held = :h', ExpressionAttributeValues: { ':a': 3, ':h': 2 } }));
    const low = await dashboard();
    expect(low.lowStock).toContainEqual({ mineralId: mineral.id, name: mineral.name, available: 3, lowStockThreshold: 3 });
    expect(low.holds.units - before.holds.units).toBe(2);
    expect(low.holds.valueCents - before.holds.valueCents).toBe(2 * 4_000);

    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: stock, UpdateExpression: 'SET available = :a', ExpressionAttributeValues: { ':a': 0 } }));
    const out = await dashboard();
    expect(out.lowStock.map((m: Json) => m.mineralId)).not.toContain(mineral.id);
    expect(out.soldOut).toContainEqual(expect.objectContaining({ mineralId: mineral.id, available: 0, watchers: 0 }));
  });
});
