// What happens at the payment provider without the shop asking (issue: payment edge cases): a refund
// the provider refuses, a refund made in its dashboard, a payment for the wrong amount or currency, a
// dispute. Through the real parts: the HTTP API over DynamoDB Local, the payment sandbox (which speaks
// Stripe's API, so a "dashboard" here is the Stripe SDK with the shop's key, as Stripe's own dashboard
// calls the same API), signed webhooks, the FIFO order queue and its processor, SES mail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStockCounters, putMinerals } from '../../shared/db/minerals';
import { loadCart } from '../../shared/db/carts';
import { getOrder } from '../../shared/db/orders';
import { reconcileUnpaidPayments } from '../../shared/orders/paymentReconciliation';
import { expireUnpaidOrders } from '../../shared/orders/unpaidOrders';
import { startAdminTestApi } from '../support/adminApi';
import { expireWhilePaying } from '../support/orderMoves';
import { aGuestCart, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { providerDashboard as dashboard, settleProviderEvent as settle } from '../support/provider';
import { paymentSandbox, payWithCard, TEST_CARDS } from '../support/payments';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;

beforeAll(async () => {
  setup = await startAdminTestApi();
  api = setup.api;
});
afterAll(() => setup?.close());

const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };
const admin = (method: string, path: string, body?: unknown) => setup.admin(method, path, body);

async function placed(quantity: number, available = quantity) {
  const mineral = aMineral({ available, priceCents: 4_500 });
  await putMinerals([mineral]);
  const cart = await aGuestCart(api);
  expect((await cart.set(mineral.id, quantity)).status).toBe(200);
  const email = `buyer-${randomUUID()}@example.com`;
  const res = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken },
    body: { cartId: cart.cartId, email, address: denver, shippingMethod: 'standard' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const payment = res.body.payment as Json;
  return { mineral, cart, email, orderId: res.body.order.orderId as string, total: res.body.order.totals.totalCents as number, payment, paymentId: payment.paymentId as string };
}

async function paid(quantity: number, card: string = TEST_CARDS.succeeds) {
  const order = await placed(quantity);
  expect((await payWithCard(api, order.payment, card)).status).toBe(200);
  await settle('payment_intent.succeeded', order.paymentId);
  expect((await getOrder(order.orderId))!.status).toBe('paid');
  return order;
}

