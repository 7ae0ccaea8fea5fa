// The order processor: applies one verified payment event to its order. Runs behind the FIFO order
// queue (one order's events in order, duplicates by event id dropped by SQS), and is itself safe
// against everything SQS and Stripe can still do — redelivery, replays, events out of order:
// each change is a transition conditional on the status and version read, and records the event id,
// so an event applies once; the follow-ups (mail) are recorded on the order and redone if missing.
import { retryRaces } from '../db/conflicts';
import { logger } from '../logger';
import { raiseSignal } from '../metrics';
import { loadCart, type CartLine } from '../db/carts';
import { releaseSlot } from '../db/holdSlots';
import { frozenFor, moveOrder, OrderChangedError, StockGoneError } from '../db/orderStock';
import { applyTransition, getOrder, orderAfter, recordOrderEvent, type Order, type OrderDispute, type OrderRefund, type PaymentMismatch, type TimelineEntry, type TransitionWrite } from '../db/orders';
import { isAwaitingPayment, isPaid, planTransition, type OrderStatus } from '../domain/orders';
import { CURRENCY, formatUsd } from '../domain/money';
import { PaymentNotFoundError } from '../payments/stripeGateway';
import { paymentGateway } from '../payments/gateway';
import type { PaymentEvent } from '../payments/port';
import { mailMark, sendOrderMail } from './mailing';

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/** Applies a payment event to its order. Throws only for errors worth a retry (SQS redelivers). */
export async function applyPaymentEvent(received: PaymentEvent, now = new Date()): Promise<EventOutcome> {
  const event = await withOrderId(received);
  if (!event.orderId || !event.paymentId) {
    logger.info('Payment event not for an order of this shop; ignored', { eventId: event.eventId, type: event.providerType });
    return 'ignored';
  }
  const { orderId, paymentId } = event;
  // Someone else changed the order, its cart or the stock meanwhile: read again and decide again.
  return retryRaces(async (): Promise<EventOutcome> => {
    const order = await getOrder(orderId);
    if (!order) {
      logger.warn('Payment event names an order that does not exist; ignored', { eventId: event.eventId, orderId });
      return 'ignored';
    }
    if (order.payment.paymentId && order.payment.paymentId !== paymentId) {
      logger.warn('Payment event for another payment of the order; ignored', { eventId: event.eventId, orderId: order.orderId });
      return 'ignored';
    }
    if (order.eventIds.includes(event.eventId)) {
      await finishFollowUps(order, event);
      return 'duplicate';
    }
    const result = await apply(order, { ...event, orderId, paymentId }, now);
    if (typeof result === 'string') return result;
    // The order as the change left it (orderAfter), not read again: one request less per payment.
    await finishFollowUps(result.order, event, result.claimed);
    return 'applied';
  }, {
    lost: (error) => error instanceof OrderChangedError,
    // Thrown, so SQS delivers the event again later (and then the DLQ, whose alarm brings a person).
    exhausted: (cause) => new Error(`order ${orderId} kept changing while event ${event.eventId} was applied`, { cause }),
  });
}

/**
 * A dispute names its payment but not the order (Stripe does not copy the payment's metadata onto it),
 * nor does a refund made in the Stripe dashboard: the provider says which order the payment is for.
 * Other events carry it already.
 */
async function withOrderId(event: PaymentEvent): Promise<PaymentEvent> {
  if (event.orderId || (event.type !== 'dispute_updated' && event.type !== 'refund_updated') || !event.paymentId) return event;
  try {
    const payment = await (await paymentGateway()).getPayment(event.paymentId);
    return { ...event, orderId: payment.orderId };
  } catch (error) {
    if (error instanceof PaymentNotFoundError) return event;
    throw error;
  }
}

function entry(status: OrderStatus, now: Date, note: string | null): TimelineEntry {
  return { status, at: now.toISOString(), by: 'system', note };
}

/** A payment event known to be about one of this shop's orders and payments. */
type OrderPaymentEvent = PaymentEvent & { orderId: string; paymentId: string };

