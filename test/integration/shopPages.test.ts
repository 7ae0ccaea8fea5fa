// The shop's own pages: the shipping rates a shopper reads before checkout are the quote's own (an
// estimate equals what checkout charges), and the contact form reaches the shop's inbox only, throttled.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { fetchSentMail } from '../../infra/local/ses';
import { LOCAL_MAIL_FROM } from '../../infra/local/environment';
import { putMinerals } from '../../shared/db/minerals';
import { HOLD_MINUTES } from '../../shared/domain/holds';
import { PAYMENT_WINDOW_MINUTES } from '../../shared/domain/orders';
import { AUTHENTICITY_GUARANTEE_YEARS, RETURN_WINDOW_DAYS } from '../../shared/domain/policies';
import { SHIPPING_TABLE } from '../../shared/domain/shipping';
import { CONTACT_LIMITS } from '../../shared/shop/contact';
import { aGuestCart, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail } from '../support/mail';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const SHOP_ADDRESS = /<([^>]+)>/.exec(LOCAL_MAIL_FROM)![1]!;

describe('GET /api/shipping', () => {
  it('lists every zone with the rate cards and thresholds the quote uses, and may be cached', async () => {
    const res = await api.request('GET', '/api/shipping');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.body.packagingGrams).toBe(SHIPPING_TABLE.packagingGrams);
    expect(res.body.zones.map((z: Json) => z.id)).toEqual(Object.keys(SHIPPING_TABLE.rates));
    for (const zone of res.body.zones as Json[]) {
      expect(zone.methods.standard).toEqual(SHIPPING_TABLE.rates[zone.id as keyof typeof SHIPPING_TABLE.rates].standard);
      expect(zone.methods.express).toEqual(SHIPPING_TABLE.rates[zone.id as keyof typeof SHIPPING_TABLE.rates].express);
      expect(zone.name.length).toBeGreaterThan(0);
    }
    expect(res.body.zones.find((z: Json) => z.id === 'europe').countries).toContain('DE');
    expect(res.body.estimate).toBeNull();
  });

  it('estimates a parcel at exactly what checkout charges for it', async () => {
    const mineral = aMineral({ available: 3, priceCents: 2_000, weightGrams: 1_850 });
    await putMinerals([mineral]);
    const cart = await aGuestCart(api);
    expect((await cart.set(mineral.id, 1)).status).toBe(200);
    for (const [country, region] of [['US', 'CO'], ['US', 'AK'], ['DE', undefined], ['CA', 'ON'], ['JP', undefined]] as const) {
      const estimate = await api.get(`/api/shipping?country=${country}${region ? `&region=${region}` : ''}&weightGrams=${mineral.weightGrams}`);
      expect(estimate.status).toBe(200);
      const quote = await api.request('POST', '/api/checkout/quote', {
        headers: { 'x-cart-token': cart.cartToken },
        body: {
          cartId: cart.cartId,
          address: { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Somewhere', ...(region ? { region } : {}), postalCode: '10115', country },
          shippingMethod: 'express',
        },
      });
      expect(quote.status, JSON.stringify(quote.body)).toBe(200);
      expect(estimate.body.estimate.expressCents).toBe(quote.body.shipping.rateCents);
      expect(estimate.body.estimate.standardCents).toBe(quote.body.shipping.standardRateCents);
      expect(estimate.body.estimate.zone).toBe(quote.body.shipping.zone);
    }
  });

  it('gives a product page the specimen’s size when the dealer measured it, and null when not', async () => {
    const measured = aMineral({ dimensions: { lengthMm: 62, widthMm: 41, heightMm: 30 } });
    const unmeasured = aMineral();
    await putMinerals([measured, unmeasured]);
    expect((await api.get(`/api/minerals/${measured.id}`)).body.dimensions).toEqual({ lengthMm: 62, widthMm: 41, heightMm: 30 });
    expect((await api.get(`/api/minerals/${unmeasured.id}`)).body.dimensions).toBeNull();
  });

  it('refuses a country it does not ship to, and half an estimate, with a clear 400', async () => {
    const nowhere = await api.get('/api/shipping?country=ZZ&weightGrams=500');
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.code).toBe('cannot_ship_there');
    const half = await api.get('/api/shipping?country=US');
    expect(half.status).toBe(400);
    expect(half.body.error.message).toMatch(/country and weightGrams/);
  });
});

describe('GET /api/policies', () => {
  it('gives the numbers the shop’s pages promise, from the rules the code keeps', async () => {
    const res = await api.get('/api/policies');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ returnWindowDays: RETURN_WINDOW_DAYS, authenticityGuaranteeYears: AUTHENTICITY_GUARANTEE_YEARS, holdMinutes: HOLD_MINUTES, paymentWindowMinutes: PAYMENT_WINDOW_MINUTES });
  });
});

describe('POST /api/contact', () => {
  const shopMail = async (marker: string) => {
    await deliverQueuedMail();
    return (await fetchSentMail(inject('sesEndpoint'))).filter((m) => m.body.text?.includes(marker));
  };
  const write = (email: string, message: string, extra: Record<string, unknown> = {}) =>
    api.request('POST', '/api/contact', { body: { name: 'Ada Stone', email, topic: 'order', orderNumber: 'MS-1a2b3c4d', message, ...extra } });

  it('mails the shop’s own inbox, never the address the visitor gives, and refuses anything else in the body', async () => {
    const marker = `marker-${randomUUID()}`;
    const res = await write('ada@example.com', `Is the pyrite still available?\n\n${marker}`);
    expect(res.status).toBe(202);
    const mails = await shopMail(marker);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.destination.to).toEqual([SHOP_ADDRESS]);
    expect(mails[0]!.subject).toContain('MS-1A2B3C4D');
    expect(mails[0]!.body.text).toContain('ada@example.com');

    const relay = await write('ada@example.com', 'hello', { to: 'victim@example.com' });
    expect(relay.status).toBe(400);
    const control = await write('ada@example.com', 'bell \u0007 here');
    expect(control.status).toBe(400);
    expect(control.body.error.message).toMatch(/control characters/);
  });

  it('takes a few messages per sender address and per client an hour, then answers 429 with Retry-After', async () => {
    const sender = `writer-${randomUUID()}@example.com`;
    // One message is already counted for this client by the test above.
    for (let i = 1; i < CONTACT_LIMITS.perSender; i++) expect((await write(sender, `message ${i}`)).status).toBe(202);
    expect((await write(sender, 'message 3')).status).toBe(202);
    const tooMany = await write(sender, 'one more');
    expect(tooMany.status).toBe(429);
    expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);
    // The client has now used its allowance too: a new sender from the same client is refused.
    const fresh = await write(`other-${randomUUID()}@example.com`, 'from the same place');
    expect(fresh.status).toBe(429);
  });
});