describe('a refund made in the provider’s dashboard', () => {
  it('is recorded on its order once, mailed once, and its units come back only when the admin says so', async () => {
    const { mineral, orderId, email, total, paymentId } = await paid(2);
    const stripe = await dashboard();

    // A part first: the order stays paid, the money and the task are on it.
    const part = await stripe.refunds.create({ payment_intent: paymentId, amount: 1_000 });
    const event = await settle('charge.refunded', paymentId);
    const view = (await admin('GET', `/api/admin/orders/${orderId}`)).body as Json;
    expect(view.status).toBe('paid');
    expect(view.refundedCents).toBe(1_000);
    expect(view.refunds).toEqual([expect.objectContaining({ refundId: part.id, amountCents: 1_000, by: 'provider' })]);
    expect(view.refundStockReview).toEqual({ refundIds: [part.id], amountCents: 1_000 });
    expect(view.actions.refundStock).toBe(true);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, sold: 2, returned: 0 });

    // Stripe delivers the same event again: nothing moves twice.
    expect((await paymentSandbox().deliverAgain(event.event.id)).status).toBe(200);
    await deliverQueuedMail();
    expect((await getOrder(orderId))!.refundedCents).toBe(1_000);

    // The rest: the order is refunded in full.
    const rest = await stripe.refunds.create({ payment_intent: paymentId });
    await settle('charge.refunded', paymentId);
    const order = (await getOrder(orderId))!;
    expect(order.status).toBe('refunded');
    expect(order.refundedCents).toBe(total);
    expect(order.refunds.map((r) => [r.refundId, r.by])).toEqual([
      [part.id, 'provider'],
      [rest.id, 'provider'],
    ]);
    expect(order.stockReview).toEqual([part.id, rest.id]);
    expect(order.timeline.filter((t) => t.status === 'refunded')).toHaveLength(1);
    const refundMail = (await mailTo(email)).filter((m) => /refund/i.test(m.subject));
    expect(refundMail).toHaveLength(2);

    // The admin says one unit came back: it goes on the shelf, once; the task is done.
    const decided = await admin('POST', `/api/admin/orders/${orderId}/refund-stock`, { returnStock: [{ mineralId: mineral.id, quantity: 1 }] });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ refundStockReview: null, returnedUnits: { [mineral.id]: 1 }, actions: { refundStock: false } });
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 1, sold: 2, returned: 1 });
    const again = await admin('POST', `/api/admin/orders/${orderId}/refund-stock`, { returnStock: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('nothing_to_review');
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 1, returned: 1 });
  });

  it('the shop’s own refund is not taken for a dashboard one when its event arrives', async () => {
    const { orderId, paymentId } = await paid(1);
    const res = await admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: 700 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await settle('charge.refunded', paymentId);
    const order = (await getOrder(orderId))!;
    expect(order.refundedCents).toBe(700);
    expect(order.refunds.map((r) => r.by)).toEqual(['shop']);
    expect(order.stockReview).toEqual([]);
  });

  it('“no units came back” closes the task and moves no stock', async () => {
    const { mineral, orderId, paymentId } = await paid(1);
    await (await dashboard()).refunds.create({ payment_intent: paymentId, amount: 500 });
    await settle('charge.refunded', paymentId);
    const decided = await admin('POST', `/api/admin/orders/${orderId}/refund-stock`, { returnStock: false });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.refundStockReview).toBeNull();
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, sold: 1, returned: 0 });
    const audit = await admin('GET', `/api/admin/audit?objectType=order&objectId=${orderId}`);
    expect(JSON.stringify(audit.body)).toContain('order.refund-stock');
  });
});

describe('a refund the provider refuses', () => {
  it('is a 409 that says what to do, and nothing is written; the dispute behind it is on the order', async () => {
    const { orderId, paymentId, total } = await paid(1, TEST_CARDS.disputed);
    await settle('charge.dispute.created', paymentId);
    const before = (await admin('GET', `/api/admin/orders/${orderId}`)).body as Json;
    expect(before.disputes).toEqual([
      expect.objectContaining({ status: 'needs_response', reason: 'fraudulent', amountCents: total, evidenceDueBy: expect.any(String) }),
    ]);
    // While it runs the console offers no refund and no cancel (the provider would refuse them)…
    expect(before.actions).toMatchObject({ refund: false, transitions: ['packed', 'shipped'] });
    expect(before.disputes[0].open).toBe(true);
    // The dispute is no step of the order's life: the shopper's timeline is as it was.
    expect(before.timeline.map((t: Json) => t.status)).toEqual(['pending_payment', 'paid']);

    // …and a request sent anyway (an old page, a script) is refused with what to do.
    const refused = await admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: 1_000 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('payment_refused');
    expect(refused.body.error.message).toMatch(/disputed.*Answer the dispute in the Stripe dashboard/);
    const cancel = await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'cancelled' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('payment_refused');

    const after = (await admin('GET', `/api/admin/orders/${orderId}`)).body as Json;
    expect(after).toMatchObject({ status: 'paid', refundedCents: 0, refunds: [], version: before.version });
    expect(paymentSandbox().refunds().filter((r) => r.payment_intent === paymentId)).toEqual([]);
  });
});

