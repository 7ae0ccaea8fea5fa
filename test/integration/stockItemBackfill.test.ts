// The backfill from the first layout (counters on the mineral item) to the stock-item layout
// (infra/scripts/stockItemBackfill.ts), on items written the way the first layout wrote them: every
// mineral ends with the same counters on its stock item, a card and a listed shelf, and the shop sells
// it; a second run changes nothing; a run stopped after a page is finished by the next.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillStockItems } from '../../infra/scripts/stockItemBackfill';
import { dynamo, tableName } from '../../shared/db/client';
import { adminIndexKeys, catalogIndexKeys, getMineral, getStockCounters, mineralKey, stockKey } from '../../shared/db/minerals';
import type { Mineral } from '../../shared/domain/catalog';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** A mineral item as the first layout wrote it: counters on it, no stock item, no card. */
async function putOldLayout(m: Mineral, counters: { available: number; held: number; sold: number; returned: number; received: number }) {
  const item = { ...mineralKey(m.id), entity: 'mineral', ...catalogIndexKeys(m), ...adminIndexKeys(m), ...m, ...counters, popularityCounted: 0 };
  await dynamo.send(new PutCommand({ TableName: tableName, Item: item }));
}

const raw = async (key: Record<string, string>) => (await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item as Json;

describe('the stock-item backfill', () => {
  it('moves every mineral once, keeps its counters exactly, and the shop sells it afterwards', async () => {
    const old = Array.from({ length: 130 }, (_, i) => aMineral({ name: `Backfill ${String(i).padStart(3, '0')}`, available: 5, ...(i % 2 ? { lowStockThreshold: 6 } : {}) }));
    for (const [i, m] of old.entries()) await putOldLayout(m, { available: 5, held: i % 3, sold: 2, returned: 1, received: 6 + (i % 3) });

    // Stopped after the first page (100 minerals of the admin index) …
    const first = await backfillStockItems({ maxPages: 1 });
    expect(first.cursor).not.toBeNull();
    expect(first.retryLater).toEqual([]);
    // … and finished by the next run from where it stopped.
    const rest = await backfillStockItems({ from: first.cursor ?? undefined });
    expect(rest.cursor).toBeNull();
    expect(first.moved + rest.moved).toBe(old.length);

    for (const [i, m] of old.entries()) {
      expect(await getStockCounters(m.id)).toEqual({ available: 5, held: i % 3, sold: 2, returned: 1, received: 6 + (i % 3) });
      const item = await raw(mineralKey(m.id));
      expect(item).not.toHaveProperty('held');
      expect(item).not.toHaveProperty('available');
      expect(item.listedStock).toBe(i % 2 ? 5 : 4);
      expect(item.card).toMatchObject({ id: m.id, name: m.name, priceCents: m.priceCents });
      expect(await raw(stockKey(m.id))).toMatchObject({ entity: 'stock', mineralId: m.id, name: m.name, status: 'published' });
    }

    // Run again: nothing moves, nothing changes.
    const before = await raw(stockKey(old[0]!.id));
    const again = await backfillStockItems();
    expect(again.moved).toBe(0);
    expect(again.carded).toBe(0);
    expect(again.already).toBeGreaterThanOrEqual(old.length);
    expect(await raw(stockKey(old[0]!.id))).toEqual(before);

    // The moved mineral is on sale as before.
    const m = old[old.length - 1]!;
    expect((await getMineral(m.id))?.available).toBe(5);
    const cart = await aGuestCart(api);
    expect((await cart.set(m.id, 2)).status).toBe(200);
    expect(await getStockCounters(m.id)).toMatchObject({ available: 3, held: 2 });
    const listed = await api.request('GET', `/api/minerals?sort=newest&limit=100&category=${m.category}`);
    expect((listed.body.items as Json[]).find((c) => c.id === m.id)).toMatchObject({ name: m.name, priceCents: m.priceCents });
  });
});