/**
 * What applying an event did: nothing, nothing because it was applied before, or the order as the
 * change left it (and the mails the change claimed for sending, see sendOrderMail).
 */
type Applied = 'ignored' | 'duplicate' | { order: Order; claimed?: string[] };

const PAID_MAIL = mailMark('orderConfirmation', 'paid');
const LATE_REFUND_MAIL = mailMark('orderRefunded', 'late-refund');

async function apply(order: Order, event: OrderPaymentEvent, now: Date): Promise<Applied> {
  switch (event.type) {
    case 'payment_succeeded':
      return paid(order, event, now);
    case 'payment_failed': {
      // A failure after the payment succeeded (out of order) or after the order ended changes nothing.
      if (!isAwaitingPayment(order.status)) return 'ignored';
      const message = event.failure?.message ?? 'The payment did not go through.';
      const write: TransitionWrite = {
        order,
        to: 'payment_failed',
        entry: entry('payment_failed', now, message),
        eventId: event.eventId,
        set: { payment: { ...order.payment, paymentId: event.paymentId, status: 'failed', failureMessage: message } },
      };
      if (!(await applyTransition(write, now))) throw new OrderChangedError('order changed');
      return { order: orderAfter(write, now) };
    }
    case 'refund_updated':
      return refundNews(order, event, now);
    case 'dispute_updated':
      return disputeNews(order, event, now);
    case 'payment_canceled':
    case 'ignored':
      // A cancellation is the shop's own doing, recorded when it asked for it; say so, on purpose.
      logger.info('Payment event acknowledged: nothing to change on the order', { eventId: event.eventId, type: event.providerType, orderId: order.orderId });
      return 'ignored';
  }
}

/**
 * A refund's news from the provider. The shop records its own refunds when it makes them; a refund
 * made in the provider's dashboard is recorded here. Which refunds those are is asked of the provider
 * (every refund on the payment), not read from the event, so a missed, repeated or reordered event
 * changes nothing: a refund is recorded once, by its id. Its money is on the order (in full: the order
 * is refunded), its mail goes to the shopper, and its units wait for the admin's decision (stockReview):
 * the shop cannot know whether anything came back. A refund that failed at the provider is an error
 * log, for the alarm: money the shopper was promised.
 */
async function refundNews(order: Order, event: OrderPaymentEvent, now: Date): Promise<Applied> {
  const status = event.refund?.status;
  const details = { eventId: event.eventId, type: event.providerType, orderId: order.orderId, refundId: event.refund?.refundId, status, amountCents: event.amountCents };
  if (status === 'failed' || status === 'requires_action' || status === 'canceled') {
    logger.error('A refund did not go through at the payment provider', details);
    raiseSignal('RefundFailed');
  }
  const known = new Set(order.refunds.map((r) => r.refundId));
  const made = await (await paymentGateway()).listRefunds(event.paymentId);
  const outside = made.filter((r) => !r.madeByShop && !known.has(r.refundId) && (r.status === 'succeeded' || r.status === 'pending'));
  if (outside.length === 0) {
    if (!(await recordOrderEvent(order.orderId, event.eventId))) return 'duplicate';
    logger.info('Refund news from the payment provider recorded on the order', details);
    return { order: { ...order, eventIds: [...order.eventIds, event.eventId] } };
  }
  const refunds: OrderRefund[] = outside.map((r) => ({
    refundId: r.refundId,
    amountCents: r.amountCents,
    at: new Date(r.created * 1000).toISOString(),
    reason: 'Refunded in the payment provider’s dashboard.',
    by: 'provider',
  }));
  const cents = refunds.reduce((sum, r) => sum + r.amountCents, 0);
  const refundedCents = Math.min(order.totalCents, order.refundedCents + cents);
  // In full: the order is refunded, as if the admin had refunded it here. In part: it goes on as it was.
  // In full: the order is refunded, as if the admin had refunded it here (no units come back with it). In part: it goes on as it was.
  const plan = isPaid(order.status) && refundedCents >= order.totalCents ? planTransition(order.status, 'refunded', 'system') : undefined;
  const to = plan?.ok ? plan.to : order.status;
  // Units of a paid order may have come back with it: the admin says (a task on the order's page).
  const unitsOut = order.items.some((item) => item.quantity > (order.returnedUnits[item.mineralId] ?? 0));
  const reviewStock = (isPaid(order.status) || order.status === 'refunded') && unitsOut;
  const write: TransitionWrite = {
    order,
    to,
    entry: entry(to, now, `Refunded ${formatUsd(cents)} at the payment provider.`),
    eventId: event.eventId,
    set: {
      refundedCents,
      refunds: [...order.refunds, ...refunds],
      ...(reviewStock ? { stockReview: [...order.stockReview, ...refunds.map((r) => r.refundId)] } : {}),
    },
    claimMails: refunds.map((r) => providerRefundMail(r.refundId)),
  };
  if (plan?.ok) await moveOrder(plan, write, { units: new Map() }, now);
  else if (!(await applyTransition(write, now))) throw new OrderChangedError('order changed');
  logger.warn('A refund made in the payment provider’s dashboard is recorded on its order', { ...details, refunds: refunds.map((r) => r.refundId), cents });
  return { order: orderAfter(write, now), claimed: write.claimMails };
}

