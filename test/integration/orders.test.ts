// Checkout to delivery through the real parts: the HTTP API over DynamoDB Local, the payment sandbox
// confirming cards and delivering signed webhooks, the FIFO order queue and the processor, SES mail,
// cognito-local admin tokens. Every test checks the stock counters, not only the answers.
import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn } from '../../infra/local/cognito';
import { localSqsClient } from '../../infra/local/sqs';
import { handler as processOrderEvents } from '../../functions/orders/processOrderEvents';
import { getCoupon, putCoupon } from '../../shared/db/coupons';
import { getStockCounters, putMinerals } from '../../shared/db/minerals';
import { getOrder, orderKey } from '../../shared/db/orders';
import { lineKey, loadCart } from '../../shared/db/carts';
import { dynamo, tableName } from '../../shared/db/client';
import { reconcileInventory } from '../../shared/inventory/reconcile';
import { releaseExpiredHolds, releaseTtlDeletedLines } from '../../shared/inventory/releaseHolds';
import { HoldAwaitsOrderError } from '../../shared/db/holds';
import { reconcileUnpaidPayments } from '../../shared/orders/paymentReconciliation';
import { parsePaymentEventMessage } from '../../shared/orders/paymentEventMessage';
import { applyPaymentEvent } from '../../shared/orders/processPayment';
import { mailDeclinedPayments } from '../../shared/orders/declinedPayments';
import { expireUnpaidOrders } from '../../shared/orders/unpaidOrders';
import { QUEUES } from '../../shared/queues';
import { HOLD_MINUTES } from '../../shared/domain/holds';
import { startLocalAdminAuth } from '../support/adminTokens';
import { expireWhilePaying } from '../support/orderMoves';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { aLambdaContext } from '../support/lambda';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { paymentSandbox, payWithCard } from '../support/payments';

let api: TestApi;
let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let adminToken: string;

beforeAll(async () => {
  auth = await startLocalAdminAuth();
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
  adminToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, auth.config.adminEmail, auth.config.adminPassword);
});
afterAll(async () => {
  await api?.close();
  await auth?.stop();
});

const CARD = { ok: '4242 4242 4242 4242', declined: '4000 0000 0000 0002', noFunds: '4000 0000 0000 9995' };
const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };
const anEmail = () => `buyer-${randomUUID()}@example.com`;
const admin = (method: string, path: string, body?: unknown) =>
  api.request(method, path, { headers: { authorization: `Bearer ${adminToken}` }, ...(body === undefined ? {} : { body }) });

async function stocked(available: number, priceCents = 4_500) {
  const mineral = aMineral({ available, priceCents });
  await putMinerals([mineral]);
  return mineral;
}

/** A guest cart holding `lines`, checked out to Denver; returns what checkout answered. */
async function checkedOut(lines: Array<[string, number]>, options: { key?: string; email?: string } = {}) {
  const cart = await aGuestCart(api);
  for (const [id, q] of lines) expect((await cart.set(id, q)).status).toBe(200);
  const email = options.email ?? anEmail();
  const res = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken, ...(options.key ? { 'idempotency-key': options.key } : {}) },
    body: { cartId: cart.cartId, email, address: denver, shippingMethod: 'standard' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { cart, email, body: res.body as Json, orderId: res.body.order.orderId as string };
}

/** Waits until the sandbox has delivered the webhook for the payment, then runs the order queue and the mailer. */
async function settle(paymentId: string, type = 'payment_intent.succeeded') {
  const delivery = await paymentSandbox().waitForEvent((d) => d.event.type === type && (d.event.data.object as { id?: string }).id === paymentId);
  expect(delivery.state).toBe('delivered');
  await deliverQueuedMail();
  return delivery;
}

const track = (orderId: string, token: string) => api.get(`/api/orders/${orderId}/tracking?token=${encodeURIComponent(token)}`);

