// Restock mail through the real parts: shoppers watch a sold-out mineral, its `available` goes from 0
// to more (an admin's receipt or adjustment, or a cart giving its hold back), and the table's stream
// (the notifyRestocks worker, fed as Lambda would) mails each watcher once; a stream delivered again
// mails nobody twice, and the admin's answer never waits for the mail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableStreamFeed } from '../../infra/local/tableStream';
import { startTestTableStream } from '../support/tableStream';
import { unsubscribeUrl } from '../../shared/admin/restock';
import { listRestockWatches } from '../../shared/db/restockWatches';
import { WORKERS } from '../../shared/workers';
import { startAdminTestApi } from '../support/adminApi';
import { aGuestCart, type Json, type TestApi } from '../support/api';
import { mailTo } from '../support/mail';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;
let admin: Awaited<ReturnType<typeof startAdminTestApi>>['admin'];
let feed: TableStreamFeed;

const restockWorkers = WORKERS.filter((w) => w.id === 'notifyRestocks');

beforeAll(async () => {
  setup = await startAdminTestApi();
  ({ api, admin } = setup);
  feed = await startTestTableStream(restockWorkers);
});
afterAll(async () => {
  await feed?.stop();
  await setup?.close();
});

async function created(initialStock: number, status = 'published'): Promise<Json> {
  const tag = randomUUID().slice(0, 8);
  const res = await admin('POST', '/api/admin/minerals', {
    id: `restock-${tag}`,
    name: `Zz Restock Fluorite ${tag}`,
    category: 'halides',
    description: 'Green cubes.',
    quality: 'Sharp cubes.',
    origin: 'Rogerley Mine, England',
    mohsHardness: 4,
    weightGrams: 100,
    priceCents: 5_000,
    initialStock,
    status,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A guest asks for the mineral's restock alert; unless told not to, they confirm it from the mail. */
async function watch(mineralId: string, options: { confirm: boolean } = { confirm: true }): Promise<string> {
  const email = `watcher-${randomUUID()}@example.com`;
  const res = await api.request('POST', `/api/minerals/${mineralId}/restock-alerts`, { body: { email } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  if (options.confirm) {
    const [mail] = (await mailTo(email)).filter((m) => /^Confirm your restock alert/.test(m.subject));
    const link = /https?:\/\/\S+\/restock\/confirm\?\S+/.exec(mail?.body.text ?? '')?.[0];
    expect(link).toBeDefined();
    const confirmed = await api.request('POST', '/api/restock-watches/confirm', { body: Object.fromEntries(new URL(link!).searchParams) });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  }
  return email;
}

const restockMails = async (email: string) => (await mailTo(email)).filter((m) => /is back at/.test(m.subject));

describe('restock mail', () => {
  it('mails each watcher once when a receipt brings a sold-out mineral back, however often the stream is read', async () => {
    const m = await created(0);
    const watchers = [await watch(m.id), await watch(m.id)];

    const receipt = await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'receipt', delta: 2, reason: 'back from the cutter' });
    expect(receipt.status).toBe(200);
    // The admin's request queued nothing: the mail comes from the stream.
    for (const email of watchers) expect(await restockMails(email)).toEqual([]);
    await feed.drain();
    // A second consumer from the oldest record: every record delivered again, as a replayed shard would be.
    const replay = await startTestTableStream(restockWorkers);
    await replay.drain();
    await replay.stop();
    // A further receipt while in stock is no restock.
    expect((await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'receipt', delta: 1 })).status).toBe(200);
    await feed.drain();

    for (const email of watchers) {
      const mails = await restockMails(email);
      expect(mails.length, email).toBe(1);
      expect(mails[0]!.subject).toContain(m.name);
      expect(mails[0]!.body.text).toContain(`/minerals/${m.id}`);
      expect(mails[0]!.body.text).toContain('/api/restock-watches/unsubscribe?');
    }
    // The watch ended with its mail.
    expect(await listRestockWatches(m.id, 'all')).toEqual([]);
  });

  it('mails nobody whose watch was never confirmed, and mails the same guest once they confirm', async () => {
    const m = await created(0);
    const unconfirmed = await watch(m.id, { confirm: false });
    const confirmed = await watch(m.id);
    expect((await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'receipt', delta: 1 })).status).toBe(200);
    await feed.drain();
    expect(await restockMails(unconfirmed)).toEqual([]);
    expect(await restockMails(confirmed)).toHaveLength(1);
    // The pending watch is still there (its TTL removes it), waiting for a confirmation that may come late.
    expect((await listRestockWatches(m.id, 'all')).map((w) => w.email)).toEqual([unconfirmed]);
  });

  it('mails the watchers when an adjustment brings it back, and when a cart gives back the last unit it held', async () => {
    const adjusted = await created(0);
    const first = await watch(adjusted.id);
    expect((await admin('POST', `/api/admin/minerals/${adjusted.id}/stock`, { kind: 'adjustment', delta: 1, reason: 'found one in the back room' })).status).toBe(200);
    await feed.drain();
    expect(await restockMails(first)).toHaveLength(1);

    const held = await created(1);
    const cart = await aGuestCart(api);
    expect((await cart.set(held.id, 1)).status).toBe(200);
    const second = await watch(held.id);
    expect((await cart.remove(held.id)).status).toBeLessThan(300);
    await feed.drain();
    expect(await restockMails(second)).toHaveLength(1);
  });

  it('mails nobody for a mineral shoppers cannot see (archived), and keeps their watch', async () => {
    const m = await created(0);
    const email = await watch(m.id);
    const archived = await admin('PATCH', `/api/admin/minerals/${m.id}`, { status: 'archived', expectedUpdatedAt: m.updatedAt });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect((await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'receipt', delta: 1 })).status).toBe(200);
    await feed.drain();
    expect(await restockMails(email)).toEqual([]);
    expect((await listRestockWatches(m.id)).map((w) => w.email)).toEqual([email]);
  });

  it('the unsubscribe link in the mail ends the watch with one click; a forged one is a 404', async () => {
    const m = await created(0);
    const email = await watch(m.id);
    const link = new URL(await unsubscribeUrl(m.id, email));
    const forged = new URLSearchParams(link.search);
    forged.set('email', `other-${email}`);
    expect((await api.get(`/api/restock-watches/unsubscribe?${forged.toString()}`)).status).toBe(404);
    expect((await listRestockWatches(m.id)).length).toBe(1);
    const res = await api.get(`${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    expect(await listRestockWatches(m.id)).toEqual([]);
    expect((await admin('POST', `/api/admin/minerals/${m.id}/stock`, { kind: 'receipt', delta: 1 })).status).toBe(200);
    await feed.drain();
    expect(await restockMails(email)).toEqual([]);
  });
});
