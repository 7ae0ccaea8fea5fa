// Review moderation through the real HTTP path: hiding takes a review off its product page and its
// rating out of the mineral's counters in the same transaction (exact under concurrent reviews),
// restoring puts both back; each leaves exactly one audit record; the author still sees their review,
// marked hidden, and editing it keeps it hidden; the queue lists every review, latest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRatingSnapshot, putMinerals } from '../../shared/db/minerals';
import { startAdminTestApi } from '../support/adminApi';
import type { Json, TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;
let admin: Awaited<ReturnType<typeof startAdminTestApi>>['admin'];

beforeAll(async () => {
  setup = await startAdminTestApi();
  ({ api, admin } = setup);
});
afterAll(() => setup?.close());

let seq = 0;
async function aShopper(name: string) {
  seq += 1;
  const username = `moderated${seq}${Math.random().toString(36).slice(2, 6)}`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email: `${username}@example.com`, password: 'correct horse battery', name } });
  expect(res.status).toBe(201);
  const headers = { authorization: `Bearer ${res.body.session.accessToken as string}` };
  return {
    review: (mineralId: string, rating: number, text = 'A fine specimen, as described.') => api.request('POST', `/api/minerals/${mineralId}/reviews`, { body: { rating, text }, headers }),
    mine: (mineralId: string) => api.request('GET', `/api/minerals/${mineralId}/reviews/mine`, { headers }),
  };
}

async function aListedMineral() {
  const m = aMineral();
  await putMinerals([m]);
  return m;
}

const publicReviews = async (mineralId: string) => (await api.get(`/api/minerals/${mineralId}/reviews?limit=50`)).body as Json;
const moderate = (reviewId: string, mineralId: string, action: 'hide' | 'restore', reason = 'Not about the specimen') =>
  admin('POST', `/api/admin/reviews/${reviewId}/moderation`, { mineralId, action, reason });
const auditOf = async (reviewId: string) => (await admin('GET', `/api/admin/audit?objectType=review&objectId=${reviewId}&limit=100`)).body.items as Json[];

