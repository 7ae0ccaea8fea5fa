// A session that ended ends at once: its access token is refused on every route that needs a
// signed-in shopper as soon as the shopper signs out, changes or resets the password — not up to 15
// minutes later when the token would expire.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { ROUTES } from '../../shared/http/routes';
import { startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { mailTo } from '../support/mail';

let api: TestApi;
const mineral = aMineral({ available: 5 });
beforeAll(async () => {
  api = await startTestApi();
  await putMinerals([mineral]);
});
afterAll(async () => api?.close());

const PASSWORD = 'correct horse battery';

async function shopper() {
  const username = `s${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.com`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email, password: PASSWORD, name: 'Sam' } });
  expect(res.status).toBe(201);
  const created = await api.request('POST', '/api/carts', { headers: { authorization: `Bearer ${res.body.session.accessToken as string}` } });
  expect(created.status).toBeLessThan(300);
  return { email, accessToken: res.body.session.accessToken as string, refreshToken: res.body.session.refreshToken as string, cartId: created.body.cartId as string };
}

/** One well-formed request for every route that needs (or may take) a signed-in shopper, by route id. */
function requestsFor(s: { cartId: string }): Record<string, [method: string, path: string, body?: unknown]> {
  return {
    getMe: ['GET', '/api/me'],
    updateMe: ['PATCH', '/api/me', { name: 'Sam Stone' }],
    changePassword: ['POST', '/api/auth/password/change', { currentPassword: PASSWORD, newPassword: 'another long passphrase' }],
    getWishlist: ['GET', '/api/me/wishlist'],
    putWishlistItem: ['PUT', `/api/me/wishlist/${mineral.id}`],
    deleteWishlistItem: ['DELETE', `/api/me/wishlist/${mineral.id}`],
    listPaymentMethods: ['GET', '/api/me/payment-methods'],
    deletePaymentMethod: ['DELETE', '/api/me/payment-methods/pm_123456789'],
    listMyOrders: ['GET', '/api/me/orders'],
    getMyOrder: ['GET', `/api/me/orders/${randomUUID()}`],
    postReview: ['POST', `/api/minerals/${mineral.id}/reviews`, { rating: 5, text: 'Lovely.' }],
    getMyReview: ['GET', `/api/minerals/${mineral.id}/reviews/mine`],
    mergeCart: ['POST', `/api/carts/${randomUUID()}/merge`],
    getCart: ['GET', `/api/carts/${s.cartId}`],
    setCartItem: ['PUT', `/api/carts/${s.cartId}/items/${mineral.id}`, { quantity: 1 }],
    removeCartItem: ['DELETE', `/api/carts/${s.cartId}/items/${mineral.id}`],
    quoteCheckout: ['POST', '/api/checkout/quote', { cartId: s.cartId, address: { country: 'US', region: 'CO', postalCode: '80202' }, shippingMethod: 'standard' }],
    placeOrder: ['POST', '/api/checkout', { cartId: s.cartId, shippingMethod: 'standard' }],
    cancelMyOrder: ['POST', `/api/orders/${randomUUID()}/cancel`],
  };
}

async function everyRouteRefuses(accessToken: string, s: { cartId: string }) {
  const answers: Record<string, number> = {};
  for (const [id, [method, path, body]] of Object.entries(requestsFor(s))) {
    const res = await api.request(method, path, { headers: { authorization: `Bearer ${accessToken}` }, ...(body === undefined ? {} : { body }) });
    answers[id] = res.status;
  }
  return answers;
}

describe('an access token of a session that ended', () => {
  it('the requests above cover every route a signed-in shopper uses', () => {
    const covered = Object.keys(requestsFor({ cartId: 'x' })).sort();
    const needing = ROUTES.filter((r) => r.access === 'shopper' || r.access === 'guestOrShopper').map((r) => r.id).sort();
    expect(covered).toEqual(needing);
  });

  it('is refused on every such route as soon as the shopper signs out', async () => {
    const s = await shopper();
    expect((await api.request('GET', '/api/me', { headers: { authorization: `Bearer ${s.accessToken}` } })).status).toBe(200);
    expect((await api.request('POST', '/api/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBeLessThan(300);
    const answers = await everyRouteRefuses(s.accessToken, s);
    expect(Object.entries(answers).filter(([, status]) => status !== 401)).toEqual([]);
  });

  it('is refused once the password was changed from another session, and after a reset', async () => {
    const s = await shopper();
    const other = await api.request('POST', '/api/auth/login', { body: { login: s.email, password: PASSWORD } });
    const changed = await api.request('POST', '/api/auth/password/change', {
      headers: { authorization: `Bearer ${other.body.session.accessToken as string}` },
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(204);
    expect((await api.request('GET', '/api/me', { headers: { authorization: `Bearer ${s.accessToken}` } })).status).toBe(401);
    // The session that changed it goes on.
    expect((await api.request('GET', '/api/me', { headers: { authorization: `Bearer ${other.body.session.accessToken as string}` } })).status).toBe(200);

    await api.request('POST', '/api/auth/password/forgot', { body: { email: s.email } });
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec((await mailTo(s.email)).find((m) => m.subject.includes('Reset'))?.body.text ?? '')?.[1];
    expect((await api.request('POST', '/api/auth/password/reset', { body: { token, password: 'the third passphrase' } })).status).toBe(204);
    expect((await api.request('GET', '/api/me', { headers: { authorization: `Bearer ${other.body.session.accessToken as string}` } })).status).toBe(401);
  });
});
