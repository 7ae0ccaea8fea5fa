// Webhook events: the hand-written signature check agrees with Stripe's own signing and verification
// (the SDK's generateTestHeaderString and constructEvent), and verified events map to what the order
// pipeline acts on.
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  InvalidPaymentEventError,
  InvalidSignatureError,
  SIGNATURE_TOLERANCE_SECONDS,
  verifyPaymentEvent,
} from '../../shared/payments/webhooks';

const secret = 'whsec_unit_test_secret_0123456789';
const now = new Date('2031-05-06T07:08:09Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

function anEvent(type: string, object: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return { id: 'evt_1', object: 'event', api_version: Stripe.API_VERSION, created: nowSeconds - 2, livemode: false, type, data: { object }, ...overrides };
}

function aPaymentIntent(overrides: Record<string, unknown> = {}) {
  return { id: 'pi_1', object: 'payment_intent', amount: 4_200, currency: 'usd', status: 'succeeded', metadata: { orderId: 'order-1' }, ...overrides };
}

/** The body as Stripe sends it (pretty-printed) and its header, signed by the SDK. */
function signed(event: unknown, options: { secret?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(event, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? secret, timestamp: options.timestamp ?? nowSeconds });
  return { body, header };
}

/** What the SDK's own verification says about the same delivery. */
function sdkAccepts(body: string, header: string | undefined): boolean {
  try {
    Stripe.webhooks.constructEvent(body, header ?? '', secret, SIGNATURE_TOLERANCE_SECONDS, undefined, now.getTime());
    return true;
  } catch {
    return false;
  }
}

describe('signature', () => {
  it('accepts an event signed with the secret, as the SDK does', () => {
    const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));

    expect(sdkAccepts(body, header)).toBe(true);
    expect(verifyPaymentEvent(body, header, secret, now).eventId).toBe('evt_1');
  });

  it('accepts a header carrying a second signature, as while Stripe rolls the secret over', () => {
    const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));
    const rolled = `${header},v1=${'0'.repeat(64)}`;

    expect(sdkAccepts(body, rolled)).toBe(true);
    expect(() => verifyPaymentEvent(body, rolled, secret, now)).not.toThrow();
  });

  const refusals: [string, () => { body: string; header: string | undefined }][] = [
    ['signed with another secret', () => signed(anEvent('payment_intent.succeeded', aPaymentIntent()), { secret: 'whsec_someone_else' })],
    [
      'a body changed after signing',
      () => {
        const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));
        return { body: body.replace('4200', '1'), header };
      },
    ],
    [
      'the body re-serialized (not the raw bytes)',
      () => {
        const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));
        return { body: JSON.stringify(JSON.parse(body)), header };
      },
    ],
    ['no header', () => ({ body: signed(anEvent('payment_intent.succeeded', aPaymentIntent())).body, header: undefined })],
    ['an empty header', () => ({ body: signed(anEvent('payment_intent.succeeded', aPaymentIntent())).body, header: '' })],
    [
      'a header without a timestamp',
      () => {
        const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));
        return { body, header: header.replace(/^t=\d+,/, '') };
      },
    ],
    [
      'only a v0 (test scheme) signature',
      () => {
        const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));
        return { body, header: header.replace('v1=', 'v0=') };
      },
    ],
    [
      'a timestamp changed after signing',
      () => {
        const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));
        return { body, header: header.replace(/^t=\d+/, `t=${nowSeconds - 1}`) };
      },
    ],
    ['a signature older than the tolerance', () => signed(anEvent('payment_intent.succeeded', aPaymentIntent()), { timestamp: nowSeconds - SIGNATURE_TOLERANCE_SECONDS - 1 })],
  ];

  it.each(refusals)('refuses %s, as the SDK does', (_name, make) => {
    const { body, header } = make();

    expect(sdkAccepts(body, header)).toBe(false);
    expect(() => verifyPaymentEvent(body, header, secret, now)).toThrow(InvalidSignatureError);
  });

  it('accepts a signature just inside the tolerance', () => {
    const { body, header } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()), { timestamp: nowSeconds - SIGNATURE_TOLERANCE_SECONDS });

    expect(sdkAccepts(body, header)).toBe(true);
    expect(() => verifyPaymentEvent(body, header, secret, now)).not.toThrow();
  });

  it('answers a refused signature with a 400 the caller may see', () => {
    const { body } = signed(anEvent('payment_intent.succeeded', aPaymentIntent()));

    expect(() => verifyPaymentEvent(body, 't=1,v1=abc', secret, now)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_signature' }));
  });

  it('refuses a correctly signed body that is not a Stripe event', () => {
    const { body, header } = signed({ hello: 'world' });

    expect(() => verifyPaymentEvent(body, header, secret, now)).toThrow(InvalidPaymentEventError);
  });
});

