// Restock watches through the real HTTP path: a guest or a signed-in shopper watches a sold-out
// mineral once per address (idempotent), and every refusal writes nothing. Double opt-in: any address
// but a shopper's own gets a pending watch and one confirmation mail (the restock mails are in
// restockMail.test.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { unsubscribeUrl } from '../../shared/admin/restock';
import { confirmRestockUrl, RESTOCK_CONFIRMATION } from '../../shared/catalog/restockWatches';
import { dynamo, tableName } from '../../shared/db/client';
import { putMinerals } from '../../shared/db/minerals';
import { addRestockWatch, listRestockWatches, restockWatchKey } from '../../shared/db/restockWatches';
import type { Mineral } from '../../shared/domain/catalog';
import { startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { mailTo } from '../support/mail';

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

async function rawWatch(mineralId: string, email: string): Promise<Record<string, unknown>> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: restockWatchKey(mineralId, email) }));
  return Item ?? {};
}

const anEmail = () => `guest-${randomUUID()}@example.com`;
const watch = (mineralId: string, body: unknown, headers: Record<string, string> = {}) =>
  api.request('POST', `/api/minerals/${mineralId}/restock-alerts`, { body, headers });

const confirmMails = async (email: string) => (await mailTo(email)).filter((m) => /^Confirm your restock alert/.test(m.subject));
const confirmLinkIn = (text: string) => {
  const found = /https?:\/\/\S+\/restock\/confirm\?\S+/.exec(text);
  if (!found) throw new Error('no confirmation link in the mail');
  return Object.fromEntries(new URL(found[0]).searchParams) as { mineralId: string; email: string; token: string };
};
const confirm = (body: unknown) => api.request('POST', '/api/restock-watches/confirm', { body });
const HOUR = 3600_000;