describe('the whole journey', () => {
  it('cart → quote → checkout → sandbox card → webhook → paid → mail → admin ships → the guest link shows it shipped', async () => {
    const geode = await stocked(3, 12_000);
    const pyrite = await stocked(1, 2_500);
    const cart = await aGuestCart(api);
    await cart.set(geode.id, 2);
    await cart.set(pyrite.id, 1);
    const email = anEmail();
    const quote = await api.request('POST', '/api/checkout/quote', {
      headers: { 'x-cart-token': cart.cartToken },
      body: { cartId: cart.cartId, address: denver, shippingMethod: 'express', email },
    });
    expect(quote.status).toBe(200);

    const placed = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() },
      body: { cartId: cart.cartId, email, address: denver, shippingMethod: 'express' },
    });
    expect(placed.status).toBe(201);
    const { order, payment, trackingToken } = placed.body as Json;
    expect(order.status).toBe('pending_payment');
    expect(order.totals.totalCents).toBe(quote.body.totalCents);
    expect(payment.provider).toBe('sandbox');
    expect(typeof trackingToken).toBe('string');
    // The cart is frozen while it is paid for.
    expect((await cart.view()).body.status).toBe('checkout');
    expect((await cart.set(geode.id, 1)).body.error.code).toBe('checkout_in_progress');

    expect((await payWithCard(api, payment, CARD.ok)).status).toBe(200);
    await settle(payment.paymentId);

    const paid = await track(order.orderId, trackingToken);
    expect(paid.body.status).toBe('paid');
    expect(await getStockCounters(geode.id)).toMatchObject({ available: 1, held: 0, sold: 2 });
    expect(await getStockCounters(pyrite.id)).toMatchObject({ available: 0, held: 0, sold: 1 });
    expect((await cart.view()).body.status).toBe('ordered');

    const [confirmation] = await mailTo(email);
    expect(confirmation?.subject).toContain(order.number);
    expect(confirmation?.body.text).toContain(`/orders/${order.orderId}/track?token=`);

    expect((await admin('POST', `/api/admin/orders/${order.orderId}/transitions`, { to: 'packed' })).status).toBe(200);
    // A number that is not a UPS number is a 400 that says what one looks like, and changes nothing.
    const typo = await admin('POST', `/api/admin/orders/${order.orderId}/transitions`, { to: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA1012345678' });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain('That is not a UPS tracking number: it should be 1Z followed by 16 letters and digits.');
    expect((await admin('GET', `/api/admin/orders/${order.orderId}`)).body.status).toBe('packed');
    const shipped = await admin('POST', `/api/admin/orders/${order.orderId}/transitions`, { to: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);

    // The link from the confirmation mail is what a guest follows.
    const link = new URL(/https?:\/\/\S+\/orders\/\S+\/track\?token=\S+/.exec(confirmation!.body.text ?? '')![0]);
    const seen = await track(order.orderId, link.searchParams.get('token')!);
    expect(seen.body.status).toBe('shipped');
    expect(seen.body.tracking).toEqual({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' });
    expect(seen.body.timeline.map((t: Json) => t.status)).toEqual(['pending_payment', 'paid', 'packed', 'shipped']);
    const mails = await mailTo(email);
    expect(mails.map((m) => m.subject).join(' | ')).toMatch(/shipped/i);
  });

  it('a shopper checks out with a saved address, and the order is in their history', async () => {
    const mineral = await stocked(5);
    const email = anEmail();
    const registered = await api.request('POST', '/api/auth/register', {
      body: { username: `u${randomUUID().slice(0, 8)}`, email, password: 'pyrite-and-galena-42', name: 'Grace Hopper' },
    });
    expect(registered.status).toBe(201);
    const auth = { authorization: `Bearer ${registered.body.session.accessToken}` };
    const profile = await api.request('PATCH', '/api/me', { headers: auth, body: { addresses: [{ ...denver, id: 'home' }], defaultAddressId: 'home' } });
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    const opened = await api.request('POST', '/api/carts', { headers: auth });
    const cartId = opened.body.cartId as string;
    expect((await api.request('PUT', `/api/carts/${cartId}/items/${mineral.id}`, { headers: auth, body: { quantity: 2 } })).status).toBe(200);

    const placed = await api.request('POST', '/api/checkout', { headers: auth, body: { cartId, addressId: 'home', shippingMethod: 'standard' } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.trackingToken).toBeUndefined();
    expect(placed.body.order.address).toMatchObject({ city: 'Denver', country: 'US' });
    expect((await payWithCard(api, placed.body.payment, CARD.ok)).status).toBe(200);
    await settle(placed.body.payment.paymentId);

    const history = await api.request('GET', '/api/me/orders', { headers: auth });
    expect(history.body.orders.map((o: Json) => [o.orderId, o.status])).toEqual([[placed.body.order.orderId, 'paid']]);
    const detail = await api.request('GET', `/api/me/orders/${placed.body.order.orderId}`, { headers: auth });
    expect(detail.body.items).toEqual([expect.objectContaining({ mineralId: mineral.id, quantity: 2 })]);
    // The paid cart is done; the shopper's next cart is a new, empty one.
    const next = await api.request('POST', '/api/carts', { headers: auth });
    expect(next.body.cartId).not.toBe(cartId);
    expect(next.body.cart.lines).toEqual([]);
  });
});

describe('exactly once', () => {
  it('the webhook delivered five times plus an SQS redelivery → one paid, one mail, stock committed once', async () => {
    const mineral = await stocked(4);
    const { body, email, orderId } = await checkedOut([[mineral.id, 3]]);
    await payWithCard(api, body.payment, CARD.ok);
    const delivery = await settle(body.payment.paymentId);
    for (let i = 0; i < 4; i++) expect((await paymentSandbox().deliverAgain(delivery.event.id)).status).toBe(200);
    await deliverQueuedMail();

    // SQS delivering the same message again (at-least-once), and a copy that escaped FIFO deduplication.
    const queued = { eventId: delivery.event.id, type: 'payment_succeeded', providerType: 'payment_intent.succeeded', created: delivery.event.created, paymentId: body.payment.paymentId, orderId, amountCents: body.order.totals.totalCents };
    const record = { messageId: randomUUID(), receiptHandle: 'r', body: JSON.stringify(queued), attributes: { ApproximateReceiveCount: '2', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: orderId, MessageDeduplicationId: randomUUID() }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:orders.fifo', awsRegion: 'us-east-1' };
    for (let i = 0; i < 2; i++) {
      const res = await processOrderEvents({ Records: [record] } as never, aLambdaContext());
      expect(res).toEqual({ batchItemFailures: [] });
    }
    const sqs = localSqsClient(inject('sqsEndpoint'));
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env[QUEUES.orders.urlEnv], MessageBody: JSON.stringify(queued), MessageGroupId: orderId, MessageDeduplicationId: randomUUID() }));
    sqs.destroy();
    await deliverQueuedMail();

    const order = (await getOrder(orderId))!;
    expect(order.status).toBe('paid');
    expect(order.timeline.filter((t) => t.status === 'paid')).toHaveLength(1);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 1, held: 0, sold: 3 });
    const mails = await mailTo(email);
    expect(mails.filter((m) => /confirm/i.test(m.subject))).toHaveLength(1);
  });

  it('a checkout retried with the same Idempotency-Key → one order, one payment; another body with that key is refused', async () => {
    const mineral = await stocked(2);
    const cart = await aGuestCart(api);
    await cart.set(mineral.id, 1);
    const key = randomUUID();
    const email = anEmail();
    const send = (body: Json, k = key) => api.request('POST', '/api/checkout', { headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': k }, body });
    const body = { cartId: cart.cartId, email, address: denver, shippingMethod: 'standard' };
    const first = await send(body);
    const again = await Promise.all([send(body), send(body)]);
    expect(first.status).toBe(201);
    for (const res of again) {
      if (res.status === 409) expect(res.body.error.code).toBe('request_in_progress');
      else {
        expect(res.status).toBe(200);
        expect(res.body.order.orderId).toBe(first.body.order.orderId);
        expect(res.body.payment.paymentId).toBe(first.body.payment.paymentId);
      }
    }
    // Without the header, the same request finds the cart's open order too.
    const headerless = await api.request('POST', '/api/checkout', { headers: { 'x-cart-token': cart.cartToken }, body });
    expect(headerless.status).toBe(200);
    expect(headerless.body.order.orderId).toBe(first.body.order.orderId);
    const reused = await send({ ...body, shippingMethod: 'express' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const intents = paymentSandbox().payments().filter((p) => p.metadata.orderId === first.body.order.orderId);
    expect(intents).toHaveLength(1);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 1, held: 1, sold: 0 });
  });
});

describe('checkouts of one cart at once', () => {
  it('make one order, which carries its payment from its first write; a payment opened for an order that lost is cancelled', async () => {
    const mineral = await stocked(1);
    const cart = await aGuestCart(api);
    await cart.set(mineral.id, 1);
    const body = { cartId: cart.cartId, email: anEmail(), address: denver, shippingMethod: 'standard' };
    const opened = paymentSandbox().payments().length;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.request('POST', '/api/checkout', { headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() }, body })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const placed = answers.find((a) => a.status === 201)!.body;
    for (const res of answers.filter((a) => a.status !== 201)) {
      if (res.status === 200) expect(res.body.order.orderId).toBe(placed.order.orderId);
      else expect([409, 200]).toContain(res.status);
    }
    const order = (await getOrder(placed.order.orderId))!;
    expect(order.payment.paymentId).toBe(placed.payment.paymentId);
    const intents = paymentSandbox().payments().slice(opened);
    expect(intents.find((p) => p.id === placed.payment.paymentId)?.status).toBe('requires_payment_method');
    for (const other of intents.filter((p) => p.id !== placed.payment.paymentId)) expect(other.status).toBe('canceled');
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 1, sold: 0 });
  });
});

