// How long a guest's tracking link opens its order: the order's own life, not a fixed year. The link
// is a bearer secret in a URL (mail, browser history), so it should stop working once the buyer no
// longer needs it: after delivery, the return window and a return's refund; for an order that ended
// without delivery, long enough to see the refund; for an order never marked delivered, a cap.
// Delivery and closing count from their first timeline entry (notes repeat a status). Every later
// change of the order (a late refund) keeps it open a while, so the mail that tells of it
// carries a working link. Pure: shared/orders/trackingLinks.ts applies it to tokens and orders.
import type { OrderStatus } from './orders';
import { RETURN_WINDOW_DAYS } from './policies';

export const TRACKING_LINK_RULES = {
  /** After delivery: the return window (RETURN_WINDOW_DAYS), plus this for a return in the post and its refund. */
  daysAfterReturnWindow: 14,
  /** An order that ended undelivered (cancelled, refunded, expired): long enough to see its refund. */
  daysAfterClosed: 30,
  /** An order never marked delivered: this long after it was placed, at most (a lost parcel is settled by then). */
  maxDaysUndelivered: 120,
  /** Any change of the order keeps its link working at least this long after it (the mail about it links to the order). */
  daysAfterLastChange: 30,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const CLOSED_UNDELIVERED: readonly OrderStatus[] = ['cancelled', 'refunded', 'expired'];

export interface TrackedOrderLife {
  status: OrderStatus;
  createdAt: string;
  timeline: ReadonlyArray<{ status: OrderStatus; at: string }>;
}

const plusDays = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * DAY_MS);

/** When the order's tracking links stop working (see TRACKING_LINK_RULES). */
export function trackingLinkEnd(order: TrackedOrderLife): Date {
  const delivered = order.timeline.find((e) => e.status === 'delivered');
  const closed = CLOSED_UNDELIVERED.includes(order.status) ? order.timeline.find((e) => e.status === order.status) : undefined;
  const life = delivered
    ? plusDays(delivered.at, RETURN_WINDOW_DAYS + TRACKING_LINK_RULES.daysAfterReturnWindow)
    : closed
      ? plusDays(closed.at, TRACKING_LINK_RULES.daysAfterClosed)
      : plusDays(order.createdAt, TRACKING_LINK_RULES.maxDaysUndelivered);
  const lastChange = order.timeline.at(-1);
  const afterLastChange = lastChange ? plusDays(lastChange.at, TRACKING_LINK_RULES.daysAfterLastChange) : life;
  return new Date(Math.max(life.getTime(), afterLastChange.getTime()));
}
