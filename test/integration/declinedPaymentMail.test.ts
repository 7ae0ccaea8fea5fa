// A declined card is mailed about once, and only when the order is still unpaid minutes later; the
// shopper's and the tracking link's timeline show what happened to the order, not each declined card.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAdminAuthorizer } from '../../infra/local/adminAuthorizer';
import { adminSignIn } from '../../infra/local/cognito';
import { putMinerals } from '../../shared/db/minerals';
import { getOrder } from '../../shared/db/orders';
import { PAYMENT_FAILED_MAIL_AFTER_MINUTES } from '../../shared/domain/orders';
import { mailDeclinedPayments } from '../../shared/orders/declinedPayments';
import { startLocalAdminAuth } from '../support/adminTokens';
import { aGuestOrder, startTestApi, type Json, type TestApi } from '../support/api';
import { aMineral } from '../support/builders';
import { deliverQueuedMail, mailTo } from '../support/mail';
import { paymentSandbox, payWithCard } from '../support/payments';

let api: TestApi;
let auth: Awaited<ReturnType<typeof startLocalAdminAuth>>;
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

const DECLINED = '4000 0000 0000 0002';
const NO_FUNDS = '4000 0000 0000 9995';
const minutesAfter = (at: string, minutes: number) => new Date(new Date(at).getTime() + minutes * 60_000);

async function declinedOrder(cards: string[]) {
  const mineral = aMineral({ available: 1, priceCents: 30_000 });
  await putMinerals([mineral]);
  const email = `collector-${randomUUID()}@example.com`;
  const { placed } = await aGuestOrder(api, mineral.id, email);
  const seen = new Set<string>();
  for (const card of cards) {
    expect((await payWithCard(api, placed.payment, card)).status).toBe(402);
    const delivery = await paymentSandbox().waitForEvent(
      (d) => d.event.type === 'payment_intent.payment_failed' && (d.event.data.object as { id?: string }).id === placed.payment.paymentId && !seen.has(d.event.id),
    );
    seen.add(delivery.event.id);
    await deliverQueuedMail();
  }
  const orderId = placed.order.orderId as string;
  await expect.poll(async () => (await getOrder(orderId))!.timeline.filter((t) => t.status === 'payment_failed').length).toBe(cards.length);
  return { email, placed, orderId };
}

const declineMails = async (email: string) => (await mailTo(email)).filter((m) => /did not go through/.test(m.subject));

describe('the mail about a declined payment', () => {
  it('is sent once, only after the order has stayed unpaid for a while, however many cards were declined', async () => {
    const { email, orderId } = await declinedOrder([DECLINED, NO_FUNDS]);
    expect(await declineMails(email)).toHaveLength(0);
    const declinedAt = (await getOrder(orderId))!.timeline.at(-1)!.at;

    // Too soon: the shopper may still be trying another card.
    await mailDeclinedPayments(minutesAfter(declinedAt, PAYMENT_FAILED_MAIL_AFTER_MINUTES - 1));
    await deliverQueuedMail();
    expect(await declineMails(email)).toHaveLength(0);

    // Due: one mail; the job running again (or twice at once) sends no second one.
    const due = minutesAfter(declinedAt, PAYMENT_FAILED_MAIL_AFTER_MINUTES + 1);
    await mailDeclinedPayments(due);
    await Promise.all([mailDeclinedPayments(due), mailDeclinedPayments(minutesAfter(declinedAt, PAYMENT_FAILED_MAIL_AFTER_MINUTES + 5))]);
    await deliverQueuedMail();
    const mails = await declineMails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(`/checkout/pay/${orderId}?token=`);
  });

  it('is not sent once the payment window has closed', async () => {
    const { email, orderId } = await declinedOrder([DECLINED]);
    const order = (await getOrder(orderId))!;
    await mailDeclinedPayments(minutesAfter(order.paymentDeadline, 1));
    await deliverQueuedMail();
    expect(await declineMails(email)).toHaveLength(0);
  });
});

describe('the timeline a shopper sees', () => {
  it('shows the order placed, not its declined cards; the admin sees every step', async () => {
    const { placed, orderId } = await declinedOrder([DECLINED]);
    const tracked = await api.get(`/api/orders/${orderId}/tracking?token=${encodeURIComponent(placed.trackingToken as string)}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body.status).toBe('payment_failed');
    expect(tracked.body.timeline.map((t: Json) => t.status)).toEqual(['pending_payment']);
    const admin = await api.get(`/api/admin/orders/${orderId}`, { authorization: `Bearer ${adminToken}` });
    expect(admin.status).toBe(200);
    expect(admin.body.timeline.map((t: Json) => t.status)).toEqual(['pending_payment', 'payment_failed']);
  });
});
