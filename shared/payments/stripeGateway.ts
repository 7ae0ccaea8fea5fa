// The payment port over Stripe's own SDK. The same adapter drives real Stripe and, on one machine, the
// local payment sandbox (infra/local/paymentSandbox.ts), which speaks the part of Stripe's API used
// here: only the SDK's host, port and protocol differ. Every call that creates or moves money carries
// an idempotency key, so a retried checkout, cancel or refund never happens twice. Nothing here logs,
// and no Stripe error leaves this file as is: its raw body may hold a client secret.
import type Stripe from 'stripe';
import { AppError, ConflictError, NotFoundError } from '../errors';
import type { CreatePaymentInput, Payment, PaymentClientConfig, PaymentGateway, PaymentProviderKind, PaymentStatus, ProviderRefund, Refund, SavedCard } from './port';

/** Stripe could not be reached or failed on its side: worth trying again later. */
export class PaymentProviderUnavailableError extends AppError {
  override name = 'PaymentProviderUnavailableError';
  readonly status = 503;
  readonly code = 'payment_provider_unavailable';
}

/** Stripe refused a request the shop should not have made (a bug, or a misconfigured account). */
export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
}

export class PaymentNotFoundError extends NotFoundError {
  override name = 'PaymentNotFoundError';
}

/** A refund for more than is left of the payment (or of a payment already fully refunded). */
export class RefundExceedsPaymentError extends ConflictError {
  override name = 'RefundExceedsPaymentError';
  constructor(message: string) {
    super(message, 'refund_exceeds_payment');
  }
}

/**
 * The provider refused to move money it was asked to move (a disputed charge, a balance too low, a
 * payment in the wrong state). Nothing changed, at the provider or here: a 409 that tells the admin
 * what to do about it, instead of a bare 500.
 */
export class PaymentRefusedError extends ConflictError {
  override name = 'PaymentRefusedError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'payment_refused', options);
  }
}

/** What an admin can do about each refusal of a refund, by the provider's error code. */
const REFUND_REFUSALS: Record<string, string> = {
  charge_disputed:
    'The card holder disputed this payment, so the payment provider will not refund it. Answer the dispute in the Stripe dashboard instead: if you accept it, the money goes back to them through the dispute.',
  payment_intent_unexpected_state:
    'The payment provider cannot refund this payment in its present state (it may not have settled, or may be disputed). Look at the payment in the Stripe dashboard, then try again.',
  balance_insufficient:
    'Your Stripe balance is too low to pay this refund. Add funds to your Stripe balance (or wait for incoming payments), then try again.',
  insufficient_funds:
    'Your Stripe balance is too low to pay this refund. Add funds to your Stripe balance (or wait for incoming payments), then try again.',
  idempotency_key_in_use: 'This refund is being made by another request right now. Wait a moment and look at the order again.',
};

/** The admin's words for a refused refund: the known codes by name, anything else pointing to the dashboard. */
export function refundRefusal(code: string | undefined): string {
  return (
    (code && REFUND_REFUSALS[code]) ??
    `The payment provider refused this refund${code ? ` (${code})` : ''}. Nothing was refunded. Look at the payment in the Stripe dashboard.`
  );
}

export interface StripeGatewayOptions {
  kind: PaymentProviderKind;
  /** The SDK client: see createStripeClient. */
  stripe: Stripe;
  /** What the site needs to take a payment (may throw when the deployment lacks a setting). */
  clientConfig: () => PaymentClientConfig;
}

type StripeErrors = typeof Stripe.errors;

/** The SDK's error classes, known once the SDK is loaded (no Stripe call, so no Stripe error, before). */
let stripeErrors: StripeErrors | undefined;

/**
 * The SDK is most of the size of a function that takes payments, and most functions that can reach
 * this file never call Stripe: it is imported on the first client made, not when this file loads (the
 * bundles keep it in a file of its own, loaded only then: infra/constructs/shopFunction.ts).
 */
async function loadStripeSdk(): Promise<typeof Stripe> {
  const { default: sdk } = await import('stripe');
  stripeErrors = sdk.errors;
  return sdk;
}

/**
 * An SDK client. `endpoint` (e.g. http://127.0.0.1:8103) points it somewhere other than Stripe: the
 * local sandbox, or a test server. Short timeouts: a Lambda has 10 s in all.
 */