describe('an order with nothing to pay', () => {
  it('a 100 % coupon on an order that ships free is paid at once, without a payment, and redeems the coupon', async () => {
    const mineral = await stocked(2, 20_000);
    const code = `FREE-${randomUUID().slice(0, 8)}`.toUpperCase();
    await putCoupon({ code, benefit: { kind: 'percent', bp: 10_000 }, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    const cart = await aGuestCart(api);
    await cart.set(mineral.id, 1);
    const email = anEmail();
    const placed = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cart.cartToken },
      body: { cartId: cart.cartId, email, address: denver, shippingMethod: 'standard', couponCode: code },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.payment).toBeNull();
    expect(placed.body.order).toMatchObject({ status: 'paid', totals: expect.objectContaining({ totalCents: 0 }) });
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 1, held: 0, sold: 1 });
    expect((await getCoupon(code))!.redemptions).toBe(1);
    expect((await mailTo(email)).map((m) => m.subject).join(' ')).toContain(placed.body.order.number);
  });
});

describe('what the client says about money', () => {
  it('is refused: a total, a price or an amount in the checkout body is a 400 and writes nothing', async () => {
    const mineral = await stocked(2);
    const cart = await aGuestCart(api);
    await cart.set(mineral.id, 1);
    for (const extra of [{ totalCents: 1 }, { priceCents: 1 }, { amountCents: 1 }, { items: [{ mineralId: mineral.id, unitPriceCents: 1 }] }]) {
      const res = await api.request('POST', '/api/checkout', {
        headers: { 'x-cart-token': cart.cartToken },
        body: { cartId: cart.cartId, email: anEmail(), address: denver, shippingMethod: 'standard', ...extra },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/unknown field/);
    }
    expect((await cart.view()).body.status).toBe('active');
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 1, held: 1, sold: 0 });
  });

  it('the order charges what the server computes', async () => {
    const mineral = await stocked(3, 10_001);
    const { body } = await checkedOut([[mineral.id, 2]]);
    expect(body.order.items[0]).toMatchObject({ unitPriceCents: 10_001, lineTotalCents: 20_002 });
    const intent = paymentSandbox().payments().find((p) => p.id === body.payment.paymentId)!;
    expect(intent.amount).toBe(body.order.totals.totalCents);
    expect(body.order.totals.totalCents).toBe(
      body.order.totals.subtotalCents - body.order.totals.discountCents + body.order.totals.shippingCents + body.order.totals.taxCents,
    );
  });
});

