// What an admin does to an order: move it along (packed, shipped, delivered), cancel it, refund it.
// Every change is checked by the state machine (shared/domain/orders.ts) and written conditionally on
// the order as read. Money moves first, through the provider, with an idempotency key derived from
// the admin's request (its Idempotency-Key, or the request id), so a retry of the request — or of its
// write after a lost race — finds the same refund instead of making a second one; the stock that comes back moves in the same transaction as the
// order's change (shared/db/orderStock.ts), so it comes back once. Each change carries its audit
// record (who, what, before and after) in that same transaction.
import type { Actor } from '../db/audit';
import { retryRaces } from '../db/conflicts';
import { moveOrder, OrderChangedError, returnedAfter, returnUnits } from '../db/orderStock';
import { getOrder, type Order, type OrderRefund } from '../db/orders';
import { checkRefund, isAwaitingPayment, isPaid, planTransition, type AdminTransition, type TransitionPlan } from '../domain/orders';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { paymentGateway } from '../payments/gateway';
import { RefundExceedsPaymentError } from '../payments/stripeGateway';
import { sendOrderMail } from './mailing';
import { cancelUnpaid } from './unpaidOrders';
import { checkTracking } from '../domain/carriers';
import { adminOrderView } from './views';
import { unitsToReturn, type UnitsBack } from './returns';
import { orderAudit } from './orderAudit';


export interface TransitionRequest {
  to: AdminTransition;
  carrier?: string | undefined;
  trackingNumber?: string | undefined;
  trackingUrl?: string | undefined;
  note?: string | undefined;
}

export interface RefundRequest {
  /** Cents to refund; everything not yet refunded when absent. */
  amountCents?: number | undefined;
  reason?: string | undefined;
  /** Units to put back on the shelf: true for every unit not yet returned, or per mineral. */
  returnStock?: UnitsBack | undefined;
}

async function load(orderId: string): Promise<Order> {
  const order = await getOrder(orderId);
  if (!order) throw new NotFoundError(`No order with id ${orderId}.`);
  return order;
}

/** The order changed between reading it and writing: read it again and decide again; in the end, a clear 409. */
const orderRaces = {
  lost: (error: unknown) => error instanceof OrderChangedError,
  // A refund the provider kept refusing although the order never changed here: the provider's refusal is the answer.
  exhausted: (cause: unknown) =>
    cause instanceof OrderChangedError && cause.cause instanceof RefundExceedsPaymentError
      ? cause.cause
      : new ConflictError('The order kept changing while this was applied; look at it again and retry.', 'order_busy', { cause }),
};

/** Another admin changed the order (cancelled or refunded it) between this request's first read and now: a 409 that says where it is. */
const changedMeanwhile = (order: Order) =>
  new ConflictError(`Order ${order.number} changed meanwhile: it is now ${order.status}. Look at it again.`, 'order_changed', { details: { status: order.status } });

/** Moves an order to the status the admin asks for, with what comes with it (tracking, refund, stock, mail). */
export async function transitionOrder(orderId: string, request: TransitionRequest, requestKey: string, by: Actor, now = new Date()) {
  let firstSeen: Order['status'] | undefined;
  return retryRaces(async () => {
    const order = await load(orderId);
    firstSeen ??= order.status;
    // Already there (a retried request): make sure its mail went out, and answer as the first time.
    if (order.status === request.to && request.to !== 'cancelled') {
      const cameFrom = order.timeline.at(-2)?.status;
      const earlier = cameFrom ? planTransition(cameFrom, request.to, 'admin') : undefined;
      if (earlier?.ok && earlier.mail) await sendOrderMail(order, earlier.mail, request.to);
      return adminOrderView(order);
    }
    if (request.to === 'cancelled' && isAwaitingPayment(order.status)) {
      return adminOrderView(await cancelUnpaid(orderId, 'admin', request.note ?? 'Cancelled by the shop before payment.', now, by));
    }
    const plan = planTransition(order.status, request.to, 'admin');
    if (!plan.ok && order.status !== firstSeen) throw changedMeanwhile(order);
    if (!plan.ok) throw new ConflictError(plan.message, 'invalid_transition', { details: { status: order.status } });
    const entry = { status: request.to, at: now.toISOString(), by: 'admin' as const, note: request.note ?? null };
    if (plan.money === 'refund-in-full') {
      await refundAndRecord(order, { amountCents: order.totalCents - order.refundedCents, reason: request.note, returnStock: plan.stock === 'return-sold' }, plan, requestKey, by, now, `order.${request.to}`);
    } else {
      // The body was checked (shared/http/schemas/adminOrders.ts): a known carrier's number is normalized and linked.
      const checked = request.to === 'shipped' ? checkTracking(request.carrier!, request.trackingNumber!, request.trackingUrl ?? null) : undefined;
      if (checked && !checked.ok) throw new ValidationError(checked.message, 'invalid_tracking');
      const tracking = checked?.ok ? { carrier: checked.carrier, trackingNumber: checked.trackingNumber, url: checked.url } : undefined;
      const audit = orderAudit(order, `order.${request.to}`, by, now, { status: request.to, ...(tracking ? { tracking } : {}) });
      await moveOrder(plan, { order, to: request.to, entry, audit, ...(tracking ? { set: { tracking } } : {}) }, {}, now);
    }
    const after = await load(orderId);
    if (plan.mail) await sendOrderMail(after, plan.mail, request.to, { refundCents: after.refundedCents - order.refundedCents });
    return adminOrderView(after);
  }, orderRaces);
}

