// The public catalog through the real HTTP path (local API server → handler → DynamoDB Local).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mineral, Sort } from '../../shared/domain/catalog';
import { encodeCursor, fingerprint } from '../../shared/db/cursor';
import { putMinerals } from '../../shared/db/minerals';
import { aGuestCart, startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

const categories = ['silicates', 'oxides', 'carbonates', 'sulfides'] as const;

// 40 minerals with deliberate ties in price and popularity, some sold out, some rated.
const minerals: Mineral[] = Array.from({ length: 40 }, (_, i) =>
  aMineral({
    id: `mineral-${String(i).padStart(2, '0')}`,
    category: categories[i % categories.length]!,
    priceCents: 500 + (i % 13) * 250,
    popularity: (i * 7) % 11,
    available: i % 5 === 0 ? 0 : (i % 3) + 1,
    ratingCount: i % 4,
    ratingSum: (i % 4) * ((i % 5) + 1),
    createdAt: new Date(Date.UTC(2026, 5, 1) + ((i * 17) % 40) * 3_600_000).toISOString(),
  }),
);

const cmpId = (a: Mineral, b: Mineral) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ratingKey = (m: Mineral) => (m.ratingCount ? Math.floor((m.ratingSum * 100) / m.ratingCount) : 0);
const expectedOrder: Record<Sort, (a: Mineral, b: Mineral) => number> = {
  price_asc: (a, b) => a.priceCents - b.priceCents || cmpId(a, b),
  price_desc: (a, b) => b.priceCents - a.priceCents || cmpId(b, a),
  popular: (a, b) => b.popularity - a.popularity || cmpId(b, a),
  newest: (a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : cmpId(b, a)),
  rating: (a, b) => ratingKey(b) - ratingKey(a) || b.ratingCount - a.ratingCount || cmpId(b, a),
};

let api: TestApi;

beforeAll(async () => {
  await putMinerals(minerals);
  api = await startTestApi();
});
afterAll(async () => api?.close());

/** Follows nextCursor until the end; returns every id in order and the number of pages. */
async function walk(query: Record<string, string>, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const { status, body } = await api.get(`/api/minerals?${params}`);
    expect(status).toBe(200);
    ids.push(...body.items.map((m: { id: string }) => m.id));
    cursor = body.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { ids, pages };
}

describe('GET /api/minerals', () => {
  it('lists the most popular first by default, with the card fields a listing shows', async () => {
    const { status, body } = await api.get('/api/minerals');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(24);
    expect(body.items.map((m: Mineral) => m.id)).toEqual([...minerals].sort(expectedOrder.popular).slice(0, 24).map((m) => m.id));
    expect(body.items[0]).toMatchObject({ currency: 'USD', rating: { count: expect.any(Number) } });
    expect(body.items[0]).not.toHaveProperty('pk');
    expect(typeof body.nextCursor).toBe('string');
  });

  for (const sort of ['price_asc', 'price_desc', 'popular', 'newest', 'rating'] as const) {
    it(`pages through the whole catalog sorted by ${sort} with nothing missed or repeated`, async () => {
      const { ids } = await walk({ sort }, 7);
      expect(ids).toEqual([...minerals].sort(expectedOrder[sort]).map((m) => m.id));
    });
  }

  it('filters by category', async () => {
    const { ids } = await walk({ category: 'oxides', sort: 'newest' }, 4);
    const expected = minerals.filter((m) => m.category === 'oxides').sort(expectedOrder.newest);
    expect(ids).toEqual(expected.map((m) => m.id));
  });

  it('filters by a price range on a price sort and on any other sort', async () => {
    const inRange = (m: Mineral) => m.priceCents >= 1000 && m.priceCents <= 2000;
    const byPrice = await walk({ sort: 'price_desc', minPrice: '1000', maxPrice: '2000' }, 5);
    expect(byPrice.ids).toEqual(minerals.filter(inRange).sort(expectedOrder.price_desc).map((m) => m.id));
    const byPopularity = await walk({ sort: 'popular', minPrice: '1000', maxPrice: '2000' }, 5);
    expect(byPopularity.ids).toEqual(minerals.filter(inRange).sort(expectedOrder.popular).map((m) => m.id));
  });

  it('shows only minerals in stock when asked, combined with category and price', async () => {
    const { ids } = await walk({ inStock: 'true', category: 'silicates', minPrice: '600' }, 3);
    const expected = minerals
      .filter((m) => m.available > 0 && m.category === 'silicates' && m.priceCents >= 600)
      .sort(expectedOrder.popular);
    expect(ids).toEqual(expected.map((m) => m.id));
    expect(ids.length).toBeGreaterThan(0);
  });

  it('answers an empty page, not an error, when nothing matches', async () => {
    const { status, body } = await api.get('/api/minerals?minPrice=99999999&sort=price_asc');
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], nextCursor: null });
  });

  const badRequests: Array<[string, string, RegExp]> = [
    ['a negative price bound', 'minPrice=-5', /minPrice must be a whole number of cents/],
    ['a fractional price', 'maxPrice=10.5', /maxPrice must be a whole number of cents/],
    ['inverted price bounds', 'minPrice=5000&maxPrice=100', /minPrice must not be greater than maxPrice/],
    ['an unknown sort', 'sort=cheapest', /sort must be one of: price_asc/],
    ['an unknown category', 'category=kryptonite', /category must be one of/],
    ['a limit of 0', 'limit=0', /limit must be at least 1/],
    ['a limit of 10000', 'limit=10000', /limit must be at most 100/],
    ['a non-numeric limit', 'limit=ten', /limit must be a whole number/],
    ['an unknown parameter', 'colour=red', /unknown field colour/],
    ['inStock that is not a boolean', 'inStock=yes', /inStock must be true or false/],
    ['a garbage cursor', 'cursor=not-a-cursor', /cursor is not valid/],
  ];
  for (const [what, query, message] of badRequests) {
    it(`rejects ${what} with a 400 that says what is wrong`, async () => {
      const { status, body } = await api.get(`/api/minerals?${query}`);
      expect(status).toBe(400);
      expect(body.error.code).toMatch(/^invalid_/);
      expect(body.error.message).toMatch(message);
    });
  }

  it('rejects a forged cursor whose start lies outside the price range (400, not 500)', async () => {
    // The checksum is no secret: anyone can make a well-formed cursor. DynamoDB refuses a start key
    // outside the key condition's range; that must come back as the caller's mistake.
    const fp = fingerprint({ s: 'price_asc', c: null, lo: 100, hi: 1000, st: null });
    const forged = encodeCursor({ v: 1, i: 'allByPrice', f: fp, k: { pk: 'MINERAL#mineral-01', sk: 'MINERAL', gsi1pk: 'MINERALS', gsi1sk: '999999999999#mineral-01' } });
    const res = await api.get(`/api/minerals?sort=price_asc&minPrice=100&maxPrice=1000&cursor=${encodeURIComponent(forged)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');
  });

  it('rejects a tampered cursor and a cursor from another listing', async () => {
    const first = await api.get('/api/minerals?sort=price_asc&limit=5');
    const cursor: string = first.body.nextCursor;
    const [body, sum] = cursor.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    payload.k.pk = 'MINERAL#mineral-39';
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sum}`;
    const tampered = await api.get(`/api/minerals?sort=price_asc&limit=5&cursor=${encodeURIComponent(forged)}`);
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('invalid_cursor');
    const elsewhere = await api.get(`/api/minerals?sort=newest&limit=5&cursor=${encodeURIComponent(cursor)}`);
    expect(elsewhere.status).toBe(400);
    const sameListing = await api.get(`/api/minerals?sort=price_asc&limit=5&cursor=${encodeURIComponent(cursor)}`);
    expect(sameListing.status).toBe(200);
  });
});