describe('payments that fail, and orders never paid', () => {
  it('a declined card, then success with another: payment_failed, then paid, and no mail about the decline', async () => {
    const mineral = await stocked(1);
    const { body, email, orderId } = await checkedOut([[mineral.id, 1]]);
    const declined = await payWithCard(api, body.payment, CARD.declined);
    expect(declined.status).toBe(402);
    await settle(body.payment.paymentId, 'payment_intent.payment_failed');
    expect((await getOrder(orderId))!.status).toBe('payment_failed');
    // The hold stays while the shopper tries again.
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 1 });
    // No mail at the decline itself (shared/orders/declinedPayments.ts mails it later if still unpaid).
    expect((await mailTo(email)).map((m) => m.subject).join(' ')).not.toMatch(/did not go through/i);

    expect((await payWithCard(api, body.payment, CARD.noFunds)).status).toBe(402);
    expect((await payWithCard(api, body.payment, CARD.ok)).status).toBe(200);
    await settle(body.payment.paymentId);
    expect((await getOrder(orderId))!.status).toBe('paid');
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 0, sold: 1 });
    // Paid before the decline was due to be mailed: it never is.
    expect(await mailDeclinedPayments(new Date(Date.now() + 60 * 60_000))).toBe(0);
    await deliverQueuedMail();
    expect((await mailTo(email)).map((m) => m.subject).join(' ')).not.toMatch(/did not go through/i);
  });

  it('an unpaid order expires: payment cancelled, its stock returns once, the cart opens again', async () => {
    const mineral = await stocked(2);
    const { body, cart, orderId } = await checkedOut([[mineral.id, 2]]);
    const order = (await getOrder(orderId))!;
    const later = new Date(new Date(order.paymentDeadline).getTime() + 60_000);
    // Two job runs at once, then the hold sweep long after: the units come back once.
    await Promise.all([expireUnpaidOrders(later), expireUnpaidOrders(later)]);
    await releaseExpiredHolds(new Date(later.getTime() + 60 * 60_000));
    const expired = (await getOrder(orderId))!;
    expect(expired.status).toBe('expired');
    expect(expired.timeline.filter((t) => t.status === 'expired')).toHaveLength(1);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 2, held: 0, sold: 0 });
    expect(paymentSandbox().payments().find((p) => p.id === body.payment.paymentId)?.status).toBe('canceled');
    expect((await loadCart(cart.cartId))!.header.status).toBe('active');
    // Viewing the cart takes nothing; changing it takes the stock again for the shopper.
    expect((await cart.view()).body.lines[0]).toMatchObject({ mineralId: mineral.id, quantity: 2 });
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 2, held: 0 });
    expect((await cart.set(mineral.id, 2)).status).toBe(200);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 2 });
    const declined = await payWithCard(api, body.payment, CARD.ok);
    expect(declined.status).not.toBe(200);
  });

  it('a shopper cancels to change the cart: payment cancelled, the cart (and its holds) open again', async () => {
    const mineral = await stocked(3);
    const { body, cart, orderId } = await checkedOut([[mineral.id, 2]]);
    const stretched = (await loadCart(cart.cartId))!.lines[0]!.holdExpiresAt!;
    const cancelled = await api.request('POST', `/api/orders/${orderId}/cancel`, { headers: { 'x-cart-token': cart.cartToken } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    // Cancelling gives back the hold a change to the cart would have (a guest's 20 minutes), not the payment window's.
    const reopened = (await loadCart(cart.cartId))!.lines[0]!.holdExpiresAt!;
    expect(reopened < stretched).toBe(true);
    expect(new Date(reopened).getTime()).toBeLessThanOrEqual(Date.now() + HOLD_MINUTES.guest * 60_000);
    expect((await cart.set(mineral.id, 3)).status).toBe(200);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 3 });
    expect((await payWithCard(api, body.payment, CARD.ok)).status).not.toBe(200);
    // Someone else's token cannot cancel.
    const other = await aGuestCart(api);
    const { orderId: second } = await checkedOut([[(await stocked(1)).id, 1]]);
    expect((await api.request('POST', `/api/orders/${second}/cancel`, { headers: { 'x-cart-token': other.cartToken } })).status).toBe(404);
  });

  it('a payment that lands after its order expired takes the stock again if it is there, and is refunded if it is not', async () => {
    const sandbox = paymentSandbox();
    for (const stockLeft of [true, false]) {
      const mineral = await stocked(1);
      const { body, email, orderId } = await checkedOut([[mineral.id, 1]]);
      // The shopper pays while the expiry job is expiring the order: the webhook is held back…
      sandbox.setWebhookUrl(undefined);
      expect((await payWithCard(api, body.payment, CARD.ok)).status).toBe(200);
      sandbox.setWebhookUrl(api.url('/api/webhooks/stripe'));
      await expireWhilePaying(orderId);
      if (!stockLeft) {
        const rival = await aGuestCart(api);
        expect((await rival.set(mineral.id, 1)).status).toBe(200);
      }
      // …and arrives afterwards.
      const event = sandbox.events.find((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as Json).id === body.payment.paymentId)!;
      expect((await sandbox.deliverAgain(event.event.id)).status).toBe(200);
      await deliverQueuedMail();
      const after = (await getOrder(orderId))!;
      if (stockLeft) {
        expect(after.status).toBe('paid');
        expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 0, sold: 1 });
      } else {
        expect(after.status).toBe('refunded');
        expect(after.refundedCents).toBe(after.totalCents);
        expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 1, sold: 0 });
        expect((await mailTo(email)).map((m) => m.subject).join(' ')).toMatch(/refund/i);
      }
    }
  });
});

