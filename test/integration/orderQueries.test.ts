// Reading orders through the real HTTP path against DynamoDB Local: a shopper's own orders, a guest's
// order through its tracking link, and the admin's queue behind the local Cognito authorizer. Orders
// are written straight into the table, as checkout writes them.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn, ensurePoolUser } from '../../infra/local/cognito';
import { issueLinkToken, issueTrackingToken, TRACKING_TOKEN_AUDIENCE } from '../../shared/auth/trackingTokens';
import { dynamo } from '../../shared/db/client';
import { newOrderPut, orderListing, type Order } from '../../shared/db/orders';
import { orderSearchPut } from '../../shared/db/orderSearch';
import { TRACKING_LINK_RULES } from '../../shared/domain/trackingLinks';
import { RETURN_WINDOW_DAYS } from '../../shared/domain/policies';
import { trackingTokenOf } from '../../shared/orders/trackingLinks';
import { adminOrderSummary, adminOrderView, orderSummary, orderView } from '../../shared/orders/views';
import { startLocalAdminAuth } from '../support/adminTokens';
import { startTestApi, type Json, type TestApi } from '../support/api';
import { anOrder } from '../support/builders';
import { mailTo } from '../support/mail';

let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
let api: TestApi;
let adminToken: string;

beforeAll(async () => {
  auth = await startLocalAdminAuth();
  api = await startTestApi({ authorizer: createLocalAdminAuthorizer(auth.config) });
  adminToken = await adminSignIn(auth.config.endpoint, auth.config.clientId, auth.config.adminEmail, auth.config.adminPassword);
});
afterAll(async () => {
  await api?.close();
  await auth?.stop();
});

/** Writes orders as checkout does: each a new item, in one transaction. */
async function stored(...orders: Order[]): Promise<Order[]> {
  await dynamo.send(new TransactWriteCommand({ TransactItems: orders.flatMap((o) => [newOrderPut(o), orderSearchPut(o)]) }));
  return orders;
}

let seq = 0;

/** A registered shopper, and requests made with their access token. */
async function aShopper() {
  seq += 1;
  const username = `buyer${seq}${Math.random().toString(36).slice(2, 6)}`;
  const res = await api.request('POST', '/api/auth/register', {
    body: { username, email: `${username}@example.com`, password: 'correct horse battery', name: `Buyer ${seq}` },
  });
  expect(res.status).toBe(201);
  const accessToken = res.body.session.accessToken as string;
  const headers = { authorization: `Bearer ${accessToken}` };
  return {
    userId: res.body.user.userId as string,
    accessToken,
    owner: { kind: 'shopper', userId: res.body.user.userId as string } as const,
    list: (query = '') => api.request('GET', `/api/me/orders${query}`, { headers }),
    get: (orderId: string) => api.request('GET', `/api/me/orders/${orderId}`, { headers }),
  };
}

/** An instant `minutes` after a base that is fresh for each call, so orders sort as the test says. */
function clock() {
  const base = Date.UTC(2026, 2, 1) + Math.floor(Math.random() * 1_000_000) * 60_000;
  return (minutes: number) => new Date(base + minutes * 60_000).toISOString();
}

