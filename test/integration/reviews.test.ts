// Reviews through the real HTTP path: one per shopper per mineral, edits, the rating counters kept in
// the same transaction (even under concurrency), listing and paging, and the catalog's rating sort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor, type CursorPayload } from '../../shared/db/cursor';
import { getRatingSnapshot, putMinerals } from '../../shared/db/minerals';
import type { CategoryId, Mineral } from '../../shared/domain/catalog';
import { startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

let seq = 0;

async function aShopper(name?: string) {
  seq += 1;
  const username = `reviewer${seq}${Math.random().toString(36).slice(2, 6)}`;
  const email = `${username}@example.com`;
  const res = await api.request('POST', '/api/auth/register', {
    body: { username, email, password: 'correct horse battery', name: name ?? `Reviewer ${seq}` },
  });
  expect(res.status).toBe(201);
  const headers = { authorization: `Bearer ${res.body.session.accessToken as string}` };
  return {
    username,
    email,
    review: (mineralId: string, body: unknown) => api.request('POST', `/api/minerals/${mineralId}/reviews`, { body, headers }),
  };
}

async function aListedMineral(overrides: Partial<Mineral> = {}): Promise<Mineral> {
  const m = aMineral(overrides);
  await putMinerals([m]);
  return m;
}

const reviews = (mineralId: string, query: Record<string, string> = {}) =>
  api.get(`/api/minerals/${mineralId}/reviews${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`);

/** A review as the author's response shows it, as anyone's listing shows it: without whether it is hidden. */
const asListed = ({ hidden: _hidden, ...review }: Json) => review;

const tick = () => new Promise((r) => setTimeout(r, 3));

/** Follows nextCursor to the end; returns every review in order. */
async function walk(mineralId: string, sort: string, limit: number): Promise<Json[]> {
  const all: Json[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const { status, body } = await reviews(mineralId, { sort, limit: String(limit), ...(cursor ? { cursor } : {}) });
    expect(status).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    all.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return all;
  }
  throw new Error('paging never ended');
}

describe('POST /api/minerals/{id}/reviews', () => {
  it('creates a review (201) shown under the author’s name, never their email', async () => {
    const m = await aListedMineral();
    const ada = await aShopper('Ada L.');
    const res = await ada.review(m.id, { rating: 4, title: '  Lovely luster ', text: 'Sharp crystals, as pictured.' });
    expect(res.status).toBe(201);
    expect(res.body.review).toEqual({
      reviewId: expect.any(String),
      author: 'Ada L.',
      rating: 4,
      title: 'Lovely luster',
      text: 'Sharp crystals, as pictured.',
      verifiedPurchase: false,
      createdAt: expect.any(String),
      updatedAt: res.body.review.createdAt,
      hidden: null,
    });
    expect(res.body.summary).toEqual({ average: 4, count: 1, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });

    const listed = await reviews(m.id);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([asListed(res.body.review)]);
    expect(JSON.stringify(listed.body)).not.toContain(ada.email);
    expect(JSON.stringify(listed.body)).not.toMatch(/userId|"pk"|gsi/);
  });

  it('edits the shopper’s own review when they post again (200): count unchanged, sum and histogram moved', async () => {
    const m = await aListedMineral();
    const ada = await aShopper();
    const first = await ada.review(m.id, { rating: 2, title: 'Meh', text: 'Smaller than I hoped.' });
    await tick();
    const edit = await ada.review(m.id, { rating: 5, text: 'Grew on me. Beautiful under a lamp.' });
    expect([first.status, edit.status]).toEqual([201, 200]);
    expect(edit.body.review).toMatchObject({ reviewId: first.body.review.reviewId, rating: 5, title: null, createdAt: first.body.review.createdAt });
    expect(edit.body.review.updatedAt > first.body.review.updatedAt).toBe(true);
    expect(edit.body.summary).toEqual({ average: 5, count: 1, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } });

    const snapshot = await getRatingSnapshot(m.id, { consistent: true });
    expect(snapshot).toMatchObject({ ratingCount: 1, ratingSum: 5 });
    const listed = await reviews(m.id);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toEqual(asListed(edit.body.review));
    expect((await api.get(`/api/minerals/${m.id}`)).body.rating).toEqual({ average: 5, count: 1 });
  });

  it('gives another shopper a review of their own and leaves the first shopper’s untouched', async () => {
    const m = await aListedMineral();
    const ada = await aShopper();
    const bob = await aShopper();
    const adas = await ada.review(m.id, { rating: 5, text: 'Mine.' });
    const bobs = await bob.review(m.id, { rating: 1, text: 'Not for me.' });
    expect([adas.status, bobs.status]).toEqual([201, 201]);
    expect(bobs.body.review.reviewId).not.toBe(adas.body.review.reviewId);

    const listed = await reviews(m.id, { sort: 'highest' });
    expect(listed.body.items).toEqual([adas.body.review, bobs.body.review].map(asListed));
    expect(listed.body.summary).toEqual({ average: 3, count: 2, histogram: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 } });
  });

  it('summarises ratings with the average to one decimal and a histogram', async () => {
    const m = await aListedMineral();
    for (const rating of [5, 4, 4, 1, 3, 4]) await (await aShopper()).review(m.id, { rating, text: `Rated ${rating}.` });
    const { body } = await reviews(m.id);
    // 21 / 6 = 3.5
    expect(body.summary).toEqual({ average: 3.5, count: 6, histogram: { 1: 1, 2: 0, 3: 1, 4: 3, 5: 1 } });
  });

  it.each([
    ['rating 0', { rating: 0, text: 'x' }],
    ['rating 6', { rating: 6, text: 'x' }],
    ['rating 2.5', { rating: 2.5, text: 'x' }],
    ['rating "5"', { rating: '5', text: 'x' }],
    ['no rating', { text: 'x' }],
    ['empty text', { rating: 3, text: '   ' }],
    ['text over 2000 characters', { rating: 3, text: 'a'.repeat(2001) }],
    ['title over 120 characters', { rating: 3, title: 't'.repeat(121), text: 'x' }],
    ['an unknown field', { rating: 3, text: 'x', verifiedPurchase: true }],
  ])('refuses %s with a 400 and writes nothing', async (_what, body) => {
    const m = await aListedMineral();
    const shopper = await aShopper();
    const res = await shopper.review(m.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect((await reviews(m.id)).body).toMatchObject({ items: [], summary: { count: 0, average: null } });
    expect(await getRatingSnapshot(m.id, { consistent: true })).toMatchObject({ ratingCount: 0, ratingSum: 0, ratingVersion: 0 });
  });

  it('answers 404 for an unknown mineral and 401 without a signed-in shopper', async () => {
    const shopper = await aShopper();
    const unknown = await shopper.review('no-such-mineral', { rating: 5, text: 'x' });
    expect(unknown.status).toBe(404);
    const m = await aListedMineral();
    const anonymous = await api.request('POST', `/api/minerals/${m.id}/reviews`, { body: { rating: 5, text: 'x' } });
    expect(anonymous.status).toBe(401);
    expect((await reviews(m.id)).body.summary.count).toBe(0);
  });

  it('counts every one of ten shoppers reviewing the same mineral at the same moment', async () => {
    const m = await aListedMineral();
    const shoppers = await Promise.all(Array.from({ length: 10 }, () => aShopper()));
    const ratings = [5, 4, 3, 2, 1, 5, 5, 4, 2, 3];
    const results = await Promise.all(shoppers.map((s, i) => s.review(m.id, { rating: ratings[i], text: `Review ${i}` })));
    expect(results.map((r) => r.status)).toEqual(ratings.map(() => 201));

    expect(await getRatingSnapshot(m.id, { consistent: true })).toMatchObject({
      ratingCount: 10,
      ratingSum: 34,
      histogram: { 1: 1, 2: 2, 3: 2, 4: 2, 5: 3 },
    });
    const all = await walk(m.id, 'newest', 50);
    expect(all).toHaveLength(10);
  });
});

