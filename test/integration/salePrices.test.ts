// A flash sale shows where shoppers look: the catalog card, the product page and the cart price a
// unit as the checkout will; a sale that ended (or has not begun) shows the list price.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { aGuestCart, startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const DAY = 24 * 60 * 60 * 1000;
const denver = { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

describe('flash-sale prices', () => {
  it('are shown on the card, the product page and the cart, and the quote charges them', async () => {
    const endsAt = new Date(Date.now() + DAY).toISOString();
    const onSale = aMineral({
      priceCents: 10_000,
      available: 3,
      flashSale: { markdown: { kind: 'percent-off', bp: 2_500 }, startsAt: new Date(Date.now() - DAY).toISOString(), endsAt },
      bulkTiers: [{ minQuantity: 3, markdown: { kind: 'price', unitPriceCents: 7_000 } }],
    });
    const ended = aMineral({
      priceCents: 5_000,
      available: 3,
      flashSale: { markdown: { kind: 'price', unitPriceCents: 1_000 }, startsAt: new Date(Date.now() - 2 * DAY).toISOString(), endsAt: new Date(Date.now() - DAY).toISOString() },
    });
    await putMinerals([onSale, ended]);

    const detail = await api.get(`/api/minerals/${onSale.id}`);
    expect(detail.body).toMatchObject({ priceCents: 10_000, sale: { priceCents: 7_500, endsAt }, bulkTiers: [{ minQuantity: 3, unitPriceCents: 7_000 }] });
    expect((await api.get(`/api/minerals/${ended.id}`)).body.sale).toBeNull();

    const cart = await aGuestCart(api);
    await cart.set(onSale.id, 2);
    const view = await cart.set(ended.id, 1);
    const line = (id: string) => view.body.lines.find((l: { mineralId: string }) => l.mineralId === id);
    expect(line(onSale.id)).toMatchObject({ unitPriceCents: 7_500, listUnitPriceCents: 10_000, lineTotalCents: 15_000 });
    expect(line(ended.id)).toMatchObject({ unitPriceCents: 5_000, lineTotalCents: 5_000 });
    expect(view.body.subtotalCents).toBe(20_000);

    const quote = await api.request('POST', '/api/checkout/quote', {
      headers: { 'x-cart-token': cart.cartToken },
      body: { cartId: cart.cartId, address: denver, shippingMethod: 'standard' },
    });
    expect(quote.body.subtotalCents).toBe(view.body.subtotalCents);
  });
});
