// Stripe webhook events: the signature checked on the raw body, then the event reduced to what the
// order pipeline acts on (shared/payments/port.ts, PaymentEvent).
//
// The check is Stripe's scheme, written out here because the SDK cannot be imported in part: its
// package exports only the whole client (about 240 KB minified), which would push the webhook
// function past the 250 KB bundle budget. The scheme is small: the `Stripe-Signature` header is
// `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` (several v1 while a secret rolls over), each v1 being
// HMAC-SHA256 of `<t>.<raw body>` keyed with the whole `whsec_…` secret; an event older than the
// tolerance is refused, like a replay. test/unit/paymentWebhooks.test.ts proves it agrees with the
// SDK's own signing and verification.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { AppError } from '../errors';
import { DISPUTE_STATUSES, type PaymentEvent, type RefundEventDetails } from './port';

/** Stripe's default: an event signed longer ago than this is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A webhook whose signature is missing, wrong or too old: answered 400, and never acted on. */
export class InvalidSignatureError extends AppError {
  override name = 'InvalidSignatureError';
  readonly status = 400;
  readonly code = 'invalid_signature';
}

/** A correctly signed body that is not the event it claims to be: answered 400 as well. */
export class InvalidPaymentEventError extends AppError {
  override name = 'InvalidPaymentEventError';
  readonly status = 400;
  readonly code = 'invalid_event';
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Other schemes (v0 is Stripe's test-only scheme) are never trusted.
    else if (key === 'v1' && HEX_SHA256.test(value)) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/** Throws InvalidSignatureError unless `header` signs `rawBody` with `secret`, recently enough. */
export function verifySignature(rawBody: string, header: string | undefined, secret: string, now = new Date()): void {
  if (!secret) throw new Error('No webhook signing secret to verify with');
  if (!header) throw new InvalidSignatureError('The Stripe-Signature header is missing.');
  const parsed = parseSignatureHeader(header);
  if (!parsed) throw new InvalidSignatureError('The Stripe-Signature header has no timestamp or no v1 signature.');
  const expected = createHmac('sha256', secret).update(`${parsed.timestamp}.${rawBody}`, 'utf8').digest();
  const matches = parsed.signatures.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  if (!matches) throw new InvalidSignatureError('No signature matches the body: wrong secret, or the body was changed on the way.');
  if (Math.floor(now.getTime() / 1000) - parsed.timestamp > SIGNATURE_TOLERANCE_SECONDS) {
    throw new InvalidSignatureError('The signature is too old (more than 5 minutes): refusing a possible replay.');
  }
}

const metadataSchema = z.record(z.string(), z.string()).nullish();

const eventSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('event'),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.looseObject({ object: z.looseObject({ id: z.string().optional(), object: z.string().optional() }) }),
});

const paymentIntentSchema = z.looseObject({
  id: z.string(),
  amount: z.number().int().optional(),
  currency: z.string().optional(),
  metadata: metadataSchema,
  setup_future_usage: z.string().nullish(),
  payment_method: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
  last_payment_error: z
    .looseObject({ code: z.string().nullish(), decline_code: z.string().nullish(), message: z.string().nullish() })
    .nullish(),
});

const chargeSchema = z.looseObject({
  id: z.string(),
  payment_intent: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
  amount_refunded: z.number().int().optional(),
  refunded: z.boolean().optional(),
  metadata: metadataSchema,
});

const refundSchema = z.looseObject({
  id: z.string(),
  amount: z.number().int().optional(),
  status: z.enum(['pending', 'succeeded', 'failed', 'canceled', 'requires_action']).nullish(),
  payment_intent: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
  metadata: metadataSchema,
});

const disputeSchema = z.looseObject({
  id: z.string(),
  amount: z.number().int().optional(),
  currency: z.string().optional(),
  status: z.enum(DISPUTE_STATUSES),
  reason: z.string().nullish(),
  payment_intent: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
  evidence_details: z.looseObject({ due_by: z.number().int().nullish() }).nullish(),
  metadata: metadataSchema,
});

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : value?.id);

/** Messages fit to show a shopper, by decline code or error code; Stripe's own are for developers. */
const FAILURE_MESSAGES: Record<string, string> = {
  generic_decline: 'Your card was declined. Please try another card.',
  card_declined: 'Your card was declined. Please try another card.',
  insufficient_funds: 'Your card has insufficient funds. Please try another card.',
  lost_card: 'Your card was declined. Please try another card.',
  stolen_card: 'Your card was declined. Please try another card.',
  expired_card: 'Your card has expired. Please check the expiry date or use another card.',
  incorrect_number: 'Your card number is incorrect. Please check it and try again.',
  invalid_number: 'Your card number is incorrect. Please check it and try again.',
  incorrect_cvc: 'Your card’s security code is incorrect. Please check it and try again.',
  invalid_cvc: 'Your card’s security code is incorrect. Please check it and try again.',
  invalid_expiry_month: 'Your card’s expiry month is invalid. Please check it and try again.',
  invalid_expiry_year: 'Your card’s expiry year is invalid. Please check it and try again.',
  processing_error: 'Something went wrong processing your card. Please try again.',
  authentication_required: 'Your bank asked to confirm this payment, and it was not confirmed. Please try again.',
  payment_intent_authentication_failure: 'Your bank asked to confirm this payment, and it was not confirmed. Please try again.',
};
const FALLBACK_FAILURE_MESSAGE = 'Your payment did not go through. Please try again or use another card.';