describe('POST /api/minerals/{id}/restock-alerts', () => {
  it('stores a guest’s watch as pending (202) and mails one confirmation link, however often the address is given again', async () => {
    const m = await aListedMineral();
    const email = anEmail();
    const first = await watch(m.id, { email });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ mineralId: m.id, email, status: 'pending_confirmation' });
    const again = await watch(m.id, { email: email.toUpperCase() });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ mineralId: m.id, email: email.toUpperCase(), status: 'pending_confirmation' });

    // One mail, not one per request: typing a stranger's address again and again does not flood them.
    const mails = await confirmMails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(`${RESTOCK_CONFIRMATION.linkHours} hours`);
    // Pending: not a watch the restock mailer sends to, and one the table's TTL removes if never confirmed.
    expect(await listRestockWatches(m.id)).toEqual([]);
    const [stored] = await listRestockWatches(m.id, 'all');
    expect(stored).toMatchObject({ email, userId: null, confirmed: false });
    const item = await rawWatch(m.id, email);
    expect(item.status).toBe('pending');
    expect(Number(item.ttl) * 1000).toBeGreaterThan(Date.now() + (RESTOCK_CONFIRMATION.linkHours - 1) * HOUR);
    expect(Number(item.ttl) * 1000).toBeLessThanOrEqual(Date.now() + RESTOCK_CONFIRMATION.linkHours * HOUR + 1000);
  });

  it('the mailed link confirms the watch (idempotently); asking again afterwards mails nothing', async () => {
    const m = await aListedMineral();
    const email = anEmail();
    expect((await watch(m.id, { email })).status).toBe(202);
    const link = confirmLinkIn((await confirmMails(email))[0]!.body.text ?? '');
    expect(link).toMatchObject({ mineralId: m.id, email });

    const confirmed = await confirm(link);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toEqual({ mineralId: m.id, email, status: 'watching' });
    expect((await confirm(link)).status).toBe(200);
    expect(await listRestockWatches(m.id)).toEqual([{ mineralId: m.id, email, userId: null, createdAt: expect.any(String), confirmed: true }]);
    expect((await rawWatch(m.id, email)).ttl).toBeUndefined();

    // The answer to a guest does not say whether the address was watching already.
    const again = await watch(m.id, { email });
    expect(again.status).toBe(202);
    expect(again.body.status).toBe('pending_confirmation');
    expect(await confirmMails(email)).toHaveLength(1);
    expect((await listRestockWatches(m.id))[0]!.confirmed).toBe(true);
  });

  it(`mails the confirmation again only once ${RESTOCK_CONFIRMATION.resendAfterHours} hours have passed since the last one`, async () => {
    const m = await aListedMineral();
    const email = anEmail();
    const longAgo = new Date(Date.now() - RESTOCK_CONFIRMATION.resendAfterHours * HOUR - 60_000);
    await addRestockWatch(
      { mineralId: m.id, email, userId: null, createdAt: longAgo.toISOString(), confirmed: false },
      { confirmationSentAt: longAgo.toISOString(), expiresAtSeconds: Math.floor(Date.now() / 1000) + 3600 },
    );
    expect((await watch(m.id, { email })).status).toBe(202);
    expect((await watch(m.id, { email })).status).toBe(202);
    expect(await confirmMails(email)).toHaveLength(1);
    expect(Number((await rawWatch(m.id, email)).ttl) * 1000).toBeGreaterThan(Date.now() + (RESTOCK_CONFIRMATION.linkHours - 1) * HOUR);
  });

  it('refuses a forged, altered or expired confirmation link with a 404 and confirms nothing', async () => {
    const m = await aListedMineral();
    const email = anEmail();
    expect((await watch(m.id, { email })).status).toBe(202);
    const link = confirmLinkIn((await confirmMails(email))[0]!.body.text ?? '');
    const expired = Object.fromEntries(
      new URL(await confirmRestockUrl(m.id, email, new Date(Date.now() - RESTOCK_CONFIRMATION.linkHours * HOUR - 60_000))).searchParams,
    );
    const other = anEmail();
    for (const bad of [
      { ...link, token: `${link.token.slice(0, -4)}AAAA` },
      { ...link, email: other },
      { ...link, mineralId: `other-${m.id}` },
      expired,
      // Another signed link of the shop (an unsubscribe link's token) is not a confirmation.
      { ...link, token: new URL(await unsubscribeUrl(m.id, email)).searchParams.get('token') },
    ]) {
      const res = await confirm(bad);
      expect(res.status, JSON.stringify(bad)).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await confirm({ ...link, token: '' })).status).toBe(400);
    expect((await confirm({ ...link, extra: 1 })).status).toBe(400);
    expect(await listRestockWatches(m.id)).toEqual([]);
    expect((await rawWatch(m.id, email)).status).toBe('pending');
  });

  it('refuses to confirm a pending watch past its life (the TTL had not removed it yet), and writes nothing', async () => {
    const m = await aListedMineral();
    const email = anEmail();
    const past = new Date(Date.now() - 2 * HOUR);
    await addRestockWatch(
      { mineralId: m.id, email, userId: null, createdAt: past.toISOString(), confirmed: false },
      { confirmationSentAt: past.toISOString(), expiresAtSeconds: Math.floor(past.getTime() / 1000) },
    );
    const link = Object.fromEntries(new URL(await confirmRestockUrl(m.id, email)).searchParams);
    expect((await confirm(link)).status).toBe(404);
    expect((await rawWatch(m.id, email)).status).toBe('pending');
    // Asking again starts a fresh pending watch, with a fresh mail.
    expect((await watch(m.id, { email })).status).toBe(202);
    expect(await confirmMails(email)).toHaveLength(1);
  });

  it('watches with a signed-in shopper’s own account address at once (201, then 200), with no confirmation mail', async () => {
    const m = await aListedMineral();
    const shopper = await aShopper();
    const res = await watch(m.id, {}, shopper.headers);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ mineralId: m.id, email: shopper.email, status: 'watching', createdAt: expect.any(String) });
    const [stored] = await listRestockWatches(m.id);
    expect(stored).toMatchObject({ email: shopper.email, userId: expect.any(String), confirmed: true });
    // Giving the account's own address, in any case, is the same watch.
    const again = await watch(m.id, { email: shopper.email.toUpperCase() }, shopper.headers);
    expect(again.status).toBe(200);
    expect(again.body.createdAt).toBe(res.body.createdAt);
    // The same address as a guest is the same watch, and mails nothing.
    expect((await watch(m.id, { email: shopper.email })).status).toBe(202);
    expect(await listRestockWatches(m.id, 'all')).toHaveLength(1);
    expect(await confirmMails(shopper.email)).toEqual([]);
  });

  it('a signed-in shopper’s own address confirms a pending watch a guest left for it', async () => {
    const m = await aListedMineral();
    const shopper = await aShopper();
    expect((await watch(m.id, { email: shopper.email })).status).toBe(202);
    expect((await watch(m.id, {}, shopper.headers)).status).toBe(201);
    expect(await listRestockWatches(m.id)).toEqual([expect.objectContaining({ email: shopper.email, confirmed: true })]);
  });

  it('a signed-in shopper giving another address must confirm it like a guest', async () => {
    const m = await aListedMineral();
    const shopper = await aShopper();
    const elsewhere = anEmail();
    const res = await watch(m.id, { email: elsewhere }, shopper.headers);
    expect(res.status).toBe(202);
    expect(await listRestockWatches(m.id)).toEqual([]);
    expect(await confirmMails(elsewhere)).toHaveLength(1);
  });

  it('answers each caller with their own address only, never another watcher’s', async () => {
    const m = await aListedMineral();
    const [ada, bob] = [anEmail(), anEmail()];
    expect((await watch(m.id, { email: ada })).status).toBe(202);
    const bobs = await watch(m.id, { email: bob });
    expect(bobs.status).toBe(202);
    expect(JSON.stringify(bobs.body)).not.toContain(ada);
    expect((await listRestockWatches(m.id, 'all')).map((w) => w.email).sort()).toEqual([ada, bob].sort());
  });

  it('answers 404 for an unknown mineral and writes nothing', async () => {
    const id = `no-such-mineral-${randomUUID().slice(0, 8)}`;
    const res = await watch(id, { email: anEmail() });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(await listRestockWatches(id, 'all')).toEqual([]);
  });

  it('answers 409 in_stock for a mineral that can be bought now, and writes nothing', async () => {
    const m = await aListedMineral({ available: 2 });
    const res = await watch(m.id, { email: anEmail() });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'in_stock', details: { available: 2 } });
    expect(await listRestockWatches(m.id, 'all')).toEqual([]);
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
    expect(await listRestockWatches(m.id, 'all')).toEqual([]);
  });

  it('refuses a bad bearer token with a 401 (no falling back to a guest) and writes nothing', async () => {
    const m = await aListedMineral();
    const res = await watch(m.id, { email: anEmail() }, { authorization: 'Bearer not.a.token' });
    expect(res.status).toBe(401);
    expect(await listRestockWatches(m.id, 'all')).toEqual([]);
  });
});