const providerRefundMail = (refundId: string) => mailMark('orderRefunded', refundId);

/**
 * A dispute (chargeback): recorded on the order as the provider describes it now, newest news wins.
 * Opening one, and losing one, are error logs for the alarm: the dealer has days to answer it in the
 * provider's dashboard, and money is leaving. Not a step of the order's life: its timeline and status
 * stay as they are.
 */
async function disputeNews(order: Order, event: OrderPaymentEvent, now: Date): Promise<Applied> {
  const news = event.dispute;
  if (!news) return 'ignored';
  const earlier = order.disputes.find((d) => d.disputeId === news.disputeId);
  const dispute: OrderDispute = {
    disputeId: news.disputeId,
    status: news.status,
    reason: news.reason,
    amountCents: event.amountCents ?? earlier?.amountCents ?? order.totalCents,
    evidenceDueBy: news.evidenceDueBy ? new Date(news.evidenceDueBy * 1000).toISOString() : null,
    openedAt: earlier?.openedAt ?? new Date(event.created * 1000).toISOString(),
    updatedAt: new Date(event.created * 1000).toISOString(),
  };
  // An older event than the news already recorded changes nothing (Stripe does not promise the order).
  const disputes = earlier && earlier.updatedAt > dispute.updatedAt ? order.disputes : [...order.disputes.filter((d) => d !== earlier), dispute];
  const write: TransitionWrite = { order, to: order.status, entry: null, eventId: event.eventId, set: { disputes } };
  if (!(await applyTransition(write, now))) throw new OrderChangedError('order changed');
  const details = { orderId: order.orderId, disputeId: dispute.disputeId, status: dispute.status, reason: dispute.reason, amountCents: dispute.amountCents, evidenceDueBy: dispute.evidenceDueBy };
  const alarming = !earlier || (dispute.status === 'lost' && earlier.status !== 'lost');
  if (alarming) {
    logger.error('A payment is disputed: answer it in the payment provider’s dashboard', details);
    raiseSignal('PaymentDisputed');
  } else logger.info('Dispute news from the payment provider recorded on the order', details);
  return { order: orderAfter(write, now) };
}

/**
 * Whether a succeeded payment is this order's: its amount and currency must be the order's. Anything
 * else (a payment changed at the provider, a bug) is never taken as payment: the admin decides.
 */
function mismatchOf(order: Order, event: OrderPaymentEvent): string | undefined {
  const amountWrong = event.amountCents !== undefined && event.amountCents !== order.totalCents;
  const currencyWrong = event.currency !== undefined && event.currency.toUpperCase() !== CURRENCY;
  if (!amountWrong && !currencyWrong) return undefined;
  return `A payment of ${event.amountCents ?? '?'} ${(event.currency ?? CURRENCY).toUpperCase()} minor units came for an order of ${order.totalCents} ${CURRENCY}`;
}

