// The order-listing backfill (infra/scripts/orderListingBackfill.ts) on orders stored as before the
// listing existed: every order gets the listing made from itself, in whatever status; a run stopped
// after one page is finished by the next from its cursor; a second run changes nothing; the admin's
// queue then lists them.
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillOrderListings } from '../../infra/scripts/orderListingBackfill';
import { dynamo, tableName } from '../../shared/db/client';
import { listingOf, newOrderPut, orderKey, type Order } from '../../shared/db/orders';
import { startAdminTestApi } from '../support/adminApi';
import type { Json } from '../support/api';
import { anOrder } from '../support/builders';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
beforeAll(async () => {
  setup = await startAdminTestApi();
});
afterAll(() => setup?.close());

async function storedWithoutListing(orders: Order[]) {
  for (let i = 0; i < orders.length; i += 25) await dynamo.send(new TransactWriteCommand({ TransactItems: orders.slice(i, i + 25).map(newOrderPut) }));
  for (const o of orders) await dynamo.send(new UpdateCommand({ TableName: tableName, Key: orderKey(o.orderId), UpdateExpression: 'REMOVE listing' }));
}

const listingOfStored = async (orderId: string) => (await dynamo.send(new GetCommand({ TableName: tableName, Key: orderKey(orderId), ConsistentRead: true }))).Item?.listing as Json;

describe('the order-listing backfill', () => {
  it('lists every order from itself, resumes from its cursor, and a second run changes nothing', async () => {
    const base = Date.UTC(2026, 10, 1);
    const orders = [
      ...Array.from({ length: 130 }, (_, i) => anOrder({ status: 'paid', createdAt: new Date(base + i * 60_000).toISOString() })),
      anOrder({ status: 'shipped', refundedCents: 300 }),
      anOrder({ status: 'pending_payment' }),
    ];
    await storedWithoutListing(orders);

    const first = await backfillOrderListings({ maxPages: 1 });
    expect(first.cursor).not.toBeNull();
    const rest = await backfillOrderListings({ from: first.cursor ?? undefined });
    expect(rest.cursor).toBeNull();
    expect(first.listed + rest.listed).toBe(orders.length);
    for (const o of orders) expect(await listingOfStored(o.orderId)).toEqual(listingOf(o));

    const again = await backfillOrderListings();
    expect(again.listed).toBe(0);

    const shipped = await setup.admin('GET', '/api/admin/orders?status=shipped');
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.orders).toEqual([expect.objectContaining({ orderId: orders[130]!.orderId, totals: expect.objectContaining({ refundedCents: 300 }) })]);
  });
});
