// Every admin write to an order leaves exactly one audit record, in the same transaction as the change:
// who (the admin's Cognito subject), what (order.packed, order.shipped, order.refund, order.cancelled),
// when, and the order's status, refunded amount, returned units and tracking before and after. The
// shop's own steps (the payment) are not admin writes and leave none.
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

async function anOrder(pay: boolean) {
  const mineral = aMineral({ available: 3, priceCents: 8_000 });
  await putMinerals([mineral]);
  const cart = await aGuestCart(api);
  expect((await cart.set(mineral.id, 2)).status).toBe(200);
  const placed = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() },
    body: { cartId: cart.cartId, email: `audit-${randomUUID()}@example.com`, address: denver, shippingMethod: 'standard' },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const { order, payment } = placed.body as Json;
  if (pay) {
    await payWithCard(api, payment, '4242 4242 4242 4242');
    await paymentSandbox().waitForEvent((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === payment.paymentId);
    await deliverQueuedMail();
  }
  return { orderId: order.orderId as string, mineralId: mineral.id, totalCents: order.totals.totalCents as number };
}

async function auditOf(orderId: string): Promise<Json[]> {
  const res = await admin('GET', `/api/admin/audit?objectType=order&objectId=${orderId}&limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

describe("an admin's writes to an order", () => {
  it('each leave one audit record with who, what and the order before and after; the shop’s own steps leave none', async () => {
    const { orderId, mineralId, totalCents } = await anOrder(true);
    expect(await auditOf(orderId)).toEqual([]);

    expect((await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'packed' })).status).toBe(200);
    const shipped = await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(shipped.status).toBe(200);
    // A retried request (already shipped) changes nothing and records nothing more.
    expect((await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' })).status).toBe(200);
    const refund = await admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: 500, reason: 'scratched', returnStock: [{ mineralId, quantity: 1 }] });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);

    const records = await auditOf(orderId);
    expect(records.map((r) => r.action)).toEqual(['order.packed', 'order.shipped', 'order.refund']);
    for (const r of records) expect(r.by.sub).toEqual(expect.any(String));
    expect(records[0]).toMatchObject({ before: { status: 'paid' }, after: { status: 'packed' } });
    expect(records[1]).toMatchObject({
      before: { status: 'packed', tracking: null },
      after: { status: 'shipped', tracking: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' } },
    });
    expect(records[2]).toMatchObject({
      before: { status: 'shipped', refundedCents: 0, returnedUnits: {} },
      after: { status: 'shipped', refundedCents: 500, returnedUnits: { [mineralId]: 1 } },
    });
    expect(totalCents).toBeGreaterThan(500);
  });

  it('records a cancel, paid (refund and stock back) or unpaid', async () => {
    const paid = await anOrder(true);
    expect((await admin('POST', `/api/admin/orders/${paid.orderId}/transitions`, { to: 'cancelled' })).status).toBe(200);
    const [cancelPaid, ...more] = await auditOf(paid.orderId);
    expect(more).toEqual([]);
    expect(cancelPaid).toMatchObject({ action: 'order.cancelled', before: { status: 'paid', refundedCents: 0 }, after: { status: 'cancelled', refundedCents: paid.totalCents, returnedUnits: { [paid.mineralId]: 2 } } });

    const unpaid = await anOrder(false);
    expect((await admin('POST', `/api/admin/orders/${unpaid.orderId}/transitions`, { to: 'cancelled' })).status).toBe(200);
    // The same before/after shape as every other change to an order, so the log reads one way.
    expect((await auditOf(unpaid.orderId)).map((r) => [r.action, r.before, r.after])).toEqual([
      ['order.cancelled', { status: 'pending_payment', refundedCents: 0, returnedUnits: {}, tracking: null }, { status: 'cancelled', refundedCents: 0, returnedUnits: {}, tracking: null }],
    ]);
  });
});