/** A failed payment's short code and a message for the shopper. */
export function describeFailure(lastError: { code?: string | null; decline_code?: string | null } | null | undefined): { code: string; message: string } {
  const code = lastError?.decline_code ?? lastError?.code ?? 'payment_failed';
  return { code, message: FAILURE_MESSAGES[code] ?? FAILURE_MESSAGES[lastError?.code ?? ''] ?? FALLBACK_FAILURE_MESSAGE };
}

const PAYMENT_TYPES = {
  'payment_intent.succeeded': 'payment_succeeded',
  'payment_intent.payment_failed': 'payment_failed',
  'payment_intent.canceled': 'payment_canceled',
} as const;

type Envelope = Pick<PaymentEvent, 'eventId' | 'providerType' | 'created'>;

function ignored(envelope: Envelope): PaymentEvent {
  return { ...envelope, type: 'ignored', paymentId: undefined, orderId: undefined, amountCents: undefined };
}

function paymentEvent(envelope: Envelope, type: (typeof PAYMENT_TYPES)[keyof typeof PAYMENT_TYPES], object: unknown): PaymentEvent {
  const pi = paymentIntentSchema.parse(object);
  const event: PaymentEvent = { ...envelope, type, paymentId: pi.id, orderId: pi.metadata?.orderId || undefined, amountCents: pi.amount, currency: pi.currency };
  if (type === 'payment_failed') event.failure = describeFailure(pi.last_payment_error);
  if (type === 'payment_succeeded' && pi.setup_future_usage) event.savedPaymentMethodId = idOf(pi.payment_method);
  return event;
}

function refundEvent(envelope: Envelope, object: unknown): PaymentEvent {
  if (envelope.providerType === 'charge.refunded') {
    const charge = chargeSchema.parse(object);
    const refund: RefundEventDetails = { refundId: undefined, status: undefined, totalRefundedCents: charge.amount_refunded, fullyRefunded: charge.refunded };
    // Stripe copies the payment's metadata onto its charge.
    return { ...envelope, type: 'refund_updated', paymentId: idOf(charge.payment_intent), orderId: charge.metadata?.orderId || undefined, amountCents: charge.amount_refunded, refund };
  }
  const r = refundSchema.parse(object);
  const refund: RefundEventDetails = { refundId: r.id, status: r.status ?? undefined, totalRefundedCents: undefined, fullyRefunded: undefined };
  return { ...envelope, type: 'refund_updated', paymentId: idOf(r.payment_intent), orderId: r.metadata?.orderId || undefined, amountCents: r.amount, refund };
}

/**
 * A dispute's news. Stripe's dispute carries the payment but not its metadata, so the order is found
 * by the payment (the processor looks it up: shared/orders/processPayment.ts).
 */
function disputeEvent(envelope: Envelope, object: unknown): PaymentEvent {
  const d = disputeSchema.parse(object);
  return {
    ...envelope,
    type: 'dispute_updated',
    paymentId: idOf(d.payment_intent),
    orderId: d.metadata?.orderId || undefined,
    amountCents: d.amount,
    currency: d.currency,
    dispute: { disputeId: d.id, status: d.status, reason: d.reason ?? 'general', evidenceDueBy: d.evidence_details?.due_by ?? undefined },
  };
}

const REFUND_TYPES = new Set(['charge.refunded', 'refund.created', 'refund.updated', 'refund.failed']);
const DISPUTE_TYPES = new Set(['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated']);

/** Maps an already verified event body; types the shop does not act on come back as 'ignored'. */
export function toPaymentEvent(body: unknown): PaymentEvent {
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) throw new InvalidPaymentEventError('The signed body is not a Stripe event.');
  const { id, type, created, data } = parsed.data;
  const envelope: Envelope = { eventId: id, providerType: type, created };
  const result =
    type in PAYMENT_TYPES
      ? () => paymentEvent(envelope, PAYMENT_TYPES[type as keyof typeof PAYMENT_TYPES], data.object)
      : REFUND_TYPES.has(type)
        ? () => refundEvent(envelope, data.object)
        : DISPUTE_TYPES.has(type)
          ? () => disputeEvent(envelope, data.object)
          : () => ignored(envelope);
  try {
    return result();
  } catch (error) {
    if (error instanceof z.ZodError) throw new InvalidPaymentEventError(`The ${type} event does not carry the object it should.`, { cause: error });
    throw error;
  }
}

/**
 * Verifies a webhook delivery and maps its event. `rawBody` must be the body exactly as received
 * (decoded from base64 if API Gateway encoded it), never re-serialized JSON.
 */
export function verifyPaymentEvent(rawBody: string, signatureHeader: string | undefined, secret: string, now = new Date()): PaymentEvent {
  verifySignature(rawBody, signatureHeader, secret, now);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch (error) {
    throw new InvalidPaymentEventError('The signed body is not JSON.', { cause: error });
  }
  return toPaymentEvent(body);
}