describe('a payment whose webhook never arrives (the process that would deliver it died)', () => {
  /** A guest pays for the last unit with 4242 while nothing can deliver the provider's event. */
  async function paidWithoutWebhook() {
    const sandbox = paymentSandbox();
    const mineral = await stocked(1);
    const placed = await checkedOut([[mineral.id, 1]]);
    sandbox.setWebhookUrl(undefined);
    expect((await payWithCard(api, placed.body.payment, CARD.ok)).status).toBe(200);
    sandbox.setWebhookUrl(api.url('/api/webhooks/stripe'));
    await deliverQueuedMail();
    expect((await getOrder(placed.orderId))!.status).toBe('pending_payment');
    const deliveries = sandbox.events.filter((d) => (d.event.data.object as Json).id === placed.body.payment.paymentId);
    expect(deliveries.every((d) => d.attempts.every((a) => a.status !== 200))).toBe(true);
    return { ...placed, mineral };
  }

  it('the reconciliation job applies the success within minutes, once, and a late webhook changes nothing', async () => {
    const { body, email, mineral, orderId } = await paidWithoutWebhook();
    const run = await reconcileUnpaidPayments(new Date(Date.now() + 2 * 60_000));
    expect(run.succeeded).toBeGreaterThanOrEqual(1);
    // The job runs again before the processor got to it, and again after: still one sale.
    await reconcileUnpaidPayments(new Date(Date.now() + 3 * 60_000));
    await deliverQueuedMail();
    await reconcileUnpaidPayments(new Date(Date.now() + 4 * 60_000));
    await deliverQueuedMail();
    const paid = (await getOrder(orderId))!;
    expect(paid.status).toBe('paid');
    expect(paid.timeline.filter((t) => t.status === 'paid')).toHaveLength(1);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 0, sold: 1 });

    // The provider's own event turns up after all: nothing moves twice.
    const sandbox = paymentSandbox();
    const event = sandbox.events.find((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as Json).id === body.payment.paymentId)!;
    expect((await sandbox.deliverAgain(event.event.id)).status).toBe(200);
    await deliverQueuedMail();
    expect((await getOrder(orderId))!.timeline.filter((t) => t.status === 'paid')).toHaveLength(1);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 0, sold: 1 });
    expect((await mailTo(email)).filter((m) => /confirm|thank/i.test(m.subject))).toHaveLength(1);
  });

  it('past the deadline the sweep never puts the paid-for unit back on sale; the expiry job applies the payment instead', async () => {
    const { cart, mineral, orderId } = await paidWithoutWebhook();
    const order = (await getOrder(orderId))!;
    const deadline = new Date(order.paymentDeadline).getTime();
    // The hold sweep long after the window (the expiry job never ran): the hold stays.
    await releaseExpiredHolds(new Date(deadline + 60 * 60_000));
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 1 });
    const rival = await aGuestCart(api);
    expect((await rival.set(mineral.id, 1)).status).toBe(409);

    // The expiry job finds the payment went through and applies it rather than waiting for a webhook.
    await expireUnpaidOrders(new Date(deadline + 60_000));
    expect((await getOrder(orderId))!.status).toBe('pending_payment');
    await deliverQueuedMail();
    expect((await getOrder(orderId))!.status).toBe('paid');
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 0, sold: 1 });
    expect((await loadCart(cart.cartId))!.header.status).toBe('ordered');
    expect((await rival.set(mineral.id, 1)).status).toBe(409);
    const report = await reconcileInventory();
    expect(report.drifts.filter((d) => d.mineralId === mineral.id)).toEqual([]);
  });

  it('a TTL deletion of a line in checkout does not release its hold; the stream record is retried', async () => {
    const { cart, mineral } = await paidWithoutWebhook();
    const line = (await loadCart(cart.cartId))!.lines[0]!;
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: lineKey(cart.cartId, mineral.id) }));
    await expect(releaseTtlDeletedLines([line])).rejects.toBeInstanceOf(HoldAwaitsOrderError);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 0, held: 1 });
  });
});