const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value));
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const track = (orderId: string, token?: string) =>
  api.request('GET', `/api/orders/${orderId}/tracking${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);
/** GET as the seeded admin, with another token, or (null) with none. */
const admin = (path: string, token: string | null = adminToken) =>
  api.request('GET', path, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });

/** Everything the pipeline keeps for itself: none of it may reach a caller. */
function expectNoBookkeeping(body: Json, orders: Order[]) {
  const text = JSON.stringify(body);
  for (const field of ['requestFingerprint', 'eventIds', 'mailed', 'gsi1', 'ORDER#', 'CUSTOMER#']) expect(text).not.toContain(field);
  for (const order of orders) expect(text).not.toContain(order.requestFingerprint);
}

describe('GET /api/me/orders', () => {
  it('shows a shopper their own orders only, newest first', async () => {
    const [ann, bob] = [await aShopper(), await aShopper()];
    const at = clock();
    const anns = await stored(
      anOrder({ owner: ann.owner, createdAt: at(1) }),
      anOrder({ owner: ann.owner, createdAt: at(3), status: 'shipped' }),
      anOrder({ owner: ann.owner, createdAt: at(2), status: 'pending_payment' }),
    );
    await stored(anOrder({ owner: bob.owner, createdAt: at(4) }), anOrder({ owner: { kind: 'guest' }, createdAt: at(5) }));

    const res = await ann.list();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ orders: [anns[1]!, anns[2]!, anns[0]!].map((o) => asJson(orderSummary(orderListing(o)))), nextCursor: null });
    expectNoBookkeeping(res.body, anns);

    const bobs = await bob.list();
    expect(bobs.body.orders).toHaveLength(1);
    expect(bobs.body.orders[0].createdAt).toBe(at(4));
  });

  it('pages with a cursor, and refuses one made for another shopper', async () => {
    const [ann, bob] = [await aShopper(), await aShopper()];
    const at = clock();
    const orders = await stored(...[1, 2, 3, 4, 5].map((m) => anOrder({ owner: ann.owner, createdAt: at(m) })));
    await stored(anOrder({ owner: bob.owner }));

    const seen: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await ann.list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.orders.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.orders);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((o) => o.orderId)).toEqual([...orders].reverse().map((o) => o.orderId));

    const first = await ann.list('?limit=1');
    const foreign = await bob.list(`?cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('invalid_cursor');
  });

  it('has a page of 20 by default', async () => {
    const ann = await aShopper();
    await stored(...Array.from({ length: 21 }, () => anOrder({ owner: ann.owner })));
    const res = await ann.list();
    expect(res.body.orders).toHaveLength(20);
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ['limit=0', /limit must be at least 1/],
    ['limit=51', /limit must be at most 50/],
    ['limit=ten', /limit must be a whole number/],
    ['cursor=not-a-cursor', /cursor/],
    ['status=paid', /unknown field status/],
  ])('answers 400 to %s', async (query, message) => {
    const res = await (await aShopper()).list(`?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('needs a signed-in shopper', async () => {
    expect((await api.request('GET', '/api/me/orders')).status).toBe(401);
    expect((await api.request('GET', '/api/me/orders', { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(401);
  });
});

describe('GET /api/me/orders/{orderId}', () => {
  it('shows the shopper their order: items, money, address, timeline and tracking', async () => {
    const ann = await aShopper();
    const [order] = await stored(
      anOrder({
        owner: ann.owner,
        status: 'shipped',
        coupon: { code: 'WELCOME10', benefit: { kind: 'percent', bp: 1_000 } },
        tracking: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
      }),
    );
    const res = await ann.get(order!.orderId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(asJson(orderView(order!)));
    const { totals } = res.body;
    expect(totals.subtotalCents - totals.discountCents + totals.shippingCents + totals.taxCents).toBe(totals.totalCents);
    expect(res.body.tracking.trackingNumber).toBe('1Z999AA10123456784');
    expectNoBookkeeping(res.body, [order!]);
    expect(res.body).not.toHaveProperty('owner');
  });

  it('answers another shopper’s order, a guest’s order and a missing one with the same 404', async () => {
    const [ann, bob] = [await aShopper(), await aShopper()];
    const [bobs, guests] = await stored(anOrder({ owner: bob.owner }), anOrder({ owner: { kind: 'guest' } }));
    const missing = randomUUID();
    const answers = await Promise.all([bobs!.orderId, guests!.orderId, missing].map(async (id) => ({ id, res: await ann.get(id) })));
    for (const { id, res } of answers) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: `No order with id ${id}.` } });
    }
    expect((await bob.get(bobs!.orderId)).status).toBe(200);
  });

  it.each(['not-a-uuid', 'ORDER', '0B7C5C8E-3F5A-4A3E-9D59-0C1F2A3B4C5D'])('answers 400 to a malformed id: %s', async (id) => {
    const res = await (await aShopper()).get(id);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/orderId: must be an order id/);
  });
});

describe('GET /api/orders/{orderId}/tracking', () => {
  it('shows a guest their order with the token from their mail', async () => {
    const [order] = await stored(anOrder({ owner: { kind: 'guest' }, status: 'pending_payment', createdAt: daysAgo(0) }));
    const res = await track(order!.orderId, await issueTrackingToken(order!.orderId));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(asJson(orderView(order!)));
    expect(res.body.paymentDeadline).toBe(order!.paymentDeadline);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectNoBookkeeping(res.body, [order!]);
  });

  it('answers every wrong or missing token with the same 404, whether or not the order exists', async () => {
    const [order, other] = await stored(anOrder({ owner: { kind: 'guest' }, createdAt: daysAgo(0) }), anOrder({ owner: { kind: 'guest' }, createdAt: daysAgo(0) }));
    const id = order!.orderId;
    const shopper = await aShopper();
    const missing = randomUUID();
    const expired = await issueTrackingToken(id, new Date(Date.now() - 181 * DAY));
    const attempts: [string, string | undefined][] = [
      [id, await issueTrackingToken(other!.orderId)],
      [id, 'garbage'],
      [id, ''],
      [id, undefined],
      [id, expired],
      [id, shopper.accessToken],
      [missing, await issueTrackingToken(id)],
      [missing, undefined],
    ];
    for (const [orderId, token] of attempts) {
      const res = await track(orderId, token);
      expect(res.status, `token ${String(token).slice(0, 20)} for ${orderId}`).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: `No order with id ${orderId}.` } });
    }
    // Even a sound token for an id that has no order gets the same answer.
    expect((await track(missing, await issueTrackingToken(missing))).status).toBe(404);
  });

  it.each(['not-a-uuid', '0B7C5C8E-3F5A-4A3E-9D59-0C1F2A3B4C5D'])('answers 400 to a malformed order id (%s), which says nothing about any order', async (id) => {
    const res = await track(id, 'x');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/orderId: must be an order id/);
  });

  it('opens a shopper’s order too, for the holder of its token', async () => {
    const shopper = await aShopper();
    const [order] = await stored(anOrder({ owner: shopper.owner, createdAt: daysAgo(0) }));
    expect((await track(order!.orderId, await issueTrackingToken(order!.orderId))).body.orderId).toBe(order!.orderId);
  });

  it('stops opening an order when its link life is over (delivery, the return window and its grace; a cap when never delivered), old one-year links too', async () => {
    const afterDelivery = RETURN_WINDOW_DAYS + TRACKING_LINK_RULES.daysAfterReturnWindow;
    const cases: Array<[string, Order, number]> = [
      ['delivered, inside the window', anOrder({ owner: { kind: 'guest' }, status: 'delivered', createdAt: daysAgo(afterDelivery - 2) }), 200],
      ['delivered, past it', anOrder({ owner: { kind: 'guest' }, status: 'delivered', createdAt: daysAgo(afterDelivery + 1) }), 404],
      ['never delivered, under the cap', anOrder({ owner: { kind: 'guest' }, status: 'shipped', createdAt: daysAgo(TRACKING_LINK_RULES.maxDaysUndelivered - 2) }), 200],
      ['never delivered, past the cap', anOrder({ owner: { kind: 'guest' }, status: 'shipped', createdAt: daysAgo(TRACKING_LINK_RULES.maxDaysUndelivered + 1) }), 404],
    ];
    await stored(...cases.map(([, order]) => order));
    for (const [what, order, status] of cases) {
      // A link mailed before links had generations: a year long, no generation claim.
      const oldLink = await issueLinkToken(TRACKING_TOKEN_AUDIENCE, order.orderId, 365 * 24 * 60 * 60, new Date(order.createdAt));
      expect((await track(order.orderId, oldLink)).status, what).toBe(status);
      expect((await track(order.orderId, await trackingTokenOf(order))).status, what).toBe(status);
      expect((await api.request('GET', `/api/orders/${order.orderId}/payment?token=${encodeURIComponent(oldLink)}`)).status, what).toBe(status);
      if (status === 404) expect((await track(order.orderId, oldLink)).body).toEqual({ error: { code: 'not_found', message: `No order with id ${order.orderId}.` } });
    }
  });
});

describe('POST /api/admin/orders/{orderId}/tracking-link', () => {
  const replace = (orderId: string, token: string | null = adminToken) =>
    api.request('POST', `/api/admin/orders/${orderId}/tracking-link`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  const newLinkIn = async (email: string) => {
    const mails = (await mailTo(email)).filter((m) => /^A new link to your/.test(m.subject));
    const found = /https?:\/\/\S+\/orders\/\S+\/track\?token=\S+/.exec(mails.at(-1)?.body.text ?? '');
    return { count: mails.length, token: found ? new URL(found[0]).searchParams.get('token')! : '' };
  };

  it('revokes every link mailed so far (old one-year links too) and mails the guest a fresh one, which works', async () => {
    const [order] = await stored(anOrder({ owner: { kind: 'guest' }, status: 'paid', createdAt: daysAgo(1), email: `guest-${randomUUID()}@example.com` }));
    const id = order!.orderId;
    const mailed = await trackingTokenOf(order!);
    const oldLink = await issueLinkToken(TRACKING_TOKEN_AUDIENCE, id, 365 * 24 * 60 * 60, new Date(order!.createdAt));
    expect((await track(id, mailed)).status).toBe(200);

    const res = await replace(id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ orderId: id, trackingVersion: 1, mailedTo: order!.email });
    for (const token of [mailed, oldLink]) {
      expect((await track(id, token)).status).toBe(404);
      expect((await api.request('GET', `/api/orders/${id}/payment?token=${encodeURIComponent(token)}`)).status).toBe(404);
    }
    const fresh = await newLinkIn(order!.email);
    expect(fresh.count).toBe(1);
    const seen = await track(id, fresh.token);
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('paid');
    expect(seen.body.timeline.at(-1)).toMatchObject({ status: 'paid', note: expect.stringMatching(/Tracking link replaced/) });

    // Again: the link just mailed goes the same way.
    expect((await replace(id)).body.trackingVersion).toBe(2);
    expect((await track(id, fresh.token)).status).toBe(404);
    expect((await track(id, (await newLinkIn(order!.email)).token)).status).toBe(200);
  });

  it('refuses a customer’s order (409: no tracking link), an unknown order (404) and a caller without an admin token, and changes nothing', async () => {
    const shopper = await aShopper();
    const [own] = await stored(anOrder({ owner: shopper.owner, createdAt: daysAgo(0) }));
    const refused = await replace(own!.orderId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_a_guest_order');
    expect((await replace(randomUUID())).status).toBe(404);
    const [guest] = await stored(anOrder({ owner: { kind: 'guest' }, createdAt: daysAgo(0) }));
    expect((await replace(guest!.orderId, null)).status).toBe(401);
    expect((await replace(guest!.orderId, shopper.accessToken)).status).toBe(401);
    expect((await track(guest!.orderId, await trackingTokenOf(guest!))).status).toBe(200);
  });
});

describe('GET /api/admin/orders', () => {
  it('lists orders in one status, oldest first, with who ordered', async () => {
    const at = clock();
    const packed = await stored(
      anOrder({ status: 'packed', createdAt: at(3), customerName: 'Carol Quartz', email: 'carol@example.com' }),
      anOrder({ status: 'packed', createdAt: at(1), owner: { kind: 'guest' } }),
      anOrder({ status: 'packed', createdAt: at(2) }),
    );
    const res = await admin('/api/admin/orders?status=packed');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ orders: [packed[1]!, packed[2]!, packed[0]!].map((o) => asJson(adminOrderSummary(orderListing(o)))), nextCursor: null });
    expect(res.body.orders[2]).toMatchObject({ customerName: 'Carol Quartz', email: 'carol@example.com', itemCount: 3 });
    expectNoBookkeeping(res.body, packed);
  });

  it('lists paid orders (the queue to pack) when no status is given, a page at a time', async () => {
    await stored(anOrder({ status: 'paid' }), anOrder({ status: 'paid' }), anOrder({ status: 'delivered' }));
    const seen: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await admin(`/api/admin/orders?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.orders);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 200);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((o) => o.status === 'paid')).toBe(true);
    const created = seen.map((o) => o.createdAt as string);
    expect(created).toEqual([...created].sort());
  });

  it('shows the queue what to pack at a glance: the first lines with their photos, the ship-to and the method', async () => {
    const order = anOrder({ status: 'paid' });
    await stored(order);
    const res = await admin(`/api/admin/orders?limit=50&placedFrom=${order.createdAt.slice(0, 10)}&placedTo=${order.createdAt.slice(0, 10)}`);
    const listed = (res.body.orders as Json[]).find((o) => o.orderId === order.orderId);
    expect(listed).toMatchObject({
      shippingMethod: order.shippingMethod,
      shipTo: { name: order.address.name, city: order.address.city, country: order.address.country },
      lines: order.items.slice(0, 3).map((i) => ({ name: i.name, image: i.image, quantity: i.quantity })),
      moreLines: Math.max(0, order.items.length - 3),
    });
  });

  it('narrows the queue to the days orders were placed, both days in', async () => {
    const day = (d: number) => new Date(Date.UTC(2025, 2, d, 12)).toISOString();
    const [early, middle, late] = [anOrder({ status: 'paid', createdAt: day(3) }), anOrder({ status: 'paid', createdAt: day(4) }), anOrder({ status: 'paid', createdAt: day(5) })];
    await stored(early, middle, late);
    const ids = async (query: string) => ((await admin(`/api/admin/orders?limit=50&${query}`)).body.orders as Json[]).map((o) => o.orderId);
    expect(await ids('placedFrom=2025-03-04&placedTo=2025-03-04')).toEqual([middle.orderId]);
    expect(await ids('placedFrom=2025-03-04&placedTo=2025-03-05')).toEqual([middle.orderId, late.orderId]);
    const fromFourth = await ids('placedFrom=2025-03-04');
    expect(fromFourth).toContain(late.orderId);
    expect(fromFourth).not.toContain(early.orderId);
    expect(await ids('placedTo=2025-03-03')).toContain(early.orderId);
    expect((await admin('/api/admin/orders?placedFrom=2025-03-05&placedTo=2025-03-04')).status).toBe(400);
    expect((await admin('/api/admin/orders?placedFrom=yesterday')).status).toBe(400);
  });

  it.each([
    ['status=lost', /status must be one of: pending_payment, payment_failed, paid/],
    ['limit=51', /limit must be at most 50/],
    ['email=a@b.c', /unknown field email/],
  ])('answers 400 to %s', async (query, message) => {
    const res = await admin(`/api/admin/orders?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('GET /api/admin/orders?q= (search)', () => {
  it('finds an order in any status by its number, with or without MS-, in any case', async () => {
    const [order] = await stored(anOrder({ status: 'delivered' }));
    const expected = asJson(adminOrderSummary(orderListing(order!)));
    for (const q of [order!.number, order!.number.toLowerCase(), order!.number.slice(3), ` ${order!.number} `]) {
      const res = await admin(`/api/admin/orders?q=${encodeURIComponent(q)}&status=paid`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ orders: [expected], nextCursor: null });
    }
    expect((await admin('/api/admin/orders?q=MS-00000000')).body.orders).toEqual([]);
  });

  it('finds the orders placed with an email address, newest first, guests’ and shoppers’ alike', async () => {
    const at = clock();
    const email = `Search-${randomUUID()}@Example.com`;
    const orders = await stored(
      anOrder({ status: 'paid', createdAt: at(1), email, owner: { kind: 'guest' } }),
      anOrder({ status: 'shipped', createdAt: at(3), email }),
      anOrder({ status: 'cancelled', createdAt: at(2), email: email.toLowerCase() }),
      anOrder({ status: 'paid', createdAt: at(4) }),
    );
    const res = await admin(`/api/admin/orders?q=${encodeURIComponent(email.toUpperCase())}`);
    expect(res.status).toBe(200);
    expect(res.body.orders.map((o: Json) => o.orderId)).toEqual([orders[1]!, orders[2]!, orders[0]!].map((o) => o.orderId));
    expectNoBookkeeping(res.body, orders);
  });

  it('refuses anything that is neither, with a clear 400', async () => {
    for (const q of ['ab', 'quartz', 'MS-12', 'a@b@c']) {
      const res = await admin(`/api/admin/orders?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toMatch(/invalid_query|invalid_request/);
    }
  });
});

