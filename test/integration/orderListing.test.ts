// The order indexes carry only an order's listing (shared/db/table.ts, ORDER_LISTING_ATTRIBUTES): a
// `listing` map written when the order is placed and the status, last change and refunded amount. So
// the admin's queue must show, at every step, exactly what the order itself says: placed, paid, packed,
// shipped and part-refunded, each compared with the listing made from the whole order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { getOrder, orderListing } from '../../shared/db/orders';
import { adminOrderSummary } from '../../shared/orders/views';
import { startAdminTestApi } from '../support/adminApi';
import { aGuestCart, DENVER_ADDRESS, type Json, type TestApi } from '../support/api';
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

/** The order's entry in the admin's queue for `status`, and what the order itself says it should be. */
async function queued(orderId: string, status: string): Promise<{ entry: Json; expected: Json }> {
  const res = await admin('GET', `/api/admin/orders?status=${status}&limit=50`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const order = await getOrder(orderId);
  return { entry: (res.body.orders as Json[]).find((o) => o.orderId === orderId), expected: JSON.parse(JSON.stringify(adminOrderSummary(orderListing(order!)))) };
}

describe('the admin’s order queue', () => {
  it('lists each order as the order itself says, through payment, packing, shipping and a part refund', async () => {
    const [a, b] = [aMineral({ available: 3, priceCents: 8_000 }), aMineral({ available: 2, priceCents: 2_500 })];
    await putMinerals([a, b]);
    const cart = await aGuestCart(api);
    expect((await cart.set(a.id, 2)).status).toBe(200);
    expect((await cart.set(b.id, 1)).status).toBe(200);
    const placed = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() },
      body: { cartId: cart.cartId, email: `listing-${randomUUID()}@example.com`, address: DENVER_ADDRESS, shippingMethod: 'standard' },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const { order, payment } = placed.body as Json;

    let step = await queued(order.orderId, 'pending_payment');
    expect(step.entry).toEqual(step.expected);
    expect(step.entry).toMatchObject({ itemCount: 3, totals: order.totals });

    await payWithCard(api, payment, '4242 4242 4242 4242');
    await paymentSandbox().waitForEvent((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === payment.paymentId);
    await deliverQueuedMail();
    step = await queued(order.orderId, 'paid');
    expect(step.entry).toEqual(step.expected);
    expect((await queued(order.orderId, 'pending_payment')).entry).toBeUndefined();

    expect((await admin('POST', `/api/admin/orders/${order.orderId}/transitions`, { to: 'packed' })).status).toBe(200);
    step = await queued(order.orderId, 'packed');
    expect(step.entry).toEqual(step.expected);
    expect((await admin('POST', `/api/admin/orders/${order.orderId}/transitions`, { to: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' })).status).toBe(200);
    const refund = await admin('POST', `/api/admin/orders/${order.orderId}/refund`, { amountCents: 700, reason: 'chipped' });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    step = await queued(order.orderId, 'shipped');
    expect(step.entry).toEqual(step.expected);
    expect(step.entry.totals.refundedCents).toBe(700);
  });
});