describe('hiding and restoring a review', () => {
  it('takes it off the product page and out of the ratings, and puts both back; one audit record each', async () => {
    const m = await aListedMineral();
    const [ada, bo] = [await aShopper('Ada'), await aShopper('Bo')];
    const kept = await ada.review(m.id, 5);
    const rude = await bo.review(m.id, 1, 'Rude words about the dealer.');
    expect(rude.status).toBe(201);
    const reviewId = rude.body.review.reviewId as string;
    expect((await publicReviews(m.id)).summary).toMatchObject({ count: 2, average: 3, histogram: { 1: 1, 5: 1 } });

    const hidden = await moderate(reviewId, m.id, 'hide', 'Abusive language');
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    expect(hidden.body).toMatchObject({ reviewId, mineralName: m.name, hidden: { reason: 'Abusive language' } });
    const page = await publicReviews(m.id);
    expect(page.items.map((r: Json) => r.reviewId)).toEqual([kept.body.review.reviewId]);
    expect(page.summary).toEqual({ count: 1, average: 5, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } });
    expect(await getRatingSnapshot(m.id, { consistent: true })).toMatchObject({ ratingCount: 1, ratingSum: 5 });
    // The catalog's card follows (its rating sort reads the same counters).
    expect((await api.get(`/api/minerals/${m.id}`)).body).toMatchObject({ rating: { count: 1 } });

    // Hiding it again changes nothing and records nothing.
    expect((await moderate(reviewId, m.id, 'hide')).status).toBe(200);
    expect((await auditOf(reviewId)).map((r) => r.action)).toEqual(['review.hide']);

    // Its author still sees it, marked hidden with the reason (never which admin).
    const mine = await bo.mine(m.id);
    expect(mine.status).toBe(200);
    expect(mine.body.review).toMatchObject({ reviewId, rating: 1, hidden: { reason: 'Abusive language', at: expect.any(String) } });
    expect(mine.body.review.hidden.by).toBeUndefined();
    expect((await ada.mine(m.id)).body.review.hidden).toBeNull();

    // Editing a hidden review keeps it hidden and out of the ratings.
    const edited = await bo.review(m.id, 2, 'Calmer words.');
    expect(edited.status).toBe(200);
    expect(edited.body.review.hidden).toMatchObject({ reason: 'Abusive language' });
    expect(edited.body.summary).toMatchObject({ count: 1, average: 5 });
    expect((await publicReviews(m.id)).items).toHaveLength(1);

    const restored = await moderate(reviewId, m.id, 'restore', 'The author rewrote it');
    expect(restored.status).toBe(200);
    expect(restored.body.hidden).toBeNull();
    const back = await publicReviews(m.id);
    expect(back.items.map((r: Json) => r.reviewId).sort()).toEqual([kept.body.review.reviewId, reviewId].sort());
    expect(back.summary).toEqual({ count: 2, average: 3.5, histogram: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } });
    const audit = await auditOf(reviewId);
    expect(audit.map((r) => r.action)).toEqual(['review.hide', 'review.restore']);
    expect(audit[1]!.after).toMatchObject({ hidden: null, reason: 'The author rewrote it' });
  });

  it('keeps the counters exact while shoppers review the same mineral and an admin hides and restores', async () => {
    const m = await aListedMineral();
    const target = await aShopper('Target');
    const posted = await target.review(m.id, 1);
    const reviewId = posted.body.review.reviewId as string;
    const shoppers = await Promise.all(Array.from({ length: 8 }, (_, i) => aShopper(`Crowd ${i}`)));
    const ratings = shoppers.map((_, i) => (i % 5) + 1);
    const moderations = async () => {
      for (const action of ['hide', 'restore', 'hide'] as const) expect((await moderate(reviewId, m.id, action)).status).toBe(200);
    };
    const results = await Promise.all([moderations(), ...shoppers.map((s, i) => s.review(m.id, ratings[i]!))]);
    for (const r of results.slice(1) as Json[]) expect(r.status).toBe(201);

    // The target ends hidden: the counters are exactly the crowd's ratings.
    const snapshot = await getRatingSnapshot(m.id, { consistent: true });
    expect(snapshot).toMatchObject({ ratingCount: 8, ratingSum: ratings.reduce((a, b) => a + b, 0) });
    const histogram = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<number, number>;
    for (const r of ratings) histogram[r]! += 1;
    expect(snapshot!.histogram).toEqual(histogram);
    const page = await publicReviews(m.id);
    expect(page.items).toHaveLength(8);
    expect(page.items.map((r: Json) => r.reviewId)).not.toContain(reviewId);
    expect((await auditOf(reviewId)).map((r) => r.action)).toEqual(['review.hide', 'review.restore', 'review.hide']);
  });

  it('refuses without a reason, with an unknown review or the wrong mineral, and writes nothing', async () => {
    const m = await aListedMineral();
    const other = await aListedMineral();
    const shopper = await aShopper('Cy');
    const reviewId = (await shopper.review(m.id, 4)).body.review.reviewId as string;
    const noReason = await admin('POST', `/api/admin/reviews/${reviewId}/moderation`, { mineralId: m.id, action: 'hide', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect((await moderate(reviewId, other.id, 'hide')).status).toBe(404);
    expect((await moderate('7c9e6679-7425-40de-944b-e07fc1f90ae7', m.id, 'hide')).status).toBe(404);
    expect((await admin('POST', `/api/admin/reviews/not-a-uuid/moderation`, { mineralId: m.id, action: 'hide', reason: 'x' })).status).toBe(400);
    expect((await publicReviews(m.id)).items).toHaveLength(1);
    expect(await auditOf(reviewId)).toEqual([]);
  });
});

describe('GET /api/admin/reviews', () => {
  it('lists every review latest first, with its mineral and author; status narrows to hidden or visible', async () => {
    const m = await aListedMineral();
    const [first, second] = [await aShopper('First'), await aShopper('Second')];
    const a = (await first.review(m.id, 3)).body.review.reviewId as string;
    await new Promise((r) => setTimeout(r, 5));
    const b = (await second.review(m.id, 4)).body.review.reviewId as string;
    await moderate(a, m.id, 'hide');

    const all = await admin('GET', '/api/admin/reviews?limit=100');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((r: Json) => r.reviewId);
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
    expect(ids.indexOf(b)).toBeGreaterThanOrEqual(0);
    expect(all.body.items.find((r: Json) => r.reviewId === b)).toMatchObject({ mineralId: m.id, mineralName: m.name, author: 'Second', rating: 4, hidden: null, verifiedPurchase: false });
    const times = all.body.items.map((r: Json) => r.updatedAt);
    expect(times).toEqual([...times].sort().reverse());

    const hidden = await admin('GET', '/api/admin/reviews?status=hidden&limit=100');
    expect(hidden.body.items.every((r: Json) => r.hidden !== null)).toBe(true);
    expect(hidden.body.items.map((r: Json) => r.reviewId)).toContain(a);
    const visible = await admin('GET', '/api/admin/reviews?status=visible&limit=100');
    expect(visible.body.items.every((r: Json) => r.hidden === null)).toBe(true);
    expect(visible.body.items.map((r: Json) => r.reviewId)).toContain(b);
    expect((await admin('GET', '/api/admin/reviews?status=gone')).status).toBe(400);
  });
});
