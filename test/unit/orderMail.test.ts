// The mail an order sends at each step: data that fits its template, amounts from the order, and
// links a shopper (their account) or a guest (a tracking token for that one order) can open.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../shared/db/orders';
import type { OrderMail } from '../../shared/domain/orders';
import { parseEmailMessage, type EmailMessage } from '../../shared/email/message';
import { renderEmail } from '../../shared/email/templates';
import { orderView } from '../../shared/orders/views';
import { generateKeySet } from '../../shared/auth/keySet';
import { anOrder } from '../support/builders';

type MailModule = typeof import('../../shared/orders/mail');
type TrackingModule = typeof import('../../shared/auth/trackingTokens');

let orderEmail: MailModule['orderEmail'];
let verifyTrackingToken: TrackingModule['verifyTrackingToken'];

const SHOP_URL = 'https://minerals.example';

/** The environment as it was, put back after this file (the token modules read it at import). */
const savedEnv = { SHOPPER_TOKEN_KEYS: process.env.SHOPPER_TOKEN_KEYS, SHOP_URL: process.env.SHOP_URL };
afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

beforeAll(async () => {
  vi.resetModules();
  process.env.SHOPPER_TOKEN_KEYS = await generateKeySet();
  process.env.SHOP_URL = SHOP_URL;
  ({ orderEmail } = await import('../../shared/orders/mail'));
  ({ verifyTrackingToken } = await import('../../shared/auth/trackingTokens'));
});

const ALL_MAILS: OrderMail[] = ['orderConfirmation', 'paymentFailed', 'orderShipped', 'orderDelivered', 'orderCancelled', 'orderRefunded'];

/** An order in the state that sends `mail`. */
function orderFor(mail: OrderMail, overrides: Partial<Order> = {}): Order {
  const order = anOrder(overrides);
  switch (mail) {
    case 'paymentFailed':
      return { ...order, status: 'payment_failed', payment: { ...order.payment, status: 'failed', failureMessage: 'Your card was declined.' }, ...overrides };
    case 'orderShipped':
      return { ...order, status: 'shipped', tracking: { carrier: 'UPS', trackingNumber: '1Z999', url: 'https://ups.example/track?n=1Z999' }, ...overrides };
    case 'orderDelivered':
      return { ...order, status: 'delivered', ...overrides };
    case 'orderCancelled':
    case 'orderRefunded': {
      const refund = { refundId: `re_${randomUUID()}`, amountCents: order.totalCents, at: order.updatedAt, reason: null, by: 'shop' as const };
      return { ...order, status: mail === 'orderCancelled' ? 'cancelled' : 'refunded', refundedCents: order.totalCents, refunds: [refund], ...overrides };
    }
    default:
      return order;
  }
}

const linksIn = (message: EmailMessage) => Object.values(message.data).filter((v): v is string => typeof v === 'string' && v.startsWith('http'));