describe('GET /api/minerals/{id}/reviews', () => {
  let mineral: Mineral;
  /** The reviews in the order they were posted. */
  const posted: Json[] = [];

  beforeAll(async () => {
    mineral = await aListedMineral();
    for (const rating of [3, 5, 1, 5, 4, 2, 3, 5, 4]) {
      const res = await (await aShopper()).review(mineral.id, { rating, text: `A ${rating}-star review.` });
      expect(res.status).toBe(201);
      posted.push(asListed(res.body.review));
      await tick();
    }
  });

  it('lists the newest first by default, ten a page', async () => {
    const { status, body } = await reviews(mineral.id);
    expect(status).toBe(200);
    expect(body.items).toEqual([...posted].reverse());
    expect(body.nextCursor).toBeNull();
  });

  for (const limit of [1, 2, 4, 9]) {
    it(`pages newest first, ${limit} at a time, missing and repeating nothing`, async () => {
      const all = await walk(mineral.id, 'newest', limit);
      expect(all.map((r) => r.reviewId)).toEqual([...posted].reverse().map((r) => r.reviewId));
    });

    it(`pages highest rated first (newest first within a rating), ${limit} at a time`, async () => {
      const all = await walk(mineral.id, 'highest', limit);
      const expected = [...posted].reverse().sort((a, b) => b.rating - a.rating); // stable: newest first within a rating
      expect(all.map((r) => r.reviewId)).toEqual(expected.map((r) => r.reviewId));
    });
  }

  it('refuses a tampered cursor, or one from another sort or mineral, with a 400', async () => {
    const other = await aListedMineral();
    await (await aShopper()).review(other.id, { rating: 4, text: 'Fine.' });
    const first = await reviews(mineral.id, { limit: '2' });
    const cursor = first.body.nextCursor as string;
    const [body, sum] = cursor.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload;
    const edited = Buffer.from(JSON.stringify({ ...payload, k: { ...payload.k, sk: 'REVIEW#x' } })).toString('base64url');
    // The checksum is not a secret: a well-formed cursor for another partition must still be refused.
    const forged = [
      encodeCursor({ ...payload, k: { ...payload.k, pk: `MINERAL#${other.id}` } }),
      encodeCursor({ ...payload, k: { ...payload.k, gsi11pk: `REVIEWS#${other.id}` } }),
      encodeCursor({ ...payload, k: { ...payload.k, sk: 'PROFILE' } }),
      encodeCursor({ ...payload, k: { pk: payload.k.pk!, sk: payload.k.sk! } }),
    ];

    for (const bad of [`${cursor.slice(0, -2)}xx`, `${edited}.${sum}`, 'garbage', `${body}.${sum}.extra`, ...forged]) {
      const res = await reviews(mineral.id, { limit: '2', cursor: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('invalid_cursor');
    }
    expect((await reviews(mineral.id, { limit: '2', sort: 'highest', cursor })).status).toBe(400);
    expect((await reviews(other.id, { limit: '2', cursor })).status).toBe(400);
  });

  it.each([
    ['limit 0', { limit: '0' }],
    ['limit 51', { limit: '51' }],
    ['an unknown sort', { sort: 'oldest' }],
    ['an unknown parameter', { page: '2' }],
  ])('refuses %s with a 400', async (_what, query) => {
    expect((await reviews(mineral.id, query)).status).toBe(400);
  });

  it('answers 404 for an unknown mineral', async () => {
    const res = await reviews('no-such-mineral');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('the catalog’s rating sort', () => {
  it('follows new and edited reviews, in the whole catalog and in a category', async () => {
    const category: CategoryId = 'borates';
    const [gold, silver, bronze] = [await aListedMineral({ category }), await aListedMineral({ category }), await aListedMineral({ category })];
    const ada = await aShopper();
    const bob = await aShopper();
    await ada.review(silver!.id, { rating: 5, text: 'Superb.' });
    await bob.review(silver!.id, { rating: 4, text: 'Very good.' });
    await ada.review(gold!.id, { rating: 3, text: 'Fine.' });

    const order = async (query: string) => {
      const { body } = await api.get(`/api/minerals?sort=rating&limit=100${query}`);
      const ours = new Set([gold!.id, silver!.id, bronze!.id]);
      return (body.items as { id: string }[]).map((m) => m.id).filter((id) => ours.has(id));
    };
    expect(await order(`&category=${category}`)).toEqual([silver!.id, gold!.id, bronze!.id]);
    expect(await order('')).toEqual([silver!.id, gold!.id, bronze!.id]);

    // Ada changes her mind about gold: 3 → 5 beats silver's 4.5.
    expect((await ada.review(gold!.id, { rating: 5, text: 'Actually, wonderful.' })).status).toBe(200);
    expect(await order(`&category=${category}`)).toEqual([gold!.id, silver!.id, bronze!.id]);
    expect(await order('')).toEqual([gold!.id, silver!.id, bronze!.id]);
    const card = (await api.get(`/api/minerals?sort=rating&category=${category}&limit=1`)).body.items[0];
    expect(card).toMatchObject({ id: gold!.id, rating: { average: 5, count: 1 } });
  });
});
