// Orders that were never paid: cancelled by the shopper (or an admin), or expired by the job when
// the payment window closes. Either way the payment is cancelled at the provider FIRST — once
// cancelled it can no longer succeed — and only then does the order change. An expired order gives
// its holds back to the shelf (once: the release is conditional on each line as read); a cancelled
// one reopens the cart with its holds, so the shopper can change it and check out again.
import { ownsCart, type CartCaller } from '../auth/cartAccess';
import { loadCart } from '../db/carts';
import { holdsAfterCancelledCheckout } from '../carts/carts';
import type { Actor } from '../db/audit';
import { orderAudit } from './orderAudit';
import { retryRaces } from '../db/conflicts';
import { moveOrder, OrderChangedError } from '../db/orderStock';
import { getOrder, listOrdersPlacedBefore, type Order, type PaymentMismatch } from '../db/orders';
import { mailMark, sendOrderMail } from './mailing';
import { isAwaitingPayment, planTransition, type OrderActor, type TransitionPlan } from '../domain/orders';
import { ConflictError, NotFoundError } from '../errors';
import { logger } from '../logger';
import { paymentGateway } from '../payments/gateway';
import { queueProviderSuccess } from './paymentReconciliation';
import { PaymentNotFoundError, PaymentProviderError, PaymentProviderUnavailableError } from '../payments/stripeGateway';
import { paymentWindowMinutes } from './paymentWindow';
import { orderView } from './views';

/**
 * Cancels the order's open payment. `succeeded` when it had gone through (the order is paid, or about
 * to be); `unsettled` when the provider could not cancel it now (a payment still processing, the
 * provider unreachable): the order must stay as it is and be looked at again later.
 */