describe('orderEmail', () => {
  it.each(ALL_MAILS)('%s: data that fits the template, to the order’s address, greeting its customer', async (mail) => {
    const order = orderFor(mail);
    const message = await orderEmail(order, mail);
    expect(message.template).toBe(mail);
    expect(message.to).toBe(order.email);
    expect(parseEmailMessage(message)).toEqual(message);
    const rendered = renderEmail(message.template, message.data as never);
    expect(rendered.text).toContain(`Hello ${order.customerName},`);
    expect(rendered.subject).toContain(order.number);
  });

  it.each(ALL_MAILS)('%s: a shopper’s links go to their account (or the payment page)', async (mail) => {
    const order = orderFor(mail);
    const links = linksIn(await orderEmail(order, mail)).filter((l) => l.startsWith(SHOP_URL));
    expect(links.length).toBe(1);
    const expected = mail === 'paymentFailed' ? `${SHOP_URL}/checkout/pay/${order.orderId}` : `${SHOP_URL}/account/orders/${order.orderId}`;
    expect(links[0]).toBe(expected);
  });

  it.each(ALL_MAILS)('%s: a guest’s link carries a tracking token that opens this order and no other', async (mail) => {
    // Placed now: a link lives as long as its order's link (trackingLinkEnd), not a fixed year.
    const order = orderFor(mail, { owner: { kind: 'guest' }, createdAt: new Date().toISOString() });
    const [link, ...more] = linksIn(await orderEmail(order, mail)).filter((l) => l.startsWith(SHOP_URL));
    expect(more).toEqual([]);
    const url = new URL(link!);
    const path = mail === 'paymentFailed' ? `/checkout/pay/${order.orderId}` : `/orders/${order.orderId}/track`;
    expect(url.pathname).toBe(path);
    const token = url.searchParams.get('token')!;
    expect(link).toBe(`${SHOP_URL}${path}?token=${token}`);
    expect(await verifyTrackingToken(token, order.orderId)).toBe(true);
    expect(await verifyTrackingToken(token, randomUUID())).toBe(false);
  });

  it('a confirmation carries the items and the money exactly as the order view shows them', async () => {
    const order = anOrder({ coupon: { code: 'WELCOME10', benefit: { kind: 'percent', bp: 1_000 } }, address: { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' } });
    const message = await orderEmail(order, 'orderConfirmation');
    if (message.template !== 'orderConfirmation') throw new Error('wrong template');
    const view = orderView(order);
    expect(message.data).toMatchObject({
      items: view.items.map((i) => ({ name: i.name, quantity: i.quantity, unitPriceCents: i.unitPriceCents, lineTotalCents: i.lineTotalCents })),
      subtotalCents: view.totals.subtotalCents,
      discounts: view.discounts,
      shippingMethod: 'standard',
      shippingCents: view.totals.shippingCents,
      taxCents: view.totals.taxCents,
      totalCents: view.totals.totalCents,
      address: { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
    });
  });

  it('a failed payment tells the provider’s reason on one line, and when the hold ends', async () => {
    const order = orderFor('paymentFailed');
    const long = `Declined:\n${'x'.repeat(400)}`;
    const message = await orderEmail({ ...order, payment: { ...order.payment, failureMessage: long } }, 'paymentFailed');
    if (message.template !== 'paymentFailed') throw new Error('wrong template');
    expect(message.data.reason).toMatch(/^Declined: x+…$/);
    expect(message.data.reason!.length).toBe(300);
    expect(message.data.heldUntil).toBe(order.paymentDeadline);
    const silent = await orderEmail({ ...order, payment: { ...order.payment, failureMessage: null } }, 'paymentFailed');
    expect(silent.data).toMatchObject({ reason: null });
  });

  it('a shipping mail leaves out a carrier link that is not http(s)', async () => {
    const order = orderFor('orderShipped', { tracking: { carrier: 'UPS', trackingNumber: '1Z999', url: 'javascript:alert(1)' } });
    const message = await orderEmail(order, 'orderShipped');
    expect(message.data).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: null });
    expect(parseEmailMessage(message)).toEqual(message);
  });

  it('a shipping mail for an order without tracking is a bug', async () => {
    await expect(orderEmail(anOrder({ status: 'shipped' }), 'orderShipped')).rejects.toThrow(/no tracking/);
  });

  it('a refund in full, recorded on the order, is told as such', async () => {
    const order = orderFor('orderRefunded');
    const message = await orderEmail(order, 'orderRefunded', { note: 'Your payment arrived after the order expired\nand the last specimen had sold.' });
    expect(message.data).toMatchObject({
      refundCents: order.totalCents,
      inFull: true,
      note: 'Your payment arrived after the order expired and the last specimen had sold.',
    });
  });

  it('a partial refund is its latest refund, not in full; refundCents overrides the amount', async () => {
    const order = anOrder({ status: 'delivered' });
    const partial = { ...order, refundedCents: 1_000, refunds: [{ refundId: 're_1', amountCents: 1_000, at: order.updatedAt, reason: null, by: 'shop' as const }] };
    expect((await orderEmail(partial, 'orderRefunded')).data).toMatchObject({ refundCents: 1_000, inFull: false, note: null });
    expect((await orderEmail(partial, 'orderRefunded', { refundCents: 700 })).data).toMatchObject({ refundCents: 700, inFull: false });
  });

  it('a cancellation whose refund is not recorded yet tells of all that was paid', async () => {
    const order = anOrder({ status: 'cancelled' });
    expect((await orderEmail(order, 'orderCancelled')).data).toMatchObject({ refundCents: order.totalCents });
    expect((await orderEmail(order, 'orderCancelled', { refundCents: 0 })).data).toMatchObject({ refundCents: 0 });
  });
});
