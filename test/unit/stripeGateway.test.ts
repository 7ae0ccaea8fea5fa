// The Stripe adapter, driving the real Stripe SDK against a tiny local HTTP server that records each
// request and answers canned Stripe JSON: what goes over the wire (amounts, currency, metadata,
// idempotency keys…) and how Stripe's answers and errors come back through the port.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentGateway } from '../../shared/payments/port';
import {
  createStripeClient,
  createStripeGateway,
  PaymentNotFoundError,
  PaymentProviderError,
  PaymentProviderUnavailableError,
  RefundExceedsPaymentError,
} from '../../shared/payments/stripeGateway';

interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The form body as sent, key by key (`metadata[orderId]`, …). */
  form: Record<string, string>;
}

type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

let server: Server;
let gateway: PaymentGateway;
let requests: RecordedRequest[] = [];
let answers: Answer[] = [];

const clientSecret = 'pi_123_secret_abc';

function aPaymentIntent(overrides: Record<string, unknown> = {}) {
  return {
    id: 'pi_123',
    object: 'payment_intent',
    amount: 12_345,
    currency: 'usd',
    client_secret: clientSecret,
    status: 'requires_payment_method',
    metadata: { orderId: 'order-1' },
    customer: null,
    ...overrides,
  };
}

const stripeError = (status: number, error: Record<string, unknown>): Answer => ({ status, body: { error }, headers: { 'stripe-should-retry': 'false' } });

function aPaymentMethod(id: string, customer: string | null) {
  return { id, object: 'payment_method', type: 'card', customer, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040 } };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, form: Object.fromEntries(new URLSearchParams(text)) });
      const answer = answers.shift() ?? stripeError(500, { type: 'api_error', message: 'no canned answer left' });
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gateway = createStripeGateway({
    kind: 'sandbox',
    stripe: await createStripeClient('sk_test_unit', `http://127.0.0.1:${port}`),
    clientConfig: () => ({ provider: 'sandbox', publishableKey: null, sandboxConfirmUrl: '/_sandbox/confirm' }),
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
  answers = [];
});

const only = () => {
  expect(requests).toHaveLength(1);
  return requests[0]!;
};

describe('createPayment', () => {
  it('creates a PaymentIntent in cents with the order id, receipt address, customer and the idempotency key', async () => {
    answers.push({ body: aPaymentIntent({ customer: 'cus_9', setup_future_usage: 'off_session' }) });

    const payment = await gateway.createPayment({
      orderId: 'order-1',
      amountCents: 12_345,
      currency: 'usd',
      email: 'buyer@example.com',
      customerId: 'cus_9',
      savePaymentMethod: true,
      idempotencyKey: 'order-order-1-payment',
    });

    const sent = only();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/payment_intents');
    expect(sent.headers.authorization).toBe('Bearer sk_test_unit');
    expect(sent.headers['idempotency-key']).toBe('order-order-1-payment');
    expect(sent.form).toEqual({
      amount: '12345',
      currency: 'usd',
      'automatic_payment_methods[enabled]': 'true',
      'metadata[orderId]': 'order-1',
      receipt_email: 'buyer@example.com',
      customer: 'cus_9',
      setup_future_usage: 'off_session',
    });
    expect(payment).toEqual({ paymentId: 'pi_123', clientSecret, status: 'requires_payment_method', amountCents: 12_345, currency: 'usd', orderId: 'order-1' });
  });

  it('sends no customer and never asks to keep the card for a guest', async () => {
    answers.push({ body: aPaymentIntent() });

    await gateway.createPayment({ orderId: 'order-2', amountCents: 5_000, currency: 'usd', email: 'guest@example.com', savePaymentMethod: true, idempotencyKey: 'k-2' });

    const { form } = only();
    expect(form.customer).toBeUndefined();
    expect(form.setup_future_usage).toBeUndefined();
  });

  it('does not ask to keep the card unless the shopper chose to', async () => {
    answers.push({ body: aPaymentIntent({ customer: 'cus_9' }) });

    await gateway.createPayment({ orderId: 'order-3', amountCents: 5_000, currency: 'usd', email: 'b@example.com', customerId: 'cus_9', idempotencyKey: 'k-3' });

    expect(only().form.setup_future_usage).toBeUndefined();
  });

  it.each([12.5, 0, -100, Number.NaN])('refuses %s cents before calling Stripe', async (amountCents) => {
    await expect(gateway.createPayment({ orderId: 'o', amountCents, currency: 'usd', email: 'b@example.com', idempotencyKey: 'k' })).rejects.toThrow(RangeError);
    expect(requests).toEqual([]);
  });

  it('reports Stripe being down as unavailable, without the raw error', async () => {
    answers.push(stripeError(500, { type: 'api_error', message: 'Something went wrong on Stripe’s end.' }));

    const failure = gateway.createPayment({ orderId: 'o', amountCents: 5_000, currency: 'usd', email: 'b@example.com', idempotencyKey: 'k' });

    await expect(failure).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    await expect(failure).rejects.toMatchObject({ status: 503, code: 'payment_provider_unavailable' });
  });
});

describe('getPayment', () => {
  it('reads the PaymentIntent and its order id', async () => {
    answers.push({ body: aPaymentIntent({ status: 'succeeded' }) });

    expect(await gateway.getPayment('pi_123')).toMatchObject({ paymentId: 'pi_123', status: 'succeeded', orderId: 'order-1', clientSecret });
    expect(only()).toMatchObject({ method: 'GET', path: '/v1/payment_intents/pi_123' });
  });

  it('leaves orderId undefined on a payment the shop did not create', async () => {
    answers.push({ body: aPaymentIntent({ metadata: {} }) });

    expect((await gateway.getPayment('pi_123')).orderId).toBeUndefined();
  });

  it('answers a payment Stripe does not know with PaymentNotFoundError', async () => {
    answers.push(stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: "No such payment_intent: 'pi_x'" }));

    await expect(gateway.getPayment('pi_x')).rejects.toBeInstanceOf(PaymentNotFoundError);
  });
});