describe('GET /api/minerals/{id}', () => {
  it('returns the product page data of one mineral', async () => {
    const m = minerals[3]!;
    const { status, body } = await api.get(`/api/minerals/${m.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: m.id, name: m.name, description: m.description, quality: m.quality, priceCents: m.priceCents });
  });

  it('answers 404 for a mineral that does not exist', async () => {
    const { status, body } = await api.get('/api/minerals/no-such-mineral');
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'not_found', message: 'No mineral with id no-such-mineral.' });
  });

  it('answers 400, not 500, for a path with a malformed %-escape', async () => {
    const { status, body } = await api.get('/api/minerals/%E0%A4%A');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
  });

  it('answers 400 for a malformed id', async () => {
    const { status, body } = await api.get(`/api/minerals/${encodeURIComponent('Bad Id!')}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/id/);
  });
});

describe('a product held in carts', () => {
  it('says until when carts hold it once none is left on the shelf, and nothing otherwise', async () => {
    const m = aMineral({ available: 2 });
    await putMinerals([m]);
    const [a, b] = [await aGuestCart(api), await aGuestCart(api)];
    expect((await a.set(m.id, 1)).status).toBe(200);
    expect((await api.get(`/api/minerals/${m.id}`)).body).toMatchObject({ available: 1, heldUntil: null });
    const last = await b.set(m.id, 1);
    const detail = (await api.get(`/api/minerals/${m.id}`)).body;
    expect(detail).toMatchObject({ available: 0 });
    const expiries = [(await a.view()).body.holdExpiresAt, last.body.holdExpiresAt].sort();
    expect(detail.heldUntil).toBe(expiries[1]);
    await Promise.all([a.remove(m.id), b.remove(m.id)]);
    expect((await api.get(`/api/minerals/${m.id}`)).body).toMatchObject({ available: 2, heldUntil: null });
  });
});

describe('GET /api/categories and /api/openapi.json', () => {
  it('lists the categories', async () => {
    const { status, body } = await api.get('/api/categories');
    expect(status).toBe(200);
    expect(body.items.map((c: { id: string }) => c.id)).toContain('silicates');
  });

  it('describes every route in an OpenAPI 3.1 document generated from the schemas', async () => {
    const { status, body } = await api.get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const list = body.paths['/api/minerals'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['category', 'minPrice', 'maxPrice', 'inStock', 'sort', 'limit', 'cursor']),
    );
    expect(list.parameters.find((p: { name: string }) => p.name === 'sort').schema.enum).toContain('price_desc');
    expect(body.paths['/api/minerals/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const { status, body } = await api.get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