describe('GET /api/admin/orders/{orderId}', () => {
  it('shows an order with its owner, payment reference, refunds and version', async () => {
    const [order] = await stored(
      anOrder({
        status: 'delivered',
        refundedCents: 1_500,
        refunds: [{ refundId: 're_test_1', amountCents: 1_500, at: '2026-03-02T00:00:00.000Z', reason: 'chipped on arrival', by: 'shop' as const }],
      }),
    );
    const res = await admin(`/api/admin/orders/${order!.orderId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(asJson(adminOrderView(order!)));
    expect(res.body.payment).toEqual({ status: 'succeeded', failureMessage: null, provider: 'sandbox', paymentId: order!.payment.paymentId });
    expect(res.body.owner).toEqual(order!.owner);
    expectNoBookkeeping(res.body, [order!]);
  });

  it('answers 404 for a missing order and 400 for a malformed id', async () => {
    expect((await admin(`/api/admin/orders/${randomUUID()}`)).status).toBe(404);
    expect((await admin('/api/admin/orders/not-an-id')).status).toBe(400);
  });
});

describe('the admin order routes', () => {
  it.each(['/api/admin/orders', `/api/admin/orders/${randomUUID()}`])('refuse a shopper’s token, and no token, at the authorizer: %s', async (path) => {
    const shopper = await aShopper();
    for (const token of [shopper.accessToken, null]) {
      const res = await admin(path, token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
    }
  });

  it('refuse a Cognito user outside the admin group with 403', async () => {
    await ensurePoolUser(auth.config.endpoint, auth.config.userPoolId, { email: 'packer@mineral-shop.test', password: 'Packer-Passw0rd!', groups: [] });
    const token = await adminSignIn(auth.config.endpoint, auth.config.clientId, 'packer@mineral-shop.test', 'Packer-Passw0rd!');
    const [order] = await stored(anOrder());
    for (const path of ['/api/admin/orders', `/api/admin/orders/${order!.orderId}`]) {
      const res = await admin(path, token);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
