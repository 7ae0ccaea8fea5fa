// Popularity is folded in by a scheduled job from each mineral's net sales, not bumped inside the
// paid transaction: a paid order leaves popularity and its sort keys alone; the job moves them once,
// rewrites nothing when no sale happened since, and takes over minerals written before it existed.
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refreshPopularity } from '../../shared/catalog/popularity';
import { dynamo, tableName } from '../../shared/db/client';
import { mineralKey, putMinerals } from '../../shared/db/minerals';
import { getOrder } from '../../shared/db/orders';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';
import { paymentSandbox, payWithCard } from '../support/payments';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

async function buy(mineralId: string, quantity: number): Promise<void> {
  const cart = await aGuestCart(api);
  expect((await cart.set(mineralId, quantity)).status).toBe(200);
  const placed = await api.request('POST', '/api/checkout', {
    headers: { 'x-cart-token': cart.cartToken, 'idempotency-key': randomUUID() },
    body: { cartId: cart.cartId, email: `buyer-${randomUUID()}@example.com`, address: denver, shippingMethod: 'standard' },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const { payment } = placed.body as Json;
  expect((await payWithCard(api, payment)).status).toBe(200);
  const delivery = await paymentSandbox().waitForEvent(
    (d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === payment.paymentId,
  );
  expect(delivery.state).toBe('delivered');
  // The order queue's processor marks it paid (and queues its mail).
  await deliverQueuedMail();
  expect((await getOrder(placed.body.order.orderId))?.status).toBe('paid');
}

const popularity = async (id: string) => (await api.get(`/api/minerals/${id}`)).body.popularity as number;
const popularOrder = async () => ((await api.get('/api/minerals?category=oxides&sort=popular')).body.items as Json[]).map((m) => m.id as string);

it('a paid order moves no popularity; the job folds the net sales in once and then rewrites nothing', async () => {
  const bought = aMineral({ category: 'oxides', popularity: 5, available: 10 });
  const rival = aMineral({ category: 'oxides', popularity: 6, available: 10 });
  await putMinerals([bought, rival]);

  await buy(bought.id, 2);
  expect(await popularity(bought.id)).toBe(5);
  expect(await popularOrder()).toEqual([rival.id, bought.id]);

  const first = await refreshPopularity();
  expect(first.updated).toBeGreaterThanOrEqual(1);
  expect(await popularity(bought.id)).toBe(7);
  expect(await popularity(rival.id)).toBe(6);
  expect(await popularOrder()).toEqual([bought.id, rival.id]);

  const again = await refreshPopularity();
  expect(again.updated).toBe(0);
  expect(await popularity(bought.id)).toBe(7);
});

it('takes over a mineral written before the job, whose sales are already in its popularity', async () => {
  const older = aMineral({ category: 'native-elements', popularity: 9, available: 10 });
  await putMinerals([older]);
  // The old layout: sales counted into popularity as they were paid, no popularityCounted.
  await dynamo.send(
    new UpdateCommand({ TableName: tableName, Key: mineralKey(older.id), UpdateExpression: 'SET sold = :s, available = :a REMOVE popularityCounted', ExpressionAttributeValues: { ':s': 4, ':a': 6 } }),
  );
  await refreshPopularity();
  expect(await popularity(older.id)).toBe(9);

  await buy(older.id, 1);
  await refreshPopularity();
  expect(await popularity(older.id)).toBe(10);
});
