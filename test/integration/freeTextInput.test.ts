// Text people type is stored as a person can read it: a review, a name or an address line holding a
// control character (NUL, an ESC terminal sequence) or a lone surrogate is refused with a clear 400
// and writes nothing; letters, emoji and line breaks (where text may have lines) go through.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const PASSWORD = 'correct horse battery';

async function shopper() {
  const username = `t${randomUUID().slice(0, 8)}`;
  const res = await api.request('POST', '/api/auth/register', { body: { username, email: `${username}@example.com`, password: PASSWORD, name: 'Ada' } });
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${res.body.session.accessToken as string}` };
}

describe('text a person typed', () => {
  it('a review with NUL, an ESC sequence or half an emoji is refused and not stored; a real one is kept as typed', async () => {
    const mineral = aMineral({ available: 2 });
    await putMinerals([mineral]);
    const headers = await shopper();
    const post = (raw: string) => api.request('POST', `/api/minerals/${mineral.id}/reviews`, { headers, rawBody: raw });
    for (const text of ['nul\\u0000inside', 'red \\u001b[31malert\\u001b[0m', 'half \\ud83e emoji']) {
      const res = await post(`{"rating":4,"text":"${text}"}`);
      expect(res.status, text).toBe(400);
      expect(res.body.error.message).toMatch(/control characters|broken character/);
    }
    expect((await api.get(`/api/minerals/${mineral.id}/reviews`)).body.items).toEqual([]);

    const ok = await post(JSON.stringify({ rating: 5, title: 'Zoe\u0308’s pick 🦖', text: 'Bright cubes.\r\nOne tiny chip.' }));
    expect(ok.status).toBe(201);
    const [review] = (await api.get(`/api/minerals/${mineral.id}/reviews`)).body.items as Json[];
    expect(review.title).toBe('Zoë’s pick 🦖');
    expect(review.text).toBe('Bright cubes.\nOne tiny chip.');
  });

  it('a name with an ESC sequence is refused at sign-up; an address line with a NUL at checkout', async () => {
    const username = `t${randomUUID().slice(0, 8)}`;
    const res = await api.request('POST', '/api/auth/register', {
      body: { username, email: `${username}@example.com`, password: PASSWORD, name: 'Eve\u001b]0;pwned\u0007' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/name must not contain control characters/);
    expect((await api.request('POST', '/api/auth/login', { body: { login: username, password: PASSWORD } })).status).toBe(401);

    const quote = await api.request('POST', '/api/checkout/quote', {
      body: {
        cartId: randomUUID(),
        address: { name: 'Ada', line1: '1 Quartz\u0000Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
        shippingMethod: 'standard',
      },
    });
    expect(quote.status).toBe(400);
    expect(quote.body.error.message).toMatch(/line1 must not contain control characters/);
  });
});