describe('admin refunds and cancellations', () => {
  async function paidOrder(lines: Array<[string, number]>) {
    const placed = await checkedOut(lines);
    await payWithCard(api, placed.body.payment, CARD.ok);
    await settle(placed.body.payment.paymentId);
    return placed;
  }

  it('a partial refund, then the rest with stock back; never more than was paid; stock back once', async () => {
    const mineral = await stocked(3);
    const { orderId, body } = await paidOrder([[mineral.id, 2]]);
    const total = body.order.totals.totalCents as number;
    const part = await admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: 1_000, reason: 'chipped corner' });
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body).toMatchObject({ status: 'paid', totals: expect.objectContaining({ refundedCents: 1_000 }) });
    const over = await admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: total });
    expect(over.status).toBe(400);
    const rest = await admin('POST', `/api/admin/orders/${orderId}/refund`, { returnStock: [{ mineralId: mineral.id, quantity: 2 }] });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body.status).toBe('refunded');
    expect(rest.body.totals.refundedCents).toBe(total);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 3, sold: 2, returned: 2 });
    expect((await admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: 1 })).status).toBe(409);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 3, returned: 2 });
  });

  it('cancelling a paid order refunds it in full and puts its stock back; a shipped order cannot be cancelled', async () => {
    const mineral = await stocked(2);
    const { orderId, email } = await paidOrder([[mineral.id, 2]]);
    const cancelled = await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'cancelled', note: 'out of packaging' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 2, sold: 2, returned: 2 });
    expect((await mailTo(email)).map((m) => m.subject).join(' ')).toMatch(/cancel/i);

    const other = await stocked(1);
    const shipped = await paidOrder([[other.id, 1]]);
    await admin('POST', `/api/admin/orders/${shipped.orderId}/transitions`, { to: 'packed' });
    await admin('POST', `/api/admin/orders/${shipped.orderId}/transitions`, { to: 'shipped', carrier: 'DHL', trackingNumber: 'JD014600006281230460' });
    const refused = await admin('POST', `/api/admin/orders/${shipped.orderId}/transitions`, { to: 'cancelled' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_transition');
    const noTracking = await admin('POST', `/api/admin/orders/${shipped.orderId}/transitions`, { to: 'shipped' });
    expect(noTracking.status).toBe(400);
  });
});

