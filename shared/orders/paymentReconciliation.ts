// The shop never depends on a webhook arriving. A card can succeed at the provider while its event is
// lost (the process that would deliver it died, or Stripe is late or gives up); the order would then
// stay `pending_payment` with the shopper charged. This job asks the provider about every unpaid order
// whose payment was opened, long before its deadline, and feeds what it learns into the SAME order
// queue as a webhook, under an event id derived from the payment: the FIFO dedup and the processor's
// event-id record make it apply once, whether or not the real webhook turns up as well.
//
// Its counterpart on the stock side: the hold sweep and the TTL safety net never release a hold of a
// cart in checkout (shared/db/holds.ts); only the unpaid-order job does, after the provider has
// confirmed the payment can no longer succeed (shared/orders/unpaidOrders.ts).
import { getOrder, listOrdersPlacedBefore, type Order } from '../db/orders';
import { isAwaitingPayment } from '../domain/orders';
import { logger } from '../logger';
import { paymentGateway } from '../payments/gateway';
import type { Payment, PaymentEvent } from '../payments/port';
import { enqueuePaymentEvent } from './orderQueue';

/** A webhook normally lands within seconds; orders younger than this are left to it. */
export const RECONCILE_AFTER_SECONDS = 60;

/** The event id a provider success learnt by asking is applied under: one per payment, forever. */
export function reconciledSuccessEventId(paymentId: string): string {
  return `reconciled_${paymentId}_succeeded`;
}

/** The payment event for a success the shop learnt by asking the provider instead of by webhook. */
export function reconciledSuccessEvent(order: Order, payment: Payment, now: Date): PaymentEvent {
  return {
    eventId: reconciledSuccessEventId(payment.paymentId),
    type: 'payment_succeeded',
    providerType: 'reconciliation.payment_succeeded',
    created: Math.floor(now.getTime() / 1000),
    paymentId: payment.paymentId,
    orderId: order.orderId,
    amountCents: payment.amountCents,
    currency: payment.currency,
  };
}

/** Queues the success of an order's payment, as the webhook would have. */
export async function queueProviderSuccess(order: Order, payment: Payment, now = new Date()): Promise<void> {
  await enqueuePaymentEvent(reconciledSuccessEvent(order, payment, now));
  logger.warn('A payment succeeded without its webhook; applying it from the provider’s answer', { orderId: order.orderId });
}

export interface PaymentReconciliationRun {
  /** Unpaid orders with an open payment that the provider was asked about. */
  checked: number;
  /** Of those, payments the provider says succeeded: queued for the processor. */
  succeeded: number;
  /** Orders the provider could not answer for now: asked again on the next run. */
  unanswered: number;
}

/** Asks the provider about every unpaid order older than a minute and queues the successes. */
export async function reconcileUnpaidPayments(now = new Date(), pageSize = 50): Promise<PaymentReconciliationRun> {
  const run: PaymentReconciliationRun = { checked: 0, succeeded: 0, unanswered: 0 };
  const placedBefore = new Date(now.getTime() - RECONCILE_AFTER_SECONDS * 1000);
  const gateway = await paymentGateway();
  for (const status of ['pending_payment', 'payment_failed'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listOrdersPlacedBefore(status, placedBefore, pageSize, cursor);
      for (const listed of page.orders) {
        // The index lists the orders; the payment reference is on the order itself (the index may lag too).
        const order = await getOrder(listed.orderId);
        if (!order || !isAwaitingPayment(order.status)) continue;
        const paymentId = order.payment.paymentId;
        if (!paymentId) continue;
        run.checked += 1;
        let payment: Payment;
        try {
          payment = await gateway.getPayment(paymentId);
        } catch (error) {
          // One payment the provider cannot answer for must not stop the orders behind it.
          run.unanswered += 1;
          logger.warn('Could not ask the provider about a payment; asking again next run', {
            orderId: order.orderId,
            error: error instanceof Error ? error.name : 'unknown',
          });
          continue;
        }
        if (payment.status !== 'succeeded') continue;
        await queueProviderSuccess(order, payment, now);
        run.succeeded += 1;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  if (run.succeeded > 0 || run.unanswered > 0) logger.info('Unpaid orders reconciled with the provider', { ...run });
  return run;
}
