// The shopper's wishlist through the real HTTP path: add, list, remove, idempotency, ownership, the cap.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../shared/db/client';
import { mineralKey, putMinerals, stockKey } from '../../shared/db/minerals';
import { WISHLIST_MAX_ENTRIES } from '../../shared/db/wishlist';
import type { Mineral } from '../../shared/domain/catalog';
import { startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

let seq = 0;

async function aShopper() {
  seq += 1;
  const username = `wisher${seq}${Math.random().toString(36).slice(2, 6)}`;
  const res = await api.request('POST', '/api/auth/register', {
    body: { username, email: `${username}@example.com`, password: 'correct horse battery', name: `Wisher ${seq}` },
  });
  expect(res.status).toBe(201);
  const headers = { authorization: `Bearer ${res.body.session.accessToken as string}` };
  return {
    list: () => api.request('GET', '/api/me/wishlist', { headers }),
    add: (mineralId: string) => api.request('PUT', `/api/me/wishlist/${mineralId}`, { headers }),
    remove: (mineralId: string) => api.request('DELETE', `/api/me/wishlist/${mineralId}`, { headers }),
  };
}

async function someMinerals(count: number, overrides: Partial<Mineral> = {}): Promise<Mineral[]> {
  const minerals = Array.from({ length: count }, () => aMineral(overrides));
  await putMinerals(minerals);
  return minerals;
}

const ids = (body: { items: { mineralId: string }[] }) => body.items.map((i) => i.mineralId);
const tick = () => new Promise((r) => setTimeout(r, 3));

describe('wishlist', () => {
  it('adds minerals, lists them newest first with their card fields, and removes them', async () => {
    const shopper = await aShopper();
    const [a, b] = await someMinerals(2, { available: 3 });

    const added = await shopper.add(a!.id);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      mineralId: a!.id,
      name: a!.name,
      image: a!.image,
      priceCents: a!.priceCents,
      currency: 'USD',
      available: 3,
      addedAt: expect.any(String),
    });
    await tick();
    expect((await shopper.add(b!.id)).status).toBe(201);

    const listed = await shopper.list();
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toEqual([b!.id, a!.id]);
    expect(listed.body.items[1]).toEqual(added.body);

    expect((await shopper.remove(a!.id)).status).toBe(204);
    expect(ids((await shopper.list()).body)).toEqual([b!.id]);
  });

  it('is idempotent: adding twice keeps one entry (200, first date kept), removing twice is 204 both times', async () => {
    const shopper = await aShopper();
    const [m] = await someMinerals(1);
    const first = await shopper.add(m!.id);
    await tick();
    const again = await shopper.add(m!.id);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.addedAt).toBe(first.body.addedAt);
    expect(ids((await shopper.list()).body)).toEqual([m!.id]);

    const removes = [await shopper.remove(m!.id), await shopper.remove(m!.id)];
    expect(removes.map((r) => r.status)).toEqual([204, 204]);
    expect((await shopper.list()).body.items).toEqual([]);
  });

  it('adds the same mineral from parallel requests exactly once', async () => {
    const shopper = await aShopper();
    const [m] = await someMinerals(1);
    const results = await Promise.all(Array.from({ length: 5 }, () => shopper.add(m!.id)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(ids((await shopper.list()).body)).toEqual([m!.id]);
  });

  it('shows the current price and availability, not those of the day it was added', async () => {
    const shopper = await aShopper();
    const [m] = await someMinerals(1, { priceCents: 4200, available: 2 });
    await shopper.add(m!.id);
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mineralKey(m!.id),
        UpdateExpression: 'SET priceCents = :p, #n = :n',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':p': 3900, ':n': 'Renamed specimen' },
      }),
    );
    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: stockKey(m!.id), UpdateExpression: 'SET available = :a', ExpressionAttributeValues: { ':a': 0 } }));
    const [item] = (await shopper.list()).body.items;
    expect(item).toMatchObject({ mineralId: m!.id, priceCents: 3900, available: 0, name: 'Renamed specimen' });
  });

  it('leaves out minerals that are no longer in the catalog', async () => {
    const shopper = await aShopper();
    const [kept, gone] = await someMinerals(2);
    await shopper.add(kept!.id);
    await shopper.add(gone!.id);
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: mineralKey(gone!.id) }));
    const listed = await shopper.list();
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toEqual([kept!.id]);
  });

  it('answers 404 for an unknown mineral and 400 for a malformed id, adding nothing', async () => {
    const shopper = await aShopper();
    const unknown = await shopper.add('no-such-mineral');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await shopper.add('Not_An_Id')).status).toBe(400);
    expect((await shopper.remove('Not_An_Id')).status).toBe(400);
    expect((await shopper.list()).body.items).toEqual([]);
  });

  it('is each shopper’s own: another shopper neither sees nor removes it', async () => {
    const alice = await aShopper();
    const bob = await aShopper();
    const [m, n] = await someMinerals(2);
    await alice.add(m!.id);
    await bob.add(n!.id);
    expect((await bob.remove(m!.id)).status).toBe(204);
    expect(ids((await alice.list()).body)).toEqual([m!.id]);
    expect(ids((await bob.list()).body)).toEqual([n!.id]);
  });

  it('needs a signed-in shopper', async () => {
    const [m] = await someMinerals(1);
    for (const [method, path] of [
      ['GET', '/api/me/wishlist'],
      ['PUT', `/api/me/wishlist/${m!.id}`],
      ['DELETE', `/api/me/wishlist/${m!.id}`],
    ] as const) {
      const res = await api.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it(`holds at most ${WISHLIST_MAX_ENTRIES} minerals, with a clear 400, and makes room by dropping minerals that are gone`, async () => {
    const shopper = await aShopper();
    const minerals = await someMinerals(WISHLIST_MAX_ENTRIES + 1);
    const fill = minerals.slice(0, WISHLIST_MAX_ENTRIES);
    for (let i = 0; i < fill.length; i += 20) {
      const results = await Promise.all(fill.slice(i, i + 20).map((m) => shopper.add(m.id)));
      expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    }
    const last = minerals.at(-1)!;
    const full = await shopper.add(last.id);
    expect(full.status).toBe(400);
    expect(full.body.error).toMatchObject({ code: 'wishlist_full', message: expect.stringMatching(/at most 200/) });
    // Re-adding what is already there is still fine at the cap.
    expect((await shopper.add(fill[0]!.id)).status).toBe(200);

    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: mineralKey(fill[5]!.id) }));
    expect((await shopper.add(last.id)).status).toBe(201);
    const listed = await shopper.list();
    expect(listed.body.items).toHaveLength(WISHLIST_MAX_ENTRIES);
    expect(ids(listed.body)).not.toContain(fill[5]!.id);
    expect(ids(listed.body)).toContain(last.id);
  });
});
