// The local payment sandbox driven as the shop drives Stripe: the SDK adapter (paymentGateway) for
// the server's calls, the site's card form (/_sandbox/confirm through the test API) for the shopper's,
// and signed webhook events to a receiver that verifies them the way the webhook route does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/config';
import { paymentCustomerFor } from '../../shared/payments/customers';
import { gatewaySettings, paymentGateway, SANDBOX_API_KEY } from '../../shared/payments/gateway';
import type { PaymentEvent, PaymentGateway } from '../../shared/payments/port';
import { createStripeClient, PaymentProviderError, PaymentRefusedError, RefundExceedsPaymentError } from '../../shared/payments/stripeGateway';
import { verifyPaymentEvent } from '../../shared/payments/webhooks';
import { startTestApi, type TestApi } from '../support/api';
import { paymentSandbox, payWithCard, payWithSavedCard, TEST_CARDS } from '../support/payments';

interface Received {
  eventId: string;
  signature: string | undefined;
  /** The event as verifyPaymentEvent mapped it, or why it refused it. */
  verified: PaymentEvent | Error;
}

let api: TestApi;
let gateway: PaymentGateway;
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
/** Statuses the receiver answers with, in turn; 200 once they run out. */
let receiverAnswers: number[] = [];

beforeAll(async () => {
  api = await startTestApi();
  gateway = await paymentGateway();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const signature = req.headers['stripe-signature'] as string | undefined;
      let verified: PaymentEvent | Error;
      try {
        verified = verifyPaymentEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET ?? '');
      } catch (error) {
        verified = error as Error;
      }
      received.push({ eventId: (JSON.parse(body) as { id: string }).id, signature, verified });
      res.writeHead(receiverAnswers.shift() ?? 200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
});

