// The adminLists backfill (infra/scripts/adminListsBackfill.ts) on coupons and flash sales stored as
// before the index existed: each gets its key, the console's coupon list, review queue and Sales
// page then show them, a mineral without a sale gets none, and a second run changes nothing.
import { randomUUID } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillAdminLists } from '../../infra/scripts/adminListsBackfill';
import { dynamo, tableName } from '../../shared/db/client';
import { couponKey, putCoupon } from '../../shared/db/coupons';
import { mineralKey, putMinerals } from '../../shared/db/minerals';
import { reviewKey as reviewKeyOf } from '../../shared/db/reviews';
import { INDEXES } from '../../shared/db/table';
import { startAdminTestApi } from '../support/adminApi';
import { aGuestOrder, type Json } from '../support/api';
import { aMineral } from '../support/builders';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
beforeAll(async () => {
  setup = await startAdminTestApi();
});
afterAll(() => setup?.close());

const withoutListKeys = (key: Record<string, unknown>) =>
  dynamo.send(new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: 'REMOVE #p, #s', ExpressionAttributeNames: { '#p': INDEXES.adminLists.pk, '#s': INDEXES.adminLists.sk } }));

async function allCouponCodes(): Promise<string[]> {
  const codes: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await setup.admin('GET', `/api/admin/coupons?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    codes.push(...res.body.items.map((c: Json) => c.code));
    cursor = res.body.nextCursor;
  } while (cursor);
  return codes;
}

describe('the adminLists backfill', () => {
  it('lists old coupons, reviews, shoppers and flash sales, leaves minerals without a sale out, and a second run changes nothing', async () => {
    const code = `OLD-${randomUUID().slice(0, 8)}`.toUpperCase();
    await putCoupon({ code, benefit: { kind: 'percent', bp: 500 } });
    const hour = 3_600_000;
    const onSale = aMineral({ flashSale: { markdown: { kind: 'percent-off', bp: 1_000 }, startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + hour).toISOString() } });
    const plain = aMineral();
    await putMinerals([onSale, plain]);
    await withoutListKeys(couponKey(code));
    await withoutListKeys(mineralKey(onSale.id));
    expect(await allCouponCodes()).not.toContain(code);
    expect((await setup.admin('GET', '/api/admin/sales')).body.now.map((s: Json) => s.mineralId)).not.toContain(onSale.id);

    const register = await setup.api.request('POST', '/api/auth/register', { body: { username: `old${randomUUID().slice(0, 6)}`, email: `old-${randomUUID()}@example.com`, password: 'correct horse battery', name: 'Old Reviewer' } });
    const posted = await setup.api.request('POST', `/api/minerals/${plain.id}/reviews`, { body: { rating: 4, text: 'Reviewed before the queue.' }, headers: { authorization: `Bearer ${register.body.session.accessToken as string}` } });
    expect(posted.status).toBe(201);
    await withoutListKeys(reviewKeyOf(plain.id, register.body.user.userId as string));
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: { pk: `USER#${register.body.user.userId as string}`, sk: 'NAMEKEY' } }));
    const named = async () => (await setup.admin('GET', '/api/admin/customers?name=old%20reviewer&limit=100')).body.items.map((u: Json) => u.userId);
    expect(await named()).not.toContain(register.body.user.userId);
    const queued = async () => (await setup.admin('GET', '/api/admin/reviews?limit=100')).body.items.map((r: Json) => r.reviewId);
    expect(await queued()).not.toContain(posted.body.review.reviewId);

    // An order placed before the search items existed.
    const stocked = aMineral({ available: 3 });
    await putMinerals([stocked]);
    const buyer = `old-buyer-${randomUUID()}@example.com`;
    const { placed, orderId } = await aGuestOrder(setup.api, stocked.id, buyer);
    const number = placed.order.number as string;
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: { pk: `ORDERNUMBER#${number}`, sk: `ORDER#${orderId}` } }));
    const found = async (q: string) => (await setup.admin('GET', `/api/admin/orders?q=${encodeURIComponent(q)}`)).body.orders.map((o: Json) => o.orderId);
    expect(await found(number)).toEqual([]);
    expect(await found(buyer)).toEqual([]);

    const first = await backfillAdminLists();
    expect(first.orders).toBeGreaterThanOrEqual(1);
    expect(await found(number)).toEqual([orderId]);
    expect(await found(buyer.toUpperCase())).toEqual([orderId]);
    expect(first.reviews).toBeGreaterThanOrEqual(1);
    expect(await queued()).toContain(posted.body.review.reviewId);
    expect(first.customers).toBeGreaterThanOrEqual(1);
    expect(await named()).toContain(register.body.user.userId);
    expect(first.coupons).toBeGreaterThanOrEqual(1);
    expect(first.sales).toBeGreaterThanOrEqual(1);
    expect(await allCouponCodes()).toContain(code);
    const sales = (await setup.admin('GET', '/api/admin/sales')).body;
    expect(sales.now.map((s: Json) => s.mineralId)).toContain(onSale.id);
    expect([...sales.now, ...sales.next, ...sales.ended].map((s: Json) => s.mineralId)).not.toContain(plain.id);

    const second = await backfillAdminLists();
    expect(second).toMatchObject({ coupons: 0, reviews: 0, customers: 0, sales: 0, orders: 0 });
    expect(second.already).toBeGreaterThanOrEqual(2);
  });
});
