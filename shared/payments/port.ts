// The one port every payment goes through. Two ways to fill it: real Stripe (STRIPE_SECRET_KEY set),
// or, on one machine, the local payment sandbox (infra/local/paymentSandbox.ts), which speaks the
// part of Stripe's API the shop uses, so the same Stripe SDK adapter drives both. Amounts are
// integer minor units; every call that creates or moves money carries an idempotency key.

export type PaymentProviderKind = 'stripe' | 'sandbox';

/** A PaymentIntent's state, as Stripe names it. */
export type PaymentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export interface CreatePaymentInput {
  orderId: string;
  amountCents: number;
  /** ISO 4217, lower-case as Stripe wants it. */
  currency: 'usd';
  /** Receipt address; a guest's only identity. */
  email: string;
  /** The provider's customer for a signed-in shopper (see ensureCustomer); absent for guests. */
  customerId?: string | undefined;
  /** Offer to keep the card for next time (shoppers only). */
  savePaymentMethod?: boolean | undefined;
  /** Derived from the order, so a retried checkout never creates a second payment. */
  idempotencyKey: string;
}

export interface Payment {
  paymentId: string;
  /** Handed to the browser to confirm the payment; never logged. */
  clientSecret: string;
  status: PaymentStatus;
  amountCents: number;
  currency: string;
  /** metadata.orderId as this shop set it; absent on payments the shop did not create. */
  orderId: string | undefined;
}

export interface Refund {
  refundId: string;
  amountCents: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'requires_action';
}

/** A refund as the provider lists it. */
export interface ProviderRefund extends Refund {
  /** Seconds since the epoch. */
  created: number;
  /** Whether this shop made it (its refunds carry the order's id); false for one made in the provider's dashboard. */
  madeByShop: boolean;
}

export interface SavedCard {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** What the site needs to take a payment for an order. */
export interface PaymentClientConfig {
  provider: PaymentProviderKind;
  /** Stripe's publishable key for Stripe.js (null with the sandbox). */
  publishableKey: string | null;
  /** Where the site's sandbox card form posts (same origin; null with Stripe). */
  sandboxConfirmUrl: string | null;
}

export interface PaymentGateway {
  readonly kind: PaymentProviderKind;
  clientConfig(): PaymentClientConfig;
  /** The provider customer of a shopper: the stored one, or a new one (idempotent per user). */
  ensureCustomer(input: { userId: string; email: string; existingCustomerId?: string | undefined }): Promise<string>;
  createPayment(input: CreatePaymentInput): Promise<Payment>;
  getPayment(paymentId: string): Promise<Payment>;
  /** Cancels a payment that has not succeeded. Says so when it had already succeeded or been cancelled. */
  cancelPayment(paymentId: string, idempotencyKey: string): Promise<'canceled' | 'already-canceled' | 'already-succeeded'>;
  refund(input: { paymentId: string; amountCents: number; orderId: string; idempotencyKey: string }): Promise<Refund>;
  /** Every refund on a payment, whoever made it (the shop, or someone in the provider's dashboard). */
  listRefunds(paymentId: string): Promise<ProviderRefund[]>;
  listSavedCards(customerId: string): Promise<SavedCard[]>;
  /** Forgets a saved card; false when the card is not this customer's (the caller answers 404). */
  detachSavedCard(customerId: string, paymentMethodId: string): Promise<boolean>;
}

/** A verified webhook event, reduced to what the order pipeline acts on. */
export interface PaymentEvent {
  /** The provider's event id: the order queue deduplicates on it. */
  eventId: string;
  type:
    | 'payment_succeeded'
    | 'payment_failed'
    | 'payment_canceled'
    | 'refund_updated'
    /** A dispute (chargeback) opened, changed or closed on the payment's charge. */
    | 'dispute_updated'
    /** Anything else: acknowledged and ignored. */
    | 'ignored';
  /** The provider's type string, e.g. payment_intent.succeeded. */
  providerType: string;
  /** Seconds since the epoch, as the provider stamped the event. */
  created: number;
  paymentId: string | undefined;
  /** metadata.orderId; undefined for payments this shop did not create. */
  orderId: string | undefined;
  /** The payment's amount; for refund_updated, the amount refunded (see `refund`); for a dispute, the amount disputed. */
  amountCents: number | undefined;
  /** ISO 4217, lower-case, as the provider names the amount's currency (absent on older queued events). */
  currency?: string | undefined;
  /** For a failed payment: a short code (card_declined, insufficient_funds…) and a message fit for the shopper. */
  failure?: { code: string; message: string } | undefined;
  /** For a successful payment: the card kept for next time, if the shopper asked. */
  savedPaymentMethodId?: string | undefined;
  /**
   * For refund_updated: charge.refunded carries the running total refunded on the payment (and
   * whether that is all of it); refund.updated carries one refund and its status.
   */
  refund?: RefundEventDetails | undefined;
  /** For dispute_updated: the dispute as the provider describes it now. */
  dispute?: DisputeDetails | undefined;
}

/** Stripe's dispute statuses, as it names them. */
export const DISPUTE_STATUSES = [
  'warning_needs_response',
  'warning_under_review',
  'warning_closed',
  'needs_response',
  'under_review',
  'won',
  'lost',
  'prevented',
] as const;

/**
 * A chargeback still running: the charge cannot be refunded meanwhile, and the dealer may still answer
 * it. An inquiry (warning_*) is not one: its charge can still be refunded, often the way to close it.
 */
export function isOpenDispute(status: (typeof DISPUTE_STATUSES)[number]): boolean {
  return status === 'needs_response' || status === 'under_review';
}

export interface DisputeDetails {
  disputeId: string;
  status: (typeof DISPUTE_STATUSES)[number];
  /** The card holder's reason, as the provider names it (fraudulent, product_not_received…). */
  reason: string;
  /** Seconds since the epoch by which evidence must reach the provider; undefined when none is due. */
  evidenceDueBy: number | undefined;
}

export interface RefundEventDetails {
  /** The refund (refund.updated); undefined for charge.refunded, which is about the whole charge. */
  refundId: string | undefined;
  /** The refund's status (refund.updated); undefined for charge.refunded. */
  status: Refund['status'] | undefined;
  /** Everything refunded on the payment so far (charge.refunded); undefined for refund.updated. */
  totalRefundedCents: number | undefined;
  /** True once the whole payment is refunded (charge.refunded); undefined for refund.updated. */
  fullyRefunded: boolean | undefined;
}