describe('found in review', () => {
  async function paidOrder(lines: Array<[string, number]>) {
    const placed = await checkedOut(lines);
    await payWithCard(api, placed.body.payment, CARD.ok);
    await settle(placed.body.payment.paymentId);
    return placed;
  }
  const refundsOf = (paymentId: string) => paymentSandbox().refunds().filter((r) => r.payment_intent === paymentId);

  it('two partial refunds at once are both made and both recorded; a retried refund (same Idempotency-Key) is made once', async () => {
    const { orderId, body } = await paidOrder([[(await stocked(2)).id, 1]]);
    const [a, b] = await Promise.all([
      admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: 1_000 }),
      admin('POST', `/api/admin/orders/${orderId}/refund`, { amountCents: 2_000 }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const key = randomUUID();
    const again = () =>
      api.request('POST', `/api/admin/orders/${orderId}/refund`, { headers: { authorization: `Bearer ${adminToken}`, 'idempotency-key': key }, body: { amountCents: 500 } });
    expect((await again()).status).toBe(200);
    await again();
    const made = refundsOf(body.payment.paymentId).reduce((n, r) => n + r.amount, 0);
    expect(made).toBe(3_500);
    expect((await getOrder(orderId))!.refundedCents).toBe(made);
  });

  it('a cancel and a full refund of one paid order at once: one is made; the other is a 409 that says the order changed and names its status', async () => {
    const mineral = await stocked(2);
    const { orderId, body } = await paidOrder([[mineral.id, 1]]);
    const results = await Promise.all([
      admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'cancelled', note: 'customer asked' }),
      admin('POST', `/api/admin/orders/${orderId}/refund`, { returnStock: true }),
    ]);
    expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    const loser = results.find((r) => r.status === 409)!.body.error;
    expect(loser).toMatchObject({ code: 'order_changed', details: { status: winner.status } });
    expect(loser.message).toContain(winner.status);
    // Paid back once, stock back once.
    expect(refundsOf(body.payment.paymentId).reduce((n, r) => n + r.amount, 0)).toBe(body.order.totals.totalCents);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 2, returned: 1 });
  });

  it('a cart whose released line TTL deleted (its line count now too high) still checks out', async () => {
    const [kept, dropped] = await Promise.all([stocked(2), stocked(2)]);
    const cart = await aGuestCart(api);
    await cart.set(kept.id, 1);
    await cart.set(dropped.id, 1);
    // What TTL does a day after a hold was released: the line goes, the header keeps counting it.
    await cart.remove(dropped.id);
    await cart.set(dropped.id, 1);
    await releaseExpiredHolds(new Date(Date.now() + 2 * 60 * 60_000));
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: lineKey(cart.cartId, dropped.id) }));
    const placed = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cart.cartToken },
      body: { cartId: cart.cartId, email: anEmail(), address: denver, shippingMethod: 'standard' },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.order.items.map((i: Json) => i.mineralId)).toEqual([kept.id]);
  });

  it('one order whose payment cannot be cancelled does not stop the expiry of the others', async () => {
    const [first, second] = [await stocked(1), await stocked(2)];
    const stuck = await checkedOut([[first.id, 1]]);
    const fine = await checkedOut([[second.id, 2]]);
    // A payment the provider no longer knows (or one still processing): cancelling it fails.
    await dynamo.send(
      new UpdateCommand({ TableName: tableName, Key: orderKey(stuck.orderId), UpdateExpression: 'SET payment.paymentId = :bogus', ExpressionAttributeValues: { ':bogus': 'pi_unknown' } }),
    );
    const later = new Date(Date.now() + 2 * 60 * 60_000);
    await expireUnpaidOrders(later);
    expect((await getOrder(stuck.orderId))!.status).toBe('pending_payment');
    expect((await getOrder(fine.orderId))!.status).toBe('expired');
    expect(await getStockCounters(second.id)).toMatchObject({ available: 2, held: 0 });
    const cancel = await api.request('POST', `/api/orders/${stuck.orderId}/cancel`, { headers: { 'x-cart-token': stuck.cart.cartToken } });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('payment_in_progress');
  });

  it('a retried "shipped" answers as the first did and mails the shopper once', async () => {
    const { orderId, email } = await paidOrder([[(await stocked(1)).id, 1]]);
    await admin('POST', `/api/admin/orders/${orderId}/transitions`, { to: 'packed' });
    const ship = { to: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' };
    const [first, second] = [await admin('POST', `/api/admin/orders/${orderId}/transitions`, ship), await admin('POST', `/api/admin/orders/${orderId}/transitions`, ship)];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.timeline.filter((t: Json) => t.status === 'shipped')).toHaveLength(1);
    expect((await mailTo(email)).filter((m) => /shipped/i.test(m.subject))).toHaveLength(1);
  });
});

