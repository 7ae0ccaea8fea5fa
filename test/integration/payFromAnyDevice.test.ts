// The failed-payment mail's "try the payment again" link works on any device: whoever holds the
// order's tracking link gets what the browser needs to pay it, with no cart or session of the browser
// that placed the order; anyone without the link learns nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMinerals } from '../../shared/db/minerals';
import { PAYMENT_FAILED_MAIL_AFTER_MINUTES } from '../../shared/domain/orders';
import { mailDeclinedPayments } from '../../shared/orders/declinedPayments';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { aGuestOrder, startTestApi, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { paymentSandbox, payWithCard } from '../support/payments';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const DECLINED = '4000 0000 0000 0002';

async function guestOrder() {
  const mineral = aMineral({ available: 1, priceCents: 30_000 });
  await putMinerals([mineral]);
  const email = `collector-${randomUUID()}@example.com`;
  return { email, ...(await aGuestOrder(api, mineral.id, email)) };
}

const paymentOf = (orderId: string, token?: string) =>
  api.get(`/api/orders/${orderId}/payment${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);

describe('paying from the failed-payment mail on another device', () => {
  it('gives the holder of the mail’s link the same payment to try again, and it can be paid', async () => {
    const { email, placed, orderId } = await guestOrder();
    expect((await payWithCard(api, placed.payment, DECLINED)).status).toBe(402);
    await paymentSandbox().waitForEvent((d) => d.event.type === 'payment_intent.payment_failed' && (d.event.data.object as { id?: string }).id === placed.payment.paymentId);
    await deliverQueuedMail();
    // Still unpaid when the decline is due to be mailed.
    await mailDeclinedPayments(new Date(Date.now() + (PAYMENT_FAILED_MAIL_AFTER_MINUTES + 1) * 60_000));
    await deliverQueuedMail();
    const mail = (await mailTo(email)).find((m) => /did not go through/.test(m.subject));
    expect(mail).toBeDefined();
    const link = new URL(new RegExp(`https?://\\S+/checkout/pay/${orderId}\\?token=\\S+`).exec(mail!.body.text ?? '')![0]);
    const token = link.searchParams.get('token')!;

    // A fresh device: no cart token, no session — only the link.
    const res = await paymentOf(orderId, token);
    expect(res.status).toBe(200);
    expect(res.body.order.orderId).toBe(orderId);
    expect(res.body.payment.paymentId).toBe(placed.payment.paymentId);
    expect(res.body.payment.clientSecret).toBe(placed.payment.clientSecret);
    expect(res.body).not.toHaveProperty('trackingToken');

    expect((await payWithCard(api, res.body.payment)).status).toBe(200);
    await paymentSandbox().waitForEvent((d) => d.event.type === 'payment_intent.succeeded' && (d.event.data.object as { id?: string }).id === placed.payment.paymentId);
    await deliverQueuedMail();
    await expect.poll(async () => (await api.get(`/api/orders/${orderId}/tracking?token=${encodeURIComponent(token)}`)).body.status).toBe('paid');
    // Once paid there is nothing to pay, and no payment secret is handed out any more.
    const after = await paymentOf(orderId, token);
    expect(after.status).toBe(200);
    expect(after.body.payment).toBeNull();
    expect(after.body.order.status).toBe('paid');
  });

  it('tells anyone without the order’s own link nothing: no token, a wrong one, another order’s', async () => {
    const mine = await guestOrder();
    const other = await guestOrder();
    for (const token of [undefined, '', 'not-a-token', other.placed.trackingToken as string]) {
      const res = await paymentOf(mine.orderId, token);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(JSON.stringify(res.body)).not.toContain('secret');
    }
  });
});
