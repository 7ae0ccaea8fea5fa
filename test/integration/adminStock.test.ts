// Stock received by an admin while shoppers take the same mineral: the counters, the ledger and the
// holds stay in step (available + held + sold − returned = received) and nothing is oversold.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkInvariant } from '../../shared/domain/inventory';
import { ledgerTotal } from '../../shared/db/ledger';
import { getStockCounters } from '../../shared/db/minerals';
import { startAdminTestApi } from '../support/adminApi';
import { aGuestCart } from '../support/api';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;

beforeAll(async () => {
  setup = await startAdminTestApi();
});
afterAll(() => setup?.close());

it('a receipt during 50 concurrent add-to-carts keeps the invariant and oversells nothing', async () => {
  const id = `admin-stock-${randomUUID().slice(0, 8)}`;
  const { api, admin } = setup;
  const created = await admin('POST', '/api/admin/minerals', {
    id,
    name: `Zz Stock Test ${id}`,
    category: 'halides',
    description: 'Blue cubes.',
    quality: 'Clean.',
    origin: 'Somewhere',
    mohsHardness: 4,
    weightGrams: 100,
    priceCents: 1_000,
    status: 'published',
    initialStock: 20,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);

  const carts = await Promise.all(Array.from({ length: 50 }, () => aGuestCart(api)));
  const [receipt, ...adds] = await Promise.all([
    admin('POST', `/api/admin/minerals/${id}/stock`, { kind: 'receipt', delta: 10, reason: 'delivery' }),
    ...carts.map((cart) => cart.set(id, 1)),
  ]);
  expect(receipt!.status, JSON.stringify(receipt!.body)).toBe(200);
  for (const add of adds) expect([200, 409]).toContain(add.status);
  const taken = adds.filter((a) => a.status === 200).length;

  const counters = (await getStockCounters(id))!;
  expect(counters.received).toBe(30);
  expect(counters.held).toBe(taken);
  expect(taken).toBeLessThanOrEqual(30);
  expect(counters.available).toBe(30 - taken);
  expect(counters.available + counters.held + counters.sold - counters.returned).toBe(counters.received);
  expect(checkInvariant(counters, await ledgerTotal(id))).toBeUndefined();
});
