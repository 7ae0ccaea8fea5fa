// Guest tracking links applied to orders. A link's token opens its order only while the order's link
// life lasts (trackingLinkEnd, shared/domain/trackingLinks.ts) and only in the order's current link
// generation (trackingVersion): the dealer's "replace tracking link" moves the generation on, so every
// link mailed so far stops working, and mails the guest a fresh one. Both are checked against the order
// as stored, so tokens mailed before either existed (one-year tokens without a generation, read as
// generation 0) end with their order's life too, and with the first replacement.
import { issueTrackingToken, readTrackingToken } from '../auth/trackingTokens';
import type { Actor } from '../db/audit';
import { retryRaces } from '../db/conflicts';
import { OrderChangedError } from '../db/orderStock';
import { applyTransition, getOrder, type Order } from '../db/orders';
import { trackingLinkEnd } from '../domain/trackingLinks';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import { ConflictError, NotFoundError } from '../errors';
import { orderAudit } from './orderAudit';

/** A token for the order's tracking link: its current generation, ending with the order's link life. */
export function trackingTokenOf(order: Pick<Order, 'orderId' | 'status' | 'createdAt' | 'timeline' | 'trackingVersion'>, now = new Date()): Promise<string> {
  return issueTrackingToken(order.orderId, now, { version: order.trackingVersion ?? 0, until: trackingLinkEnd(order) });
}

/**
 * The order a tracking link opens. Undefined — for the caller to answer exactly as "no such order" —
 * for a wrong or expired token, a token of an earlier generation, an order past its link life, or no order.
 */
export async function orderOfTrackingLink(orderId: string, token: string | undefined, now = new Date()): Promise<Order | undefined> {
  if (!token) return undefined;
  // The signature first: a forged token costs no read.
  const link = await readTrackingToken(token, orderId, now);
  if (!link) return undefined;
  const order = await getOrder(orderId);
  if (!order || link.version !== (order.trackingVersion ?? 0) || now.getTime() >= trackingLinkEnd(order).getTime()) return undefined;
  return order;
}

const linkRaces = {
  lost: (error: unknown) => error instanceof OrderChangedError,
  exhausted: (cause: unknown) => new ConflictError('The order kept changing while its tracking link was replaced; try again.', 'order_busy', { cause }),
};

/**
 * The dealer's "replace tracking link" (a guest forwarded their mail, or it leaked): every tracking
 * and payment link mailed so far stops opening the order, and the guest is mailed a fresh one. Each
 * call is a new generation and a new mail; the change is a timeline note with its audit record.
 */
export async function replaceTrackingLink(orderId: string, by: Actor, now = new Date()): Promise<{ orderId: string; trackingVersion: number; mailedTo: string }> {
  const order = await retryRaces(async () => {
    const read = await getOrder(orderId);
    if (!read) throw new NotFoundError(`No order with id ${orderId}.`);
    if (read.owner.kind !== 'guest') {
      throw new ConflictError(`Order ${read.number} belongs to a customer account: it has no tracking link (the customer sees it signed in).`, 'not_a_guest_order');
    }
    const trackingVersion = (read.trackingVersion ?? 0) + 1;
    const ok = await applyTransition(
      {
        order: read,
        to: read.status,
        entry: { status: read.status, at: now.toISOString(), by: 'admin', note: 'Tracking link replaced: earlier links no longer open this order; a new one was mailed.' },
        set: { trackingVersion },
        audit: orderAudit(read, 'order.tracking-link-replaced', by, now, {}),
      },
      now,
    );
    if (!ok) throw new OrderChangedError('order changed');
    return { ...read, trackingVersion };
  }, linkRaces);
  await enqueueEmail({
    to: order.email,
    template: 'trackingLinkReplaced',
    data: { name: order.customerName, orderNumber: order.number, orderUrl: `${SHOP_URL}/orders/${order.orderId}/track?token=${await trackingTokenOf(order, now)}` },
  });
  return { orderId: order.orderId, trackingVersion: order.trackingVersion ?? 0, mailedTo: order.email };
}