/** Refunds an order in full or in part through the provider, optionally putting stock back. */
export async function refundOrder(orderId: string, request: RefundRequest, requestKey: string, by: Actor, now = new Date()) {
  let firstSeen: Order['status'] | undefined;
  return retryRaces(async () => {
    const order = await load(orderId);
    firstSeen ??= order.status;
    if (!isPaid(order.status) && order.status !== firstSeen) throw changedMeanwhile(order);
    if (!isPaid(order.status)) {
      throw new ConflictError(`Order ${order.number} is ${order.status.replace('_', ' ')}: only a paid order can be refunded.`, 'invalid_transition');
    }
    const amount = request.amountCents ?? order.totalCents - order.refundedCents;
    const check = checkRefund(order.totalCents, order.refundedCents, amount);
    if (!check.ok) throw new ValidationError(check.message, 'invalid_refund');
    // The last of the money back is the transition to refunded; a part refund changes no status.
    const plan = check.completes ? planTransition(order.status, 'refunded', 'admin') : null;
    if (plan && !plan.ok) throw new ConflictError(plan.message, 'invalid_transition');
    const refund = await refundAndRecord(order, { ...request, amountCents: amount }, plan, requestKey, by, now, 'order.refund');
    const after = await load(orderId);
    await sendOrderMail(after, 'orderRefunded', refund.refundId, { refundCents: refund.amountCents, note: request.reason });
    return adminOrderView(after);
  }, orderRaces);
}

async function refundAtProvider(order: Order, amountCents: number, requestKey: string) {
  if (!order.payment.paymentId) throw new ConflictError(`Order ${order.number} has no payment to refund.`, 'invalid_refund');
  const gateway = await paymentGateway();
  return gateway.refund({
    paymentId: order.payment.paymentId,
    amountCents,
    orderId: order.orderId,
    idempotencyKey: `order-${order.orderId}-refund-${requestKey}`,
  });
}

/**
 * Refunds `amountCents` at the provider (idempotently: the key names the admin's request, so a retry
 * finds the same refund), then records it with the status change `plan` (none for a part refund) and
 * the stock that comes back.
 */
async function refundAndRecord(
  order: Order,
  request: RefundRequest & { amountCents: number },
  plan: TransitionPlan | null,
  requestKey: string,
  by: Actor,
  now: Date,
  action: string,
): Promise<OrderRefund> {
  const units = unitsToReturn(order, request.returnStock);
  // Nothing to pay back (a free order, or one refunded already): only the stock and the status change.
  const made =
    request.amountCents === 0
      ? { refundId: 'none', amountCents: 0 }
      : await refundAtProvider(order, request.amountCents, requestKey).catch((error: unknown) => {
          // Most likely another admin's refund or cancel of this order won at the provider and is being recorded: read again.
          throw error instanceof RefundExceedsPaymentError ? new OrderChangedError('the payment was refunded meanwhile', { cause: error }) : error;
        });
  // A retried request got the refund it made the first time: it is recorded already.
  const recorded = order.refunds.find((r) => r.refundId === made.refundId && made.refundId !== 'none');
  if (recorded) return recorded;
  const refund: OrderRefund = { refundId: made.refundId, amountCents: made.amountCents, at: now.toISOString(), reason: request.reason ?? null, by: 'shop' };
  const to = plan?.to ?? order.status;
  const dollars = (refund.amountCents / 100).toFixed(2);
  const returned = [...units.values()].reduce((n, q) => n + q, 0);
  const write = {
    order,
    to,
    entry: {
      status: to,
      at: now.toISOString(),
      by: 'admin' as const,
      note: [`Refunded $${dollars}.`, returned > 0 ? `${returned} unit(s) back on the shelf.` : null, request.reason ?? null].filter(Boolean).join(' '),
    },
    set: { refundedCents: order.refundedCents + refund.amountCents, refunds: [...order.refunds, refund] },
    audit: orderAudit(order, action, by, now, { status: to, refundedCents: order.refundedCents + refund.amountCents, returnedUnits: returnedAfter(order, units) }),
  };
  if (plan) await moveOrder(plan, write, { units }, now);
  else await returnUnits(write, units, now);
  return refund;
}