afterAll(async () => {
  await paymentSandbox().idle();
  await api?.close();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

beforeEach(() => {
  paymentSandbox().setWebhookUrl(receiverUrl);
  received = [];
  receiverAnswers = [];
});

let seq = 0;
const unique = () => `${Date.now().toString(36)}-${++seq}`;

function aPayment(overrides: { amountCents?: number; customerId?: string; savePaymentMethod?: boolean } = {}) {
  const id = unique();
  return gateway.createPayment({
    orderId: `order-${id}`,
    amountCents: overrides.amountCents ?? 4_200,
    currency: 'usd',
    email: `buyer-${id}@example.com`,
    customerId: overrides.customerId,
    savePaymentMethod: overrides.savePaymentMethod,
    idempotencyKey: `order-${id}-payment`,
  });
}

/** The event of this type about this object, once its delivery settled. */
function delivered(type: string, objectId: string) {
  return paymentSandbox().waitForEvent((d) => d.event.type === type && d.event.data.object.id === objectId);
}

/** What the receiver verified for an event. */
function verifiedEvent(eventId: string): PaymentEvent {
  const found = received.find((r) => r.eventId === eventId);
  if (!found) throw new Error(`the receiver never got ${eventId}`);
  if (found.verified instanceof Error) throw found.verified;
  return found.verified;
}

describe('the gateway on one machine', () => {
  it('is the sandbox, and tells the site where its card form posts', () => {
    expect(gateway.kind).toBe('sandbox');
    expect(gateway.clientConfig()).toEqual({ provider: 'sandbox', publishableKey: null, sandboxConfirmUrl: '/_sandbox/confirm' });
  });

  it('refuses the sandbox in a deployed stage, or inside a real Lambda', () => {
    const sandboxUrl = 'http://127.0.0.1:8103';
    expect(() => gatewaySettings({ PAYMENT_SANDBOX_URL: sandboxUrl, STAGE: 'prod' })).toThrow(ConfigurationError);
    expect(() => gatewaySettings({ PAYMENT_SANDBOX_URL: sandboxUrl, STAGE: 'dev' })).toThrow('the payment sandbox never runs in a deployed stage');
    expect(() => gatewaySettings({ PAYMENT_SANDBOX_URL: sandboxUrl, STAGE: 'local', AWS_LAMBDA_FUNCTION_NAME: 'placeOrder' })).toThrow(ConfigurationError);
    expect(gatewaySettings({ PAYMENT_SANDBOX_URL: sandboxUrl, STAGE: 'local' })).toEqual({ provider: 'sandbox', sandboxUrl });
    expect(gatewaySettings({ PAYMENT_SANDBOX_URL: sandboxUrl })).toEqual({ provider: 'sandbox', sandboxUrl });
  });

  it('refuses a sandbox that is not on this machine, and a shop with no provider at all', () => {
    expect(() => gatewaySettings({ PAYMENT_SANDBOX_URL: 'http://payments.example.com:8103', STAGE: 'local' })).toThrow(ConfigurationError);
    expect(() => gatewaySettings({ STAGE: 'local' })).toThrow(/No payment provider/);
  });

  it('prefers real Stripe whenever a secret key is configured', () => {
    expect(gatewaySettings({ STRIPE_SECRET_KEY: 'sk_test_abc', PAYMENT_SANDBOX_URL: 'http://127.0.0.1:8103', STAGE: 'prod' })).toEqual({
      provider: 'stripe',
      publishableKey: undefined,
    });
    expect(gatewaySettings({ STRIPE_API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:x', STRIPE_PUBLISHABLE_KEY: 'pk_live_abc' })).toEqual({
      provider: 'stripe',
      publishableKey: 'pk_live_abc',
    });
  });
});

describe('test cards', () => {
  it('4242 4242 4242 4242 succeeds, and a signed payment_intent.succeeded reaches the webhook', async () => {
    const payment = await aPayment();
    expect(payment).toMatchObject({ status: 'requires_payment_method', amountCents: 4_200, currency: 'usd', orderId: expect.stringMatching(/^order-/) });
    expect(payment.paymentId).toMatch(/^pi_[A-Za-z0-9]+$/);
    expect(payment.clientSecret).toMatch(new RegExp(`^${payment.paymentId}_secret_[A-Za-z0-9]+$`));

    const paid = await payWithCard(api, payment, TEST_CARDS.succeeds);

    expect(paid.status).toBe(200);
    expect(paid.body).toEqual({ status: 'succeeded' });
    expect((await gateway.getPayment(payment.paymentId)).status).toBe('succeeded');
    const delivery = await delivered('payment_intent.succeeded', payment.paymentId);
    expect(delivery.state).toBe('delivered');
    expect(delivery.event).toMatchObject({ id: expect.stringMatching(/^evt_/), object: 'event', livemode: false, api_version: expect.any(String) });
    expect(verifiedEvent(delivery.event.id)).toMatchObject({
      eventId: delivery.event.id,
      type: 'payment_succeeded',
      paymentId: payment.paymentId,
      orderId: payment.orderId,
      amountCents: 4_200,
    });
    expect(received.find((r) => r.eventId === delivery.event.id)?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('4000 0000 0000 0002 is declined, leaving the payment open for another card', async () => {
    const payment = await aPayment();

    const declined = await payWithCard(api, payment, TEST_CARDS.declined);

    expect(declined.status).toBe(402);
    expect(declined.body).toEqual({ error: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' } });
    expect((await gateway.getPayment(payment.paymentId)).status).toBe('requires_payment_method');
    const delivery = await delivered('payment_intent.payment_failed', payment.paymentId);
    expect(verifiedEvent(delivery.event.id)).toMatchObject({
      type: 'payment_failed',
      paymentId: payment.paymentId,
      orderId: payment.orderId,
      failure: { code: 'generic_decline', message: expect.stringMatching(/declined/) },
    });
  });

  it('4000 0000 0000 9995 has insufficient funds', async () => {
    const payment = await aPayment();

    const declined = await payWithCard(api, payment, TEST_CARDS.insufficientFunds);

    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    const delivery = await delivered('payment_intent.payment_failed', payment.paymentId);
    expect(verifiedEvent(delivery.event.id).failure?.code).toBe('insufficient_funds');
  });

  it('refuses any other number, and an expired card', async () => {
    const payment = await aPayment();

    const unknown = await payWithCard(api, payment, '4111 1111 1111 1111');
    const expired = await payWithCard(api, payment, TEST_CARDS.succeeds, { expMonth: 1, expYear: new Date().getUTCFullYear() - 1 });

    expect(unknown.status).toBe(402);
    expect(unknown.body.error).toMatchObject({ code: 'incorrect_number', message: expect.any(String) });
    expect(unknown.body.error.declineCode).toBeUndefined();
    expect(expired.status).toBe(402);
    expect(expired.body.error).toMatchObject({ code: 'expired_card', message: 'Your card has expired.' });
  });

  it('takes the number with or without spaces', async () => {
    const payment = await aPayment();

    expect((await payWithCard(api, payment, TEST_CARDS.succeeds.replaceAll(' ', ''))).status).toBe(200);
  });

  it('succeeds with a good card after a decline', async () => {
    const payment = await aPayment();

    expect((await payWithCard(api, payment, TEST_CARDS.declined)).status).toBe(402);
    expect((await payWithCard(api, payment, TEST_CARDS.succeeds)).status).toBe(200);

    expect((await gateway.getPayment(payment.paymentId)).status).toBe('succeeded');
    await delivered('payment_intent.succeeded', payment.paymentId);
  });

  it('answers a wrong client secret as if there were no such payment', async () => {
    const payment = await aPayment();

    const res = await payWithCard(api, { paymentId: payment.paymentId, clientSecret: `${payment.paymentId}_secret_wrong` });

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('resource_missing');
    expect((await gateway.getPayment(payment.paymentId)).status).toBe('requires_payment_method');
  });

  it('refuses to take a payment twice, or a cancelled one', async () => {
    const paid = await aPayment();
    const cancelled = await aPayment();
    await payWithCard(api, paid);
    await gateway.cancelPayment(cancelled.paymentId, `cancel-${cancelled.paymentId}`);

    const again = await payWithCard(api, paid);
    const afterCancel = await payWithCard(api, cancelled);

    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('payment_intent_unexpected_state');
    expect(afterCancel.status).toBe(400);
    expect(paymentSandbox().payments().filter((p) => p.id === paid.paymentId && p.status === 'succeeded')).toHaveLength(1);
  });
});

describe('idempotency', () => {
  it('answers a retried create with the same payment', async () => {
    const input = { orderId: `order-${unique()}`, amountCents: 1_999, currency: 'usd' as const, email: 'again@example.com', idempotencyKey: `key-${unique()}` };

    const first = await gateway.createPayment(input);
    const second = await gateway.createPayment(input);

    expect(second.paymentId).toBe(first.paymentId);
    expect(second.clientSecret).toBe(first.clientSecret);
    expect(paymentSandbox().payments().filter((p) => p.metadata.orderId === input.orderId)).toHaveLength(1);
  });

  it('refuses the same key with different parameters, as Stripe does', async () => {
    const input = { orderId: `order-${unique()}`, amountCents: 1_999, currency: 'usd' as const, email: 'again@example.com', idempotencyKey: `key-${unique()}` };
    await gateway.createPayment(input);

    await expect(gateway.createPayment({ ...input, amountCents: 2_999 })).rejects.toThrow(PaymentProviderError);
    await expect(gateway.createPayment({ ...input, amountCents: 2_999 })).rejects.toThrow(/idempotent requests can only be used with the same parameters/);
  });
});

describe('cancel', () => {
  it('cancels an open payment once, then says it already was', async () => {
    const payment = await aPayment();

    expect(await gateway.cancelPayment(payment.paymentId, `cancel-${payment.paymentId}`)).toBe('canceled');
    expect(await gateway.cancelPayment(payment.paymentId, `cancel-${payment.paymentId}-later`)).toBe('already-canceled');

    const delivery = await delivered('payment_intent.canceled', payment.paymentId);
    expect(verifiedEvent(delivery.event.id)).toMatchObject({ type: 'payment_canceled', paymentId: payment.paymentId, orderId: payment.orderId });
    expect(paymentSandbox().events.filter((d) => d.event.type === 'payment_intent.canceled' && d.event.data.object.id === payment.paymentId)).toHaveLength(1);
  });

  it('says so when the payment had already succeeded', async () => {
    const payment = await aPayment();
    await payWithCard(api, payment);

    expect(await gateway.cancelPayment(payment.paymentId, `cancel-${payment.paymentId}`)).toBe('already-succeeded');
    expect((await gateway.getPayment(payment.paymentId)).status).toBe('succeeded');
  });
});

describe('refunds', () => {
  it('refunds part, then the rest, and never more than was paid', async () => {
    const payment = await aPayment({ amountCents: 4_200 });
    await payWithCard(api, payment);
    const refund = (amountCents: number, key: string) => gateway.refund({ paymentId: payment.paymentId, amountCents, orderId: payment.orderId!, idempotencyKey: `${payment.paymentId}-${key}` });

    const part = await refund(1_000, 'r1');
    const partAgain = await refund(1_000, 'r1');
    await expect(refund(3_201, 'too-much')).rejects.toBeInstanceOf(RefundExceedsPaymentError);
    const rest = await refund(3_200, 'r2');
    await expect(refund(1, 'r3')).rejects.toBeInstanceOf(RefundExceedsPaymentError);

    expect(part).toEqual({ refundId: expect.stringMatching(/^re_/), amountCents: 1_000, status: 'succeeded' });
    expect(partAgain.refundId).toBe(part.refundId);
    expect(rest).toMatchObject({ amountCents: 3_200, status: 'succeeded' });
    expect(paymentSandbox().refunds().filter((r) => r.payment_intent === payment.paymentId).map((r) => r.amount)).toEqual([1_000, 3_200]);
    await paymentSandbox().idle();
    const refundEvents = paymentSandbox()
      .events.filter((d) => d.event.type === 'charge.refunded' && d.event.data.object.payment_intent === payment.paymentId)
      .map((d) => verifiedEvent(d.event.id));
    expect(refundEvents.map((e) => [e.type, e.orderId, e.refund?.totalRefundedCents, e.refund?.fullyRefunded])).toEqual([
      ['refund_updated', payment.orderId, 1_000, false],
      ['refund_updated', payment.orderId, 4_200, true],
    ]);
  });

  it('refuses to refund a payment that never succeeded, with a 409 that says what to do', async () => {
    const payment = await aPayment();

    const refused = gateway.refund({ paymentId: payment.paymentId, amountCents: 100, orderId: payment.orderId!, idempotencyKey: `r-${payment.paymentId}` });
    await expect(refused).rejects.toThrow(PaymentRefusedError);
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'payment_refused', message: expect.stringContaining('Look at the payment in the Stripe dashboard') });
  });

  it('lists every refund of a payment, telling the shop’s own from one made in the dashboard', async () => {
    const payment = await aPayment();
    await payWithCard(api, payment);
    const own = await gateway.refund({ paymentId: payment.paymentId, amountCents: 100, orderId: payment.orderId!, idempotencyKey: `r-${payment.paymentId}` });
    const dashboard = await (await createStripeClient(SANDBOX_API_KEY, process.env.PAYMENT_SANDBOX_URL)).refunds.create({ payment_intent: payment.paymentId, amount: 200 });
    const listed = await gateway.listRefunds(payment.paymentId);
    expect(listed.map((r) => [r.refundId, r.amountCents, r.madeByShop]).sort()).toEqual(
      [
        [own.refundId, 100, true],
        [dashboard.id, 200, false],
      ].sort(),
    );
  });
});

describe('saved cards', () => {
  it('keeps a card when the shopper asks, pays with it next time, and forgets it', async () => {
    const owner = await gateway.ensureCustomer({ userId: `user-${unique()}`, email: 'owner@example.com' });
    const other = await gateway.ensureCustomer({ userId: `user-${unique()}`, email: 'other@example.com' });
    const first = await aPayment({ customerId: owner, savePaymentMethod: true });

    expect((await payWithCard(api, first, TEST_CARDS.succeeds, { saveCard: true })).status).toBe(200);

    const cards = await gateway.listSavedCards(owner);
    expect(cards).toEqual([{ paymentMethodId: expect.stringMatching(/^pm_/), brand: 'visa', last4: '4242', expMonth: 12, expYear: expect.any(Number) }]);
    const delivery = await delivered('payment_intent.succeeded', first.paymentId);
    expect(verifiedEvent(delivery.event.id).savedPaymentMethodId).toBe(cards[0]!.paymentMethodId);
    expect(await gateway.listSavedCards(other)).toEqual([]);

    // Another shopper can neither pay with it nor forget it.
    const theirs = await aPayment({ customerId: other });
    expect((await payWithSavedCard(api, theirs, cards[0]!.paymentMethodId)).status).toBe(404);
    expect(await gateway.detachSavedCard(other, cards[0]!.paymentMethodId)).toBe(false);

    const second = await aPayment({ customerId: owner });
    expect((await payWithSavedCard(api, second, cards[0]!.paymentMethodId)).status).toBe(200);

    expect(await gateway.detachSavedCard(owner, cards[0]!.paymentMethodId)).toBe(true);
    expect(await gateway.listSavedCards(owner)).toEqual([]);
    expect(await gateway.detachSavedCard(owner, cards[0]!.paymentMethodId)).toBe(false);
  });

  it('keeps no card for a guest payment', async () => {
    const payment = await aPayment({ savePaymentMethod: true });

    expect((await payWithCard(api, payment, TEST_CARDS.succeeds, { saveCard: true })).status).toBe(200);

    expect(paymentSandbox().payments().find((p) => p.id === payment.paymentId)?.customer).toBeNull();
  });

  it('GET and DELETE /api/me/payment-methods list and forget only the shopper’s own cards', async () => {
    const register = async () => {
      const username = `payer${unique().replace(/-/g, '')}`;
      const res = await api.request('POST', '/api/auth/register', {
        body: { username, email: `${username}@example.com`, password: 'correct horse battery', name: 'Payer' },
      });
      expect(res.status).toBe(201);
      return { userId: res.body.user.userId as string, email: res.body.user.email as string, headers: { authorization: `Bearer ${res.body.session.accessToken as string}` } };
    };
    const shopper = await register();
    const stranger = await register();
    expect((await api.request('GET', '/api/me/payment-methods', { headers: shopper.headers })).body).toEqual({ items: [] });

    // Two checkouts at once agree on one customer.
    const [customerId, sameCustomer] = await Promise.all([paymentCustomerFor(shopper.userId, shopper.email), paymentCustomerFor(shopper.userId, shopper.email)]);
    expect(sameCustomer).toBe(customerId);
    expect(await paymentCustomerFor(shopper.userId, shopper.email)).toBe(customerId);
    const payment = await aPayment({ customerId, savePaymentMethod: true });
    await payWithCard(api, payment);

    const listed = await api.request('GET', '/api/me/payment-methods', { headers: shopper.headers });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([{ paymentMethodId: expect.stringMatching(/^pm_/), brand: 'visa', last4: '4242', expMonth: 12, expYear: expect.any(Number) }]);
    const cardId = listed.body.items[0].paymentMethodId as string;

    expect((await api.request('DELETE', `/api/me/payment-methods/${cardId}`, { headers: stranger.headers })).status).toBe(404);
    expect((await api.request('DELETE', '/api/me/payment-methods/not-a-card', { headers: shopper.headers })).status).toBe(400);
    expect((await api.request('DELETE', `/api/me/payment-methods/${cardId}`)).status).toBe(401);
    expect((await api.request('DELETE', `/api/me/payment-methods/${cardId}`, { headers: shopper.headers })).status).toBe(204);
    expect((await api.request('GET', '/api/me/payment-methods', { headers: shopper.headers })).body).toEqual({ items: [] });
    expect((await api.request('DELETE', `/api/me/payment-methods/${cardId}`, { headers: shopper.headers })).status).toBe(404);
  });
});

describe('webhook delivery', () => {
  it('tries again when the shop does not answer 2xx', async () => {
    receiverAnswers = [500];
    const payment = await aPayment();

    await payWithCard(api, payment);

    const delivery = await delivered('payment_intent.succeeded', payment.paymentId);
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(received.filter((r) => r.eventId === delivery.event.id)).toHaveLength(2);
    expect(verifiedEvent(delivery.event.id).type).toBe('payment_succeeded');
  });

  it('sends an event again on demand, freshly signed, with the same id', async () => {
    const payment = await aPayment();
    await payWithCard(api, payment);
    const delivery = await delivered('payment_intent.succeeded', payment.paymentId);

    const again = await paymentSandbox().deliverAgain(delivery.event.id);

    expect(again.status).toBe(200);
    const copies = received.filter((r) => r.eventId === delivery.event.id);
    expect(copies).toHaveLength(2);
    expect(copies.every((c) => !(c.verified instanceof Error))).toBe(true);
  });

  it('answers the confirmation without waiting for the shop', async () => {
    // A receiver that never answers in time: the shopper's confirmation must not hang on it.
    const slow = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    paymentSandbox().setWebhookUrl(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/`);
    try {
      const payment = await aPayment();

      expect((await payWithCard(api, payment)).status).toBe(200);

      const delivery = paymentSandbox().events.find((d) => d.event.type === 'payment_intent.succeeded' && d.event.data.object.id === payment.paymentId);
      expect(delivery?.state).toBe('pending');
    } finally {
      paymentSandbox().setWebhookUrl(receiverUrl);
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

describe('the sandbox’s Stripe API', () => {
  it('refuses a request without a test secret key', async () => {
    const url = process.env.PAYMENT_SANDBOX_URL!;

    const res = await fetch(`${url}/v1/payment_intents/pi_x`, { headers: { authorization: 'Bearer pk_test_publishable' } });

    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('refuses parameters Stripe does not know', async () => {
    const url = process.env.PAYMENT_SANDBOX_URL!;

    const res = await fetch(`${url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=1000&currency=usd&totally_made_up=1',
    });

    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('parameter_unknown');
  });
});
