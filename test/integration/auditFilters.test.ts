// The whole audit log narrowed on the server: by kind of object, by admin, or both, newest first; a
// narrowed page may come back short with a cursor, and following it finds the rest.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSignIn, ensurePoolUser } from '../../infra/local/cognito';
import { startAdminTestApi } from '../support/adminApi';
import type { Json } from '../support/api';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let secondToken: string;

beforeAll(async () => {
  setup = await startAdminTestApi();
  const { config } = setup.auth;
  await ensurePoolUser(config.endpoint, config.userPoolId, { email: 'second-admin@mineral-shop.test', password: 'Second-Admin-1', groups: ['admin'] });
  secondToken = await adminSignIn(config.endpoint, config.clientId, 'second-admin@mineral-shop.test', 'Second-Admin-1');
});
afterAll(() => setup?.close());

const second = (method: string, path: string, body?: unknown) =>
  setup.api.request(method, path, { headers: { authorization: `Bearer ${secondToken}` }, ...(body === undefined ? {} : { body }) });

async function wholeLog(query: string): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const res = await setup.admin('GET', `/api/admin/audit?${query}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe('GET /api/admin/audit narrowed', () => {
  it('to a kind, to an admin, or both', async () => {
    const mine = `MINE-${randomUUID().slice(0, 6)}`.toUpperCase();
    const theirs = `THEIRS-${randomUUID().slice(0, 6)}`.toUpperCase();
    expect((await setup.admin('POST', '/api/admin/coupons', { code: mine, benefit: { kind: 'free-shipping' } })).status).toBe(201);
    expect((await second('POST', '/api/admin/coupons', { code: theirs, benefit: { kind: 'free-shipping' } })).status).toBe(201);
    const made = await second('POST', '/api/admin/minerals', {
      name: `Audited ${randomUUID().slice(0, 6)}`, category: 'oxides', description: 'A test specimen.', quality: 'Fine.', origin: 'Somewhere', mohsHardness: 6, weightGrams: 50, priceCents: 1_000,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const secondSub = (await setup.admin('GET', `/api/admin/audit?objectType=coupon&objectId=${theirs}`)).body.items[0].by.sub as string;

    const coupons = await wholeLog('objectType=coupon');
    expect(coupons.every((r) => r.objectType === 'coupon')).toBe(true);
    expect(coupons.map((r) => r.objectId)).toEqual(expect.arrayContaining([mine, theirs]));

    const bySecond = await wholeLog(`by=${secondSub}`);
    expect(bySecond.every((r) => r.by.sub === secondSub)).toBe(true);
    expect(bySecond.map((r) => r.objectId)).toEqual(expect.arrayContaining([theirs, made.body.id]));
    expect(bySecond.map((r) => r.objectId)).not.toContain(mine);
    const times = bySecond.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());

    const both = await wholeLog(`objectType=coupon&by=${secondSub}`);
    expect(both.map((r) => r.objectId)).toContain(theirs);
    expect(both.every((r) => r.objectType === 'coupon' && r.by.sub === secondSub)).toBe(true);
    expect(both.map((r) => r.objectId)).not.toContain(made.body.id);
  });

  it('refuses an object id without its kind, and an admin with one object', async () => {
    expect((await setup.admin('GET', '/api/admin/audit?objectId=abc')).status).toBe(400);
    expect((await setup.admin('GET', '/api/admin/audit?objectType=coupon&objectId=ABC&by=someone')).status).toBe(400);
    expect((await setup.admin('GET', '/api/admin/audit?objectType=planet')).status).toBe(400);
  });
});
