// Customers in the admin API: search by email or name prefix, a customer's page (orders and what they
// spent, wishlist size, sign-in state; never a hash or a token), disabling (the shopper's sessions end
// at once, they cannot sign in or refresh, their cart's holds go back on the shelf), enabling, and a
// password-reset mail sent from the console. Each change leaves exactly one audit record.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStockCounters, putMinerals } from '../../shared/db/minerals';
import { startAdminTestApi } from '../support/adminApi';
import type { Json, TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { mailTo } from '../support/mail';
import { paymentSandbox, payWithCard } from '../support/payments';

let setup: Awaited<ReturnType<typeof startAdminTestApi>>;
let api: TestApi;
let admin: Awaited<ReturnType<typeof startAdminTestApi>>['admin'];

beforeAll(async () => {
  setup = await startAdminTestApi();
  ({ api, admin } = setup);
});
afterAll(() => setup?.close());

const PASSWORD = 'correct horse battery';
const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

async function aCustomer(name: string) {
  const username = `c${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.com`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email, password: PASSWORD, name } });
  expect(res.status).toBe(201);
  const auth = { authorization: `Bearer ${res.body.session.accessToken as string}` };
  return { email, userId: res.body.user.userId as string, refreshToken: res.body.session.refreshToken as string, auth };
}

const auditOf = async (userId: string) => (await admin('GET', `/api/admin/audit?objectType=customer&objectId=${userId}&limit=100`)).body.items as Json[];

describe('finding a customer', () => {
  it('by email prefix or by name prefix, in any case; a name change moves them', async () => {
    const tag = randomUUID().slice(0, 6);
    const c = await aCustomer(`Zelda ${tag} Quartz`);
    const byEmail = await admin('GET', `/api/admin/customers?email=${c.email.slice(0, 7).toUpperCase()}`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.items.map((u: Json) => u.userId)).toContain(c.userId);
    const byName = await admin('GET', `/api/admin/customers?name=${encodeURIComponent(`zELDA ${tag}`)}`);
    expect(byName.body.items.map((u: Json) => u.userId)).toEqual([c.userId]);
    expect(JSON.stringify(byName.body)).not.toMatch(/passwordHash|scrypt/);

    expect((await api.request('PATCH', '/api/me', { headers: c.auth, body: { name: `Yara ${tag}` } })).status).toBe(200);
    expect((await admin('GET', `/api/admin/customers?name=${encodeURIComponent(`zelda ${tag}`)}`)).body.items).toEqual([]);
    expect((await admin('GET', `/api/admin/customers?name=${encodeURIComponent(`yara ${tag}`)}`)).body.items.map((u: Json) => u.userId)).toEqual([c.userId]);
    expect((await admin('GET', `/api/admin/customers?name=a&email=b`)).status).toBe(400);
  });
});