export async function createStripeClient(apiKey: string, endpoint?: string): Promise<Stripe> {
  const url = endpoint ? new URL(endpoint) : undefined;
  const StripeSdk = await loadStripeSdk();
  return new StripeSdk(apiKey, {
    timeout: 5_000,
    // With our idempotency keys a retry is safe; the SDK retries connection errors, 409s and 5xx.
    maxNetworkRetries: 1,
    telemetry: false,
    ...(url
      ? {
          host: url.hostname,
          port: url.port || (url.protocol === 'https:' ? 443 : 80),
          protocol: url.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}

/** Whatever Stripe threw, as one of ours, with a message that carries no secret and no raw body. */
function providerFailure(operation: string, error: unknown): Error {
  if (!stripeErrors || !(error instanceof stripeErrors.StripeError)) return error instanceof Error ? error : new Error(String(error));
  const { StripeConnectionError, StripeAPIError, StripeRateLimitError } = stripeErrors;
  const summary = `${operation}: ${error.type}${error.code ? ` ${error.code}` : ''}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}: ${error.message}`;
  const unavailable =
    error instanceof StripeConnectionError || error instanceof StripeAPIError || error instanceof StripeRateLimitError || (error.statusCode ?? 0) >= 500;
  if (unavailable) return new PaymentProviderUnavailableError(`The payment provider is unavailable; please try again in a moment. (${summary})`);
  return new PaymentProviderError(`Stripe refused ${summary}`);
}

const isInvalidRequest = (error: unknown): error is InstanceType<StripeErrors['StripeInvalidRequestError']> =>
  !!stripeErrors && error instanceof stripeErrors.StripeInvalidRequestError;

const isMissing = (error: unknown): boolean => isInvalidRequest(error) && error.code === 'resource_missing';

/** A request the provider understood and said no to (as opposed to being down, or the shop's key being wrong). */
const isRefusal = (error: unknown): error is InstanceType<StripeErrors['StripeError']> =>
  !!stripeErrors &&
  (error instanceof stripeErrors.StripeInvalidRequestError || error instanceof stripeErrors.StripeCardError || error instanceof stripeErrors.StripeIdempotencyError);

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : value?.id);

function toPayment(pi: Stripe.PaymentIntent): Payment {
  if (!pi.client_secret) throw new PaymentProviderError(`PaymentIntent ${pi.id} came back without a client secret`);
  return {
    paymentId: pi.id,
    clientSecret: pi.client_secret,
    status: pi.status as PaymentStatus,
    amountCents: pi.amount,
    currency: pi.currency,
    orderId: pi.metadata?.orderId || undefined,
  };
}

function toSavedCard(pm: Stripe.PaymentMethod): SavedCard[] {
  if (!pm.card) return [];
  return [{ paymentMethodId: pm.id, brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year }];
}

/** The idempotency key of a shopper's customer: one customer per user, however many checkouts race. */
export const customerIdempotencyKey = (userId: string) => `customer-${userId}`;

export function createStripeGateway({ kind, stripe, clientConfig }: StripeGatewayOptions): PaymentGateway {
  /** Runs one SDK call, turning its failure into one of ours (see providerFailure). */
  async function call<T, F = never>(
    operation: string,
    request: () => Promise<T>,
    /** Answers instead of the failure, or undefined to let it through. */
    onError?: (error: unknown) => Promise<F | undefined> | F | undefined,
  ): Promise<T | Exclude<F, undefined>> {
    try {
      return await request();
    } catch (error) {
      const handled = onError ? await onError(error) : undefined;
      if (handled !== undefined) return handled as Exclude<F, undefined>;
      throw providerFailure(operation, error);
    }
  }

  return {
    kind,

    clientConfig,

    async ensureCustomer({ userId, email, existingCustomerId }) {
      if (existingCustomerId) return existingCustomerId;
      const customer = await call('create customer', () =>
        stripe.customers.create({ email, metadata: { userId } }, { idempotencyKey: customerIdempotencyKey(userId) }),
      );
      return customer.id;
    },

    async createPayment(input: CreatePaymentInput) {
      if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
        throw new RangeError(`A payment must be a positive whole number of cents, not ${input.amountCents}`);
      }
      const pi = await call('create payment', () =>
        stripe.paymentIntents.create(
          {
            amount: input.amountCents,
            currency: input.currency,
            automatic_payment_methods: { enabled: true },
            metadata: { orderId: input.orderId },
            receipt_email: input.email,
            ...(input.customerId ? { customer: input.customerId } : {}),
            // Only a customer can keep a card.
            ...(input.customerId && input.savePaymentMethod ? { setup_future_usage: 'off_session' as const } : {}),
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return toPayment(pi);
    },

    async getPayment(paymentId) {
      const pi = await call('retrieve payment', () => stripe.paymentIntents.retrieve(paymentId), (error) => {
        if (isMissing(error)) throw new PaymentNotFoundError(`No payment ${paymentId}.`);
        return undefined;
      });
      return toPayment(pi);
    },

    async cancelPayment(paymentId, idempotencyKey) {
      return call(
        'cancel payment',
        async () => {
          await stripe.paymentIntents.cancel(paymentId, {}, { idempotencyKey });
          return 'canceled' as const;
        },
        async (error) => {
          if (isMissing(error)) throw new PaymentNotFoundError(`No payment ${paymentId}.`);
          // Stripe refuses to cancel a payment that succeeded or was cancelled already, naming its state.
          if (!isInvalidRequest(error) || error.code !== 'payment_intent_unexpected_state') return undefined;
          const status = error.payment_intent?.status ?? (await call('retrieve payment', () => stripe.paymentIntents.retrieve(paymentId))).status;
          if (status === 'succeeded') return 'already-succeeded' as const;
          if (status === 'canceled') return 'already-canceled' as const;
          return undefined;
        },
      );
    },

    async refund({ paymentId, amountCents, orderId, idempotencyKey }) {
      if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
        throw new RangeError(`A refund must be a positive whole number of cents, not ${amountCents}`);
      }
      const refund = await call(
        'refund',
        // The order's id marks the refund as the shop's own (see listRefunds).
        () => stripe.refunds.create({ payment_intent: paymentId, amount: amountCents, metadata: { orderId } }, { idempotencyKey }),
        (error) => {
          if (isMissing(error)) throw new PaymentNotFoundError(`No payment ${paymentId}.`);
          if (isInvalidRequest(error) && (error.code === 'charge_already_refunded' || error.code === 'amount_too_large')) {
            throw new RefundExceedsPaymentError(`Cannot refund ${amountCents} cents of payment ${paymentId}: ${error.message}`);
          }
          if (isRefusal(error)) throw new PaymentRefusedError(refundRefusal(error.code), { cause: providerFailure('refund', error) });
          return undefined;
        },
      );
      return { refundId: refund.id, amountCents: refund.amount, status: (refund.status ?? 'pending') as Refund['status'] };
    },

    async listRefunds(paymentId) {
      const refunds: ProviderRefund[] = [];
      let startingAfter: string | undefined;
      for (;;) {
        const page = await call('list refunds', () =>
          stripe.refunds.list({ payment_intent: paymentId, limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) }),
        );
        for (const r of page.data) {
          refunds.push({
            refundId: r.id,
            amountCents: r.amount,
            status: (r.status ?? 'pending') as Refund['status'],
            created: r.created,
            madeByShop: Boolean(r.metadata?.orderId),
          });
        }
        const last = page.data.at(-1);
        if (!page.has_more || !last) return refunds;
        startingAfter = last.id;
      }
    },

    async listSavedCards(customerId) {
      const page = await call(
        'list saved cards',
        () => stripe.customers.listPaymentMethods(customerId, { type: 'card', limit: 100 }),
        // A customer the provider no longer knows has no cards.
        (error) => (isMissing(error) ? { data: [] } : undefined),
      );
      return page.data.flatMap(toSavedCard);
    },

    async detachSavedCard(customerId, paymentMethodId) {
      const pm = await call(
        'retrieve saved card',
        () => stripe.paymentMethods.retrieve(paymentMethodId),
        (error) => (isMissing(error) ? null : undefined),
      );
      // Only the customer's own card: anything else is answered as if it did not exist.
      if (!pm || idOf(pm.customer) !== customerId) return false;
      await call('detach saved card', () => stripe.paymentMethods.detach(paymentMethodId));
      return true;
    },
  };
}
