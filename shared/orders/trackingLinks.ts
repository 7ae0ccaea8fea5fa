// Guest tracking links applied to orders. A link's token opens its order only while the order's link
// life lasts (trackingLinkEnd, shared/domain/trackingLinks.ts) and only in the order's current link
// generation (trackingVersion): the dealer's "replace tracking link" (replaceTrackingLink.ts) moves the
// generation on, so every link mailed so far stops working, and mails the guest a fresh one. Both are
// checked against the order as stored, so tokens mailed before either existed (one-year tokens without
// a generation, read as generation 0) end with their order's life too, and with the first replacement.
import { issueTrackingToken, readTrackingToken } from '../auth/trackingTokens';
import { getOrder, type Order } from '../db/orders';
import { trackingLinkEnd } from '../domain/trackingLinks';

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
