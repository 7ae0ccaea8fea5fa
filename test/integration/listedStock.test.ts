// The stock counters live on an item of their own (shared/db/minerals.ts, stockKey): a hold or a sale
// writes that small item and never the mineral item, so the catalog's index entries are not
// rewritten; the mineral carries only `listedStock`, the shelf capped as a card shows it, kept by the
// updateListedStock stream worker (fed here as Lambda would). Through the real API and DynamoDB Local.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableStreamFeed } from '../../infra/local/tableStream';
import { startTestTableStream } from '../support/tableStream';
import { dynamo, tableName } from '../../shared/db/client';
import { getStockCounters, mineralKey, putMinerals, stockKey } from '../../shared/db/minerals';
import { WORKERS } from '../../shared/workers';
import { startAdminTestApi } from '../support/adminApi';
import { aGuestCart, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;
let admin: Awaited<ReturnType<typeof startAdminTestApi>>['admin'];
let feed: TableStreamFeed;

beforeAll(async () => {
  setup = await startAdminTestApi();
  ({ api, admin } = setup);
  feed = await startTestTableStream(WORKERS.filter((w) => w.id === 'updateListedStock'));
});
afterAll(async () => {
  await feed?.stop();
  await setup?.close();
});

async function created(initialStock: number, extra: Record<string, unknown> = {}): Promise<Json> {
  const tag = randomUUID().slice(0, 8);
  const res = await admin('POST', '/api/admin/minerals', {
    id: `listed-${tag}`,
    name: `Zz Listed Calcite ${tag}`,
    category: 'carbonates',
    description: 'Dogtooth crystals.',
    quality: 'Sharp.',
    origin: 'Elmwood Mine, Tennessee',
    mohsHardness: 3,
    weightGrams: 120,
    priceCents: 4_500,
    initialStock,
    status: 'published',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const rawItem = async (key: Record<string, string>) => (await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

/** The mineral's card as the catalog lists it (newest first: a new mineral is on the first page). */
async function card(id: string, query = ''): Promise<Json | undefined> {
  const res = await api.request('GET', `/api/minerals?sort=newest&limit=100&category=carbonates${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as Json[]).find((m) => m.id === id);
}

describe('stock on an item of its own', () => {
  it('a hold writes the stock item, never the mineral item; the product page and the cart read the exact shelf', async () => {
    const m = await created(20);
    const before = await rawItem(mineralKey(m.id));
    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 3)).status).toBe(200);
    expect(await rawItem(mineralKey(m.id))).toEqual(before);
    expect(await getStockCounters(m.id)).toEqual({ available: 17, held: 3, sold: 0, returned: 0, received: 20 });
    expect((await rawItem(stockKey(m.id)))).toMatchObject({ entity: 'stock', mineralId: m.id, status: 'published', available: 17, held: 3 });
    expect((await api.request('GET', `/api/minerals/${m.id}`)).body.available).toBe(17);
    expect((await cart.view()).body.lines[0]).toMatchObject({ mineralId: m.id, quantity: 3, available: 17 });
    // A deep shelf lists as "4 or more" whatever moves: the stream worker writes nothing.
    await feed.drain();
    expect(await rawItem(mineralKey(m.id))).toEqual(before);
    expect((await card(m.id))?.available).toBe(4);
  });

  it('the listed shelf follows the counters once it is low, and the in-stock filter follows it to sold out and back', async () => {
    const m = await created(5);
    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 3)).status).toBe(200);
    await feed.drain();
    expect((await card(m.id))?.available).toBe(2);
    expect((await cart.set(m.id, 5)).status).toBe(200);
    await feed.drain();
    expect((await card(m.id))?.available).toBe(0);
    expect(await card(m.id, '&inStock=true')).toBeUndefined();
    expect((await cart.remove(m.id)).status).toBe(200);
    await feed.drain();
    expect((await card(m.id, '&inStock=true'))?.available).toBe(4);
  });

  it('the last of many quick changes wins, however the stream is replayed', async () => {
    const m = await created(6);
    const cart = await aGuestCart(api);
    for (const q of [1, 2, 3, 4, 5, 2]) expect((await cart.set(m.id, q)).status).toBe(200);
    const replay = await startTestTableStream(WORKERS.filter((w) => w.id === 'updateListedStock'));
    try {
      await feed.drain();
      await replay.drain();
    } finally {
      await replay.stop();
    }
    expect((await rawItem(mineralKey(m.id)))?.listedStock).toBe(4);
    expect((await card(m.id))?.available).toBe(4);
  });

  it('an edit copies status, name and threshold onto the stock item in the same transaction: an archived mineral cannot be held', async () => {
    const m = await created(9, { lowStockThreshold: 2 });
    const edited = await admin('PATCH', `/api/admin/minerals/${m.id}`, { expectedUpdatedAt: m.updatedAt, lowStockThreshold: 8, name: `${m.name} (renamed)` });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await rawItem(stockKey(m.id))).toMatchObject({ name: `${m.name} (renamed)`, lowStockThreshold: 8, status: 'published' });
    await feed.drain();
    // Exact one above the threshold, so the admin's "low" filter can tell 9 from 8.
    expect((await rawItem(mineralKey(m.id)))?.listedStock).toBe(9);
    const listed = async (stock: string) => {
      const res = await admin('GET', `/api/admin/minerals?q=${encodeURIComponent(`${m.name} (renamed)`)}&stock=${stock}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as Json[]).map((i) => i.id);
    };
    expect(await listed('low')).toEqual([]);
    expect(await listed('in_stock')).toEqual([m.id]);
    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 1)).status).toBe(200);
    await feed.drain();
    expect(await listed('low')).toEqual([m.id]);
    expect((await cart.remove(m.id)).status).toBe(200);

    const archived = await admin('PATCH', `/api/admin/minerals/${m.id}`, { expectedUpdatedAt: edited.body.updatedAt, status: 'archived' });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect(await rawItem(stockKey(m.id))).toMatchObject({ status: 'archived' });
    expect((await cart.set(m.id, 1)).status).toBe(404);
    expect(await getStockCounters(m.id)).toMatchObject({ available: 9, held: 0 });
  });

  it('the admin\'s "low" filter answers for minerals with a threshold, without one and with one cleared (it answered 500)', async () => {
    const tag = randomUUID().slice(0, 8);
    const none = aMineral({ name: `Zz Low ${tag} none`, available: 1 });
    const cleared = aMineral({ name: `Zz Low ${tag} cleared`, available: 1 });
    const deep = aMineral({ name: `Zz Low ${tag} deep`, available: 2, lowStockThreshold: 1 });
    await putMinerals([none, cleared, deep]);
    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: mineralKey(cleared.id), UpdateExpression: 'SET lowStockThreshold = :n', ExpressionAttributeValues: { ':n': null } }));
    const res = await admin('GET', `/api/admin/minerals?q=${encodeURIComponent(`Zz Low ${tag}`)}&stock=low`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body.items as Json[]).map((i) => i.id)).toEqual([cleared.id, none.id]);
  });
});
