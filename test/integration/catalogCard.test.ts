// The catalog indexes carry only a mineral's card (shared/db/table.ts, CATALOG_CARD_ATTRIBUTES): a
// `card` map written with every change of the fields it copies. Checked here from the outside: after
// each kind of write (create, an admin's edit with a sale, a review, a main photo set and removed) a
// listing's card is the card part of the product page, field for field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteMineralImage, listMineralImages, markImageReady, putPendingImage } from '../../shared/db/mineralImages';
import { startAdminTestApi } from '../support/adminApi';
import type { Json, TestApi } from '../support/api';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;
let admin: Awaited<ReturnType<typeof startAdminTestApi>>['admin'];

beforeAll(async () => {
  setup = await startAdminTestApi();
  ({ api, admin } = setup);
});
afterAll(() => setup?.close());

const CARD_KEYS = ['id', 'name', 'category', 'priceCents', 'sale', 'bulkTiers', 'currency', 'available', 'image', 'photo', 'origin', 'mohsHardness', 'weightGrams', 'rating', 'createdAt'];

/** The listing's card and the product page's card fields, for one mineral. */
async function cardAndPage(id: string): Promise<{ card: Json; page: Json }> {
  const list = await api.request('GET', '/api/minerals?sort=newest&limit=100&category=sulfides');
  expect(list.status).toBe(200);
  const card = (list.body.items as Json[]).find((m) => m.id === id);
  const detail = await api.request('GET', `/api/minerals/${id}`);
  expect(detail.status).toBe(200);
  return { card, page: Object.fromEntries(CARD_KEYS.map((k) => [k, detail.body[k]])) };
}

async function expectCardFollows(id: string): Promise<Json> {
  const { card, page } = await cardAndPage(id);
  expect(Object.keys(card).sort()).toEqual([...CARD_KEYS].sort());
  expect(card).toEqual(page);
  return card;
}

async function aShopper() {
  const username = `carder${randomUUID().slice(0, 8)}`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email: `${username}@example.com`, password: 'correct horse battery', name: 'Card Reader' } });
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${res.body.session.accessToken as string}` };
}

describe('a listing card', () => {
  it('is the product page’s card after every kind of write to the mineral', async () => {
    const tag = randomUUID().slice(0, 8);
    const created = await admin('POST', '/api/admin/minerals', {
      id: `card-${tag}`, name: `Zz Card Pyrite ${tag}`, category: 'sulfides', description: 'Cubes.', quality: 'Bright.',
      origin: 'Navajún, Spain', mohsHardness: 6, weightGrams: 80, priceCents: 6_000, initialStock: 3, status: 'published',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(await expectCardFollows(id)).toMatchObject({ name: `Zz Card Pyrite ${tag}`, priceCents: 6_000, available: 3, photo: null, rating: { average: null, count: 0 } });

    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const edited = await admin('PATCH', `/api/admin/minerals/${id}`, {
      expectedUpdatedAt: created.body.updatedAt, name: `Zz Card Pyrite ${tag} (Navajún)`, priceCents: 7_000, origin: 'Victoria Mine, Navajún, Spain', weightGrams: 85,
      flashSale: { markdown: { kind: 'percent-off', bp: 1_000 }, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt },
      bulkTiers: [{ minQuantity: 2, markdown: { kind: 'price', unitPriceCents: 6_500 } }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await expectCardFollows(id)).toMatchObject({ priceCents: 7_000, sale: { priceCents: 6_300 }, bulkTiers: [{ minQuantity: 2, unitPriceCents: 6_500 }] });

    const reviewed = await api.request('POST', `/api/minerals/${id}/reviews`, { body: { rating: 4, title: 'Bright cubes', text: 'Sharp and bright, as shown.' }, headers: await aShopper() });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);
    expect(await expectCardFollows(id)).toMatchObject({ rating: { average: 4, count: 1 } });

    const imageId = randomUUID();
    await putPendingImage({ mineralId: id, imageId, alt: '', createdAt: new Date().toISOString() });
    const sizes = { thumb: `/media/${imageId}-thumb.webp`, card: `/media/${imageId}-card.webp`, full: `/media/${imageId}-full.webp` };
    expect(await markImageReady({ mineralId: id, imageId, sizes, width: 1200, height: 900 })).toBe(true);
    expect((await expectCardFollows(id)).photo).toMatchObject({ src: sizes.card, thumb: sizes.thumb });

    const [image] = await listMineralImages(id);
    await deleteMineralImage(image!, undefined);
    expect((await expectCardFollows(id)).photo).toBeNull();
  });
});