describe('a customer’s page', () => {
  it('shows their orders and what they spent, wishlist size and sign-in state, and never a hash or a token', async () => {
    const c = await aCustomer('Page Person');
    const mineral = aMineral({ available: 3, priceCents: 5_000 });
    await putMinerals([mineral]);
    expect((await api.request('PUT', `/api/me/wishlist/${mineral.id}`, { headers: c.auth })).status).toBeLessThan(300);
    const cart = await api.request('POST', '/api/carts', { headers: c.auth });
    expect((await api.request('PUT', `/api/carts/${cart.body.cartId}/items/${mineral.id}`, { headers: c.auth, body: { quantity: 1 } })).status).toBe(200);
    const placed = await api.request('POST', '/api/checkout', { headers: { ...c.auth, 'idempotency-key': randomUUID() }, body: { cartId: cart.body.cartId, address: denver, shippingMethod: 'standard' } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    await payWithCard(api, placed.body.payment, '4242 4242 4242 4242');
    await paymentSandbox().waitForEvent((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === placed.body.payment.paymentId);
    await mailTo(c.email);

    const page = await admin('GET', `/api/admin/customers/${c.userId}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ userId: c.userId, email: c.email, name: 'Page Person', disabled: false, wishlistSize: 1, signIn: { liveSessions: 1 } });
    expect(page.body.orders).toEqual([expect.objectContaining({ orderId: placed.body.order.orderId, status: 'paid' })]);
    expect(page.body.lifetimeValueCents).toBe(placed.body.order.totals.totalCents);
    const text = JSON.stringify(page.body);
    for (const secret of [/passwordHash/, /scrypt/, new RegExp(c.refreshToken), /paymentCustomerId/, /cus_/]) expect(text).not.toMatch(secret);
    expect((await admin('GET', `/api/admin/customers/${randomUUID()}`)).status).toBe(404);
  });
});

describe('disabling and enabling an account', () => {
  it('ends every session at once, refuses sign-in and refresh, gives back the cart’s holds; enabling lets them in again', async () => {
    const c = await aCustomer('Held Holder');
    const mineral = aMineral({ available: 5 });
    await putMinerals([mineral]);
    const cart = await api.request('POST', '/api/carts', { headers: c.auth });
    expect((await api.request('PUT', `/api/carts/${cart.body.cartId}/items/${mineral.id}`, { headers: c.auth, body: { quantity: 2 } })).status).toBe(200);
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 3, held: 2 });

    const disabled = await admin('PATCH', `/api/admin/customers/${c.userId}`, { disabled: true, reason: 'Chargeback fraud' });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true, sessionsEnded: 1, unitsReleased: 2, checkoutPending: false, signIn: { liveSessions: 0 } });
    expect(await getStockCounters(mineral.id)).toMatchObject({ available: 5, held: 0 });
    expect((await api.request('GET', '/api/me', { headers: c.auth })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: c.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { body: { login: c.email, password: PASSWORD } })).status).toBe(401);

    // Asked again: no second record; the sessions and holds are checked again (nothing left to do).
    const again = await admin('PATCH', `/api/admin/customers/${c.userId}`, { disabled: true, reason: 'Chargeback fraud' });
    expect(again.body).toMatchObject({ sessionsEnded: 0, unitsReleased: 0 });
    expect((await auditOf(c.userId)).map((r) => r.action)).toEqual(['customer.disable']);

    // A disabled account gets no reset mail.
    const reset = await admin('POST', `/api/admin/customers/${c.userId}/password-reset`);
    expect(reset.status).toBe(409);

    const enabled = await admin('PATCH', `/api/admin/customers/${c.userId}`, { disabled: false, reason: 'Resolved with the bank' });
    expect(enabled.body).toMatchObject({ disabled: false });
    expect((await api.request('POST', '/api/auth/login', { body: { login: c.email, password: PASSWORD } })).status).toBe(200);
    const audit = await auditOf(c.userId);
    expect(audit.map((r) => r.action)).toEqual(['customer.disable', 'customer.enable']);
    expect(audit[0]!.after).toEqual({ disabled: true, reason: 'Chargeback fraud' });
    expect((await admin('PATCH', `/api/admin/customers/${c.userId}`, { disabled: true })).status).toBe(400);
  });
});

describe('a password-reset mail from the console', () => {
  it('reaches the customer with a reset link, is audited, and is refused past the address’s allowance', async () => {
    const c = await aCustomer('Forgetful');
    const sent = await admin('POST', `/api/admin/customers/${c.userId}/password-reset`);
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ mailedTo: c.email });
    const mails = await mailTo(c.email);
    const reset = mails.find((m) => /reset/i.test(m.subject));
    expect(reset?.body.text).toMatch(/\/reset-password\?token=/);
    expect((await auditOf(c.userId)).map((r) => r.action)).toEqual(['customer.passwordReset']);
    expect(JSON.stringify(await auditOf(c.userId))).not.toMatch(/token=/);

    expect((await admin('POST', `/api/admin/customers/${c.userId}/password-reset`)).status).toBe(202);
    expect((await admin('POST', `/api/admin/customers/${c.userId}/password-reset`)).status).toBe(202);
    const throttled = await admin('POST', `/api/admin/customers/${c.userId}/password-reset`);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.message).toMatch(/3 reset mails/);
    expect((await auditOf(c.userId)).length).toBe(3);
  });
});