describe('cancelPayment', () => {
  const unexpectedState = (status: string, withIntent = true) =>
    stripeError(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message: `You cannot cancel this PaymentIntent because it has a status of ${status}.`,
      ...(withIntent ? { payment_intent: aPaymentIntent({ status }) } : {}),
    });

  it('cancels with the idempotency key', async () => {
    answers.push({ body: aPaymentIntent({ status: 'canceled' }) });

    expect(await gateway.cancelPayment('pi_123', 'order-1-cancel')).toBe('canceled');
    const sent = only();
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/payment_intents/pi_123/cancel' });
    expect(sent.headers['idempotency-key']).toBe('order-1-cancel');
  });

  it('says so when the payment had already succeeded', async () => {
    answers.push(unexpectedState('succeeded'));

    expect(await gateway.cancelPayment('pi_123', 'k')).toBe('already-succeeded');
  });

  it('says so when the payment had already been cancelled', async () => {
    answers.push(unexpectedState('canceled'));

    expect(await gateway.cancelPayment('pi_123', 'k')).toBe('already-canceled');
  });

  it('looks the payment up when Stripe’s error does not carry it', async () => {
    answers.push(unexpectedState('succeeded', false), { body: aPaymentIntent({ status: 'succeeded' }) });

    expect(await gateway.cancelPayment('pi_123', 'k')).toBe('already-succeeded');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/payment_intents/pi_123/cancel', 'GET /v1/payment_intents/pi_123']);
  });

  it('lets any other refusal through as a provider error that carries no client secret', async () => {
    answers.push(unexpectedState('processing'));

    const error = await gateway.cancelPayment('pi_123', 'k').then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(inspect(error, { depth: 10 })).not.toContain(clientSecret);
  });
});

describe('refund', () => {
  it('refunds part of a payment with the order id and the idempotency key', async () => {
    answers.push({ body: { id: 're_1', object: 'refund', amount: 2_000, status: 'succeeded', payment_intent: 'pi_123' } });

    const refund = await gateway.refund({ paymentId: 'pi_123', amountCents: 2_000, orderId: 'order-1', idempotencyKey: 'order-1-refund-1' });

    const sent = only();
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/refunds' });
    expect(sent.headers['idempotency-key']).toBe('order-1-refund-1');
    expect(sent.form).toEqual({ payment_intent: 'pi_123', amount: '2000', 'metadata[orderId]': 'order-1' });
    expect(refund).toEqual({ refundId: 're_1', amountCents: 2_000, status: 'succeeded' });
  });

  it.each(['amount_too_large', 'charge_already_refunded'])('turns Stripe’s %s into RefundExceedsPaymentError', async (code) => {
    answers.push(stripeError(400, { type: 'invalid_request_error', code, message: 'Refund amount is greater than unrefunded amount on charge' }));

    await expect(gateway.refund({ paymentId: 'pi_123', amountCents: 99_999, orderId: 'order-1', idempotencyKey: 'k' })).rejects.toBeInstanceOf(
      RefundExceedsPaymentError,
    );
  });
});

describe('customers and saved cards', () => {
  it('makes one customer per shopper: the user id as metadata and in the idempotency key', async () => {
    answers.push({ body: { id: 'cus_new', object: 'customer' } });

    expect(await gateway.ensureCustomer({ userId: 'user-7', email: 'seven@example.com' })).toBe('cus_new');

    const sent = only();
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/customers' });
    expect(sent.form).toEqual({ email: 'seven@example.com', 'metadata[userId]': 'user-7' });
    expect(sent.headers['idempotency-key']).toBe('customer-user-7');
  });

  it('keeps a stored customer without calling Stripe', async () => {
    expect(await gateway.ensureCustomer({ userId: 'user-7', email: 'seven@example.com', existingCustomerId: 'cus_old' })).toBe('cus_old');
    expect(requests).toEqual([]);
  });

  it('lists the customer’s cards', async () => {
    answers.push({ body: { object: 'list', data: [aPaymentMethod('pm_1', 'cus_9')], has_more: false, url: '/v1/customers/cus_9/payment_methods' } });

    expect(await gateway.listSavedCards('cus_9')).toEqual([{ paymentMethodId: 'pm_1', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2040 }]);
    const sent = only();
    expect(sent).toMatchObject({ method: 'GET', path: '/v1/customers/cus_9/payment_methods' });
    expect(sent.query.get('type')).toBe('card');
  });

  it('lists no cards for a customer Stripe no longer knows', async () => {
    answers.push(stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: "No such customer: 'cus_gone'" }));

    expect(await gateway.listSavedCards('cus_gone')).toEqual([]);
  });

  it('detaches the customer’s own card', async () => {
    answers.push({ body: aPaymentMethod('pm_1', 'cus_9') }, { body: aPaymentMethod('pm_1', null) });

    expect(await gateway.detachSavedCard('cus_9', 'pm_1')).toBe(true);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/payment_methods/pm_1', 'POST /v1/payment_methods/pm_1/detach']);
  });

  it('never detaches another customer’s card', async () => {
    answers.push({ body: aPaymentMethod('pm_1', 'cus_other') });

    expect(await gateway.detachSavedCard('cus_9', 'pm_1')).toBe(false);
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('answers false for a card Stripe does not know', async () => {
    answers.push(stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: "No such PaymentMethod: 'pm_x'" }));

    expect(await gateway.detachSavedCard('cus_9', 'pm_x')).toBe(false);
  });
});