/** The payment succeeded for the wrong amount or currency: noted (once), flagged for the admin, not paid. */
async function flagMismatch(order: Order, event: OrderPaymentEvent, now: Date, problem: string): Promise<Applied> {
  // Flagged already (the webhook, then the reconciliation job asking the provider): noted, nothing more.
  if (order.paymentMismatch?.paymentId === event.paymentId) {
    return (await recordOrderEvent(order.orderId, event.eventId)) ? { order: { ...order, eventIds: [...order.eventIds, event.eventId] } } : 'duplicate';
  }
  const mismatch: PaymentMismatch = { paymentId: event.paymentId, amountCents: event.amountCents ?? 0, currency: (event.currency ?? CURRENCY).toUpperCase(), at: now.toISOString() };
  const write: TransitionWrite = {
    order,
    to: order.status,
    entry: entry(order.status, now, 'A payment came in that does not match this order’s total. The shop will check it and be in touch.'),
    eventId: event.eventId,
    set: { paymentMismatch: mismatch, payment: { ...order.payment, paymentId: event.paymentId, status: 'succeeded', failureMessage: null } },
  };
  if (!(await applyTransition(write, now))) throw new OrderChangedError('order changed');
  logger.error('A payment does not match its order: the order is not marked paid', { orderId: order.orderId, problem });
  raiseSignal('PaymentMismatched');
  return { order: orderAfter(write, now) };
}

async function paid(order: Order, event: OrderPaymentEvent, now: Date): Promise<Applied> {
  const problem = mismatchOf(order, event);
  if (problem && isAwaitingPayment(order.status)) return flagMismatch(order, event, now, problem);
  // An order that no longer wants any payment sends a wrong one straight back, all of what it charged.
  if (problem && (order.status === 'expired' || order.status === 'cancelled')) {
    logger.error('A payment does not match its order, which had ended: refunded in full', { orderId: order.orderId, problem });
    raiseSignal('PaymentMismatched');
    return refundLatePayment(order, event, now, 'A payment came for this order after it had ended, so we refunded it in full.', event.amountCents);
  }
  if (isAwaitingPayment(order.status)) {
    const plan = planTransition(order.status, 'paid', 'system');
    if (!plan.ok) throw new Error(plan.message);
    const cart = await loadCart(order.cartId);
    const transition: TransitionWrite = {
      order,
      to: 'paid',
      entry: entry('paid', now, null),
      eventId: event.eventId,
      set: { payment: { ...order.payment, paymentId: event.paymentId, status: 'succeeded', failureMessage: null }, paidAt: now.toISOString() },
      claimMails: [PAID_MAIL],
    };
    try {
      await moveOrder(plan, transition, { cart: cart ?? null }, now);
    } catch (error) {
      // The holds lapsed before the payment came (the expiry job was late) and the units sold meanwhile.
      if (!(error instanceof StockGoneError)) throw error;
      return refundLatePayment(order, event, now, 'Your payment came after the minerals you were holding had sold, so we refunded it in full.');
    }
    // The lines of the cart frozen for this order are the ones just sold.
    await freeLastUnitSlots(cart && frozenFor(order, cart.header) ? cart.lines : []);
    return { order: orderAfter(transition, now), claimed: [PAID_MAIL] };
  }
  if (order.status === 'expired') return latePayment(order, event, now);
  if (order.status === 'cancelled') return refundLatePayment(order, event, now, 'You cancelled this order before the payment went through, so we refunded it in full.');
  // Already paid (or later): a replay of the same success under another event id changes nothing.
  return 'ignored';
}

