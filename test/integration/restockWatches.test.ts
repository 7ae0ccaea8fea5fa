// Restock watches through the real HTTP path: a guest or a signed-in shopper watches a sold-out
// mineral once per address (idempotent), and every refusal writes nothing. The mails come later.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { listRestockWatches } from '../../shared/db/restockWatches';
import type { Mineral } from '../../shared/domain/catalog';
import { startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

async function aListedMineral(overrides: Partial<Mineral> = {}): Promise<Mineral> {
  const m = aMineral({ available: 0, ...overrides });
  await putMinerals([m]);
  return m;
}

async function aShopper() {
  const username = `watcher${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.com`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email, password: 'correct horse battery', name: 'Wanda Watcher' } });
  expect(res.status).toBe(201);
  return { email, headers: { authorization: `Bearer ${res.body.session.accessToken as string}` } };
}

const anEmail = () => `guest-${randomUUID()}@example.com`;
const watch = (mineralId: string, body: unknown, headers: Record<string, string> = {}) =>
  api.request('POST', `/api/minerals/${mineralId}/restock-alerts`, { body, headers });

describe('POST /api/minerals/{id}/restock-alerts', () => {
  it('stores a guest’s watch (201) and answers 200 with the same watch when asked again, case aside', async () => {
    const m = await aListedMineral();
    const email = anEmail();
    const first = await watch(m.id, { email });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ mineralId: m.id, email, createdAt: expect.any(String) });

    const again = await watch(m.id, { email: email.toUpperCase() });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ mineralId: m.id, email: email.toUpperCase(), createdAt: first.body.createdAt });
    expect(await listRestockWatches(m.id)).toEqual([{ mineralId: m.id, email, userId: null, createdAt: first.body.createdAt }]);
  });

  it('watches with a signed-in shopper’s account email when they give none', async () => {
    const m = await aListedMineral();
    const shopper = await aShopper();
    const res = await watch(m.id, {}, shopper.headers);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ mineralId: m.id, email: shopper.email, createdAt: expect.any(String) });
    const [stored] = await listRestockWatches(m.id);
    expect(stored).toMatchObject({ email: shopper.email, userId: expect.any(String) });
    // The same address as a guest is the same watch.
    expect((await watch(m.id, { email: shopper.email })).status).toBe(200);
    expect(await listRestockWatches(m.id)).toHaveLength(1);
  });

  it('answers each caller with their own address only, never another watcher’s', async () => {
    const m = await aListedMineral();
    const [ada, bob] = [anEmail(), anEmail()];
    expect((await watch(m.id, { email: ada })).status).toBe(201);
    const bobs = await watch(m.id, { email: bob });
    expect(bobs.status).toBe(201);
    expect(JSON.stringify(bobs.body)).not.toContain(ada);
    expect((await listRestockWatches(m.id)).map((w) => w.email).sort()).toEqual([ada, bob].sort());
  });

  it('answers 404 for an unknown mineral and writes nothing', async () => {
    const id = `no-such-mineral-${randomUUID().slice(0, 8)}`;
    const res = await watch(id, { email: anEmail() });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(await listRestockWatches(id)).toEqual([]);
  });

  it('answers 409 in_stock for a mineral that can be bought now, and writes nothing', async () => {
    const m = await aListedMineral({ available: 2 });
    const res = await watch(m.id, { email: anEmail() });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'in_stock', details: { available: 2 } });
    expect(await listRestockWatches(m.id)).toEqual([]);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'invalid_request'],
    ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'invalid_request'],
    ['an email that is not text', { email: 42 }, 'invalid_request'],
    ['an unknown field', { email: 'ada@example.com', userId: 'someone-else' }, 'invalid_request'],
    ['no email from a guest', {}, 'email_required'],
  ])('refuses %s with a 400 and writes nothing', async (_what, body, code) => {
    const m = await aListedMineral();
    const res = await watch(m.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await listRestockWatches(m.id)).toEqual([]);
  });

  it('refuses a bad bearer token with a 401 (no falling back to a guest) and writes nothing', async () => {
    const m = await aListedMineral();
    const res = await watch(m.id, { email: anEmail() }, { authorization: 'Bearer not.a.token' });
    expect(res.status).toBe(401);
    expect(await listRestockWatches(m.id)).toEqual([]);
  });
});