async function cancelPaymentOf(order: Order): Promise<'cancelled' | 'succeeded' | 'unsettled'> {
  if (!order.payment.paymentId) return 'cancelled';
  const gateway = await paymentGateway();
  try {
    const result = await gateway.cancelPayment(order.payment.paymentId, `order-${order.orderId}-cancel`);
    return result === 'already-succeeded' ? 'succeeded' : 'cancelled';
  } catch (error) {
    // Only the provider refusing, not knowing the payment or being out of reach means "unsettled";
    // anything else is a bug, and is thrown.
    const fromProvider = error instanceof PaymentProviderUnavailableError || error instanceof PaymentProviderError || error instanceof PaymentNotFoundError;
    if (!fromProvider) throw error;
    logger.warn('Could not cancel an order’s payment; leaving the order as it is', {
      orderId: order.orderId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return 'unsettled';
  }
}

/** Cancels an order that has not been paid: the payment first, then the order; its cart opens again. */
export async function cancelUnpaid(orderId: string, actor: OrderActor, note: string | null, now = new Date(), admin?: Actor): Promise<Order> {
  return retryRaces(async () => {
    const order = await getOrder(orderId);
    if (!order) throw new NotFoundError(`No order with id ${orderId}.`);
    const plan = planTransition(order.status, 'cancelled', actor);
    if (!plan.ok || !isAwaitingPayment(order.status)) {
      throw new ConflictError(`Order ${order.number} is ${order.status.replace('_', ' ')} and can no longer be cancelled this way.`, 'invalid_transition');
    }
    const payment = plan.money === 'cancel-payment' ? await cancelPaymentOf(order) : 'cancelled';
    // A payment for the wrong amount or currency was never taken as payment: the admin sends it back.
    const sendBack = payment === 'succeeded' && order.paymentMismatch && admin ? planTransition(order.status, 'refunded', 'admin') : undefined;
    if (sendBack?.ok && order.paymentMismatch && admin) return refundMismatchedPayment(sendBack, order, order.paymentMismatch, note, now, admin);
    if (payment === 'succeeded') {
      throw new ConflictError(`The payment for order ${order.number} has just gone through, so it cannot be cancelled here.`, 'already_paid');
    }
    if (payment === 'unsettled') {
      throw new ConflictError(`The payment for order ${order.number} is still being processed; try again in a minute.`, 'payment_in_progress');
    }
    const cart = await loadCart(order.cartId);
    await moveOrder(
      plan,
      {
        order,
        to: 'cancelled',
        entry: { status: 'cancelled', at: now.toISOString(), by: actor, note },
        set: { payment: { ...order.payment, status: 'canceled' } },
        // An admin's cancel is audited with the change.
        ...(admin
          ? { audit: orderAudit(order, 'order.cancelled', admin, now, { status: 'cancelled' }) }
          : {}),
      },
      { cart: cart ?? null, holdCaps: cart ? holdsAfterCancelledCheckout(cart.header, cart.lines, now) : [] },
      now,
    );
    const cancelled = await getOrder(orderId);
    if (!cancelled) throw new NotFoundError(`No order with id ${orderId}.`);
    return cancelled;
  }, {
    lost: (error) => error instanceof OrderChangedError,
    exhausted: (cause) => new ConflictError('The order is busy; please try again.', 'order_busy', { cause }),
  });
}

const MISMATCH_REFUND_MAIL = mailMark('orderRefunded', 'mismatched-payment');

/**
 * The admin's answer to a payment that did not match its order (shared/orders/processPayment.ts,
 * flagMismatch): everything it charged goes back, the order ends refunded, and its cart opens again
 * with its holds, as after a late payment the shop could not keep.
 */
async function refundMismatchedPayment(plan: TransitionPlan, order: Order, mismatch: PaymentMismatch, note: string | null, now: Date, admin: Actor): Promise<Order> {
  const gateway = await paymentGateway();
  // Whatever was refunded of it elsewhere (in the Stripe dashboard, say, where the alarm may have sent
  // the dealer first) is not refunded twice: only what is left goes back, and nothing when nothing is.
  // The shop's own refund is left out of the sum, so a retry of this cancel (its write lost a race)
  // asks for the same amount under the same key, and gets the same refund back to record.
  const refundedBefore = (await gateway.listRefunds(mismatch.paymentId))
    .filter((r) => !r.madeByShop && (r.status === 'succeeded' || r.status === 'pending'))
    .reduce((sum, r) => sum + r.amountCents, 0);
  const left = mismatch.amountCents - refundedBefore;
  const refund =
    left > 0
      ? await gateway.refund({ paymentId: mismatch.paymentId, amountCents: left, orderId: order.orderId, idempotencyKey: `order-${order.orderId}-mismatch-refund` })
      : undefined;
  const reason = note ?? 'The payment did not match the order, so we sent it back in full.';
  const cart = await loadCart(order.cartId);
  // Nothing of the order's total was kept: refunded in full, whatever the wrong payment's amount was.
  const set = {
    refundedCents: order.totalCents,
    refunds:
      !refund || order.refunds.some((r) => r.refundId === refund.refundId)
        ? order.refunds
        : [...order.refunds, { refundId: refund.refundId, amountCents: refund.amountCents, at: now.toISOString(), reason, by: 'shop' as const }],
    // Answered: the console no longer asks the admin about it.
    paymentMismatch: null,
  };
  await moveOrder(
    plan,
    {
      order,
      to: 'refunded',
      entry: { status: 'refunded', at: now.toISOString(), by: 'admin', note: reason },
      set,
      claimMails: [MISMATCH_REFUND_MAIL],
      audit: orderAudit(order, 'order.cancelled', admin, now, { status: 'refunded', refundedCents: order.totalCents }),
    },
    { cart: cart ?? null, holdCaps: cart ? holdsAfterCancelledCheckout(cart.header, cart.lines, now) : [] },
    now,
  );
  const after = await getOrder(order.orderId);
  if (!after) throw new NotFoundError(`No order with id ${order.orderId}.`);
  await sendOrderMail(after, 'orderRefunded', 'mismatched-payment', { note: reason, refundCents: mismatch.amountCents, claimed: true });
  return after;
}

/** A shopper (or guest, with the cart's token) cancels their unpaid order to change the cart. */
export async function cancelMyUnpaidOrder(orderId: string, caller: CartCaller, now = new Date()) {
  const order = await getOrder(orderId);
  const cart = order ? await loadCart(order.cartId) : undefined;
  if (!order || !cart || !ownsCart(cart.header, caller)) throw new NotFoundError(`No order with id ${orderId}.`);
  return orderView(await cancelUnpaid(orderId, 'shopper', 'Cancelled by the shopper before paying.', now));
}

export interface ExpiryRun {
  expired: number;
  /** Orders left for a later run: paid meanwhile, or changed while the job looked. */
  skipped: number;
}

/** The unpaid-order job: every order whose payment window has closed expires, and its stock goes back. */
export async function expireUnpaidOrders(now = new Date(), pageSize = 25): Promise<ExpiryRun> {
  const run: ExpiryRun = { expired: 0, skipped: 0 };
  const placedBefore = new Date(now.getTime() - paymentWindowMinutes * 60_000);
  for (const status of ['pending_payment', 'payment_failed'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listOrdersPlacedBefore(status, placedBefore, pageSize, cursor);
      for (const listed of page.orders) {
        // One order the job cannot settle must not stop every order behind it, run after run.
        const expired = await expireOrder(listed.orderId, now).catch((error: unknown) => {
          logger.error('Could not expire an unpaid order; it will be tried again on the next run', {
            orderId: listed.orderId,
            error: error instanceof Error ? error.name : 'unknown',
          });
          return false;
        });
        if (expired) run.expired += 1;
        else run.skipped += 1;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  if (run.expired + run.skipped > 0) logger.info('Unpaid orders expired', { ...run });
  return run;
}

async function expireOrder(orderId: string, now: Date): Promise<boolean> {
  // The index may lag: decide on the order as it is now.
  const order = await getOrder(orderId);
  if (!order || !isAwaitingPayment(order.status) || new Date(order.paymentDeadline) > now) return false;
  const plan = planTransition(order.status, 'expired', 'system');
  if (!plan.ok) return false;
  const payment = plan.money === 'cancel-payment' ? await cancelPaymentOf(order) : 'cancelled';
  // Gone through: apply the success now rather than trust its webhook to come. Unsettled: look again next run.
  if (payment === 'succeeded' && order.payment.paymentId) {
    await queueProviderSuccess(order, await (await paymentGateway()).getPayment(order.payment.paymentId), now);
  }
  if (payment !== 'cancelled') return false;
  const cart = await loadCart(order.cartId);
  try {
    await moveOrder(
      plan,
      {
        order,
        to: 'expired',
        entry: { status: 'expired', at: now.toISOString(), by: 'system', note: 'Not paid within the payment window; the minerals went back on the shelf.' },
        set: { payment: { ...order.payment, status: 'canceled' } },
      },
      { cart: cart ?? null },
      now,
    );
    return true;
  } catch (error) {
    if (error instanceof OrderChangedError) return false;
    throw error;
  }
}
