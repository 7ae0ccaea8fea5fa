// "Verified purchase" on reviews, through the real order pipeline: a shopper's cart is checked out,
// paid with a sandbox card, the signed webhook goes through the order queue and processor, and only
// then do their reviews of what they bought say verifiedPurchase: true.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../shared/db/client';
import { putMinerals } from '../../shared/db/minerals';
import { getOrder } from '../../shared/db/orders';
import { purchaseKey } from '../../shared/db/purchases';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';
import { paymentSandbox, payWithCard, TEST_CARDS } from '../support/payments';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

async function stocked(available = 3) {
  const mineral = aMineral({ available });
  await putMinerals([mineral]);
  return mineral;
}

async function aShopper() {
  const username = `buyer${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.com`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email, password: 'pyrite-and-galena-42', name: 'Ada Stone' } });
  expect(res.status).toBe(201);
  const userId = res.body.user.userId as string;
  const headers = { authorization: `Bearer ${res.body.session.accessToken as string}` };
  return {
    userId,
    email,
    headers,
    review: (mineralId: string, rating = 5) =>
      api.request('POST', `/api/minerals/${mineralId}/reviews`, { headers, body: { rating, text: `Rated ${rating}.` } }),
  };
}
type Shopper = Awaited<ReturnType<typeof aShopper>>;

/** The shopper's cart holding `lines`, checked out to Denver: the order awaits payment. */
async function checkedOut(shopper: Shopper, lines: Array<[string, number]>) {
  const opened = await api.request('POST', '/api/carts', { headers: shopper.headers });
  const cartId = opened.body.cartId as string;
  for (const [id, quantity] of lines) {
    expect((await api.request('PUT', `/api/carts/${cartId}/items/${id}`, { headers: shopper.headers, body: { quantity } })).status).toBe(200);
  }
  const placed = await api.request('POST', '/api/checkout', { headers: shopper.headers, body: { cartId, address: denver, shippingMethod: 'standard' } });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return placed.body as Json;
}

/** Pays the order with a good card and runs the webhook through the order queue and processor. */
async function paid(placed: Json) {
  expect((await payWithCard(api, placed.payment, TEST_CARDS.succeeds)).status).toBe(200);
  const paymentId = placed.payment.paymentId as string;
  const delivery = await paymentSandbox().waitForEvent(
    (d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === paymentId,
  );
  expect(delivery.state).toBe('delivered');
  await deliverQueuedMail();
  expect((await getOrder(placed.order.orderId))?.status).toBe('paid');
}

const purchaseMarker = async (userId: string, mineralId: string) =>
  (await dynamo.send(new GetCommand({ TableName: tableName, Key: purchaseKey(userId, mineralId), ConsistentRead: true }))).Item;

describe('verifiedPurchase on reviews', () => {
  it('is true for each mineral of the shopper’s paid order, and false for one they did not buy', async () => {
    const [geode, pyrite, other] = await Promise.all([stocked(), stocked(), stocked()]);
    const ada = await aShopper();
    await paid(await checkedOut(ada, [[geode.id, 2], [pyrite.id, 1]]));

    const reviews = [await ada.review(geode.id), await ada.review(pyrite.id), await ada.review(other.id)];
    expect(reviews.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(reviews.map((r) => r.body.review.verifiedPurchase)).toEqual([true, true, false]);
    // Anyone reading the reviews sees it too.
    const listed = await api.get(`/api/minerals/${geode.id}/reviews`);
    expect(listed.body.items).toEqual([expect.objectContaining({ verifiedPurchase: true })]);
  });

  it('is false while the order awaits payment, and true when the shopper posts again after paying', async () => {
    const mineral = await stocked();
    const bob = await aShopper();
    const placed = await checkedOut(bob, [[mineral.id, 1]]);

    const before = await bob.review(mineral.id, 3);
    expect(before.status).toBe(201);
    expect(before.body.review.verifiedPurchase).toBe(false);

    await paid(placed);
    const after = await bob.review(mineral.id, 4);
    expect(after.status).toBe(200);
    expect(after.body.review).toMatchObject({ reviewId: before.body.review.reviewId, rating: 4, verifiedPurchase: true });
  });

  it('is false for another shopper, even one who reviews the same mineral', async () => {
    const mineral = await stocked();
    const buyer = await aShopper();
    const bystander = await aShopper();
    await paid(await checkedOut(buyer, [[mineral.id, 1]]));

    expect((await buyer.review(mineral.id)).body.review.verifiedPurchase).toBe(true);
    expect((await bystander.review(mineral.id)).body.review.verifiedPurchase).toBe(false);
  });

  it('is false for an account whose address only placed a guest order (guest orders belong to no account)', async () => {
    const mineral = await stocked();
    const ada = await aShopper();
    const cart = await aGuestCart(api);
    expect((await cart.set(mineral.id, 1)).status).toBe(200);
    const placed = await api.request('POST', '/api/checkout', {
      headers: { 'x-cart-token': cart.cartToken },
      body: { cartId: cart.cartId, email: ada.email, address: denver, shippingMethod: 'standard' },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    await paid(placed.body);

    expect((await ada.review(mineral.id)).body.review.verifiedPurchase).toBe(false);
  });

  it('keeps the first order that bought a mineral on the purchase marker when the shopper buys it again', async () => {
    const mineral = await stocked(2);
    const ada = await aShopper();
    const first = await checkedOut(ada, [[mineral.id, 1]]);
    await paid(first);
    const second = await checkedOut(ada, [[mineral.id, 1]]);
    await paid(second);

    expect(await purchaseMarker(ada.userId, mineral.id)).toMatchObject({ entity: 'purchase', firstOrderId: first.order.orderId });
    expect((await ada.review(mineral.id)).body.review.verifiedPurchase).toBe(true);
  });
});