describe('coupon limits', () => {
  it('two orders racing for a coupon\'s last use: one gets it; cancelling gives it back; paying uses it once', async () => {
    const mineral = await stocked(4);
    const code = `LAST-${randomUUID().slice(0, 8)}`.toUpperCase();
    await putCoupon({ code, benefit: { kind: 'percent', bp: 1_000 }, maxRedemptions: 1, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    const carts = await Promise.all([aGuestCart(api), aGuestCart(api)]);
    for (const cart of carts) await cart.set(mineral.id, 1);
    const place = (cart: (typeof carts)[number]) =>
      api.request('POST', '/api/checkout', {
        headers: { 'x-cart-token': cart.cartToken },
        body: { cartId: cart.cartId, email: anEmail(), address: denver, shippingMethod: 'standard', couponCode: code },
      });
    const results = await Promise.all(carts.map(place));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    const loser = results.find((r) => r.status === 400)!;
    expect(loser.body.error.code).toMatch(/coupon_used_up/);
    expect((await getCoupon(code))!.redemptions).toBe(1);

    const winnerIndex = results.findIndex((r) => r.status === 201);
    const winner = results[winnerIndex]!.body;
    const cancel = await api.request('POST', `/api/orders/${winner.order.orderId}/cancel`, { headers: { 'x-cart-token': carts[winnerIndex]!.cartToken } });
    expect(cancel.status).toBe(200);
    expect((await getCoupon(code))!.redemptions).toBe(0);

    const second = await place(carts[1 - winnerIndex]!);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await payWithCard(api, second.body.payment, CARD.ok);
    await settle(second.body.payment.paymentId);
    expect((await getOrder(second.body.order.orderId))!.status).toBe('paid');
    expect((await getCoupon(code))!.redemptions).toBe(1);
  });
});

describe('the inventory invariant', () => {
  it('holds for every mineral after a randomized run of checkouts, payments, declines, cancels, expiries and refunds', async () => {
    const minerals = await Promise.all([stocked(4), stocked(2), stocked(1), stocked(6)]);
    let seed = 20261125;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let round = 0; round < 12; round++) {
      const cart = await aGuestCart(api);
      const mineral = pick(minerals);
      const set = await cart.set(mineral.id, 1 + Math.floor(random() * 2));
      if (set.status !== 200) continue;
      const placed = await api.request('POST', '/api/checkout', {
        headers: { 'x-cart-token': cart.cartToken },
        body: { cartId: cart.cartId, email: anEmail(), address: denver, shippingMethod: 'standard' },
      });
      if (placed.status !== 201) continue;
      const { order, payment } = placed.body as Json;
      const action = pick(['pay', 'pay', 'decline-then-pay', 'cancel', 'expire', 'pay-then-refund', 'pay-then-cancel'] as const);
      if (action === 'cancel') {
        await api.request('POST', `/api/orders/${order.orderId}/cancel`, { headers: { 'x-cart-token': cart.cartToken } });
        if (random() < 0.5) await cart.remove(mineral.id);
        continue;
      }
      if (action === 'expire') {
        await expireUnpaidOrders(new Date(Date.now() + 24 * 60 * 60_000));
        continue;
      }
      if (action === 'decline-then-pay') await payWithCard(api, payment, CARD.declined);
      await payWithCard(api, payment, CARD.ok);
      await settle(payment.paymentId);
      if (action === 'pay-then-refund') await admin('POST', `/api/admin/orders/${order.orderId}/refund`, { returnStock: true });
      if (action === 'pay-then-cancel') await admin('POST', `/api/admin/orders/${order.orderId}/transitions`, { to: 'cancelled' });
    }
    await paymentSandbox().idle();
    await deliverQueuedMail();
    const report = await reconcileInventory();
    const ours = new Set(minerals.map((m) => m.id));
    expect(report.drifts.filter((d) => ours.has(d.mineralId))).toEqual([]);
    expect(report.findings.filter((f) => ours.has(f.mineralId))).toEqual([]);
    for (const m of minerals) {
      const c = (await getStockCounters(m.id))!;
      expect(c.available).toBeGreaterThanOrEqual(0);
      expect(c.held).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('a refund event from the provider', () => {
  it('is recorded on the order once, through the queue message, not parsed and dropped', async () => {
    const { orderId } = await checkedOut([[(await stocked(1)).id, 1]]);
    const order = (await getOrder(orderId))!;
    const refundFailed = parsePaymentEventMessage(
      JSON.stringify({
        eventId: `evt_${randomUUID()}`,
        type: 'refund_updated',
        providerType: 'refund.updated',
        created: 1,
        paymentId: order.payment.paymentId,
        orderId,
        amountCents: 100,
        refund: { refundId: 're_1', status: 'failed' },
      }),
    );
    expect(refundFailed.refund).toMatchObject({ refundId: 're_1', status: 'failed' });
    expect(await applyPaymentEvent(refundFailed)).toBe('applied');
    expect(await applyPaymentEvent(refundFailed)).toBe('duplicate');
    const after = (await getOrder(orderId))!;
    expect(after.eventIds).toEqual([refundFailed.eventId]);
    expect(after.status).toBe('pending_payment');
  });
});