/** The payment came after the order expired: take the stock again if it is still there, else refund. */
async function latePayment(order: Order, event: OrderPaymentEvent, now: Date): Promise<Applied> {
  const plan = planTransition(order.status, 'paid', 'system');
  if (!plan.ok) throw new Error(plan.message);
  const transition: TransitionWrite = {
    order,
    to: 'paid',
    entry: entry('paid', now, 'The payment arrived after the payment window; the stock was still there.'),
    eventId: event.eventId,
    set: { payment: { ...order.payment, paymentId: event.paymentId, status: 'succeeded', failureMessage: null }, paidAt: now.toISOString() },
    claimMails: [PAID_MAIL],
  };
  try {
    await moveOrder(plan, transition, {}, now);
    return { order: orderAfter(transition, now), claimed: [PAID_MAIL] };
  } catch (error) {
    if (!(error instanceof StockGoneError)) throw error;
    return refundLatePayment(order, event, now, 'Your payment arrived after the order had expired and its minerals had sold, so we refunded it in full.');
  }
}

/** Refunds the payment in full: the order's total, or `chargedCents` when the payment was for another amount. */
async function refundLatePayment(order: Order, event: OrderPaymentEvent, now: Date, note: string, chargedCents = order.totalCents): Promise<Applied> {
  const plan = planTransition(order.status, 'refunded', 'system');
  if (!plan.ok) throw new Error(plan.message);
  const gateway = await paymentGateway();
  const refund = await gateway.refund({
    paymentId: event.paymentId,
    amountCents: chargedCents,
    orderId: order.orderId,
    idempotencyKey: `order-${order.orderId}-late-refund`,
  });
  // An order still open in its cart gives the cart back to the shopper (holds gone, lines kept).
  const cart = plan.reopensCart ? await loadCart(order.cartId) : undefined;
  const transition: TransitionWrite = {
    order,
    to: 'refunded',
    entry: entry('refunded', now, note),
    eventId: event.eventId,
    set: {
      payment: { ...order.payment, paymentId: event.paymentId, status: 'succeeded', failureMessage: null },
      refundedCents: order.totalCents,
      refunds: [...order.refunds, { refundId: refund.refundId, amountCents: refund.amountCents, at: now.toISOString(), reason: note, by: 'shop' }],
    },
    claimMails: [LATE_REFUND_MAIL],
  };
  await moveOrder(plan, transition, { cart: cart ?? null }, now);
  logger.warn('A payment came for an order that no longer wanted it and was refunded in full', { orderId: order.orderId, from: order.status });
  raiseSignal('LatePaymentRefunded');
  return { order: orderAfter(transition, now), claimed: [LATE_REFUND_MAIL] };
}

/** The mail that goes with what the event did, queued once (the order remembers it). */
async function finishFollowUps(order: Order, event: PaymentEvent, claimed: readonly string[] = []): Promise<void> {
  const last = order.timeline[order.timeline.length - 1];
  if (!last) return;
  if (event.type === 'refund_updated') {
    for (const r of order.refunds.filter((refund) => refund.by === 'provider')) {
      await sendOrderMail(order, 'orderRefunded', r.refundId, { refundCents: r.amountCents, claimed: claimed.includes(providerRefundMail(r.refundId)) });
    }
    return;
  }
  if (order.status === 'paid' && event.type === 'payment_succeeded') await sendOrderMail(order, 'orderConfirmation', 'paid', { claimed: claimed.includes(PAID_MAIL) });
  else if (order.status === 'refunded' && event.type === 'payment_succeeded') {
    await sendOrderMail(order, 'orderRefunded', 'late-refund', { note: last.note ?? undefined, refundCents: order.totalCents, claimed: claimed.includes(LATE_REFUND_MAIL) });
  }
}

/** Sold units hold nothing: their lines' last-unit slots are free again (best effort; a slot also frees when its time is up). */
async function freeLastUnitSlots(lines: readonly CartLine[]): Promise<void> {
  for (const line of lines) {
    if (!line.lastUnitSlot) continue;
    await releaseSlot(line.lastUnitSlot, line.cartId, line.mineralId).catch((error: unknown) => {
      logger.warn('Could not free a last-unit slot after a sale', { cartId: line.cartId, mineralId: line.mineralId, error });
    });
  }
}