describe('event mapping', () => {
  const verify = (event: unknown) => {
    const { body, header } = signed(event);
    return verifyPaymentEvent(body, header, secret, now);
  };

  it('maps a successful payment', () => {
    expect(verify(anEvent('payment_intent.succeeded', aPaymentIntent()))).toEqual({
      eventId: 'evt_1',
      type: 'payment_succeeded',
      providerType: 'payment_intent.succeeded',
      created: nowSeconds - 2,
      paymentId: 'pi_1',
      orderId: 'order-1',
      amountCents: 4_200,
      currency: 'usd',
    });
  });

  it('names the card kept for next time when the payment was set up for future use', () => {
    const event = verify(anEvent('payment_intent.succeeded', aPaymentIntent({ setup_future_usage: 'off_session', payment_method: 'pm_9' })));

    expect(event.savedPaymentMethodId).toBe('pm_9');
  });

  it('does not claim a card was kept when the shopper did not ask', () => {
    expect(verify(anEvent('payment_intent.succeeded', aPaymentIntent({ setup_future_usage: null, payment_method: 'pm_9' }))).savedPaymentMethodId).toBeUndefined();
  });

  it('maps a declined payment to its decline code and a message for the shopper', () => {
    const failed = aPaymentIntent({
      status: 'requires_payment_method',
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
    });

    const event = verify(anEvent('payment_intent.payment_failed', failed));

    expect(event).toMatchObject({ type: 'payment_failed', paymentId: 'pi_1', orderId: 'order-1' });
    expect(event.failure).toEqual({ code: 'insufficient_funds', message: expect.stringMatching(/insufficient funds/i) });
  });

  it('falls back to the error code when there is no decline code, and to a general message for codes it does not know', () => {
    const expired = aPaymentIntent({ last_payment_error: { code: 'expired_card', message: 'Your card has expired.' } });
    const odd = aPaymentIntent({ last_payment_error: { code: 'something_new', message: 'Developer-facing text' } });

    expect(verify(anEvent('payment_intent.payment_failed', expired)).failure).toEqual({ code: 'expired_card', message: expect.stringMatching(/expired/) });
    expect(verify(anEvent('payment_intent.payment_failed', odd)).failure).toEqual({ code: 'something_new', message: expect.not.stringMatching(/Developer/) });
  });

  it('maps a cancelled payment', () => {
    expect(verify(anEvent('payment_intent.canceled', aPaymentIntent({ status: 'canceled' })))).toMatchObject({ type: 'payment_canceled', paymentId: 'pi_1', orderId: 'order-1' });
  });

  it('maps charge.refunded to the running total refunded on the payment', () => {
    const charge = { id: 'ch_1', object: 'charge', amount: 4_200, amount_refunded: 1_000, refunded: false, payment_intent: 'pi_1', metadata: { orderId: 'order-1' } };

    expect(verify(anEvent('charge.refunded', charge))).toMatchObject({
      type: 'refund_updated',
      providerType: 'charge.refunded',
      paymentId: 'pi_1',
      orderId: 'order-1',
      amountCents: 1_000,
      refund: { refundId: undefined, status: undefined, totalRefundedCents: 1_000, fullyRefunded: false },
    });
  });

  it('maps refund.updated to the refund and its status', () => {
    const refund = { id: 're_1', object: 'refund', amount: 700, status: 'failed', payment_intent: 'pi_1', metadata: { orderId: 'order-1' } };

    expect(verify(anEvent('refund.updated', refund))).toMatchObject({
      type: 'refund_updated',
      paymentId: 'pi_1',
      orderId: 'order-1',
      amountCents: 700,
      refund: { refundId: 're_1', status: 'failed', totalRefundedCents: undefined, fullyRefunded: undefined },
    });
  });

  it('maps a dispute to its payment and details; the order is left to the processor to find', () => {
    const dispute = {
      id: 'dp_1',
      object: 'dispute',
      amount: 4_200,
      currency: 'usd',
      status: 'needs_response',
      reason: 'fraudulent',
      payment_intent: 'pi_1',
      evidence_details: { due_by: 1_900_000_000 },
      metadata: {},
    };

    expect(verify(anEvent('charge.dispute.created', dispute))).toMatchObject({
      type: 'dispute_updated',
      paymentId: 'pi_1',
      orderId: undefined,
      amountCents: 4_200,
      currency: 'usd',
      dispute: { disputeId: 'dp_1', status: 'needs_response', reason: 'fraudulent', evidenceDueBy: 1_900_000_000 },
    });
    expect(verify(anEvent('charge.dispute.closed', { ...dispute, status: 'lost' })).dispute?.status).toBe('lost');
    expect(() => verify(anEvent('charge.dispute.updated', { ...dispute, status: 'made_up' }))).toThrow(/does not carry the object/);
  });

  it('carries the currency of a successful payment, so the processor can compare it with the order', () => {
    expect(verify(anEvent('payment_intent.succeeded', aPaymentIntent({ currency: 'eur' })))).toMatchObject({ type: 'payment_succeeded', currency: 'eur' });
  });

  it.each(['payment_intent.created', 'charge.succeeded', 'customer.created', 'payment_method.attached'])('acknowledges and ignores %s', (type) => {
    expect(verify(anEvent(type, { id: 'x_1', object: 'thing' }))).toEqual({
      eventId: 'evt_1',
      type: 'ignored',
      providerType: type,
      created: nowSeconds - 2,
      paymentId: undefined,
      orderId: undefined,
      amountCents: undefined,
    });
  });

  it('leaves orderId undefined for a payment the shop did not create', () => {
    expect(verify(anEvent('payment_intent.succeeded', aPaymentIntent({ metadata: {} }))).orderId).toBeUndefined();
    expect(verify(anEvent('payment_intent.succeeded', aPaymentIntent({ metadata: undefined }))).orderId).toBeUndefined();
  });

  it('refuses a payment event whose object is not a payment', () => {
    const { body, header } = signed(anEvent('payment_intent.succeeded', { object: 'payment_intent' }));

    expect(() => verifyPaymentEvent(body, header, secret, now)).toThrow(InvalidPaymentEventError);
  });
});