describe('a payment for another amount or currency than the order’s', () => {
  it('never marks the order paid; it is flagged, kept held, and the admin sends the money back', async () => {
    const { mineral, cart, orderId, email, total, payment, paymentId } = await placed(1);
    // Changed at the provider before the card was confirmed (another integration, a person, a bug).
    await (await dashboard()).paymentIntents.update(paymentId, { amount: total - 1_000 });
    expect((await payWithCard(api, payment, TEST_CARDS.succeeds)).status).toBe(200);
    await settle('payment_intent.succeeded', paymentId);

    const flagged = (await admin('GET', `/api/admin/orders/${orderId}`)).body as Json;
    expect(flagged.status).toBe('pending_payment');
    expect(flagged.paymentMismatch).toMatchObject({ paymentId, amountCents: total - 1_000, currency: 'USD' });
    expect(await getStockCounters(mineral.id)).toMatchObject({ held: 1, sold: 0 });
    expect((await mailTo(email)).filter((m) => /confirm|thank/i.test(m.subject))).toEqual([]);

    // The reconciliation job asks the provider, which says "succeeded": still not paid, flagged once.
    await reconcileUnpaidPayments(new Date(Date.now() + 2 * 60_000));
    await deliverQueuedMail();
    // Past its deadline the expiry job leaves it (the payment went through): the unit is never resold.
    await expireUnpaidOrders(new Date(Date.now() + 60 * 60_000));
    await deliverQueuedMail();
    const still = (await getOrder(orderId))!;
    expect(still.status).toBe('pending_payment');
    expect(still.timeline).toHaveLength(2);

    const cancelled = await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'cancelled' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('refunded');
    expect(paymentSandbox().refunds().filter((r) => r.payment_intent === paymentId).map((r) => r.amount)).toEqual([total - 1_000]);
    expect(await getStockCounters(mineral.id)).toMatchObject({ sold: 0 });
    expect((await loadCart(cart.cartId))!.header.status).toBe('active');
    expect((await mailTo(email)).filter((m) => /refund/i.test(m.subject))).toHaveLength(1);
  });

  it('refunded first in the Stripe dashboard, the admin’s cancel sends back only what is left, and closes the order', async () => {
    const { orderId, total, payment, paymentId } = await placed(1);
    const stripe = await dashboard();
    await stripe.paymentIntents.update(paymentId, { amount: total - 1_000 });
    expect((await payWithCard(api, payment, TEST_CARDS.succeeds)).status).toBe(200);
    await settle('payment_intent.succeeded', paymentId);
    // The alarm sends the dealer to Stripe, who refunds it all there first.
    await stripe.refunds.create({ payment_intent: paymentId });
    await settle('charge.refunded', paymentId);

    const cancelled = await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'cancelled' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'refunded', paymentMismatch: null });
    expect(paymentSandbox().refunds().filter((r) => r.payment_intent === paymentId).map((r) => r.amount)).toEqual([total - 1_000]);
  });

  it('on an order that had already expired, a wrong payment goes straight back, all of it', async () => {
    const { orderId, total, payment, paymentId } = await placed(1);
    await (await dashboard()).paymentIntents.update(paymentId, { amount: total + 500 });
    // The shopper pays while the order is being expired: the webhook is held back…
    const sandbox = paymentSandbox();
    sandbox.setWebhookUrl(undefined);
    expect((await payWithCard(api, payment, TEST_CARDS.succeeds)).status).toBe(200);
    sandbox.setWebhookUrl(api.url('/api/webhooks/stripe'));
    await expireWhilePaying(orderId);
    // …and arrives afterwards.
    const event = sandbox.events.find((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as Json).id === paymentId)!;
    expect((await sandbox.deliverAgain(event.event.id)).status).toBe(200);
    await deliverQueuedMail();
    const after = (await getOrder(orderId))!;
    expect(after.status).toBe('refunded');
    expect(sandbox.refunds().filter((r) => r.payment_intent === paymentId).map((r) => r.amount)).toEqual([total + 500]);
  });

  it('the wrong currency is flagged the same way', async () => {
    const { orderId, payment, paymentId } = await placed(1);
    await (await dashboard()).paymentIntents.update(paymentId, { currency: 'eur' });
    expect((await payWithCard(api, payment, TEST_CARDS.succeeds)).status).toBe(200);
    await settle('payment_intent.succeeded', paymentId);
    const order = (await getOrder(orderId))!;
    expect(order.status).toBe('pending_payment');
    expect(order.paymentMismatch).toMatchObject({ currency: 'EUR' });
  });
});
